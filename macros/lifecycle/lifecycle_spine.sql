{#- The spine of the monthly customer state (int_customer_months_state): every account at every
    snapshot, one a month (`month_start`; `snapshot_date` the month end, or the as-of date for the
    month it falls in, `is_as_of_snapshot`), from the month of the account's first sign of life
    (created, or its first activity if earlier) up to the as-of date. `accounts` and `activity`
    name the model's import CTEs (account_id, created_date; int_customers_monthly_activity).
    A full build starts at the first known account, so running totals see all history; an
    incremental run (`start_month`) starts `lookback_months` - 1 months before the first rebuilt
    month, so the rolling ABC window still sees its whole width. -#}
{% macro lifecycle_spine(accounts, activity, start_month, lookback_months) -%}
    with first_months as (
        select
            {{ accounts }}.account_id,
            least(
                coalesce(min({{ activity }}.activity_month), {{ accounts }}.created_date),
                coalesce({{ accounts }}.created_date, min({{ activity }}.activity_month))
            ) as first_known_date
        from {{ accounts }}
        left join {{ activity }}
            on {{ accounts }}.account_id = {{ activity }}.account_id
        group by {{ accounts }}.account_id, {{ accounts }}.created_date
    ),

    calendar as (
        {{ kundenstamm.month_ends('(select min(first_known_date) from first_months)', kundenstamm.as_of_date()) }}
    ),

    snapshot_dates as (
        select
            month_start,
            case when month_end > {{ kundenstamm.as_of_date() }} then {{ kundenstamm.as_of_date() }} else month_end end as snapshot_date,
            month_end > {{ kundenstamm.as_of_date() }} or month_end = {{ kundenstamm.as_of_date() }} as is_as_of_snapshot
        from calendar
        {%- if start_month %}
            where month_start >= cast({{ dbt.dateadd('month', 1 - lookback_months, "cast('" ~ start_month ~ "' as date)") }} as date)
        {%- endif %}
    )

    select
        first_months.account_id,
        snapshot_dates.month_start,
        snapshot_dates.snapshot_date,
        snapshot_dates.is_as_of_snapshot
    from first_months
    inner join snapshot_dates
        on snapshot_dates.snapshot_date >= first_months.first_known_date
    where first_months.first_known_date <= {{ kundenstamm.as_of_date() }}
{%- endmacro %}
