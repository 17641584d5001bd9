{#- What each customer earns after the cost to serve it: the contribution margin of its purchases
    (net of discounts), less a cost per purchase and a cost per support ticket or complaint (vars
    profitability_cost_per_order_eur, profitability_cost_per_ticket_eur). One row per customer
    with at least one purchase by the as-of date. Rules in DECISIONLOG.md. -#}
with orders as (
    select * from {{ ref('fct_orders') }}
    where is_purchase
),

tickets as (
    select
        account_id,
        count(*) as tickets
    from {{ ref('fct_tickets') }}
    group by account_id
),

purchases as (
    select
        account_id,
        count(*) as purchases,
        sum(gross_revenue_eur) as gross_revenue_eur,
        sum(discount_eur) as discount_eur,
        sum(revenue_eur) as revenue_eur,
        sum(margin_eur) as margin_eur
    from orders
    group by account_id
),

costed as (
    select
        purchases.account_id,
        cast(purchases.purchases as bigint) as purchases,
        cast(coalesce(tickets.tickets, 0) as bigint) as tickets,
        cast(purchases.gross_revenue_eur as {{ kundenstamm.money_type() }}) as gross_revenue_eur,
        cast(purchases.discount_eur as {{ kundenstamm.money_type() }}) as discount_eur,
        cast(purchases.revenue_eur as {{ kundenstamm.money_type() }}) as revenue_eur,
        cast(purchases.margin_eur as {{ kundenstamm.money_type() }}) as margin_eur,
        cast(purchases.purchases * {{ kundenstamm.var_as('profitability_cost_per_order_eur', kundenstamm.money_type()) }} as {{ kundenstamm.money_type() }}) as order_cost_eur,
        cast(coalesce(tickets.tickets, 0) * {{ kundenstamm.var_as('profitability_cost_per_ticket_eur', kundenstamm.money_type()) }} as {{ kundenstamm.money_type() }}) as ticket_cost_eur
    from purchases
    left join tickets
        on purchases.account_id = tickets.account_id
),

final as (
    select
        account_id,
        purchases,
        tickets,
        gross_revenue_eur,
        discount_eur,
        round(cast(100 as double) * cast(discount_eur as double) / nullif(cast(gross_revenue_eur as double), 0), 4) as discount_share_pct,
        revenue_eur,
        margin_eur,
        order_cost_eur,
        ticket_cost_eur,
        cast(order_cost_eur + ticket_cost_eur as {{ kundenstamm.money_type() }}) as cost_to_serve_eur,
        cast(margin_eur - order_cost_eur - ticket_cost_eur as {{ kundenstamm.money_type() }}) as contribution_after_service_eur
    from costed
)

select * from final
