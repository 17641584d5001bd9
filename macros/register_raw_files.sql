{#- Run at the start of every dbt command (`on-run-start`). With `raw_data_path` set, the raw
    tables are the user's files read in place: each source becomes `raw.<identifier>` over its
    file - on DuckDB a view over read_parquet / read_csv (every column as text), on Spark a table
    `using parquet`, or `using csv` with every column as text and the header's names, read like
    DuckDB's read_csv (comma, double quotes escaped by doubling, quoted line breaks). Nothing is
    copied: a relation is re-pointed at the files on every run.
    A raw table whose file is not in the folder is optional: it becomes an empty table with the
    contract's columns, marked as not delivered (see `raw_table_absent`), and a note says what
    stays empty without it (the source's `meta.if_absent` in the sources YAML). -#}
{% macro register_raw_files() -%}
    {%- set folder = var('raw_data_path') -%}
    {%- if not folder or not execute -%}
        {{ return('') }}
    {%- endif -%}
    {%- set file_format = var('raw_data_format') -%}
    {%- if file_format not in ('parquet', 'csv') -%}
        {{ exceptions.raise_compiler_error("raw_data_format must be parquet or csv, not '" ~ file_format ~ "'") }}
    {%- endif -%}
    {%- set delivered = kundenstamm.raw_files_in(folder, file_format) -%}
    {%- set schemas = [] -%}
    {%- for source in graph.sources.values() if source.source_name != 'python_steps' -%}
        {%- if source.schema not in schemas -%}
            {%- do run_query('create schema if not exists ' ~ source.schema) -%}
            {%- do schemas.append(source.schema) -%}
        {%- endif -%}
        {%- set file_name = source.identifier ~ '.' ~ file_format -%}
        {%- set existing = adapter.get_relation(database=(none if target.type == 'spark' else target.database), schema=source.schema, identifier=source.identifier) -%}
        {%- if existing is not none -%}
            {%- do adapter.drop_relation(existing) -%}
        {%- endif -%}
        {%- if file_name in delivered -%}
            {%- do run_query(kundenstamm.raw_file_relation(source.schema ~ '.' ~ source.identifier, folder ~ '/' ~ file_name, file_format)) -%}
        {%- else -%}
            {%- for statement in kundenstamm.absent_raw_table(source.schema ~ '.' ~ source.identifier, source.columns.keys() | list) -%}
                {%- do run_query(statement) -%}
            {%- endfor -%}
            {%- do log(
                'Note: raw.' ~ source.identifier ~ ': no file ' ~ file_name ~ ' in the raw folder, read as an empty table. '
                ~ 'Without it: ' ~ source.meta.get('if_absent', 'models that need it are empty.'),
                info=true
            ) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return('') }}
{%- endmacro %}
