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
        contacts.*,
        identities.resolved_contact_id,
        identities.customer_id,
        identities.customer_contacts_merged,
        min(contacts.created_at) over (partition by identities.resolved_contact_id) as first_created_at,
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
        resolved_contact_id as contact_id,
        customer_id as account_id,
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
        first_created_at as created_at,
        updated_at,
        customer_contacts_merged as merged_contacts
    from ranked
    where update_rank = 1
)

select * from final
