-- depends_on: {{ ref('survey_nps_invitations') }}  -- the demo seed, so `dbt build` loads it first
-- depends_on: {{ ref('quarantine_reasons') }}  -- the advice of the quarantine notice (post-hook)

with source as (
    select
        {{ kundenstamm.text_columns([
            'invitation_id', 'account_id', 'contact_id', 'invited_at', 'survey_wave',
        ]) }}
    from {{ source('survey', 'nps_invitations') }}
),

accounts as (
    select account_id from {{ ref('stg_crm__accounts') }}
),

checked as (
    select
        source.*,
        {{ kundenstamm.quarantine_reason([
            ("source.invitation_id is null", "missing_key"),
            ("source.has_control_characters", "invalid_text"),
            ("accounts.account_id is null", "unknown_account"),
            ("source.invited_at is null", "missing_date"),
            (kundenstamm.has_time_zone_offset('source.invited_at'), "time_zone_offset"),
            (kundenstamm.is_unparseable('source.invited_at', dbt.type_timestamp()), "unparseable_date"),
            (kundenstamm.is_before_earliest('source.invited_at'), "implausible_date"),
            (kundenstamm.is_future('source.invited_at'), "future_date"),
        ]) }}
    from source
    left join accounts
        on source.account_id = accounts.account_id
),

ranked as (
    select
        invitation_id,
        account_id,
        contact_id,
        {{ kundenstamm.parse_text('invited_at', dbt.type_timestamp()) }} as invited_at,
        survey_wave,
        original_values,
        row_reason,
        row_reasons,
        {{ kundenstamm.key_occurrence('invitation_id') }} as key_occurrence
    from checked
),

final as (
    select
        *,
        {{ kundenstamm.quarantine_verdict() }}
    from ranked
)

select * from final
