-- depends_on: {{ ref('crm_cancellations') }}  -- the demo seed, so `dbt build` loads it first
-- depends_on: {{ ref('quarantine_reasons') }}  -- the advice of the quarantine notice (post-hook)

with source as (
    select
        {{ kundenstamm.text_columns([
            'cancellation_id', 'account_id', 'cancelled_at', 'reason_code', 'reason_text',
        ]) }}
    from {{ source('crm', 'cancellations') }}
),

accounts as (
    select account_id from {{ ref('stg_crm__accounts') }}
),

checked as (
    select
        source.*,
        {{ kundenstamm.quarantine_reason([
            ("source.cancellation_id is null", "missing_key"),
            ("source.has_control_characters", "invalid_text"),
            ("accounts.account_id is null", "unknown_account"),
            ("source.cancelled_at is null", "missing_date"),
            (kundenstamm.has_time_zone_offset('source.cancelled_at'), "time_zone_offset"),
            (kundenstamm.is_unparseable('source.cancelled_at', dbt.type_timestamp()), "unparseable_date"),
            (kundenstamm.is_before_earliest('source.cancelled_at'), "implausible_date"),
            (kundenstamm.is_future('source.cancelled_at'), "future_date"),
        ]) }}
    from source
    left join accounts
        on source.account_id = accounts.account_id
),

ranked as (
    select
        cancellation_id,
        account_id,
        {{ kundenstamm.parse_text('cancelled_at', dbt.type_timestamp()) }} as cancelled_at,
        coalesce(lower(reason_code), 'other') as reason_code,
        reason_text,
        original_values,
        row_reason,
        row_reasons,
        {{ kundenstamm.key_occurrence('cancellation_id') }} as key_occurrence
    from checked
),

final as (
    select
        *,
        {{ kundenstamm.quarantine_verdict() }}
    from ranked
)

select * from final
