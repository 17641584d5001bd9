{#- The state of every account at every month end (and at the as-of date), built only from what
    had happened by then (int_customer_months_measured), with P(alive) and the lifecycle stage
    that follows from the rules. The as-of snapshot is the current stage (fct_lifecycle_stages).
    P(alive) is the probability that the customer is still active given their purchases so far,
    from the purchase model selected for their segment (int_purchase_states_scored: BG/NBD or
    Pareto/NBD, full fit up to the as-of date, converged fits only; computed in Python with the
    same function as the CLV predictions, once per distinct purchase state). -#}
with measured as (
    select * from {{ ref('int_customer_months_measured') }}
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
        end as stage_reason,
        days_since_last_purchase <= {{ var('active_window_days') }} as is_active_customer
    from with_p_alive
),

abc_ranked as (
    select
        *,
        sum(case when abc_basis_value > 0 then abc_basis_value else 0 end) over (
            partition by snapshot_date
            order by abc_basis_value desc
            range between unbounded preceding and current row
        ) / nullif(sum(case when abc_basis_value > 0 then abc_basis_value else 0 end) over (partition by snapshot_date), 0) as abc_cumulative_share
    from staged
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
        case
            when first_purchase_date is null then null
            when abc_basis_value <= 0 or abc_cumulative_share is null then 'C'
            when abc_cumulative_share <= {{ var('abc_a_cutoff') }} then 'A'
            when abc_cumulative_share <= {{ var('abc_b_cutoff') }} then 'B'
            else 'C'
        end as abc_class
    from abc_ranked
    where snapshot_date >= cast('{{ var("lifecycle_history_start") }}' as date)
        or is_as_of_snapshot
)

select * from final
