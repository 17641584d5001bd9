{#- Run at the start of every dbt command (`on-run-start`). With `raw_data_path` set, the raw
    tables are the user's files read in place: on DuckDB through the sources' external location
    (see dbt_project.yml); on Spark each source becomes a table `raw.<identifier>` over its file
    (`using parquet`, or `using csv` with every column as text and the header's names, read like
    DuckDB's read_csv: comma, double quotes escaped by doubling, quoted line breaks). Nothing is
    copied: a table is re-pointed at the files on every run. -#}
{% macro register_raw_files() -%}
    {{ return(adapter.dispatch('register_raw_files', 'kundenstamm')()) }}
{%- endmacro %}

{% macro default__register_raw_files() -%}
    {{ return('') }}
{%- endmacro %}

{% macro spark__register_raw_files() -%}
    {%- set folder = var('raw_data_path') -%}
    {%- if not folder or not execute -%}
        {{ return('') }}
    {%- endif -%}
    {%- set file_format = var('raw_data_format') -%}
    {%- if file_format not in ('parquet', 'csv') -%}
        {{ exceptions.raise_compiler_error("raw_data_format must be parquet or csv, not '" ~ file_format ~ "'") }}
    {%- endif -%}
    {%- set schemas = [] -%}
    {%- for source in graph.sources.values() if source.source_name != 'python_steps' -%}
        {%- if source.schema not in schemas -%}
            {%- do run_query('create database if not exists ' ~ source.schema) -%}
            {%- do schemas.append(source.schema) -%}
        {%- endif -%}
        {%- set table = source.schema ~ '.' ~ source.identifier -%}
        {%- set location = kundenstamm.spark_string_literal(folder ~ '/' ~ source.identifier ~ '.' ~ file_format) -%}
        {%- set existing = adapter.get_relation(database=none, schema=source.schema, identifier=source.identifier) -%}
        {%- if existing is not none -%}
            {%- do adapter.drop_relation(existing) -%}
        {%- endif -%}
        {%- if file_format == 'parquet' -%}
            {%- do run_query('create table ' ~ table ~ ' using parquet location ' ~ location) -%}
        {%- else -%}
            {%- do run_query(
                'create table ' ~ table ~ ' using csv options ('
                ~ "header 'true', inferSchema 'false', sep ',', quote '\"', escape '\"', "
                ~ "multiLine 'true', mode 'FAILFAST', encoding 'UTF-8') location " ~ location
            ) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return('') }}
{%- endmacro %}
