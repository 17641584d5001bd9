{#- Pilot pool: buying company accounts that are open to innovation (innovation_openness =
    'high'), with their decision maker, for trying new products first. -#}
with customers as (
    select * from {{ ref('dim_customers') }}
    where innovation_openness = 'high'
        and account_type = 'company'
        and {{ kundenstamm.is_open_to_offers() }}
),

contacts as (
    {{ kundenstamm.addressed_contacts('call') }}
),

final as (
    select
        customers.account_id,
        customers.account_name,
        customers.account_owner,
        customers.industry,
        customers.company_size,
        customers.region,
        customers.abc_class,
        customers.lifecycle_stage,
        customers.lifetime_revenue_eur,
        {{ kundenstamm.contact_columns(['contact_name', 'contact_role', 'is_decision_maker', 'gift_preference']) }},
        cast(count(*) over () as bigint) as pool_size,
        count(*) over () < {{ var('min_group_size') }} as is_group_too_small,
        concat(
            'Open to innovation (', coalesce(customers.industry, 'no industry'), ', ',
            coalesce(customers.company_size, '?'), ' employees), ', customers.lifecycle_stage, ' customer.'
        ) as reason
    from customers
    left join contacts
        on customers.account_id = contacts.account_id
)

select * from final
