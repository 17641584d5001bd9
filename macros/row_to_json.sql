{#- The given raw columns of the current row as one struct of text values (`original_row`), so the
    JSON text of the raw row (`original_values`) is built only for the rows that need it. -#}
{% macro raw_row(columns) -%}
    {{ return(adapter.dispatch('raw_row', 'kundenstamm')(columns)) }}
{%- endmacro %}

{% macro default__raw_row(columns) -%}
    struct_pack(
        {%- for column in columns %}
        {{ column }} := cast({{ column }} as {{ dbt.type_string() }}){{ ',' if not loop.last }}
        {%- endfor %}
    )
{%- endmacro %}

{% macro spark__raw_row(columns) -%}
    named_struct(
        {%- for column in columns %}
        '{{ column }}', cast({{ column }} as {{ dbt.type_string() }}){{ ',' if not loop.last }}
        {%- endfor %}
    )
{%- endmacro %}

{#- A struct of text values (raw_row) as a JSON object in text form, null fields kept. -#}
{% macro row_to_json(struct_column) -%}
    {{ return(adapter.dispatch('row_to_json', 'kundenstamm')(struct_column)) }}
{%- endmacro %}

{% macro default__row_to_json(struct_column) -%}
    cast(to_json({{ struct_column }}) as {{ dbt.type_string() }})
{%- endmacro %}

{% macro spark__row_to_json(struct_column) -%}
    to_json({{ struct_column }}, map('ignoreNullFields', 'false'))
{%- endmacro %}
