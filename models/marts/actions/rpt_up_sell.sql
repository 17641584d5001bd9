{#- Up-sell: high-value customers (RFM monetary score at least `up_sell_min_m_score`) who buy
    the standard tier of a category in which a premium tier exists and have not bought premium
    there yet. -#}
with lines as (
    select * from {{ ref('int_order_lines_priced') }}
    where is_purchase
),

premium_categories as (
    select
        category,
        min(product_id) as premium_product_id,
        count(*) as premium_products
    from {{ ref('stg_orders__products') }}
    where tier = 'premium'
    group by category
),

by_tier as (
    select
        account_id,
        category,
        sum(case when tier = 'standard' then revenue_eur else 0 end) as standard_revenue_eur,
        sum(case when tier = 'standard' then 1 else 0 end) as standard_lines,
        sum(case when tier = 'premium' then 1 else 0 end) as premium_lines
    from lines
    group by account_id, category
),

customers as (
    select * from {{ ref('dim_customers') }}
    where m_score >= {{ var('up_sell_min_m_score') }}
        and {{ kundenstamm.is_open_to_offers() }}
),

contacts as (
    {{ kundenstamm.addressed_contacts('email') }}
),

final as (
    select
        customers.account_id,
        by_tier.category,
        customers.account_name,
        customers.account_owner,
        {{ kundenstamm.contact_columns() }},
        customers.m_score,
        customers.rfm_segment,
        cast(by_tier.standard_revenue_eur as {{ kundenstamm.money_type() }}) as standard_revenue_eur,
        cast(by_tier.standard_lines as bigint) as standard_lines,
        cast(premium_categories.premium_products as bigint) as premium_products,
        concat(
            'High-value customer (monetary score ', cast(customers.m_score as {{ dbt.type_string() }}),
            ') buys standard ', by_tier.category, ' for ', cast(cast(by_tier.standard_revenue_eur as {{ kundenstamm.money_type() }}) as {{ dbt.type_string() }}),
            ' EUR; a premium tier exists and has not been bought yet.'
        ) as reason
    from by_tier
    inner join premium_categories
        on by_tier.category = premium_categories.category
    inner join customers
        on by_tier.account_id = customers.account_id
    left join contacts
        on by_tier.account_id = contacts.account_id
    where by_tier.standard_lines > 0
        and by_tier.premium_lines = 0
)

select * from final
