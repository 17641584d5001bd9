{#- Selects each raw column as trimmed text (empty string -> null), whatever type the raw file
    had (seeds are text, Parquet is typed), plus `original_values`: the raw row as JSON text,
    kept for the quarantine. -#}
{% macro text_columns(columns) -%}
    {%- for column in columns %}
        nullif(trim(cast({{ column }} as {{ dbt.type_string() }})), '') as {{ column }},
    {%- endfor %}
        {{ kundenstamm.row_to_json(columns) }} as original_values
{%- endmacro %}
