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
)

select * from final
