{#- What every account had done by every month end (and by the as-of date): purchases so far,
    rhythm, open complaints, latest NPS answer, cancellation and the rolling ABC basis. The
    lifecycle rules (int_customer_months_accumulated) read it with P(alive) of the purchase state
    (int_purchase_states_scored). Materialised: the purchase states and the lifecycle read it. -#}
{{ config(materialized='table') }}
{%- set lookback_months = ((var('abc_lookback_days') | float) / 365.25 * 12) | round | int -%}

with accounts as (
    select
        account_id,
        coalesce(account_type, 'unknown') as clv_segment,
        cast(created_at as date) as created_date
    from {{ ref('stg_crm__accounts') }}
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
        cast({{ dbt.datediff('first_purchase_date', 'last_purchase_date', 'day') }} as {{ dbt.type_int() }}) as days_first_to_last_purchase,
        cast({{ dbt.datediff('last_interaction_date', 'snapshot_date', 'day') }} as {{ dbt.type_int() }}) as days_since_last_interaction,
        case
            when purchase_days > 1
                then cast({{ dbt.datediff('first_purchase_date', 'last_purchase_date', 'day') }} as double) / (purchase_days - 1)
        end as avg_days_between_purchases,
        last_cancellation_date is not null
        and (last_purchase_date is null or last_cancellation_date >= last_purchase_date) as is_cancelled
    from accumulated
),

final as (
    select
        measured.*,
        accounts.clv_segment
    from measured
    inner join accounts
        on measured.account_id = accounts.account_id
)

select * from final
