-- Retention in the acquisition month is 100 %, and the cohorts together hold every customer
-- with a purchase exactly once.
with cohorts as (
    select * from {{ ref('rpt_cohort_retention') }}
),

first_month as (
    select sum(cohort_size) as customers
    from cohorts
    where months_since_first_purchase = 0
),

customers as (
    select count(*) as customers
    from {{ ref('dim_customers') }}
    where first_purchase_date is not null
)

select
    cohort_month,
    'retention in month 0 is not 100 %' as problem
from cohorts
where months_since_first_purchase = 0
    and retention_rate_pct <> 100
union all
select
    null,
    'cohort sizes do not add up to the customers'
from first_month
cross join customers
where first_month.customers <> customers.customers
