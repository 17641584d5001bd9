{#- The state of every account at every month end (and at the as-of date), built only from what
    had happened by then: purchases so far, rhythm, open complaints, latest NPS answer,
    cancellation, the rolling ABC basis, P(alive) and the lifecycle stage that follows from the
    rules. The as-of snapshot is the current stage (fct_lifecycle_stages).
    P(alive) is the BG/NBD probability that the customer is still active given their purchases
    so far (x repeat purchase days, t_x and T in weeks), with the parameters fitted for their
    segment (int_clv_parameters, full fit up to the as-of date, converged fits only). -#}
{%- set lookback_months = ((var('abc_lookback_days') | float) / 365.25 * 12) | round | int -%}

with accounts as (
    select
        account_id,
        coalesce(account_type, 'unknown') as clv_segment,
        cast(created_at as date) as created_date
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

activity as (
    select * from {{ ref('int_customers_monthly_activity') }}
),

first_months as (
    select
        accounts.account_id,
        least(
            coalesce(min(activity.activity_month), accounts.created_date),
            coalesce(accounts.created_date, min(activity.activity_month))
        ) as first_known_date
    from accounts
    left join activity
        on accounts.account_id = activity.account_id
    group by accounts.account_id, accounts.created_date
),

-- every month from the first known account, so running totals see all history; the output is
-- cut at var lifecycle_history_start only at the end
calendar as (
    {{ kundenstamm.month_ends('(select min(first_known_date) from first_months)', kundenstamm.as_of_date()) }}
),

snapshot_dates as (
    select
        month_start,
        case when month_end > {{ kundenstamm.as_of_date() }} then {{ kundenstamm.as_of_date() }} else month_end end as snapshot_date,
        month_end > {{ kundenstamm.as_of_date() }} or month_end = {{ kundenstamm.as_of_date() }} as is_as_of_snapshot
    from calendar
),

spine as (
    select
        first_months.account_id,
        snapshot_dates.month_start,
        snapshot_dates.snapshot_date,
        snapshot_dates.is_as_of_snapshot
    from first_months
    inner join snapshot_dates
        on snapshot_dates.snapshot_date >= first_months.first_known_date
    where first_months.first_known_date <= {{ kundenstamm.as_of_date() }}
),

accumulated as (
    select
        spine.account_id,
        spine.month_start,
        spine.snapshot_date,
        spine.is_as_of_snapshot,
        min(activity.first_purchase_date) over account_so_far as first_purchase_date,
        max(activity.last_purchase_date) over account_so_far as last_purchase_date,
        cast(sum(coalesce(activity.purchase_days, 0)) over account_so_far as bigint) as purchase_days,
        cast(sum(coalesce(activity.purchases, 0)) over account_so_far as bigint) as purchases,
        cast(sum(coalesce(activity.complaints_opened, 0) - coalesce(activity.complaints_closed, 0)) over account_so_far as bigint) as open_complaints,
        max(activity.last_cancellation_date) over account_so_far as last_cancellation_date,
        max(activity.last_interaction_date) over account_so_far as last_interaction_date,
        {{ kundenstamm.last_value_ignore_nulls('activity.latest_nps_class', 'spine.account_id', 'spine.snapshot_date') }} as latest_nps_class,
        -- summed as exact decimals (a sliding sum of doubles depends on the engine's order)
        cast(sum(coalesce(activity.{{ 'margin' if var('abc_basis') == 'margin' else 'revenue' }}_eur, 0)) over (
            partition by spine.account_id
            order by spine.snapshot_date
            rows between {{ lookback_months - 1 }} preceding and current row
        ) as double) as abc_basis_value
    from spine
    left join activity
        on spine.account_id = activity.account_id
        and spine.month_start = activity.activity_month
    window account_so_far as (
        partition by spine.account_id
        order by spine.snapshot_date
        rows between unbounded preceding and current row
    )
),

measured as (
    select
        *,
        cast({{ dbt.datediff('last_purchase_date', 'snapshot_date', 'day') }} as {{ dbt.type_int() }}) as days_since_last_purchase,
        cast({{ dbt.datediff('first_purchase_date', 'snapshot_date', 'day') }} as {{ dbt.type_int() }}) as days_since_first_purchase,
        cast({{ dbt.datediff('last_interaction_date', 'snapshot_date', 'day') }} as {{ dbt.type_int() }}) as days_since_last_interaction,
        case
            when purchase_days > 1
                then cast({{ dbt.datediff('first_purchase_date', 'last_purchase_date', 'day') }} as double) / (purchase_days - 1)
        end as avg_days_between_purchases,
        last_cancellation_date is not null
        and (last_purchase_date is null or last_cancellation_date >= last_purchase_date) as is_cancelled
    from accumulated
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
                        - ln(bgnbd_parameters.alpha + cast({{ dbt.datediff('measured.first_purchase_date', 'measured.last_purchase_date', 'day') }} as double) / 7)
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
