with validated as (
    select * from {{ ref('base_crm__contacts') }}
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
        updated_at
    from validated
    where quarantine_reason is null
)

select * from final
