{#- The running state an incremental run of int_customer_months_state starts each account from:
    its row of the month end before `start_month` in the built table (`this`), account_id and
    the carried columns (lifecycle_carried_columns). In a full build (`start_month` empty) no
    row, with the same columns and types. -#}
{% macro lifecycle_state_before(start_month) -%}
    select
        {{ 'account_id' if start_month else 'cast(null as ' ~ dbt.type_string() ~ ') as account_id' }}
        {%- for column in kundenstamm.lifecycle_carried_columns() %},
        {{ column.name if start_month else 'cast(null as ' ~ column.type ~ ') as ' ~ column.name }}
        {%- endfor %}
    {%- if start_month %}
        from {{ this }}
        where month_start = cast({{ dbt.dateadd('month', -1, "cast('" ~ start_month ~ "' as date)") }} as date)
    {%- else %}
        where 1 = 0
    {%- endif %}
{%- endmacro %}
