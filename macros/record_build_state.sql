{#- Marks the DuckDB build database as `running` at the start of every dbt command and
    `finished` at its end (on-run-start / on-run-end), with dbt's invocation id. `kundenstamm
    publish` publishes only a database whose last command finished and whose results it has
    read: a killed build leaves `running`, and its stale results cannot be taken for its own. -#}
{% macro record_build_state(state) -%}
    {{ return(adapter.dispatch('record_build_state', 'kundenstamm')(state)) }}
{%- endmacro %}

{% macro default__record_build_state(state) -%}
    {{ return('') }}
{%- endmacro %}

{% macro duckdb__record_build_state(state) -%}
    {%- if execute -%}
        {%- do run_query("create schema if not exists meta") -%}
        {%- do run_query(
            "create or replace table meta.build_state as select '" ~ state ~ "' as state, '"
            ~ invocation_id ~ "' as invocation_id, current_timestamp as recorded_at"
        ) -%}
    {%- endif -%}
    {{ return('') }}
{%- endmacro %}
