-- rpt_marketing_spend_purpose splits the spend without losing any: per month acquisition +
-- retention + unmapped spend is the month's spend, the same as rpt_kpis_monthly's for all
-- customers, and every month of the KPI mart is in it.
with purpose as (
    select * from {{ ref('rpt_marketing_spend_purpose') }}
),

kpis as (
    select
        month_start,
        marketing_spend_eur
    from {{ ref('rpt_kpis_monthly') }}
    where segment_type = 'all'
)

select
    coalesce(purpose.month_start, kpis.month_start) as month_start,
    'spend by purpose does not add up to the spend of the month' as problem
from purpose
full outer join kpis
    on purpose.month_start = kpis.month_start
where purpose.month_start is null
    or purpose.acquisition_spend_eur + purpose.retention_spend_eur + purpose.unmapped_spend_eur
    <> purpose.marketing_spend_eur
    or (kpis.month_start is not null and kpis.marketing_spend_eur <> purpose.marketing_spend_eur)
