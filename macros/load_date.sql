{#- The day of the load: var `load_date`, or the current date when it is empty. -#}
{% macro load_date() -%}
    {%- if var('load_date') -%}
        cast('{{ var("load_date") }}' as date)
    {%- else -%}
        current_date
    {%- endif -%}
{%- endmacro %}
