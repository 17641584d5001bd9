{#- B2B and B2C contacts known at the as-of date, with role, decision maker, gift preference and
    e-mail permission as it stood then, and the segments of their account. -#}
with contacts as (
    select * from {{ ref('int_contacts_ranked') }}
),

customers as (
    select * from {{ ref('dim_customers') }}
),

final as (
    select
        contacts.contact_id,
        contacts.account_id,
        contacts.first_name,
        contacts.last_name,
        contacts.contact_role,
        contacts.is_decision_maker,
        contacts.gift_preference,
        contacts.may_email,
        contacts.contact_email as email,
        contacts.email_permission_date,
        contacts.phone,
        contacts.contact_rank = 1 as is_primary_contact,
        customers.account_name,
        customers.account_type,
        customers.account_type = 'company' as is_b2b,
        customers.industry,
        customers.company_size,
        customers.culture_tags,
        customers.innovation_openness,
        customers.region,
        customers.postal_code,
        customers.account_owner,
        customers.abc_class,
        customers.abc_subclass,
        customers.lifecycle_stage
    from contacts
    inner join customers
        on contacts.account_id = customers.account_id
)

select * from final
