{#- The given columns of the current row as a JSON object in text form. -#}
{% macro row_to_json(columns) -%}
    {{ return(adapter.dispatch('row_to_json', 'kundenstamm')(columns)) }}
{%- endmacro %}

{% macro default__row_to_json(columns) -%}
    cast(to_json(struct_pack(
        {%- for column in columns %}
        {{ column }} := cast({{ column }} as {{ dbt.type_string() }}){{ ',' if not loop.last }}
        {%- endfor %}
    )) as {{ dbt.type_string() }})
{%- endmacro %}

{% macro spark__row_to_json(columns) -%}
    to_json(named_struct(
        {%- for column in columns %}
        '{{ column }}', cast({{ column }} as {{ dbt.type_string() }}){{ ',' if not loop.last }}
        {%- endfor %}
    ), map('ignoreNullFields', 'false'))
{%- endmacro %}
