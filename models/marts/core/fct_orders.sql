with orders as (
    select * from {{ ref('int_orders_priced') }}
),

purchases as (
    select * from {{ ref('int_customers_purchases_aggregated') }}
),

final as (
    select
        orders.order_id,
        orders.account_id,
        orders.contact_id,
        orders.ordered_at,
        orders.order_date,
        cast({{ dbt.date_trunc('month', 'orders.order_date') }} as date) as order_month,
        orders.channel,
        orders.touchpoint,
        orders.order_status,
        orders.is_purchase,
        orders.has_returns,
        orders.is_fully_returned,
        orders.currency_code,
        orders.discount_code,
        orders.has_discount_code,
        orders.invoice_due_date,
        orders.invoice_paid_date,
        orders.days_payment_late,
        orders.is_paid_late,
        orders.line_count,
        orders.units,
        orders.gross_revenue_eur,
        orders.discount_eur,
        orders.revenue_eur,
        orders.cost_eur,
        orders.margin_eur,
        -- a purchase by a customer who had bought before the order's month: a repeat customer of
        -- that month (the repeat-purchase rate's numerator)
        coalesce(
            orders.is_purchase
            and purchases.first_purchase_date < cast({{ dbt.date_trunc('month', 'orders.order_date') }} as date),
            false
        ) as has_bought_before_month
    from orders
    left join purchases
        on orders.account_id = purchases.account_id
)

select * from final
