{#- The service page's comparison of segments: over the last service_summary_months months up to
    the as-of date, the tickets opened and closed and the median and 90th percentile of the days
    to resolve of the closed ones, with the tickets open at the as-of date — for all tickets and
    per ticket type, category, severity and the customer's current ABC class. A month of one
    segment holds too few tickets to compare (rpt_service_kpis has the months); the window pools
    them. Rules in DECISIONLOG.md. -#}
{%- set segments = ['ticket_type', 'ticket_category', 'severity', 'abc_class'] -%}
{%- set months = var('service_summary_months') -%}
{%- if months is not integer or months < 1 -%}
    {{ exceptions.raise_compiler_error("var service_summary_months (dbt_project.yml) must be a whole number of months, at least 1, not " ~ months) }}
{%- endif -%}

with tickets as (
    select * from {{ ref('fct_tickets') }}
),

window_start as (
    select
        cast({{ dbt.dateadd('month', -1 * months, kundenstamm.as_of_date()) }} as date) as start_date
),

-- every ticket once per segment it counts in
segmented as (
    {{- kundenstamm.segment_rows('tickets', segments, ['ticket_id', 'opened_date', 'closed_date', 'is_open', 'days_to_resolve']) }}
),

aggregated as (
    select
        segmented.segment_type,
        segmented.segment_value,
        sum(case when segmented.opened_date > window_start.start_date then 1 else 0 end) as tickets_opened,
        sum(case when segmented.closed_date > window_start.start_date then 1 else 0 end) as tickets_closed,
        {{ kundenstamm.percentile_cont('case when segmented.closed_date > window_start.start_date then cast(segmented.days_to_resolve as double) end', 0.5) }} as median_days,
        {{ kundenstamm.percentile_cont('case when segmented.closed_date > window_start.start_date then cast(segmented.days_to_resolve as double) end', 0.9) }} as p90_days,
        sum(case when segmented.is_open then 1 else 0 end) as open_tickets
    from segmented
    cross join window_start
    group by segmented.segment_type, segmented.segment_value
),

final as (
    select
        segment_type,
        segment_value,
        {{ months }} as window_months,
        cast(tickets_opened as bigint) as tickets_opened,
        cast(tickets_closed as bigint) as tickets_closed,
        tickets_closed < {{ var('min_group_size') }} as is_too_small,
        round(cast(median_days as double), 1) as median_days_to_resolve,
        round(cast(p90_days as double), 1) as p90_days_to_resolve,
        cast(open_tickets as bigint) as open_tickets
    from aggregated
)

select * from final
