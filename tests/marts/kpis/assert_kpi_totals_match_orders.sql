-- The monthly revenue for everyone equals the purchases in fct_orders per month, and the
-- ABC class revenue shares of each month add up to 100 % where there was revenue.
with orders as (
    select
        cast({{ dbt.date_trunc('month', 'order_date') }} as date) as month_start,
        sum(revenue_eur) as revenue_eur
    from {{ ref('fct_orders') }}
    where is_purchase
    group by 1
),

kpis as (
    select * from {{ ref('rpt_kpis_monthly') }}
),

class_shares as (
    select
        month_start,
        sum(revenue_share_pct) as share_total,
        sum(revenue_eur) as revenue_eur
    from kpis
    where segment_type = 'abc_class'
    group by month_start
)

select
    kpis.month_start,
    'revenue differs from fct_orders' as problem
from kpis
left join orders
    on kpis.month_start = orders.month_start
where kpis.segment_type = 'all'
    and kpis.revenue_eur <> coalesce(orders.revenue_eur, 0)
union all
select
    month_start,
    'class shares do not sum to 100'
from class_shares
where revenue_eur > 0
    -- shares are rounded to 4 decimals, so a handful of classes may be off by a few 1e-5
    and abs(share_total - 100) > 0.001
