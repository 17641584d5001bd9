{#- The 4K chain (orientation -> satisfaction -> loyalty -> value) of DOMAIN.md: per latest NPS
    class, for all customers (abc_class 'all') and per current ABC class, how the customers
    retain, how alive they are, what they are worth, and what they experienced (complaints, late
    payments, discounts, tenure). Customers = accounts with at least one purchase; rules in
    DECISIONLOG.md. -#}
with customers as (
    {{ kundenstamm.chain_customers([
        'abc_class', 'first_purchase_date', 'lifetime_purchases', 'lifetime_revenue_eur',
        'historical_clv_eur', 'predicted_clv_eur', 'p_alive',
    ]) }}
),

habits as (
    select * from {{ ref('int_customers_habits_flagged') }}
),

history as (
    select
        account_id,
        cast({{ dbt.date_trunc('month', 'snapshot_date') }} as date) as snapshot_month,
        is_as_of_snapshot,
        is_active_customer,
        became_lapsed,
        was_active_previous_month
    from {{ ref('fct_lifecycle_history') }}
),

-- the month the retention window starts in: chain_retention_months before the as-of month
window_start as (
    select
        cast({{ dbt.date_trunc('month', dbt.dateadd('month', -1 * var('chain_retention_months'), kundenstamm.as_of_date())) }} as date) as start_month
),

-- active at the month end that opens the window, and active at the as-of date; lost and
-- previously active month ends in the months after it (the KPI mart's churn, pooled)
retention as (
    select
        history.account_id,
        max(case when history.snapshot_month = window_start.start_month and history.is_active_customer then 1 else 0 end) as was_active_at_start,
        max(case when history.is_as_of_snapshot and history.is_active_customer then 1 else 0 end) as is_active_now,
        sum(case when history.snapshot_month > window_start.start_month and history.became_lapsed then 1 else 0 end) as lost_in_window,
        sum(case when history.snapshot_month > window_start.start_month and history.was_active_previous_month then 1 else 0 end) as active_months_in_window
    from history
    cross join window_start
    group by history.account_id
),

customer_facts as (
    select
        customers.account_id,
        customers.nps_class,
        coalesce(customers.abc_class, 'none') as abc_class,
        case when customers.lifetime_purchases >= 2 then 1 else 0 end as is_repeat_buyer,
        coalesce(retention.was_active_at_start, 0) as was_active_at_start,
        case when retention.was_active_at_start = 1 and retention.is_active_now = 1 then 1 else 0 end as is_retained,
        coalesce(retention.lost_in_window, 0) as lost_in_window,
        coalesce(retention.active_months_in_window, 0) as active_months_in_window,
        customers.p_alive,
        customers.historical_clv_eur,
        customers.predicted_clv_eur,
        customers.lifetime_revenue_eur,
        habits.complaints,
        habits.late_payment_share,
        habits.discount_share,
        {{ dbt.datediff('customers.first_purchase_date', kundenstamm.as_of_date(), 'day') }} as tenure_days
    from customers
    left join retention
        on customers.account_id = retention.account_id
    left join habits
        on customers.account_id = habits.account_id
),

-- every customer counts twice: in abc_class 'all' and in its own ABC class
grouped as (
    select
        'all' as abc_group,
        customer_facts.*
    from customer_facts
    union all
    select
        abc_class as abc_group,
        customer_facts.*
    from customer_facts
),

aggregated as (
    select
        grouped.abc_group as abc_class,
        grouped.nps_class,
        count(*) as customers,
        sum(grouped.is_repeat_buyer) as repeat_customers,
        sum(grouped.was_active_at_start) as active_at_window_start,
        sum(grouped.is_retained) as retained_customers,
        sum(grouped.lost_in_window) as lost_customers,
        sum(grouped.active_months_in_window) as active_customer_months,
        avg(cast(grouped.p_alive as double)) as avg_p_alive,
        avg(cast(grouped.historical_clv_eur as double)) as avg_historical_clv,
        sum(grouped.historical_clv_eur) as total_historical_clv,
        avg(cast(grouped.predicted_clv_eur as double)) as avg_predicted_clv,
        sum(grouped.predicted_clv_eur) as total_predicted_clv,
        sum(grouped.lifetime_revenue_eur) as revenue,
        avg(cast(grouped.complaints as double)) as avg_complaints,
        avg(grouped.late_payment_share) as avg_late_payment_share,
        avg(grouped.discount_share) as avg_discount_share,
        avg(cast(grouped.tenure_days as double)) as avg_tenure_days
    from grouped
    group by grouped.abc_group, grouped.nps_class
),

totals as (
    select sum(lifetime_revenue_eur) as total_revenue
    from customer_facts
),

final as (
    select
        aggregated.abc_class,
        aggregated.nps_class,
        cast(aggregated.customers as bigint) as customers,
        aggregated.customers < {{ var('min_group_size') }} as is_too_small,
        cast(aggregated.repeat_customers as double) / aggregated.customers as repeat_purchase_rate,
        cast(aggregated.active_at_window_start as bigint) as active_at_window_start,
        cast(aggregated.retained_customers as bigint) as retained_customers,
        cast(aggregated.retained_customers as double) / nullif(aggregated.active_at_window_start, 0) as retention_rate,
        cast(aggregated.lost_customers as bigint) as lost_customers,
        cast(aggregated.lost_customers as double) / nullif(aggregated.active_customer_months, 0) as churn_rate,
        round(aggregated.avg_p_alive, 4) as avg_p_alive,
        {{ kundenstamm.to_money('aggregated.avg_historical_clv') }} as avg_historical_clv_eur,
        cast(aggregated.total_historical_clv as {{ kundenstamm.money_type() }}) as total_historical_clv_eur,
        {{ kundenstamm.to_money('aggregated.avg_predicted_clv') }} as avg_predicted_clv_eur,
        cast(aggregated.total_predicted_clv as {{ kundenstamm.money_type() }}) as total_predicted_clv_eur,
        cast(aggregated.revenue as {{ kundenstamm.money_type() }}) as revenue_eur,
        round(cast(100 as double) * cast(aggregated.revenue as double) / nullif(cast(totals.total_revenue as double), 0), 4) as revenue_share_pct,
        round(aggregated.avg_complaints, 4) as avg_complaints,
        round(aggregated.avg_late_payment_share, 4) as avg_late_payment_share,
        round(aggregated.avg_discount_share, 4) as avg_discount_share,
        round(aggregated.avg_tenure_days, 1) as avg_tenure_days
    from aggregated
    cross join totals
)

select * from final
