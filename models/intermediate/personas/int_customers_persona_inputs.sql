{#- The features the persona clustering reads, one row per customer with a purchase. Built from
    intermediate models only, so that on Spark it exists before the Python steps run. -#}
with purchases as (
    select * from {{ ref('int_customers_purchases_aggregated') }}
),

accounts as (
    select
        account_id,
        account_type
    from {{ ref('int_accounts_resolved') }}
),

habits as (
    select * from {{ ref('int_customers_habits_flagged') }}
),

latest_nps as (
    select
        account_id,
        nps_score
    from {{ ref('int_nps_responses_classified') }}
    where is_latest_answer
),

final as (
    select
        purchases.account_id,
        accounts.account_type,
        purchases.first_purchase_date,
        purchases.days_since_last_purchase,
        purchases.days_since_first_purchase as tenure_days,
        purchases.lifetime_purchases,
        cast(purchases.lifetime_revenue_eur as double) as lifetime_revenue_eur,
        habits.discount_share,
        latest_nps.nps_score as latest_nps_score
    from purchases
    inner join accounts
        on purchases.account_id = accounts.account_id
    inner join habits
        on purchases.account_id = habits.account_id
    left join latest_nps
        on purchases.account_id = latest_nps.account_id
)

select * from final
