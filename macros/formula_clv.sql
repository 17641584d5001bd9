{#- Formula CLV: average revenue per period x expected lifetime in periods - cost to serve
    (20 EUR a month x 48 months - 260 EUR = 700 EUR). -#}
{% macro formula_clv(average_revenue_per_period, lifetime_periods, cost_to_serve) -%}
    ({{ average_revenue_per_period }} * {{ lifetime_periods }} - {{ cost_to_serve }})
{%- endmacro %}
