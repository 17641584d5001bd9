{#- NPS per period (month, quarter, year of the invitation) and per segment (the customer's
    current ABC class, RFM segment, lifecycle stage, industry, region, acquisition channel),
    with response rate, class shares, the 95 % margin of error, a 95 % interval that stays
    within -100..100 (the Wilson score interval of the NPS, see DECISIONLOG) and a small-group
    flag. The industry segment is dim_customers.industry_segment ('private' for a private
    customer). -#}
{%- set periods = ['month', 'quarter', 'year'] -%}
{%- set segments = ['abc_class', 'rfm_segment', 'lifecycle_stage', 'industry', 'region', 'acquisition_channel'] -%}
{#- the dim_customers column a segment reads, where its name differs -#}
{%- set segment_columns = {'industry': 'industry_segment'} -%}

with invitations as (
    select * from {{ ref('int_nps_invitations_resolved') }}
    where cast(invited_at as date) <= {{ kundenstamm.as_of_date() }}
),

responses as (
    select * from {{ ref('fct_nps_responses') }}
    where is_counted_answer
),

customers as (
    select * from {{ ref('dim_customers') }}
),

invitation_outcomes as (
    select
        invitations.invitation_id,
        invitations.account_id,
        cast(invitations.invited_at as date) as invited_date,
        responses.nps_class
    from invitations
    -- one row per invitation, with its answer if one came in by the as-of date
    left join responses
        on invitations.invitation_id = responses.invitation_id
),

with_segments as (
    select
        invitation_outcomes.*,
        {%- for segment in segments %}
            coalesce(cast(customers.{{ segment_columns.get(segment, segment) }} as {{ dbt.type_string() }}), 'unknown') as {{ segment }},
        {%- endfor %}
        'all' as all_segment
    from invitation_outcomes
    left join customers
        on invitation_outcomes.account_id = customers.account_id
),

{%- set groupings = [] %}
{%- for period in periods %}
    {%- for segment in ['all'] + segments %}
        {%- do groupings.append((period, segment)) %}
    {%- endfor %}
{%- endfor %}

grouped as (
    {%- for period, segment in groupings %}
        {% if not loop.first %}union all{% endif %}
        select
            '{{ period }}' as period_type,
            cast({{ dbt.date_trunc(period, 'invited_date') }} as date) as period_start,
            '{{ segment }}' as segment_type,
            {{ 'all_segment' if segment == 'all' else segment }} as segment_value,
            count(*) as invitations,
            count(nps_class) as responses,
            sum(case when nps_class = 'promoter' then 1 else 0 end) as promoters,
            sum(case when nps_class = 'passive' then 1 else 0 end) as passives,
            sum(case when nps_class = 'detractor' then 1 else 0 end) as detractors
        from with_segments
        group by 1, 2, 3, 4
    {%- endfor %}
),

shares as (
    select
        period_type,
        period_start,
        segment_type,
        segment_value,
        cast(invitations as bigint) as invitations,
        cast(responses as bigint) as responses,
        cast(promoters as bigint) as promoters,
        cast(passives as bigint) as passives,
        cast(detractors as bigint) as detractors,
        cast(promoters as double) / nullif(responses, 0) as promoter_share,
        cast(detractors as double) / nullif(responses, 0) as detractor_share
    from grouped
),

final as (
    select
        period_type,
        period_start,
        segment_type,
        segment_value,
        invitations,
        responses,
        round(cast(100 as double) * responses / nullif(invitations, 0), 2) as response_rate_pct,
        promoters,
        passives,
        detractors,
        round(cast(100 as double) * promoter_share, 2) as promoters_pct,
        round(cast(100 as double) * passives / nullif(responses, 0), 2) as passives_pct,
        round(cast(100 as double) * detractor_share, 2) as detractors_pct,
        round(cast(100 as double) * (promoter_share - detractor_share), 2) as nps,
        -- SE = 100 * sqrt((pP + pD - (pP - pD)^2) / n)
        round(cast(100 as double) * sqrt((promoter_share + detractor_share - power(promoter_share - detractor_share, 2)) / nullif(responses, 0)), 3) as standard_error,
        round(
            cast({{ var('nps_confidence_z') }} as double) * 100.0
            * sqrt((promoter_share + detractor_share - power(promoter_share - detractor_share, 2)) / nullif(responses, 0)), 3
        ) as margin_of_error,
        -- Wilson score interval of d = pP - pD with the share of promoters and detractors
        -- s = pP + pD held: the d with n (d_hat - d)^2 <= z^2 (s - d^2), i.e.
        -- (n d_hat -+ z sqrt(n (s - d_hat^2) + z^2 s)) / (n + z^2); always within -sqrt(s)..sqrt(s)
        {%- for bound, sign in [('lower', '-'), ('upper', '+')] %}
            round(cast(100 as double) * (
                responses * (promoter_share - detractor_share)
                {{ sign }} cast({{ var('nps_confidence_z') }} as double) * sqrt(
                    responses * (promoter_share + detractor_share - power(promoter_share - detractor_share, 2))
                    + power(cast({{ var('nps_confidence_z') }} as double), 2) * (promoter_share + detractor_share)
                )
            ) / (responses + power(cast({{ var('nps_confidence_z') }} as double), 2)), 2) as nps_{{ bound }},
        {%- endfor %}
        responses < {{ var('nps_min_responses') }} as is_too_small
    from shares
)

select * from final
