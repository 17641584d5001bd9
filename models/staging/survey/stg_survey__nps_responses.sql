with validated as (
    select * from {{ ref('base_survey__nps_responses') }}
),

final as (
    select
        response_id,
        invitation_id,
        responded_at,
        nps_score,
        nps_comment
    from validated
    where quarantine_reason is null
)

select * from final
