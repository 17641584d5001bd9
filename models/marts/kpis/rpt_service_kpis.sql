{#- Service KPIs per calendar month up to the as-of month (the last month cut at the as-of date):
    tickets opened and closed, median and 90th percentile of the days to resolve of the tickets
    closed in the month, and the open tickets at the month end — for all tickets and per ticket
    type, category, severity and the customer's current ABC class. Rules in DECISIONLOG.md. -#}
{%- set segments = ['ticket_type', 'ticket_category', 'severity', 'abc_class'] -%}

with tickets as (
    select * from {{ ref('fct_tickets') }}
),

months as (
    {{ kundenstamm.month_ends('(select min(opened_date) from tickets)', kundenstamm.as_of_date()) }}
),

-- every ticket once per segment it counts in
segmented as (
    {{- kundenstamm.segment_rows('tickets', segments, ['ticket_id', 'opened_date', 'closed_date', 'days_to_resolve']) }}
),

segment_values as (
    select distinct
        segment_type,
        segment_value
    from segmented
),

opened as (
    select
        cast({{ dbt.date_trunc('month', 'opened_date') }} as date) as month_start,
        segment_type,
        segment_value,
        count(*) as tickets_opened
    from segmented
    group by 1, 2, 3
),

closed as (
    select
        cast({{ dbt.date_trunc('month', 'closed_date') }} as date) as month_start,
        segment_type,
        segment_value,
        count(*) as tickets_closed,
        {{ kundenstamm.percentile_cont('cast(days_to_resolve as double)', 0.5) }} as median_days,
        {{ kundenstamm.percentile_cont('cast(days_to_resolve as double)', 0.9) }} as p90_days
    from segmented
    where closed_date is not null
    group by 1, 2, 3
),

-- open at the month end (the as-of date for the last month): opened by then, not closed by then
open_at_month_end as (
    select
        months.month_start,
        segmented.segment_type,
        segmented.segment_value,
        count(*) as open_tickets
    from months
    inner join segmented
        on segmented.opened_date <= least(months.month_end, {{ kundenstamm.as_of_date() }})
        and (segmented.closed_date is null or segmented.closed_date > least(months.month_end, {{ kundenstamm.as_of_date() }}))
    group by 1, 2, 3
),

final as (
    select
        months.month_start,
        segment_values.segment_type,
        segment_values.segment_value,
        cast(coalesce(opened.tickets_opened, 0) as bigint) as tickets_opened,
        cast(coalesce(closed.tickets_closed, 0) as bigint) as tickets_closed,
        round(cast(closed.median_days as double), 1) as median_days_to_resolve,
        round(cast(closed.p90_days as double), 1) as p90_days_to_resolve,
        cast(coalesce(open_at_month_end.open_tickets, 0) as bigint) as open_tickets
    from months
    cross join segment_values
    {{- kundenstamm.month_segment_joins(['opened', 'closed', 'open_at_month_end']) }}
)

select * from final
