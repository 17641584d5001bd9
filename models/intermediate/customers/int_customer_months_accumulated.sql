{#- The lifecycle stage of every account at every month end (and at the as-of date): the running
    state (int_customer_months_state) with P(alive) and the stage rules on top. P(alive) is the
    BG/NBD probability that the customer is still active given their purchases so far (x repeat
    purchase days, t_x and T in weeks), with the parameters fitted for their segment
    (int_clv_parameters, full fit up to the as-of date, converged fits only). The fit changes
    with every as-of date, so this runs over every month each time; the expensive running state
    below it is built incrementally. -#}
with accounts as (
    select
        account_id,
        coalesce(account_type, 'unknown') as clv_segment
    from {{ ref('int_accounts_resolved') }}
),

bgnbd_parameters as (
    select
        clv_segment,
        max(case when parameter = 'r' then value end) as r,
        max(case when parameter = 'alpha' then value end) as alpha,
        max(case when parameter = 'a' then value end) as a,
        max(case when parameter = 'b' then value end) as b
    from {{ ref('int_clv_parameters') }}
    where fit_type = 'full'
        and model = 'bgnbd'
        and converged
    group by clv_segment
),

measured as (
    select * from {{ ref('int_customer_months_state') }}
),

-- P(alive | x, t_x, T) = 1 / (1 + [x > 0] * a / (b + x - 1) * ((alpha + T) / (alpha + t_x))^(r + x)),
-- the odds computed on the log scale (capped) so long histories cannot overflow
alive_odds as (
    select
        measured.*,
        case
            -- no fit to use (least() would skip a null and give exp(700))
            when bgnbd_parameters.clv_segment is null then null
            when measured.purchase_days = 1 then 0.0
            when measured.purchase_days > 1 then exp(least(
                    700.0,
                    ln(bgnbd_parameters.a) - ln(bgnbd_parameters.b + measured.purchase_days - 2)
                    + (bgnbd_parameters.r + measured.purchase_days - 1) * (
                        ln(bgnbd_parameters.alpha + cast(measured.days_since_first_purchase as double) / 7)
                        - ln(bgnbd_parameters.alpha + cast(measured.days_first_to_last_purchase as double) / 7)
                    )
                ))
        end as dead_odds
    from measured
    inner join accounts
        on measured.account_id = accounts.account_id
    left join bgnbd_parameters
        on accounts.clv_segment = bgnbd_parameters.clv_segment
),

with_p_alive as (
    select
        *,
        1.0 / (1.0 + dead_odds) as p_alive
    from alive_odds
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
