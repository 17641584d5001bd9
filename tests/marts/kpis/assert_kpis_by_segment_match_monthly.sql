-- rpt_kpis_by_segment and rpt_kpis_monthly share their definitions: the rows for all customers
-- and per ABC class are the same in both, and every segment type of a month adds up to the
-- month's revenue and new customers of all customers.
with monthly as (
    select * from {{ ref('rpt_kpis_monthly') }}
),

by_segment as (
    select * from {{ ref('rpt_kpis_by_segment') }}
),

shared_rows as (
    select * from by_segment
    where segment_type in ('all', 'abc_class')
),

only_in_monthly as (
    select * from monthly
    except
    select * from shared_rows
),

only_in_by_segment as (
    select * from shared_rows
    except
    select * from monthly
),

type_totals as (
    select
        month_start,
        segment_type,
        sum(revenue_eur) as revenue_eur,
        sum(new_customers) as new_customers
    from by_segment
    group by 1, 2
),

not_adding_up as (
    select
        'segment type does not add up to all' as problem,
        type_totals.month_start,
        type_totals.segment_type
    from type_totals
    inner join type_totals as everyone
        on type_totals.month_start = everyone.month_start
        and everyone.segment_type = 'all'
    where type_totals.revenue_eur <> everyone.revenue_eur
        or type_totals.new_customers <> everyone.new_customers
)

select
    'only in rpt_kpis_monthly' as problem,
    month_start,
    segment_type
from only_in_monthly
union all
select
    'only in rpt_kpis_by_segment' as problem,
    month_start,
    segment_type
from only_in_by_segment
union all
select
    problem,
    month_start,
    segment_type
from not_adding_up
