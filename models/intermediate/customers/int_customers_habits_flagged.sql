{#- Habits that exclude a customer from win-back campaigns: frequent complaints, habitual late
    payment, buying only with discounts. One row per customer with at least one purchase. -#}
with purchases as (
    select * from {{ ref('int_customers_purchases_aggregated') }}
),

complaints as (
    select
        account_id,
        count(*) as complaints
    from {{ ref('int_tickets_resolved') }}
    where ticket_type = 'complaint'
        and cast(opened_at as date) <= {{ kundenstamm.as_of_date() }}
    group by account_id
),

shares as (
    select
        purchases.account_id,
        purchases.lifetime_purchases,
        cast(coalesce(complaints.complaints, 0) as bigint) as complaints,
        cast(purchases.lifetime_late_paid_purchases as double) / purchases.lifetime_purchases as late_payment_share,
        cast(purchases.lifetime_discounted_purchases as double) / purchases.lifetime_purchases as discount_share
    from purchases
    left join complaints
        on purchases.account_id = complaints.account_id
),

final as (
    select
        account_id,
        lifetime_purchases,
        complaints,
        late_payment_share,
        discount_share,
        complaints >= {{ var('winback_exclude_min_complaints') }} as is_frequent_complainer,
        lifetime_purchases >= {{ var('winback_min_purchases_for_habits') }}
        and late_payment_share >= {{ var('winback_exclude_late_payment_share') }} as is_habitual_late_payer,
        lifetime_purchases >= {{ var('winback_min_purchases_for_habits') }}
        and discount_share >= {{ var('winback_exclude_discount_share') }} as is_discount_only_buyer
    from shares
)

select * from final
