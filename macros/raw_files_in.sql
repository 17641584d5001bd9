{#- The names of the files `*.<file_format>` directly in `folder`, listed by the engine that
    reads them (so a cloud path works on Spark), for `register_raw_files`. -#}
{% macro raw_files_in(folder, file_format) -%}
    {{ return(adapter.dispatch('raw_files_in', 'kundenstamm')(folder, file_format)) }}
{%- endmacro %}

{% macro default__raw_files_in(folder, file_format) -%}
    {%- set pattern = (folder ~ '/*.' ~ file_format) | replace("'", "''") -%}
    {%- set rows = run_query("select parse_filename(file) from glob('" ~ pattern ~ "')").rows -%}
    {{ return(rows | map(attribute=0) | list) }}
{%- endmacro %}

{% macro spark__raw_files_in(folder, file_format) -%}
    {#- binaryFile lists the folder; the file contents are not read (only `path` is selected) -#}
    {%- do run_query(
        'create or replace temporary view kundenstamm_raw_listing using binaryFile options (path '
        ~ kundenstamm.spark_string_literal(folder) ~ ", pathGlobFilter '*." ~ file_format ~ "')"
    ) -%}
    {%- set rows = run_query('select path from kundenstamm_raw_listing').rows -%}
    {%- set names = [] -%}
    {%- for row in rows -%}
        {%- do names.append(row[0].rstrip('/').split('/')[-1]) -%}
    {%- endfor -%}
    {{ return(names) }}
{%- endmacro %}
