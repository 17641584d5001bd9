{#- NPS cadence at the as-of date (DOMAIN.md: NPS measured at least yearly): the last survey wave,
    the months since it, and how many of the active customers were invited and answered within
    the last nps_max_months_between_waves months; flagged when the last wave is older than that.
    One row. Rules in DECISIONLOG.md. -#}
with invitations as (
    select
        invitation_id,
        account_id,
        survey_wave,
        invited_at,
        cast(invited_at as date) as invited_date
    from {{ ref('int_nps_invitations_resolved') }}
    where cast(invited_at as date) <= {{ kundenstamm.as_of_date() }}
),

answers as (
    select invitation_id
    from {{ ref('fct_nps_responses') }}
    where is_counted_answer
),

active_customers as (
    select account_id
    from {{ ref('fct_lifecycle_history') }}
    where is_as_of_snapshot
        and is_active_customer
),

last_invitation as (
    select
        survey_wave,
        invited_date,
        row_number() over (order by invited_at desc, invitation_id desc) as recency_rank
    from invitations
),

-- the active customers' invitations of the cadence window, with whether they were answered
recent_invitations as (
    select
        invitations.account_id,
        max(case when answers.invitation_id is not null then 1 else 0 end) as has_answered
    from invitations
    inner join active_customers
        on invitations.account_id = active_customers.account_id
    left join answers
        on invitations.invitation_id = answers.invitation_id
    where invitations.invited_date > {{ dbt.dateadd('month', -1 * var('nps_max_months_between_waves'), kundenstamm.as_of_date()) }}
    group by invitations.account_id
),

coverage as (
    select
        (select count(*) from active_customers) as active_customers,
        count(*) as invited_customers,
        coalesce(sum(has_answered), 0) as answered_customers
    from recent_invitations
),

cadence as (
    select
        {{ kundenstamm.as_of_date() }} as as_of_date,
        last_invitation.survey_wave as last_survey_wave,
        last_invitation.invited_date as last_invited_date,
        cast(
            (extract(year from {{ kundenstamm.as_of_date() }}) * 12 + extract(month from {{ kundenstamm.as_of_date() }}))
            - (extract(year from last_invitation.invited_date) * 12 + extract(month from last_invitation.invited_date))
            as bigint
        ) as months_since_last_wave,
        {{ kundenstamm.var_as('nps_max_months_between_waves', 'bigint') }} as max_months_between_waves,
        cast(coverage.active_customers as bigint) as active_customers,
        cast(coverage.invited_customers as bigint) as invited_active_customers,
        cast(coverage.answered_customers as bigint) as answered_active_customers,
        cast(coverage.invited_customers as double) / nullif(coverage.active_customers, 0) as invited_share,
        cast(coverage.answered_customers as double) / nullif(coverage.active_customers, 0) as answered_share,
        cast(coverage.answered_customers as double) / nullif(coverage.invited_customers, 0) as response_rate
    from coverage
    left join last_invitation
        on last_invitation.recency_rank = 1
),

final as (
    select
        cadence.*,
        coalesce(cadence.months_since_last_wave > cadence.max_months_between_waves, true) as is_cadence_exceeded
    from cadence
)

select * from final
