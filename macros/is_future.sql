{#- True when a date or timestamp text lies after the load date (var `load_date`, default
    today). Unparseable text is not "future" (it is caught as unparseable_date). -#}
{% macro is_future(column) -%}
    (cast({{ kundenstamm.parse_text(column, dbt.type_timestamp()) }} as date) > {{ kundenstamm.load_date() }})
{%- endmacro %}

{#- True when a date or timestamp text lies before the var `earliest_date` (a year like 1900
    or 1970 is a placeholder, not a real event). -#}
{% macro is_before_earliest(column) -%}
    (cast({{ kundenstamm.parse_text(column, dbt.type_timestamp()) }} as date) < cast('{{ var("earliest_date") }}' as date))
{%- endmacro %}
