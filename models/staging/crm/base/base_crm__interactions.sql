-- depends_on: {{ ref('crm_interactions') }}  -- the demo seed, so `dbt build` loads it first
-- depends_on: {{ ref('quarantine_reasons') }}  -- the advice of the quarantine notice (post-hook)

with source as (
    select
        {{ kundenstamm.text_columns([
            'interaction_id', 'account_id', 'contact_id', 'interaction_type', 'direction',
            'interaction_at', 'outcome', 'owner',
        ]) }}
    from {{ source('crm', 'interactions') }}
),

accounts as (
    select account_id from {{ ref('stg_crm__accounts') }}
),

checked as (
    select
        source.*,
        {{ kundenstamm.quarantine_reason([
            ("source.interaction_id is null", "missing_key"),
            ("source.has_control_characters", "invalid_text"),
            ("accounts.account_id is null", "unknown_account"),
            ("source.interaction_at is null", "missing_date"),
            (kundenstamm.has_time_zone_offset('source.interaction_at'), "time_zone_offset"),
            (kundenstamm.is_unparseable('source.interaction_at', dbt.type_timestamp()), "unparseable_date"),
            (kundenstamm.is_before_earliest('source.interaction_at'), "implausible_date"),
            (kundenstamm.is_future('source.interaction_at'), "future_date"),
        ]) }}
    from source
    left join accounts
        on source.account_id = accounts.account_id
),

ranked as (
    select
        interaction_id,
        account_id,
        contact_id,
        lower(interaction_type) as interaction_type,
        lower(direction) as direction,
        {{ kundenstamm.parse_text('interaction_at', dbt.type_timestamp()) }} as interaction_at,
        lower(outcome) as outcome,
        owner as handled_by,
        original_values,
        row_reason,
        row_reasons,
        {{ kundenstamm.key_occurrence('interaction_id') }} as key_occurrence
    from checked
),

final as (
    select
        *,
        {{ kundenstamm.quarantine_verdict() }}
    from ranked
)

select * from final
