-- Customer and revenue shares of the RFM segments and ABC sub-classes each sum to 100 %.
with rfm as (
    select
        'rpt_rfm_segments' as report,
        sum(customer_share_pct) as customer_share,
        sum(revenue_share_pct) as value_share,
        sum(revenue_eur) as value_total
    from {{ ref('rpt_rfm_segments') }}
),

abc as (
    select
        'rpt_abc_summary' as report,
        sum(customer_share_pct) as customer_share,
        sum(basis_share_pct) as value_share,
        sum(basis_value_eur) as value_total
    from {{ ref('rpt_abc_summary') }}
),

both_reports as (
    select * from rfm
    union all
    select * from abc
)

select *
from both_reports
where abs(customer_share - 100) > 0.0001
    or (value_total > 0 and abs(value_share - 100) > 0.0001)
