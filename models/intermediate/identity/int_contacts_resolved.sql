{#- One row per contact after identity resolution, at the customer it belongs to: duplicates of
    one person (int_contact_identities) are one row under the surviving contact id, with the
    attributes of the most recently updated record (the latest e-mail permission wins) and the
    first creation date. -#}
with contacts as (
    select * from {{ ref('stg_crm__contacts') }}
),

identities as (
    select * from {{ ref('int_contact_identities') }}
),

ranked as (
    select
        identities.resolved_contact_id as contact_id,
        identities.customer_id as account_id,
        contacts.first_name,
        contacts.last_name,
        contacts.contact_role,
        contacts.is_decision_maker,
        contacts.email,
        contacts.has_valid_email,
        contacts.phone,
        contacts.gift_preference,
        contacts.has_email_permission,
        contacts.email_permission_date,
        min(contacts.created_at) over (partition by identities.resolved_contact_id) as created_at,
        contacts.updated_at,
        identities.customer_contacts_merged as merged_contacts,
        row_number() over (
            partition by identities.resolved_contact_id
            order by contacts.updated_at desc nulls last, contacts.contact_id desc
        ) as update_rank
    from contacts
    inner join identities
        on contacts.contact_id = identities.contact_id
),

final as (
    select
        contact_id,
        account_id,
        first_name,
        last_name,
        contact_role,
        is_decision_maker,
        email,
        has_valid_email,
        phone,
        gift_preference,
        has_email_permission,
        email_permission_date,
        created_at,
        updated_at,
        merged_contacts
    from ranked
    where update_rank = 1
)

select * from final
