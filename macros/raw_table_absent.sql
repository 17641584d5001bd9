{#- True when raw table `identifier` was not delivered (no file in the raw folder), so it is an
    empty table made by `register_raw_files`: its note has said so, and the quarantine notice
    does not warn about it again. -#}
{% macro raw_table_absent(identifier) -%}
    {%- if not var('raw_data_path') or not execute -%}
        {{ return(false) }}
    {%- endif -%}
    {{ return(adapter.dispatch('raw_table_absent', 'kundenstamm')(identifier)) }}
{%- endmacro %}

{% macro default__raw_table_absent(identifier) -%}
    {%- set rows = run_query(
        "select count(*) from duckdb_tables() where schema_name = 'raw' and table_name = '"
        ~ identifier ~ "' and comment = 'kundenstamm: not delivered'"
    ).rows -%}
    {{ return(rows[0][0] | int > 0) }}
{%- endmacro %}

{% macro spark__raw_table_absent(identifier) -%}
    {%- set rows = run_query("show tblproperties raw." ~ identifier ~ " ('kundenstamm.delivered')").rows -%}
    {{ return(rows | length > 0 and rows[0][-1] == 'false') }}
{%- endmacro %}
