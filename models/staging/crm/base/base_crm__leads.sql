-- depends_on: {{ ref('crm_leads') }}  -- the demo seed, so `dbt build` loads it first
-- depends_on: {{ ref('quarantine_reasons') }}  -- the advice of the quarantine notice (post-hook)

with source as (
    select
        {{ kundenstamm.text_columns([
            'lead_id', 'account_id', 'source_channel', 'created_at', 'status', 'closed_at',
            'lost_reason',
        ]) }}
    from {{ source('crm', 'leads') }}
),

accounts as (
    select account_id from {{ ref('stg_crm__accounts') }}
),

checked as (
    select
        source.*,
        {{ kundenstamm.quarantine_reason([
            ("source.lead_id is null", "missing_key"),
            ("source.has_control_characters", "invalid_text"),
            ("accounts.account_id is null", "unknown_account"),
            ("lower(source.status) not in ('open', 'converted', 'lost') or source.status is null", "invalid_status"),
            ("source.created_at is null", "missing_date"),
            (kundenstamm.has_time_zone_offset('source.created_at'), "time_zone_offset"),
            (kundenstamm.is_unparseable('source.created_at', dbt.type_timestamp()), "unparseable_date"),
            (kundenstamm.is_before_earliest('source.created_at'), "implausible_date"),
            (kundenstamm.has_time_zone_offset('source.closed_at'), "time_zone_offset"),
            (kundenstamm.is_unparseable('source.closed_at', dbt.type_timestamp()), "unparseable_date"),
            (kundenstamm.is_before_earliest('source.closed_at'), "implausible_date"),
            (kundenstamm.is_future('source.created_at'), "future_date"),
        ]) }}
    from source
    left join accounts
        on source.account_id = accounts.account_id
),

ranked as (
    select
        lead_id,
        account_id,
        lower(source_channel) as source_channel,
        {{ kundenstamm.parse_text('created_at', dbt.type_timestamp()) }} as created_at,
        lower(status) as lead_status,
        {{ kundenstamm.parse_text('closed_at', dbt.type_timestamp()) }} as closed_at,
        lost_reason,
        original_values,
        row_reason,
        row_reasons,
        {{ kundenstamm.key_occurrence('lead_id') }} as key_occurrence
    from checked
),

final as (
    select
        *,
        {{ kundenstamm.quarantine_verdict() }}
    from ranked
)

select * from final
