{#- The lifecycle stage of every account at every month end (and at the as-of date): the stage
    rules as one ladder over the scored state (int_customer_months_scored). The first rule that
    holds names the stage rule; the seed lifecycle_stage_rules says which stage each rule gives
    and which rules are reported as the stage reason (why an account is at risk or lapsed); a
    rule missing from the seed leaves the stage empty, which a test reports. -#}
with states as (
    select * from {{ ref('int_customer_months_scored') }}
),

rules as (
    select * from {{ ref('lifecycle_stage_rules') }}
),

ruled as (
    select
        *,
        case
            when first_purchase_date is null then 'no_purchase'
            when is_cancelled then 'cancelled'
            when days_since_last_purchase > {{ var('lifecycle_lapsed_days') }} then 'no_purchase_beyond_lapsed_days'
            when purchase_days > 1
                and days_since_last_purchase > {{ var('lifecycle_overdue_factor') }} * avg_days_between_purchases
                then 'overdue_against_own_rhythm'
            when purchase_days = 1
                and days_since_first_purchase > {{ var('lifecycle_single_purchase_overdue_days') }}
                then 'no_repeat_purchase'
            {%- if var('lifecycle_at_risk_p_alive') | string | length %}
                when p_alive < {{ var('lifecycle_at_risk_p_alive') }} then 'low_p_alive'
            {%- endif %}
            when latest_nps_class = 'detractor' then 'nps_detractor'
            when open_complaints >= {{ var('lifecycle_at_risk_open_complaints') }} then 'open_complaints'
            when days_since_first_purchase <= {{ var('lifecycle_new_days') }}
                and purchases <= {{ var('lifecycle_new_max_purchases') }}
                then 'recent_first_purchase'
            else 'established'
        end as stage_rule
    from states
),

final as (
    select
        ruled.account_id,
        ruled.snapshot_date,
        ruled.is_as_of_snapshot,
        ruled.first_purchase_date,
        ruled.last_purchase_date,
        ruled.days_since_last_purchase,
        ruled.days_since_first_purchase,
        ruled.purchase_days,
        ruled.purchases,
        ruled.avg_days_between_purchases,
        ruled.p_alive,
        ruled.open_complaints,
        ruled.latest_nps_class,
        ruled.days_since_last_interaction,
        ruled.is_cancelled,
        ruled.is_active_customer,
        ruled.stage_rule,
        rules.lifecycle_stage,
        rules.stage_reason,
        ruled.abc_class
    from ruled
    left join rules
        on ruled.stage_rule = rules.stage_rule
)

select * from final
