{#- True when a date or timestamp text lies after the load date (var `load_date`, default
    today). Unparseable text is not "future" (it is caught as unparseable_date). -#}
{% macro is_future(column) -%}
    (cast({{ dbt.safe_cast(column, dbt.type_timestamp()) }} as date) > {{ kundenstamm.load_date() }})
{%- endmacro %}
