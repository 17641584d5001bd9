{#- The segment a customer's purchase model is fitted for (CLV and P(alive)): the account type,
    'unknown' when it is empty. -#}
{% macro clv_segment(account_type) -%}
    coalesce({{ account_type }}, 'unknown')
{%- endmacro %}
