{#- Customers whose contribution after the cost to serve is negative or below
    profitability_min_contribution_eur, with a reason code and the largest cost item, for a review
    of prices, discounts and service terms. Rules in DECISIONLOG.md. -#}
with profitability as (
    select * from {{ ref('fct_customer_profitability') }}
),

customers as (
    select
        account_id,
        account_name,
        account_owner,
        abc_class,
        lifecycle_stage
    from {{ ref('dim_customers') }}
),

final as (
    select
        profitability.account_id,
        customers.account_name,
        customers.account_owner,
        customers.abc_class,
        customers.lifecycle_stage,
        profitability.purchases,
        profitability.tickets,
        profitability.revenue_eur,
        profitability.discount_eur,
        profitability.margin_eur,
        profitability.cost_to_serve_eur,
        profitability.contribution_after_service_eur,
        case
            when profitability.margin_eur < 0 then 'negative_margin'
            when profitability.contribution_after_service_eur < 0 then 'cost_to_serve_exceeds_margin'
            else 'low_contribution'
        end as reason_code,
        -- the largest of the three items that eat into what the customer earns
        case
            when profitability.discount_eur >= profitability.ticket_cost_eur
                and profitability.discount_eur >= profitability.order_cost_eur then 'discounts'
            when profitability.ticket_cost_eur >= profitability.order_cost_eur then 'tickets'
            else 'orders'
        end as main_cost_driver
    from profitability
    left join customers
        on profitability.account_id = customers.account_id
    where profitability.contribution_after_service_eur
        < {{ kundenstamm.var_as('profitability_min_contribution_eur', kundenstamm.money_type()) }}
)

select * from final
