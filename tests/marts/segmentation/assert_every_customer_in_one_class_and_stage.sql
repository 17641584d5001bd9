-- Every customer with a purchase has exactly one ABC class, one RFM segment and one lifecycle
-- stage other than prospect; every account in dim_customers has exactly one lifecycle stage.
with customers as (
    select * from {{ ref('dim_customers') }}
)

select
    account_id,
    'purchase but no class, segment or buying stage' as problem
from customers
where first_purchase_date is not null
    and (abc_class is null or rfm_segment is null or lifecycle_stage is null or lifecycle_stage = 'prospect')
union all
select
    account_id,
    'no purchase but a class or a buying stage'
from customers
where first_purchase_date is null
    and (abc_class is not null or rfm_segment is not null or lifecycle_stage <> 'prospect')
union all
select
    account_id,
    'no lifecycle stage'
from customers
where lifecycle_stage is null
