{#- Marks the DuckDB build database as `running` at the start of every dbt command and
    `finished` at its end (on-run-start / on-run-end), with dbt's invocation id. `kundenstamm
    publish` publishes only a database whose last command finished and whose results it has
    read: a killed build leaves `running`, and its stale results cannot be taken for its own.
    It also records what the command was built from and with: the raw folder and format
    (`raw_data_path`, `raw_data_format`; empty: the seeds) and the `--vars` given to dbt as JSON,
    so `kundenstamm check` checks the warehouse against the sources and settings of its build. -#}
{% macro record_build_state(state) -%}
    {{ return(adapter.dispatch('record_build_state', 'kundenstamm')(state)) }}
{%- endmacro %}

{% macro default__record_build_state(state) -%}
    {{ return('') }}
{%- endmacro %}

{% macro duckdb__record_build_state(state) -%}
    {%- if execute -%}
        {%- do run_query("create schema if not exists meta") -%}
        {%- set cli_vars = tojson(invocation_args_dict.get('vars') or {}) -%}
        {%- do run_query(
            "create or replace table meta.build_state as select '" ~ state ~ "' as state, '"
            ~ invocation_id ~ "' as invocation_id, current_timestamp as recorded_at, '"
            ~ (var('raw_data_path', '') ~ '') | replace("'", "''") ~ "' as raw_data_path, '"
            ~ (var('raw_data_format', '') ~ '') | replace("'", "''") ~ "' as raw_data_format, '"
            ~ cli_vars | replace("'", "''") ~ "' as cli_vars"
        ) -%}
    {%- endif -%}
    {{ return('') }}
{%- endmacro %}
