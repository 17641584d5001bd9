{#- The quarterly customer-base check as one list: who has not bought for long, who inquired but
    never bought, and who could use an add-on (the top cross-sell or up-sell suggestion: up-sell
    before cross-sell). priority_rank orders the whole list (and each owner's part of it) by the
    value at stake: the customer's lifetime revenue, highest first; prospects without revenue
    after them, latest inquiry first. -#}
{#- the columns only some reasons have, with their type; each reason lists those it has (the
    review fills the others with nulls) besides account_id, review_reason, detail and sort_value -#}
{%- set optional_columns = {
    'inquiry_channel': dbt.type_string(), 'last_inquiry_date': 'date', 'inquiries': 'bigint',
    'add_on_type': dbt.type_string(), 'add_on_category': dbt.type_string(),
} -%}
{%- set reasons = {
    'not_bought_for_long': [],
    'inquired_never_bought': ['inquiry_channel', 'last_inquiry_date', 'inquiries'],
    'add_on_best': ['add_on_type', 'add_on_category'],
} -%}

with customers as (
    select * from {{ ref('dim_customers') }}
),

contacts as (
    {{ kundenstamm.addressed_contacts('call') }}
),

leads as (
    select * from {{ ref('int_leads_resolved') }}
    where cast(created_at as date) <= {{ kundenstamm.as_of_date() }}
        and cast(created_at as date) > {{ dbt.dateadd('day', '-' ~ var('review_inquiry_days'), kundenstamm.as_of_date()) }}
),

not_bought_for_long as (
    select
        account_id,
        'not_bought_for_long' as review_reason,
        concat(
            'No purchase for ', cast(days_since_last_purchase as {{ dbt.type_string() }}), ' days (last on ',
            cast(last_purchase_date as {{ dbt.type_string() }}), ').'
        ) as detail,
        cast(days_since_last_purchase as double) as sort_value
    from customers
    where days_since_last_purchase > {{ var('review_inactive_days') }}
        and lifecycle_stage <> 'lapsed'
),

inquired_never_bought as (
    select
        leads.account_id,
        'inquired_never_bought' as review_reason,
        concat(
            'Inquired via ', max(leads.source_channel), ' on ', cast(max(cast(leads.created_at as date)) as {{ dbt.type_string() }}),
            ' (', cast(count(*) as {{ dbt.type_string() }}), ' inquiries) but never bought.'
        ) as detail,
        max(leads.source_channel) as inquiry_channel,
        max(cast(leads.created_at as date)) as last_inquiry_date,
        cast(count(*) as bigint) as inquiries,
        cast(count(*) as double) as sort_value
    from leads
    inner join customers
        on leads.account_id = customers.account_id
    where customers.first_purchase_date is null
    group by leads.account_id
),

add_on as (
    select
        account_id,
        concat('Could use ', suggested_category, ': ', reason) as detail,
        'cross_sell' as add_on_type,
        suggested_category as add_on_category,
        confidence as sort_value
    from {{ ref('rpt_cross_sell') }}
    where suggestion_rank = 1
    union all
    select
        account_id,
        concat('Premium ', category, ': ', reason) as detail,
        'up_sell' as add_on_type,
        category as add_on_category,
        cast(standard_revenue_eur as double) as sort_value
    from {{ ref('rpt_up_sell') }}
),

add_on_best as (
    select
        *,
        'add_on' as review_reason,
        -- the premium tier of a category the customer already buys first, then the strongest
        -- cross-sell rule (the two sort values are in different units: never compared)
        row_number() over (
            partition by account_id
            order by case when add_on_type = 'up_sell' then 0 else 1 end, sort_value desc, detail
        ) as add_on_rank
    from add_on
),

review as (
    {%- for source, has in reasons.items() %}
        select
            account_id,
            review_reason,
            detail,
            {%- for column, type in optional_columns.items() %}
                {{ column if column in has else 'cast(null as ' ~ type ~ ') as ' ~ column }},
            {%- endfor %}
            sort_value
        from {{ source }}
        {%- if source == 'add_on_best' %}
            where add_on_rank = 1
        {%- endif %}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

final as (
    select
        coalesce(customers.account_owner, 'unassigned') as account_owner,
        review.review_reason,
        review.account_id,
        customers.account_name,
        customers.lifecycle_stage,
        customers.abc_class,
        {{ kundenstamm.contact_columns(['contact_name', 'contact_phone']) }},
        review.detail,
        customers.days_since_last_purchase,
        customers.last_purchase_date,
        review.inquiry_channel,
        review.last_inquiry_date,
        review.inquiries,
        review.add_on_type,
        review.add_on_category,
        cast(count(*) over (partition by coalesce(customers.account_owner, 'unassigned')) as bigint) as owner_list_size,
        cast(count(*) over (partition by coalesce(customers.account_owner, 'unassigned'), review.review_reason) as bigint) as group_size,
        count(*) over (partition by coalesce(customers.account_owner, 'unassigned'), review.review_reason) < {{ var('min_group_size') }} as is_group_too_small,
        customers.lifetime_revenue_eur,
        cast(row_number() over (
            order by
                case when customers.first_purchase_date is null then 1 else 0 end,
                coalesce(customers.lifetime_revenue_eur, 0) desc,
                review.last_inquiry_date desc nulls last,
                case review.review_reason
                    when 'not_bought_for_long' then 1
                    when 'add_on' then 2
                    else 3
                end,
                review.account_id
        ) as bigint) as priority_rank
    from review
    inner join customers
        on review.account_id = customers.account_id
    left join contacts
        on review.account_id = contacts.account_id
)

select * from final
