with validated as (
    select * from {{ ref('base_crm__tickets') }}
),

final as (
    select
        ticket_id,
        account_id,
        contact_id,
        ticket_type,
        ticket_category,
        severity,
        opened_at,
        closed_at
    from validated
    where quarantine_reason is null
)

select * from final
