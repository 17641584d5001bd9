-- Per year (and for 'all'), the shares of the cancellation reasons add up to 100 %, and the
-- 'all' row counts every cancellation up to the as-of date.
with per_year as (
    select
        cancellation_year,
        sum(share_of_cancellations_pct) as share_total,
        sum(cancellations) as cancellations
    from {{ ref('rpt_cancellation_reasons') }}
    group by cancellation_year
),

raw_total as (
    select count(*) as cancellations
    from {{ ref('int_cancellations_resolved') }}
    where cast(cancelled_at as date) <= {{ kundenstamm.as_of_date() }}
)

select per_year.*
from per_year
cross join raw_total
where abs(per_year.share_total - 100) > 0.0001
    or (per_year.cancellation_year = 'all' and per_year.cancellations <> raw_total.cancellations)
