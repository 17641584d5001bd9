{#- The features the persona clustering reads, one row per customer with a purchase: behaviour
    (value, frequency, recency, tenure, discounts, NPS) and who the customer is and how they buy
    (industry, company size from the company_sizes seed, business contact roles known, decision
    maker known, channel mix, category mix). Built from intermediate models only, so that on
    Spark it exists before the Python steps run. -#}
with purchases as (
    select * from {{ ref('int_customers_purchases_aggregated') }}
),

accounts as (
    select
        account_id,
        account_type,
        industry,
        company_size
    from {{ ref('int_accounts_resolved') }}
),

company_sizes as (
    select * from {{ ref('company_sizes') }}
),

habits as (
    select * from {{ ref('int_customers_habits_flagged') }}
),

latest_nps as (
    select
        account_id,
        nps_score
    from {{ ref('int_nps_responses_classified') }}
    where is_latest_answer
),

contacts as (
    select * from {{ ref('int_contacts_ranked') }}
),

roles as (
    select * from {{ ref('contact_roles') }}
),

orders as (
    select * from {{ ref('int_orders_priced') }}
    where is_purchase
),

lines as (
    select * from {{ ref('int_order_lines_priced') }}
    where is_purchase
),

-- business roles only (a role missing from the seed counts as one, as in the coverage marts)
contact_coverage as (
    select
        contacts.account_id,
        count(distinct case when coalesce(roles.is_b2b_role, true) then contacts.contact_role end) as contact_roles_known,
        max(case when contacts.is_decision_maker then 1 else 0 end) as has_decision_maker
    from contacts
    left join roles
        on contacts.contact_role = roles.contact_role
    group by 1
),

channel_mix as (
    select
        account_id,
        -- integers over a double division: the same double on both engines (Spark's avg of a
        -- decimal keeps only four more decimal places)
        cast(sum(case when channel = 'online' then 1 else 0 end) as double) / count(*) as online_share
    from orders
    group by 1
),

category_revenue as (
    select
        account_id,
        category,
        sum(case when revenue_eur > 0 then revenue_eur else 0 end) as revenue_eur
    from lines
    group by 1, 2
),

category_mix as (
    select
        account_id,
        count(*) as categories_bought,
        cast(max(revenue_eur) as double) / nullif(cast(sum(revenue_eur) as double), 0) as top_category_share
    from category_revenue
    group by 1
),

final as (
    select
        purchases.account_id,
        accounts.account_type,
        {{ kundenstamm.industry_segment('accounts.account_type', 'accounts.industry') }} as industry_segment,
        cast(coalesce(company_sizes.size_rank, 0) as {{ dbt.type_int() }}) as company_size_rank,
        cast(coalesce(contact_coverage.contact_roles_known, 0) as {{ dbt.type_int() }}) as contact_roles_known,
        cast(coalesce(contact_coverage.has_decision_maker, 0) as {{ dbt.type_int() }}) as has_decision_maker,
        cast(coalesce(channel_mix.online_share, 0) as double) as online_share,
        cast(coalesce(category_mix.categories_bought, 0) as {{ dbt.type_int() }}) as categories_bought,
        cast(coalesce(category_mix.top_category_share, 1) as double) as top_category_share,
        purchases.first_purchase_date,
        purchases.days_since_last_purchase,
        purchases.days_since_first_purchase as tenure_days,
        purchases.lifetime_purchases,
        cast(purchases.lifetime_revenue_eur as double) as lifetime_revenue_eur,
        habits.discount_share,
        latest_nps.nps_score as latest_nps_score
    from purchases
    inner join accounts
        on purchases.account_id = accounts.account_id
    inner join habits
        on purchases.account_id = habits.account_id
    left join company_sizes
        on accounts.company_size = company_sizes.company_size
    left join latest_nps
        on purchases.account_id = latest_nps.account_id
    left join contact_coverage
        on purchases.account_id = contact_coverage.account_id
    left join channel_mix
        on purchases.account_id = channel_mix.account_id
    left join category_mix
        on purchases.account_id = category_mix.account_id
)

select * from final
