{#- A var as a typed SQL value: `cast(<value> as <data_type>)`, a null of that type when the var is
    empty or null (an optional setting that is off), a quoted literal for text. -#}
{% macro var_as(name, data_type) -%}
    {%- set value = var(name) -%}
    {%- if value is none or (value is string and value | trim == '') -%}
        cast(null as {{ data_type }})
    {%- elif value is string -%}
        cast('{{ value | replace("'", "''") }}' as {{ data_type }})
    {%- else -%}
        cast({{ value }} as {{ data_type }})
    {%- endif -%}
{%- endmacro %}
