{#- The customers of the 4K chain, one row per account: accounts with at least one purchase, in
    their latest NPS class ('no_answer' without an answer), with the extra dim_customers columns
    asked for. The one home of the chain's customer base (rpt_4k_chain, rpt_4k_chain_categories). -#}
{% macro chain_customers(columns=[]) -%}
    select
        account_id,
        coalesce(latest_nps_class, 'no_answer') as nps_class
        {%- for column in columns %},
        {{ column }}
        {%- endfor %}
    from {{ ref('dim_customers') }}
    where lifetime_purchases > 0
{%- endmacro %}
