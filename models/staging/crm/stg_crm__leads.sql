with validated as (
    select * from {{ ref('base_crm__leads') }}
),

final as (
    select
        lead_id,
        account_id,
        source_channel,
        created_at,
        lead_status,
        closed_at,
        lost_reason
    from validated
    where quarantine_reason is null
)

select * from final
