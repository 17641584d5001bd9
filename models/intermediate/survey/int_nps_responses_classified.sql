{#- Clean NPS answers to invitations sent and answered on or before the as-of date, with the
    account and contact from the invitation, the NPS class of the score, and which answer is the
    account's latest (the one place "latest NPS answer" is decided). -#}
with responses as (
    select * from {{ ref('stg_survey__nps_responses') }}
),

invitations as (
    select * from {{ ref('int_nps_invitations_resolved') }}
),

final as (
    select
        responses.response_id,
        responses.invitation_id,
        invitations.account_id,
        invitations.contact_id,
        invitations.invited_at,
        responses.responded_at,
        invitations.survey_wave,
        responses.nps_score,
        {{ kundenstamm.nps_class('responses.nps_score') }} as nps_class,
        responses.nps_score > {{ var('nps_passive_max') }} as is_promoter,
        responses.nps_score <= {{ var('nps_detractor_max') }} as is_detractor,
        responses.nps_comment,
        -- the latest answer of the account (ties on the time: the higher response id)
        row_number() over (
            partition by invitations.account_id
            order by responses.responded_at desc, responses.response_id desc
        ) = 1 as is_latest_answer
    from responses
    inner join invitations
        on responses.invitation_id = invitations.invitation_id
    where cast(invitations.invited_at as date) <= {{ kundenstamm.as_of_date() }}
        and cast(responses.responded_at as date) <= {{ kundenstamm.as_of_date() }}
)

select * from final
