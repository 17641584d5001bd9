{#- The features the persona clustering reads, one row per customer with a purchase. -#}
with customers as (
    select * from {{ ref('dim_customers') }}
    where first_purchase_date is not null
),

habits as (
    select * from {{ ref('int_customers_habits_flagged') }}
),

final as (
    select
        customers.account_id,
        customers.account_type,
        customers.first_purchase_date,
        customers.days_since_last_purchase,
        cast({{ dbt.datediff('customers.first_purchase_date', kundenstamm.as_of_date(), 'day') }} as {{ dbt.type_int() }}) as tenure_days,
        customers.lifetime_purchases,
        cast(customers.lifetime_revenue_eur as double) as lifetime_revenue_eur,
        habits.discount_share,
        customers.latest_nps_score
    from customers
    inner join habits
        on customers.account_id = habits.account_id
)

select * from final
