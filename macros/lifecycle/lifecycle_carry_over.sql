{#- The carried columns of int_customer_months_state (lifecycle_carried_columns) as the state at
    the month end before the first rebuilt month (`before`, lifecycle_state_before, left joined)
    plus what happened since (`since`), by each column's rule. In a full build `before` is
    empty and each column is what happened since. -#}
{% macro lifecycle_carry_over(since, before) -%}
    {%- for column in kundenstamm.lifecycle_carried_columns() %}
        {%- set name = column.name %}
        {%- if column.rule == 'sum' %}
            cast(coalesce({{ before }}.{{ name }}, 0) + {{ since }}.{{ name }} as bigint) as {{ name }}
        {%- elif column.rule == 'earliest' %}
            coalesce({{ before }}.{{ name }}, {{ since }}.{{ name }}) as {{ name }}
        {%- else %}
            coalesce({{ since }}.{{ name }}, {{ before }}.{{ name }}) as {{ name }}
        {%- endif %}{{ ',' if not loop.last }}
    {%- endfor %}
{%- endmacro %}
