{#- dbt's safe_cast is a plain cast on DuckDB and Spark, which raises on bad input (Spark under
    ANSI mode). Both engines have try_cast, which returns null instead, so staging can quarantine
    the row with a reason. Found first through the project's `dispatch` search order. -#}
{% macro duckdb__safe_cast(field, type) -%}
    try_cast({{ field }} as {{ type }})
{%- endmacro %}

{% macro spark__safe_cast(field, type) -%}
    try_cast({{ field }} as {{ type }})
{%- endmacro %}
