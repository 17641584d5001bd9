{#- The statement that makes `relation` (schema.identifier) read the raw file at `location` in
    place, every column as text (`register_raw_files`). -#}
{% macro raw_file_relation(relation, location, file_format) -%}
    {{ return(adapter.dispatch('raw_file_relation', 'kundenstamm')(relation, location, file_format)) }}
{%- endmacro %}

{% macro default__raw_file_relation(relation, location, file_format) -%}
    {%- set quoted = location | replace("'", "''") -%}
    {%- if file_format == 'parquet' -%}
        {{ return('create or replace view ' ~ relation ~ " as select * from read_parquet('" ~ quoted ~ "')") }}
    {%- endif -%}
    {{ return(
        'create or replace view ' ~ relation ~ " as select * from read_csv('" ~ quoted ~ "', header = true, "
        ~ "all_varchar = true, delim = ',', quote = '\"', strict_mode = true)"
    ) }}
{%- endmacro %}

{% macro spark__raw_file_relation(relation, location, file_format) -%}
    {%- set literal = kundenstamm.spark_string_literal(location) -%}
    {%- if file_format == 'parquet' -%}
        {{ return('create table ' ~ relation ~ ' using parquet location ' ~ literal) }}
    {%- endif -%}
    {{ return(
        'create table ' ~ relation ~ ' using csv options ('
        ~ "header 'true', inferSchema 'false', sep ',', quote '\"', escape '\"', "
        ~ "multiLine 'true', mode 'FAILFAST', encoding 'UTF-8') location " ~ literal
    ) }}
{%- endmacro %}
