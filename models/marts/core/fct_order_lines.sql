{#- Incremental: a run rebuilds the order months that can have changed
    (kundenstamm.incremental_order_months) and replaces them whole. -#}
{{ config(**kundenstamm.incremental_by_month('order_month')) }}
{%- set order_months = kundenstamm.incremental_order_months('select max(order_date) from ' ~ this) %}
with order_lines as (
    select * from {{ ref('int_order_lines_priced') }}
),

final as (
    select
        order_line_id,
        order_id,
        account_id,
        ordered_at,
        order_date,
        cast({{ dbt.date_trunc('month', 'order_date') }} as date) as order_month,
        is_purchase,
        product_id,
        category,
        tier,
        replenishment_cycle_days,
        quantity,
        gross_revenue_eur,
        discount_eur,
        revenue_eur,
        cost_eur,
        margin_eur
    from order_lines
    {%- if order_months %}
        where cast({{ dbt.date_trunc('month', 'order_date') }} as date) in {{ order_months }}
    {%- endif %}
)

select * from final
