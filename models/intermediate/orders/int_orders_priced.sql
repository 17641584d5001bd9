with orders as (
    select * from {{ ref('int_orders_filtered') }}
),

lines as (
    select * from {{ ref('int_order_lines_priced') }}
),

line_totals as (
    select
        order_id,
        count(*) as line_count,
        sum(quantity) as units,
        sum(gross_revenue_eur) as gross_revenue_eur,
        sum(discount_eur) as discount_eur,
        sum(revenue_eur) as revenue_eur,
        sum(cost_eur) as cost_eur,
        sum(margin_eur) as margin_eur,
        cast(sum(case when is_return then 1 else 0 end) as bigint) as return_lines,
        cast(max(case when is_order_fully_returned then 1 else 0 end) as bigint) as fully_returned
    from lines
    group by order_id
),

final as (
    select
        orders.order_id,
        orders.account_id,
        orders.contact_id,
        orders.ordered_at,
        orders.order_date,
        orders.channel,
        orders.touchpoint,
        orders.order_status,
        -- a fully returned order (every unit sent back) is no purchase: not counted for frequency
        orders.is_purchase and coalesce(line_totals.fully_returned, 0) = 0 as is_purchase,
        coalesce(line_totals.return_lines, 0) > 0 as has_returns,
        coalesce(line_totals.fully_returned, 0) = 1 as is_fully_returned,
        orders.currency_code,
        orders.discount_code,
        orders.has_discount_code,
        orders.invoice_due_date,
        orders.invoice_paid_date,
        orders.days_payment_late,
        coalesce(orders.days_payment_late > {{ var('late_payment_grace_days') }}, false) as is_paid_late,
        cast(coalesce(line_totals.line_count, 0) as bigint) as line_count,
        cast(coalesce(line_totals.units, 0) as decimal(18, 3)) as units,
        cast(coalesce(line_totals.gross_revenue_eur, 0) as {{ kundenstamm.money_type() }}) as gross_revenue_eur,
        cast(coalesce(line_totals.discount_eur, 0) as {{ kundenstamm.money_type() }}) as discount_eur,
        cast(coalesce(line_totals.revenue_eur, 0) as {{ kundenstamm.money_type() }}) as revenue_eur,
        cast(coalesce(line_totals.cost_eur, 0) as {{ kundenstamm.money_type() }}) as cost_eur,
        cast(coalesce(line_totals.margin_eur, 0) as {{ kundenstamm.money_type() }}) as margin_eur
    from orders
    left join line_totals
        on orders.order_id = line_totals.order_id
)

select * from final
