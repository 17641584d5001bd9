-- The 'all' row of rpt_profitability_summary is the sum of its ABC classes, holds every customer
-- of fct_customer_profitability and every row of rpt_unprofitable_customers, and its reason
-- counts add up to the unprofitable customers.
with summary as (
    select * from {{ ref('rpt_profitability_summary') }}
),

overall as (
    select * from summary
    where abc_class = 'all'
),

classes as (
    select
        sum(customers) as customers,
        sum(cost_to_serve_eur) as cost_to_serve_eur,
        sum(contribution_after_service_eur) as contribution_after_service_eur,
        sum(unprofitable_customers) as unprofitable_customers
    from summary
    where abc_class <> 'all'
),

facts as (
    select
        (select count(*) from {{ ref('fct_customer_profitability') }}) as customers,
        (select count(*) from {{ ref('rpt_unprofitable_customers') }}) as unprofitable_customers
)

select 'the classes do not add up to all' as problem
from overall
cross join classes
where overall.customers <> classes.customers
    or overall.cost_to_serve_eur <> classes.cost_to_serve_eur
    or overall.contribution_after_service_eur <> classes.contribution_after_service_eur
    or overall.unprofitable_customers <> classes.unprofitable_customers
union all
select 'all does not hold every customer and every unprofitable one'
from overall
cross join facts
where overall.customers <> facts.customers
    or overall.unprofitable_customers <> facts.unprofitable_customers
union all
select concat('the reasons do not add up in class ', abc_class)
from summary
where negative_margin_customers + cost_exceeds_margin_customers + low_contribution_customers
    <> unprofitable_customers
