{#- Company accounts by industry, company size and culture tag: accounts, buying customers,
    revenue, margin and A/B customers, with segments too small to act on flagged (not hidden).
    An account with several culture tags counts in each of its tags. -#}
with customers as (
    select * from {{ ref('dim_customers') }}
    where account_type = 'company'
),

culture as (
    select
        account_id,
        {{ kundenstamm.split_to_rows("coalesce(culture_tags, 'none')", ';') }} as culture_tag
    from customers
),

memberships as (
    select
        'industry' as segment_type,
        coalesce(industry, 'unknown') as segment_value,
        account_id
    from customers
    union all
    select
        'company_size',
        coalesce(company_size, 'unknown'),
        account_id
    from customers
    union all
    select
        'culture_tag',
        trim(culture_tag),
        account_id
    from culture
),

final as (
    select
        memberships.segment_type,
        memberships.segment_value,
        cast(count(*) as bigint) as accounts,
        cast(count(customers.first_purchase_date) as bigint) as customers,
        cast(sum(case when customers.abc_class in ('A', 'B') then 1 else 0 end) as bigint) as ab_customers,
        cast(sum(customers.lifetime_revenue_eur) as {{ kundenstamm.money_type() }}) as lifetime_revenue_eur,
        cast(sum(customers.lifetime_margin_eur) as {{ kundenstamm.money_type() }}) as lifetime_margin_eur,
        count(*) < {{ var('min_group_size') }} as is_too_small
    from memberships
    inner join customers
        on memberships.account_id = customers.account_id
    group by memberships.segment_type, memberships.segment_value
)

select * from final
