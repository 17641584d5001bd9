{#- Field visits: B1 accounts (B customers with growth potential) grouped by region and postal
    area (the first two digits of the postal code), largest groups first. -#}
with customers as (
    select * from {{ ref('dim_customers') }}
    where abc_subclass = 'B1'
),

contacts as (
    {{ kundenstamm.addressed_contacts('call') }}
),

grouped as (
    select
        customers.*,
        coalesce(customers.country_code, '??') as visit_country,
        coalesce(substring(customers.postal_code, 1, 2), '??') as postal_area,
        count(*) over (partition by coalesce(customers.country_code, '??'), coalesce(substring(customers.postal_code, 1, 2), '??')) as group_size
    from customers
),

final as (
    select
        grouped.account_id,
        concat(grouped.visit_country, '-', grouped.postal_area) as visit_group,
        grouped.region,
        grouped.postal_area,
        grouped.postal_code,
        grouped.city,
        grouped.account_name,
        grouped.account_owner,
        grouped.abc_basis_value_eur,
        grouped.last_purchase_date,
        {{ kundenstamm.contact_columns(['contact_name', 'contact_role', 'contact_phone', 'gift_preference']) }},
        cast(grouped.group_size as bigint) as group_size,
        grouped.group_size < {{ var('min_group_size') }} as is_group_too_small,
        concat(
            'B1 account (growing, ', cast(grouped.abc_basis_value_eur as {{ dbt.type_string() }}),
            ' EUR in the lookback window) in postal area ', grouped.postal_area, '.'
        ) as reason
    from grouped
    left join contacts
        on grouped.account_id = contacts.account_id
)

select * from final
