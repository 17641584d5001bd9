{#- The lifecycle stage of every account at every month end (and at the as-of date): the running
    state (int_customer_months_state) with P(alive) and the stage rules on top. P(alive) is the
    probability that the customer is still active given their purchases so far, from the
    purchase model selected for their segment (int_purchase_states_scored: BG/NBD or Pareto/NBD,
    full fit up to the as-of date, converged fits only; computed in Python with the same function
    as the CLV predictions, once per distinct purchase state). The fit changes with every as-of
    date, so this runs over every month each time; the running state below it is built
    incrementally. -#}
with accounts as (
    select
        account_id,
        coalesce(account_type, 'unknown') as clv_segment
    from {{ ref('int_accounts_resolved') }}
),

measured as (
    select
        state.*,
        accounts.clv_segment
    from {{ ref('int_customer_months_state') }} as state
    inner join accounts
        on state.account_id = accounts.account_id
),

scored as (
    select * from {{ ref('int_purchase_states_scored') }}
),

with_p_alive as (
    select
        measured.*,
        scored.p_alive
    from measured
    left join scored
        on measured.clv_segment = scored.clv_segment
        and measured.purchase_days = scored.purchase_days
        and measured.days_first_to_last_purchase = scored.recency_days
        and measured.days_since_first_purchase = scored.tenure_days
),

staged as (
    select
        *,
        case
            when first_purchase_date is null then 'prospect'
            when is_cancelled then 'lapsed'
            when days_since_last_purchase > {{ var('lifecycle_lapsed_days') }} then 'lapsed'
            when purchase_days > 1
                and days_since_last_purchase > {{ var('lifecycle_overdue_factor') }} * avg_days_between_purchases then 'at_risk'
            when purchase_days = 1
                and days_since_first_purchase > {{ var('lifecycle_single_purchase_overdue_days') }} then 'at_risk'
            {%- if var('lifecycle_at_risk_p_alive') | string | length %}
                when p_alive < {{ var('lifecycle_at_risk_p_alive') }} then 'at_risk'
            {%- endif %}
            when latest_nps_class = 'detractor' then 'at_risk'
            when open_complaints >= {{ var('lifecycle_at_risk_open_complaints') }} then 'at_risk'
            when days_since_first_purchase <= {{ var('lifecycle_new_days') }}
                and purchases <= {{ var('lifecycle_new_max_purchases') }} then 'new'
            else 'mature'
        end as lifecycle_stage,
        case
            when first_purchase_date is null then null
            when is_cancelled then 'cancelled'
            when days_since_last_purchase > {{ var('lifecycle_lapsed_days') }} then 'no_purchase_beyond_lapsed_days'
            when purchase_days > 1
                and days_since_last_purchase > {{ var('lifecycle_overdue_factor') }} * avg_days_between_purchases then 'overdue_against_own_rhythm'
            when purchase_days = 1
                and days_since_first_purchase > {{ var('lifecycle_single_purchase_overdue_days') }} then 'no_repeat_purchase'
            {%- if var('lifecycle_at_risk_p_alive') | string | length %}
                when p_alive < {{ var('lifecycle_at_risk_p_alive') }} then 'low_p_alive'
            {%- endif %}
            when latest_nps_class = 'detractor' then 'nps_detractor'
            when open_complaints >= {{ var('lifecycle_at_risk_open_complaints') }} then 'open_complaints'
        end as stage_reason
    from with_p_alive
),

final as (
    select
        account_id,
        snapshot_date,
        is_as_of_snapshot,
        first_purchase_date,
        last_purchase_date,
        days_since_last_purchase,
        days_since_first_purchase,
        purchase_days,
        purchases,
        avg_days_between_purchases,
        p_alive,
        open_complaints,
        latest_nps_class,
        days_since_last_interaction,
        is_cancelled,
        is_active_customer,
        lifecycle_stage,
        stage_reason,
        abc_class
    from staged
)

select * from final
