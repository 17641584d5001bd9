{#- A money amount converted to EUR with the rate of the `currency_rates` seed, rounded to cents. -#}
{% macro to_eur(amount, rate) -%}
    cast(round({{ amount }} * {{ rate }}, 2) as {{ kundenstamm.money_type() }})
{%- endmacro %}
