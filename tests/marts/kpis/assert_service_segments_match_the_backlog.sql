-- The open tickets of every service segment (rpt_service_segments) are the sum of its age bands
-- in rpt_service_backlog and the tickets of fct_tickets open at the as-of date, and both marts
-- list the same segments.
with segments as (
    select * from {{ ref('rpt_service_segments') }}
),

backlog as (
    select
        segment_type,
        segment_value,
        sum(open_tickets) as open_tickets
    from {{ ref('rpt_service_backlog') }}
    group by segment_type, segment_value
),

open_tickets as (
    select count(*) as open_tickets
    from {{ ref('fct_tickets') }}
    where is_open
)

select
    coalesce(segments.segment_type, backlog.segment_type) as segment_type,
    coalesce(segments.segment_value, backlog.segment_value) as segment_value,
    'open tickets differ from the backlog bands' as problem
from segments
full outer join backlog
    on segments.segment_type = backlog.segment_type
    and segments.segment_value = backlog.segment_value
where segments.open_tickets is null
    or backlog.open_tickets is null
    or segments.open_tickets <> backlog.open_tickets
union all
select
    segments.segment_type,
    segments.segment_value,
    'open tickets of all differ from fct_tickets'
from segments
cross join open_tickets
where segments.segment_type = 'all'
    and segments.open_tickets <> open_tickets.open_tickets
