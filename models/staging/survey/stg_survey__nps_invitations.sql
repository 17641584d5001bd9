with validated as (
    select * from {{ ref('base_survey__nps_invitations') }}
),

final as (
    select
        invitation_id,
        account_id,
        contact_id,
        invited_at,
        survey_wave
    from validated
    where quarantine_reason is null
)

select * from final
