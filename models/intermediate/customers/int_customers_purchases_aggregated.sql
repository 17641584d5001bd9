{#- One row per account that has bought at least once on or before the as-of date: what it
    bought over its whole history and in the RFM and ABC windows (rfm_window_days null: the
    RFM window is the whole history). Purchases are completed orders; revenue and margin are
    net of discounts, in EUR. -#}
with orders as (
    select * from {{ ref('int_orders_priced') }}
    where is_purchase
),

windows as (
    select
        {{ kundenstamm.as_of_date() }} as as_of_date,
        {% if var('rfm_window_days') is none -%}
            cast(null as date) as rfm_window_start,
        {%- else -%}
            {{ dbt.dateadd('day', '1 - ' ~ var('rfm_window_days'), kundenstamm.as_of_date()) }} as rfm_window_start,
        {%- endif %}
        {{ dbt.dateadd('day', '1 - ' ~ var('abc_lookback_days'), kundenstamm.as_of_date()) }} as abc_window_start,
        {{ dbt.dateadd('day', '1 - 2 * ' ~ var('abc_lookback_days'), kundenstamm.as_of_date()) }} as abc_prior_window_start
),

aggregated as (
    select
        orders.account_id,
        min(orders.order_date) as first_purchase_date,
        max(orders.order_date) as last_purchase_date,
        count(*) as lifetime_purchases,
        count(distinct orders.order_date) as lifetime_purchase_days,
        sum(orders.revenue_eur) as lifetime_revenue_eur,
        sum(orders.margin_eur) as lifetime_margin_eur,
        sum(orders.discount_eur) as lifetime_discount_eur,
        sum(case when orders.has_discount_code then 1 else 0 end) as lifetime_discounted_purchases,
        sum(case when orders.is_paid_late then 1 else 0 end) as lifetime_late_paid_purchases,
        sum(case when windows.rfm_window_start is null or orders.order_date >= windows.rfm_window_start then 1 else 0 end) as rfm_window_purchases,
        sum(case when windows.rfm_window_start is null or orders.order_date >= windows.rfm_window_start then orders.revenue_eur else 0 end) as rfm_window_revenue_eur,
        sum(case when orders.order_date >= windows.abc_window_start then 1 else 0 end) as abc_window_purchases,
        sum(case when orders.order_date >= windows.abc_window_start then orders.revenue_eur else 0 end) as abc_window_revenue_eur,
        sum(case when orders.order_date >= windows.abc_window_start then orders.margin_eur else 0 end) as abc_window_margin_eur,
        sum(case when orders.order_date >= windows.abc_prior_window_start and orders.order_date < windows.abc_window_start then orders.revenue_eur else 0 end) as abc_prior_window_revenue_eur,
        sum(case when orders.order_date >= windows.abc_prior_window_start and orders.order_date < windows.abc_window_start then orders.margin_eur else 0 end) as abc_prior_window_margin_eur
    from orders
    cross join windows
    group by orders.account_id
),

final as (
    select
        aggregated.account_id,
        aggregated.first_purchase_date,
        aggregated.last_purchase_date,
        cast({{ dbt.datediff('aggregated.last_purchase_date', 'windows.as_of_date', 'day') }} as {{ dbt.type_int() }}) as days_since_last_purchase,
        cast({{ dbt.datediff('aggregated.first_purchase_date', 'windows.as_of_date', 'day') }} as {{ dbt.type_int() }}) as days_since_first_purchase,
        cast(aggregated.lifetime_purchases as bigint) as lifetime_purchases,
        cast(aggregated.lifetime_purchase_days as bigint) as lifetime_purchase_days,
        case
            when aggregated.lifetime_purchase_days > 1
                then cast({{ dbt.datediff('aggregated.first_purchase_date', 'aggregated.last_purchase_date', 'day') }} as double)
                    / (aggregated.lifetime_purchase_days - 1)
        end as avg_days_between_purchases,
        cast(aggregated.lifetime_revenue_eur as {{ kundenstamm.money_type() }}) as lifetime_revenue_eur,
        cast(aggregated.lifetime_margin_eur as {{ kundenstamm.money_type() }}) as lifetime_margin_eur,
        cast(aggregated.lifetime_discount_eur as {{ kundenstamm.money_type() }}) as lifetime_discount_eur,
        cast(aggregated.lifetime_discounted_purchases as bigint) as lifetime_discounted_purchases,
        cast(aggregated.lifetime_late_paid_purchases as bigint) as lifetime_late_paid_purchases,
        cast(aggregated.rfm_window_purchases as bigint) as rfm_window_purchases,
        cast(aggregated.rfm_window_revenue_eur as {{ kundenstamm.money_type() }}) as rfm_window_revenue_eur,
        cast(aggregated.abc_window_purchases as bigint) as abc_window_purchases,
        cast(aggregated.abc_window_revenue_eur as {{ kundenstamm.money_type() }}) as abc_window_revenue_eur,
        cast(aggregated.abc_window_margin_eur as {{ kundenstamm.money_type() }}) as abc_window_margin_eur,
        cast(aggregated.abc_prior_window_revenue_eur as {{ kundenstamm.money_type() }}) as abc_prior_window_revenue_eur,
        cast(aggregated.abc_prior_window_margin_eur as {{ kundenstamm.money_type() }}) as abc_prior_window_margin_eur
    from aggregated
    cross join windows
)

select * from final
