{#- Acquisition cohorts (month of the first purchase) x months since the first purchase: how many
    of the cohort bought in that month, the retention rate, and revenue per cohort customer. -#}
with purchases as (
    select * from {{ ref('int_customers_purchases_aggregated') }}
),

orders as (
    select * from {{ ref('int_orders_priced') }}
    where is_purchase
),

cohorts as (
    select
        account_id,
        cast({{ dbt.date_trunc('month', 'first_purchase_date') }} as date) as cohort_month
    from purchases
),

cohort_sizes as (
    select
        cohort_month,
        count(*) as cohort_size
    from cohorts
    group by cohort_month
),

calendar as (
    {{ kundenstamm.month_ends('(select min(cohort_month) from cohorts)', kundenstamm.as_of_date()) }}
),

grid as (
    select
        cohort_sizes.cohort_month,
        cohort_sizes.cohort_size,
        cast(calendar.month_start as date) as activity_month,
        cast({{ dbt.datediff('cohort_sizes.cohort_month', 'calendar.month_start', 'month') }} as {{ dbt.type_int() }}) as months_since_first_purchase
    from cohort_sizes
    inner join calendar
        on calendar.month_start >= cohort_sizes.cohort_month
),

activity as (
    select
        cohorts.cohort_month,
        cast({{ dbt.date_trunc('month', 'orders.order_date') }} as date) as activity_month,
        count(distinct orders.account_id) as active_customers,
        sum(orders.revenue_eur) as revenue_eur
    from orders
    inner join cohorts
        on orders.account_id = cohorts.account_id
    group by 1, 2
),

final as (
    select
        grid.cohort_month,
        grid.months_since_first_purchase,
        grid.activity_month,
        cast(grid.cohort_size as bigint) as cohort_size,
        cast(coalesce(activity.active_customers, 0) as bigint) as active_customers,
        cast(100 as double) * coalesce(activity.active_customers, 0) / grid.cohort_size as retention_rate_pct,
        cast(coalesce(activity.revenue_eur, 0) as {{ kundenstamm.money_type() }}) as revenue_eur,
        {{ kundenstamm.to_money(
            'cast(sum(coalesce(activity.revenue_eur, 0)) over (
                partition by grid.cohort_month order by grid.months_since_first_purchase
                rows between unbounded preceding and current row
            ) as double) / grid.cohort_size'
        ) }} as cumulative_revenue_per_customer_eur
    from grid
    left join activity
        on grid.cohort_month = activity.cohort_month
        and grid.activity_month = activity.activity_month
)

select * from final
