-- rpt_4k_chain_categories takes its class counts from rpt_4k_chain and counts buyers from the
-- chain's customers (chain_customers): no category of a class has more buyers than the chain has
-- customers in the class, and the revenue shares of a class with revenue add up to 100.
with categories as (
    select
        nps_class,
        max(class_customers) as class_customers,
        max(buyers) as most_buyers,
        sum(revenue_share_pct) as revenue_share_pct
    from {{ ref('rpt_4k_chain_categories') }}
    group by nps_class
)

select
    nps_class,
    'buyers or revenue shares do not match the chain' as problem
from categories
where most_buyers > class_customers
    or abs(coalesce(revenue_share_pct, 100) - 100) > 0.01
