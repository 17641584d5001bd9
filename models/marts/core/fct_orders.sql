{#- Incremental: a run rebuilds the order months that can have changed
    (kundenstamm.incremental_order_months) and replaces them whole. -#}
{{ config(**kundenstamm.incremental_by_month('order_month')) }}
{%- set order_months = kundenstamm.incremental_order_months('select max(order_date) from ' ~ this) %}
with orders as (
    select * from {{ ref('int_orders_priced') }}
),

final as (
    select
        order_id,
        account_id,
        contact_id,
        ordered_at,
        order_date,
        cast({{ dbt.date_trunc('month', 'order_date') }} as date) as order_month,
        channel,
        touchpoint,
        order_status,
        is_purchase,
        currency_code,
        discount_code,
        has_discount_code,
        invoice_due_date,
        invoice_paid_date,
        days_payment_late,
        is_paid_late,
        line_count,
        units,
        gross_revenue_eur,
        discount_eur,
        revenue_eur,
        cost_eur,
        margin_eur
    from orders
    {%- if order_months %}
        where cast({{ dbt.date_trunc('month', 'order_date') }} as date) in {{ order_months }}
    {%- endif %}
)

select * from final
