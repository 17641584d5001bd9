with responses as (
    select * from {{ ref('int_nps_responses_classified') }}
),

final as (
    select
        response_id,
        invitation_id,
        account_id,
        contact_id,
        survey_wave,
        invited_at,
        responded_at,
        cast(responded_at as date) as responded_date,
        cast({{ dbt.datediff('invited_at', 'responded_at', 'day') }} as {{ dbt.type_int() }}) as days_to_respond,
        nps_score,
        nps_class,
        is_promoter,
        is_detractor,
        nps_comment
    from responses
)

select * from final
