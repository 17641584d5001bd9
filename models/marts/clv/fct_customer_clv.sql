{#- Customer lifetime value in three views, side by side, per customer with a purchase:
    historical (contribution margin so far), formula (average revenue per month x expected
    lifetime - cost to serve; and the retention form m r / (1 + d - r) on the yearly margin) and
    predictive (BG/NBD + Gamma-Gamma: P(alive), expected purchases and order value, discounted
    margin over clv_horizon_months). -#}
with inputs as (
    select * from {{ ref('int_customers_clv_inputs') }}
),

predicted as (
    select * from {{ ref('int_customers_clv_predicted') }}
),

purchases as (
    select * from {{ ref('int_customers_purchases_aggregated') }}
),

-- yearly retention measured on the data: customers who bought in the year before last and bought
-- again in the last year
retention as (
    {%- if var('clv_retention_rate') != '' %}
    select cast({{ var('clv_retention_rate') }} as double) as retention_rate
    {%- else %}
        select
            cast(sum(case when last_purchase_date > {{ dbt.dateadd('day', -365, kundenstamm.as_of_date()) }} then 1 else 0 end) as double)
            / nullif(count(*), 0) as retention_rate
        from (
            select
                orders.account_id,
                max(orders.order_date) as last_purchase_date
            from {{ ref('int_orders_priced') }} as orders
            where orders.is_purchase
                and orders.account_id in (
                    select account_id from {{ ref('int_orders_priced') }}
                    where is_purchase
                        and order_date > {{ dbt.dateadd('day', -730, kundenstamm.as_of_date()) }}
                        and order_date <= {{ dbt.dateadd('day', -365, kundenstamm.as_of_date()) }}
                )
            group by orders.account_id
        ) as bought_year_before_last
    {%- endif %}
),

figures as (
    select
        inputs.account_id,
        inputs.clv_segment,
        purchases.lifetime_revenue_eur,
        purchases.lifetime_margin_eur,
        -- months and years from the first purchase to the as-of date, at least one; the formula's
        -- months at least clv_formula_min_tenure_months, so a week-old customer is not extrapolated
        greatest(cast(1 as double), cast(purchases.days_since_first_purchase + 1 as double) / (cast(365.25 as double) / 12)) as months_as_customer,
        greatest(
            cast(1 as double),
            cast({{ var('clv_formula_min_tenure_months') }} as double),
            cast(purchases.days_since_first_purchase + 1 as double) / (cast(365.25 as double) / 12)
        ) as formula_months,
        greatest(cast(1 as double), cast(purchases.days_since_first_purchase + 1 as double) / cast(365.25 as double)) as years_as_customer,
        retention.retention_rate,
        predicted.p_alive,
        predicted.expected_purchases,
        predicted.expected_order_value_eur,
        predicted.predicted_clv_eur,
        predicted.prediction_status,
        predicted.purchase_model
    from inputs
    inner join purchases
        on inputs.account_id = purchases.account_id
    left join predicted
        on inputs.account_id = predicted.account_id
    cross join retention
),

final as (
    select
        account_id,
        clv_segment,
        cast(lifetime_margin_eur as {{ kundenstamm.money_type() }}) as historical_clv_eur,
        {{ kundenstamm.to_money('cast(lifetime_revenue_eur as double) / months_as_customer') }} as avg_revenue_per_month_eur,
        {{ kundenstamm.to_money(kundenstamm.formula_clv(
            'cast(lifetime_revenue_eur as double) / formula_months',
            var('clv_expected_lifetime_months'),
            var('clv_cost_to_serve_eur'))) }} as formula_clv_eur,
        {{ kundenstamm.to_money('cast(lifetime_margin_eur as double) / years_as_customer') }} as avg_margin_per_year_eur,
        cast(retention_rate as double) as retention_rate,
        {{ kundenstamm.to_money(kundenstamm.retention_clv(
            'cast(lifetime_margin_eur as double) / years_as_customer',
            'retention_rate',
            var('clv_annual_discount_rate'))) }} as retention_clv_eur,
        cast(p_alive as double) as p_alive,
        cast(1 - p_alive as double) as churn_risk,
        cast(expected_purchases as double) as expected_purchases,
        {{ kundenstamm.to_money('expected_order_value_eur') }} as expected_order_value_eur,
        {{ kundenstamm.to_money('predicted_clv_eur') }} as predicted_clv_eur,
        cast({{ var('clv_horizon_months') }} as int) as clv_horizon_months,
        coalesce(prediction_status, 'not predicted') as prediction_status,
        {{ kundenstamm.as_of_date() }} as as_of_date,
        cast(purchase_model as {{ dbt.type_string() }}) as purchase_model,
        cast({{ var('clv_formula_min_tenure_months') }} as int) as formula_min_tenure_months
    from figures
)

select * from final
