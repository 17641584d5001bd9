with validated as (
    select * from {{ ref('base_crm__interactions') }}
),

final as (
    select
        interaction_id,
        account_id,
        contact_id,
        interaction_type,
        direction,
        interaction_at,
        outcome,
        handled_by
    from validated
    where quarantine_reason is null
)

select * from final
