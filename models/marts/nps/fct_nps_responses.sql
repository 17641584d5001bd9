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
        nps_comment,
        -- an invitation answered twice counts once, with its latest answer
        row_number() over (partition by invitation_id order by responded_at desc, response_id desc) = 1
            as is_counted_answer
    from responses
)

select * from final
