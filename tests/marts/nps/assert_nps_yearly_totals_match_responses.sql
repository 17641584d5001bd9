-- The yearly rows for everyone agree with the answers in fct_nps_responses, counted by the year
-- of the invitation.
with expected as (
    select
        cast({{ dbt.date_trunc('year', 'cast(invited_at as date)') }} as date) as period_start,
        count(*) as responses,
        sum(case when is_promoter then 1 else 0 end) as promoters,
        sum(case when is_detractor then 1 else 0 end) as detractors
    from {{ ref('fct_nps_responses') }}
    group by 1
),

reported as (
    select * from {{ ref('rpt_nps') }}
    where period_type = 'year' and segment_type = 'all'
)

select
    expected.period_start,
    expected.responses,
    reported.responses as reported_responses
from expected
full outer join reported
    on expected.period_start = reported.period_start
where coalesce(expected.responses, 0) <> coalesce(reported.responses, 0)
    or coalesce(expected.promoters, 0) <> coalesce(reported.promoters, 0)
    or coalesce(expected.detractors, 0) <> coalesce(reported.detractors, 0)
