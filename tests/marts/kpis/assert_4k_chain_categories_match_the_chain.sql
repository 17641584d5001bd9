-- rpt_4k_chain_categories counts the customers of rpt_4k_chain: every NPS class of the chain (all
-- customers) with the same customers, no category with more buyers than the class has, and the
-- revenue shares of a class with revenue adding up to 100.
with categories as (
    select
        nps_class,
        max(class_customers) as class_customers,
        max(buyers) as most_buyers,
        sum(revenue_share_pct) as revenue_share_pct
    from {{ ref('rpt_4k_chain_categories') }}
    group by nps_class
),

chain as (
    select
        nps_class,
        customers
    from {{ ref('rpt_4k_chain') }}
    where abc_class = 'all'
)

select
    coalesce(chain.nps_class, categories.nps_class) as nps_class,
    'customers, buyers or revenue shares do not match the chain' as problem
from chain
full outer join categories
    on chain.nps_class = categories.nps_class
where chain.customers is null
    or categories.class_customers is null
    or chain.customers <> categories.class_customers
    or categories.most_buyers > categories.class_customers
    or abs(coalesce(categories.revenue_share_pct, 100) - 100) > 0.01
