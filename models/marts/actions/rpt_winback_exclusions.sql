{#- The exclusion audit: profitable lapsed customers left off the win-back list, and why. -#}
with evaluated as (
    select * from {{ ref('int_winback_customers_evaluated') }}
    where is_excluded
),

final as (
    select
        account_id,
        account_name,
        account_owner,
        exclusion_reason,
        is_frequent_complainer,
        is_habitual_late_payer,
        is_discount_only_buyer,
        complaints,
        late_payment_share,
        discount_share,
        lifetime_purchases,
        lifetime_margin_eur,
        margin_per_year_eur as value_at_stake_eur
    from evaluated
)

select * from final
