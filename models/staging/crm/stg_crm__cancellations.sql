with validated as (
    select * from {{ ref('base_crm__cancellations') }}
),

final as (
    select
        cancellation_id,
        account_id,
        cancelled_at,
        reason_code,
        reason_text
    from validated
    where quarantine_reason is null
)

select * from final
