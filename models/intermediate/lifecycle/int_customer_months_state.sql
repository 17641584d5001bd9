{#- The running state of every account at every month end (and at the as-of date), built only
    from what had happened by then: purchases so far, open complaints, latest NPS answer,
    cancellation, latest interaction, and the rolling ABC basis and class. Nothing here depends on
    a model fit, so months once built stay right (int_customer_months_scored adds the row-wise
    measures and P(alive), int_customer_months_staged the stage rules, for every month, each run).
    Incremental: a run rebuilds the months from the first one that can have changed
    (kundenstamm.incremental_start_month) and starts each account from its state at the month
    end before; running totals are that state plus what happened since. -#}
{{ config(**kundenstamm.incremental_by_month('month_start')) }}
{%- set lookback_months = ((var('abc_lookback_days') | float) / 365.25 * 12) | round | int -%}
{%- set start_month = kundenstamm.incremental_start_month('select max(snapshot_date) from ' ~ this, new_accounts=true) -%}
{%- set rebuilt = "spine.month_start >= cast('" ~ start_month ~ "' as date)" if start_month else "true" -%}

with accounts as (
    select
        account_id,
        cast(created_at as date) as created_date
    from {{ ref('int_accounts_resolved') }}
),

activity as (
    select * from {{ ref('int_customers_monthly_activity') }}
),

-- every account at every month end (lifecycle_spine); the output is cut at var
-- lifecycle_history_start only at the end, so running totals see all history
spine as (
    {{ kundenstamm.lifecycle_spine('accounts', 'activity', start_month, lookback_months) }}
),

-- the state at the month end before the first rebuilt month (none in a full build)
before_start as (
    {{ kundenstamm.lifecycle_state_before(start_month) }}
),

-- what happened in the rebuilt months, so far at each snapshot
since_start as (
    select
        spine.account_id,
        spine.month_start,
        spine.snapshot_date,
        spine.is_as_of_snapshot,
        min(case when {{ rebuilt }} then activity.first_purchase_date end) over account_so_far as first_purchase_date,
        max(case when {{ rebuilt }} then activity.last_purchase_date end) over account_so_far as last_purchase_date,
        sum(case when {{ rebuilt }} then coalesce(activity.purchase_days, 0) else 0 end) over account_so_far as purchase_days,
        sum(case when {{ rebuilt }} then coalesce(activity.purchases, 0) else 0 end) over account_so_far as purchases,
        sum(case when {{ rebuilt }} then coalesce(activity.complaints_opened, 0) - coalesce(activity.complaints_closed, 0) else 0 end) over account_so_far as open_complaints,
        max(case when {{ rebuilt }} then activity.last_cancellation_date end) over account_so_far as last_cancellation_date,
        max(case when {{ rebuilt }} then activity.last_interaction_date end) over account_so_far as last_interaction_date,
        {{ kundenstamm.last_value_ignore_nulls('case when ' ~ rebuilt ~ ' then activity.latest_nps_class end', 'spine.account_id', 'spine.snapshot_date') }} as latest_nps_class,
        -- summed as exact decimals (a sliding sum of doubles depends on the engine's order)
        cast(sum(coalesce(activity.{{ kundenstamm.abc_window_basis() }}_eur, 0)) over (
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

accumulated as (
    select
        since_start.account_id,
        since_start.month_start,
        since_start.snapshot_date,
        since_start.is_as_of_snapshot,
        -- the state before the rebuilt months plus what happened since (lifecycle_carry_over)
        {{ kundenstamm.lifecycle_carry_over('since_start', 'before_start') }},
        since_start.abc_basis_value
    from since_start
    left join before_start
        on since_start.account_id = before_start.account_id
    where (
        since_start.snapshot_date >= cast('{{ var("lifecycle_history_start") }}' as date)
        or since_start.is_as_of_snapshot
    )
    {%- if start_month %}
        and since_start.month_start >= cast('{{ start_month }}' as date)
    {%- endif %}
),

abc_ranked as (
    select
        *,
        sum(case when abc_basis_value > 0 then abc_basis_value else 0 end) over (
            partition by snapshot_date
            order by abc_basis_value desc
            range between unbounded preceding and current row
        ) / nullif(sum(case when abc_basis_value > 0 then abc_basis_value else 0 end) over (partition by snapshot_date), 0) as abc_cumulative_share
    from accumulated
),

final as (
    select
        account_id,
        month_start,
        snapshot_date,
        is_as_of_snapshot,
        first_purchase_date,
        last_purchase_date,
        cast({{ dbt.datediff('first_purchase_date', 'snapshot_date', 'day') }} as {{ dbt.type_int() }}) as days_since_first_purchase,
        cast({{ dbt.datediff('first_purchase_date', 'last_purchase_date', 'day') }} as {{ dbt.type_int() }}) as days_first_to_last_purchase,
        purchase_days,
        purchases,
        open_complaints,
        last_cancellation_date,
        last_interaction_date,
        latest_nps_class,
        abc_basis_value,
        case
            when first_purchase_date is not null
                then {{ kundenstamm.abc_class('abc_basis_value', 'abc_cumulative_share') }}
        end as abc_class
    from abc_ranked
)

select * from final
