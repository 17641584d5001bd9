{#- The profitability page's figures: per current ABC class (and 'all'), what the customers earn,
    what it costs to serve them (cost per purchase and per ticket, fct_customer_profitability),
    what is left, and how many of them are on the unprofitable list, per reason code
    (rpt_unprofitable_customers). Rules in DECISIONLOG.md. -#}
with profitability as (
    select * from {{ ref('fct_customer_profitability') }}
),

customers as (
    select
        account_id,
        abc_class
    from {{ ref('dim_customers') }}
),

unprofitable as (
    select
        account_id,
        reason_code
    from {{ ref('rpt_unprofitable_customers') }}
),

customer_facts as (
    select
        profitability.account_id,
        coalesce(customers.abc_class, 'none') as abc_class,
        profitability.revenue_eur,
        profitability.discount_eur,
        profitability.margin_eur,
        profitability.order_cost_eur,
        profitability.ticket_cost_eur,
        profitability.cost_to_serve_eur,
        profitability.contribution_after_service_eur,
        unprofitable.reason_code
    from profitability
    left join customers
        on profitability.account_id = customers.account_id
    left join unprofitable
        on profitability.account_id = unprofitable.account_id
),

-- every customer counts twice: in 'all' and in its own ABC class
grouped as (
    {{- kundenstamm.segment_rows('customer_facts', ['abc_class'], ['account_id', 'revenue_eur', 'discount_eur', 'margin_eur', 'order_cost_eur', 'ticket_cost_eur', 'cost_to_serve_eur', 'contribution_after_service_eur', 'reason_code']) }}
),

aggregated as (
    select
        segment_value as abc_group,
        count(*) as customers,
        sum(revenue_eur) as revenue_eur,
        sum(discount_eur) as discount_eur,
        sum(margin_eur) as margin_eur,
        sum(order_cost_eur) as order_cost_eur,
        sum(ticket_cost_eur) as ticket_cost_eur,
        sum(cost_to_serve_eur) as cost_to_serve_eur,
        sum(contribution_after_service_eur) as contribution_after_service_eur,
        sum(case when reason_code is not null then 1 else 0 end) as unprofitable_customers,
        sum(case when reason_code = 'negative_margin' then 1 else 0 end) as negative_margin_customers,
        sum(case when reason_code = 'cost_to_serve_exceeds_margin' then 1 else 0 end) as cost_exceeds_margin_customers,
        sum(case when reason_code = 'low_contribution' then 1 else 0 end) as low_contribution_customers
    from grouped
    group by segment_value
),

final as (
    select
        abc_group as abc_class,
        case abc_group when 'all' then 0 when 'A' then 1 when 'B' then 2 when 'C' then 3 else 4 end as sort_order,
        cast(customers as bigint) as customers,
        cast(revenue_eur as {{ kundenstamm.money_type() }}) as revenue_eur,
        cast(discount_eur as {{ kundenstamm.money_type() }}) as discount_eur,
        cast(margin_eur as {{ kundenstamm.money_type() }}) as margin_eur,
        cast(order_cost_eur as {{ kundenstamm.money_type() }}) as order_cost_eur,
        cast(ticket_cost_eur as {{ kundenstamm.money_type() }}) as ticket_cost_eur,
        cast(cost_to_serve_eur as {{ kundenstamm.money_type() }}) as cost_to_serve_eur,
        {{ kundenstamm.to_money('cast(cost_to_serve_eur as double) / customers') }} as cost_to_serve_per_customer_eur,
        round(cast(100 as double) * cast(cost_to_serve_eur as double) / nullif(cast(margin_eur as double), 0), 4) as cost_to_serve_share_pct,
        cast(contribution_after_service_eur as {{ kundenstamm.money_type() }}) as contribution_after_service_eur,
        cast(unprofitable_customers as bigint) as unprofitable_customers,
        round(cast(100 as double) * unprofitable_customers / customers, 4) as unprofitable_share_pct,
        cast(negative_margin_customers as bigint) as negative_margin_customers,
        cast(cost_exceeds_margin_customers as bigint) as cost_exceeds_margin_customers,
        cast(low_contribution_customers as bigint) as low_contribution_customers
    from aggregated
)

select * from final
