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
        channel,
        touchpoint,
        order_status,
        is_purchase,
        has_returns,
        is_fully_returned,
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
)

select * from final
