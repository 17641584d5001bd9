{#- Selects each raw column as trimmed text (empty string -> null), whatever type the raw file
    had (seeds are text, Parquet is typed), plus `original_row`: the raw row as a struct of text
    values, from which the quarantine's JSON text is built (`original_values`), and `has_control_characters`: true when any value holds a control
    character other than tab and line breaks (a NUL byte in a name; "invalid_text" quarantine). -#}
{% macro text_columns(columns) -%}
    {%- for column in columns %}
        nullif(trim(cast({{ column }} as {{ dbt.type_string() }})), '') as {{ column }},
    {%- endfor %}
        {{ kundenstamm.has_control_characters(columns) }} as has_control_characters,
        {{ kundenstamm.raw_row(columns) }} as original_row
{%- endmacro %}

{#- True when any of the columns holds a control character (U+0000-U+0008, U+000B, U+000C,
    U+000E-U+001F, U+007F). -#}
{% macro has_control_characters(columns) -%}
    {{ return(adapter.dispatch('has_control_characters', 'kundenstamm')(columns)) }}
{%- endmacro %}

{% macro default__has_control_characters(columns) -%}
    coalesce(regexp_matches(concat_ws('', {% for column in columns %}cast({{ column }} as {{ dbt.type_string() }}){{ ', ' if not loop.last }}{% endfor %}), '[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]'), false)
{%- endmacro %}

{% macro spark__has_control_characters(columns) -%}
    coalesce(concat_ws('', {% for column in columns %}cast({{ column }} as {{ dbt.type_string() }}){{ ', ' if not loop.last }}{% endfor %}) rlike '[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]', false)
{%- endmacro %}
