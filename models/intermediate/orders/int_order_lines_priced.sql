{#- Order lines in EUR. A return is a line with a negative quantity in the order it returns
    (staging checks that an order never returns more units of a product than it bought): its
    revenue, discount and cost are negative, so it reduces the order's revenue and margin. A line
    counts as a purchase (is_purchase) when its order is a purchase and the order keeps units of
    its product; an order that keeps no units at all is fully returned and no purchase. -#}
-- a table (the intermediate default) on purpose: read by the orders and four action lists, and
-- DuckDB mis-binds its windows inlined in long view chains
with order_lines as (
    select
        *,
        cast(sum(quantity) over (partition by order_id, product_id) as decimal(18, 3)) as product_net_quantity
    from {{ ref('stg_orders__order_lines') }}
),

orders as (
    select * from {{ ref('int_orders_filtered') }}
),

products as (
    select * from {{ ref('stg_orders__products') }}
),

currency_rates as (
    select * from {{ ref('currency_rates') }}
),

priced as (
    select
        order_lines.order_line_id,
        order_lines.order_id,
        orders.account_id,
        orders.ordered_at,
        orders.order_date,
        orders.is_purchase,
        order_lines.product_net_quantity,
        max(order_lines.product_net_quantity) over (partition by order_lines.order_id) <= cast(0 as decimal(18, 3)) as is_order_fully_returned,
        order_lines.product_id,
        products.category,
        products.tier,
        products.replenishment_cycle_days,
        order_lines.quantity,
        orders.currency_code,
        {{ kundenstamm.to_eur('cast(order_lines.quantity as decimal(38, 3)) * order_lines.unit_price', 'currency_rates.rate_to_eur') }} as gross_revenue_eur,
        -- the discount of returned units is given back: negative on a return line
        {{ kundenstamm.to_eur('case when order_lines.quantity < 0 then -order_lines.discount_amount else order_lines.discount_amount end', 'currency_rates.rate_to_eur') }} as discount_eur,
        cast(round(cast(order_lines.quantity as decimal(38, 3)) * products.unit_cost_eur, 2) as {{ kundenstamm.money_type() }}) as cost_eur
    from order_lines
    inner join orders
        on order_lines.order_id = orders.order_id
    inner join products
        on order_lines.product_id = products.product_id
    inner join currency_rates
        on orders.currency_code = currency_rates.currency_code
),

final as (
    select
        order_line_id,
        order_id,
        account_id,
        ordered_at,
        order_date,
        is_purchase and product_net_quantity > cast(0 as decimal(18, 3)) as is_purchase,
        quantity < cast(0 as decimal(18, 3)) as is_return,
        is_order_fully_returned,
        product_id,
        category,
        tier,
        replenishment_cycle_days,
        quantity,
        gross_revenue_eur,
        discount_eur,
        cast(gross_revenue_eur - discount_eur as {{ kundenstamm.money_type() }}) as revenue_eur,
        cost_eur,
        cast(gross_revenue_eur - discount_eur - cost_eur as {{ kundenstamm.money_type() }}) as margin_eur
    from priced
)

select * from final
