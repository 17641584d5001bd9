{#- Association rules between product categories over purchase orders (baskets): for each
    ordered pair A -> B, support = share of orders with both, confidence = share of orders with
    A that also contain B, lift = confidence / share of orders with B. Only rules above the
    minimum support, confidence and lift vars are kept. -#}
with baskets as (
    select distinct
        order_id,
        category
    from {{ ref('int_order_lines_priced') }}
    where is_purchase
),

orders as (
    select count(distinct order_id) as total_orders from baskets
),

category_orders as (
    select
        category,
        count(*) as orders_with_category
    from baskets
    group by category
),

pairs as (
    select
        antecedent.category as antecedent_category,
        consequent.category as consequent_category,
        count(*) as orders_with_both
    from baskets as antecedent
    inner join baskets as consequent
        on antecedent.order_id = consequent.order_id
        and antecedent.category <> consequent.category
    group by antecedent.category, consequent.category
),

rules as (
    select
        pairs.antecedent_category,
        pairs.consequent_category,
        cast(pairs.orders_with_both as bigint) as orders_with_both,
        cast(antecedent.orders_with_category as bigint) as orders_with_antecedent,
        cast(consequent.orders_with_category as bigint) as orders_with_consequent,
        cast(orders.total_orders as bigint) as total_orders,
        cast(pairs.orders_with_both as double) / orders.total_orders as support,
        cast(pairs.orders_with_both as double) / antecedent.orders_with_category as confidence,
        (cast(pairs.orders_with_both as double) / antecedent.orders_with_category)
        / (cast(consequent.orders_with_category as double) / orders.total_orders) as lift
    from pairs
    cross join orders
    inner join category_orders as antecedent
        on pairs.antecedent_category = antecedent.category
    inner join category_orders as consequent
        on pairs.consequent_category = consequent.category
),

final as (
    select *
    from rules
    where support >= {{ var('cross_sell_min_support') }}
        and confidence >= {{ var('cross_sell_min_confidence') }}
        and lift >= {{ var('cross_sell_min_lift') }}
)

select * from final
