{#- Contact identities: one row per contact with the contact it is. Contacts of one customer
    (after identity resolution) with the same e-mail address - equal after trimming,
    lower-casing and removing spaces - are one contact; a shared role address (office@ ...)
    makes no one the same person unless identity_merge_role_emails is true. The surviving
    contact id is the contact created first (then the smallest id). -#}
with contacts as (
    select
        contact_id,
        account_id,
        created_at
    from {{ ref('stg_crm__contacts') }}
),

customers as (
    select
        account_id,
        customer_id
    from {{ ref('int_customer_identities') }}
),

email_keys as (
    select
        record_id as contact_id,
        match_key as email_key
    from {{ ref('int_identity_keys') }}
    where record_type = 'contact'
        and match_rule = 'email'
        and not is_shared_role_address
),

placed as (
    select
        contacts.contact_id,
        contacts.account_id,
        coalesce(customers.customer_id, contacts.account_id) as customer_id,
        email_keys.email_key,
        contacts.created_at
    from contacts
    left join customers
        on contacts.account_id = customers.account_id
    left join email_keys
        on contacts.contact_id = email_keys.contact_id
),

grouped as (
    select
        contact_id,
        account_id,
        customer_id,
        email_key,
        case
            when email_key is null then contact_id
            else first_value(contact_id) over (
                    partition by customer_id, email_key
                    order by created_at asc nulls last, contact_id asc
                )
        end as resolved_contact_id,
        case
            when email_key is null then 1
            else count(*) over (partition by customer_id, email_key)
        end as merged_contacts
    from placed
),

final as (
    select
        contact_id,
        account_id,
        customer_id,
        resolved_contact_id,
        contact_id = resolved_contact_id as is_survivor,
        cast(merged_contacts as {{ dbt.type_int() }}) as customer_contacts_merged,
        case when merged_contacts > 1 then 'email' end as matched_rule
    from grouped
)

select * from final
