-- The latest NPS answer in dim_customers is the latest clean raw answer of the account's
-- invitations on or before the as-of date (recomputed here from staging).
with raw_answers as (
    select
        invitations.account_id,
        responses.nps_score,
        row_number() over (
            partition by invitations.account_id
            order by responses.responded_at desc, responses.response_id desc
        ) as recency_rank
    from {{ ref('stg_survey__nps_responses') }} as responses
    inner join {{ ref('int_nps_invitations_resolved') }} as invitations
        on responses.invitation_id = invitations.invitation_id
    where cast(responses.responded_at as date) <= {{ kundenstamm.as_of_date() }}
        and cast(invitations.invited_at as date) <= {{ kundenstamm.as_of_date() }}
),

latest as (
    select
        account_id,
        nps_score
    from raw_answers
    where recency_rank = 1
)

select
    customers.account_id,
    customers.latest_nps_score,
    latest.nps_score as raw_latest_score
from {{ ref('dim_customers') }} as customers
full outer join latest
    on customers.account_id = latest.account_id
where coalesce(customers.latest_nps_score, -1) <> coalesce(latest.nps_score, -1)
