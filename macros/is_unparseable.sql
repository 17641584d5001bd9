{#- True when a text value is present but cannot be cast to the type. -#}
{% macro is_unparseable(column, type) -%}
    ({{ column }} is not null and {{ dbt.safe_cast(column, type) }} is null)
{%- endmacro %}
