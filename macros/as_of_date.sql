{#- The as-of date as a date literal: var `as_of_date`, or today when the var is empty.
    Every intermediate model filters events to on or before this day (point-in-time builds). -#}
{% macro as_of_date() -%}
    {%- if var('as_of_date') -%}
        cast('{{ var("as_of_date") }}' as date)
    {%- else -%}
        current_date
    {%- endif -%}
{%- endmacro %}
