{#- Every lapsed customer who was profitable, with the exclusion rules evaluated: the candidates
    and the exclusion audit both read this, so the two always add up. Read from the intermediate
    models the customer mart is made of (the stage at the as-of date, the lifetime purchases, the
    account), not from the mart. -#}
with lapsed as (
    select
        staged.account_id,
        staged.stage_reason as lifecycle_stage_reason,
        accounts.account_name,
        accounts.account_type,
        accounts.account_owner
    from {{ ref('int_customer_months_staged') }} as staged
    inner join {{ ref('int_accounts_resolved') }} as accounts
        on staged.account_id = accounts.account_id
    where staged.is_as_of_snapshot
        and staged.lifecycle_stage = 'lapsed'
),

customers as (
    select
        lapsed.*,
        purchases.first_purchase_date,
        purchases.last_purchase_date,
        purchases.days_since_last_purchase,
        purchases.lifetime_purchases,
        purchases.lifetime_revenue_eur,
        purchases.lifetime_margin_eur
    from lapsed
    inner join {{ ref('int_customers_purchases_aggregated') }} as purchases
        on lapsed.account_id = purchases.account_id
    where purchases.lifetime_margin_eur >= {{ var('winback_min_lifetime_margin_eur') }}
),

habits as (
    select * from {{ ref('int_customers_habits_flagged') }}
),

final as (
    select
        customers.account_id,
        customers.account_name,
        customers.account_type,
        customers.account_owner,
        customers.lifecycle_stage_reason,
        customers.last_purchase_date,
        customers.days_since_last_purchase,
        customers.lifetime_purchases,
        customers.lifetime_revenue_eur,
        customers.lifetime_margin_eur,
        -- margin per year of the relationship: days from the first to the last purchase
        -- (inclusive) / 365, at least one year
        {{ kundenstamm.to_money(
            'cast(customers.lifetime_margin_eur as double) / greatest(cast(1 as double), cast('
            ~ dbt.datediff('customers.first_purchase_date', 'customers.last_purchase_date', 'day')
            ~ ' + 1 as double) / cast(365 as double))'
        ) }} as margin_per_year_eur,
        habits.complaints,
        habits.late_payment_share,
        habits.discount_share,
        habits.is_frequent_complainer,
        habits.is_habitual_late_payer,
        habits.is_discount_only_buyer,
        habits.is_frequent_complainer or habits.is_habitual_late_payer or habits.is_discount_only_buyer as is_excluded,
        nullif(concat_ws(
            '; ',
            case when habits.is_frequent_complainer
                    then concat('complained ', cast(habits.complaints as {{ dbt.type_string() }}), ' times')
            end,
            case when habits.is_habitual_late_payer
                    then concat('paid ', cast(cast(round(100 * habits.late_payment_share) as int) as {{ dbt.type_string() }}), ' % of purchases late')
            end,
            case when habits.is_discount_only_buyer
                    then concat('bought only with discount codes (', cast(cast(round(100 * habits.discount_share) as int) as {{ dbt.type_string() }}), ' % of purchases)')
            end
        ), '') as exclusion_reason
    from customers
    inner join habits
        on customers.account_id = habits.account_id
)

select * from final
