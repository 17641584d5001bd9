-- depends_on: {{ ref('survey_nps_responses') }}  -- the demo seed, so `dbt build` loads it first
-- depends_on: {{ ref('quarantine_reasons') }}  -- the advice of the quarantine notice (post-hook)

with source as (
    select
        {{ kundenstamm.text_columns([
            'response_id', 'invitation_id', 'responded_at', 'score', 'comment',
        ]) }}
    from {{ source('survey', 'nps_responses') }}
),

invitations as (
    select invitation_id from {{ ref('stg_survey__nps_invitations') }}
),

checked as (
    select
        source.*,
        {{ kundenstamm.quarantine_reason([
            ("source.response_id is null", "missing_key"),
            ("source.has_control_characters", "invalid_text"),
            ("invitations.invitation_id is null", "unknown_invitation"),
            ("source.score is null", "missing_value"),
            (kundenstamm.is_unparseable('source.score', dbt.type_int()), "unparseable_number"),
            (kundenstamm.parse_text('source.score', dbt.type_int()) ~ " not between 0 and 10", "score_out_of_range"),
            ("source.responded_at is null", "missing_date"),
            (kundenstamm.has_time_zone_offset('source.responded_at'), "time_zone_offset"),
            (kundenstamm.is_unparseable('source.responded_at', dbt.type_timestamp()), "unparseable_date"),
            (kundenstamm.is_before_earliest('source.responded_at'), "implausible_date"),
            (kundenstamm.is_future('source.responded_at'), "future_date"),
        ]) }}
    from source
    left join invitations
        on source.invitation_id = invitations.invitation_id
),

ranked as (
    select
        response_id,
        invitation_id,
        {{ kundenstamm.parse_text('responded_at', dbt.type_timestamp()) }} as responded_at,
        {{ kundenstamm.parse_text('score', dbt.type_int()) }} as nps_score,
        comment as nps_comment,
        original_values,
        row_reason,
        row_reasons,
        {{ kundenstamm.key_occurrence('response_id') }} as key_occurrence
    from checked
),

final as (
    select
        *,
        {{ kundenstamm.quarantine_verdict() }}
    from ranked
)

select * from final
