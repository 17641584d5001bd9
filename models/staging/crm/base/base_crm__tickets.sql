-- depends_on: {{ ref('crm_tickets') }}  -- the demo seed, so `dbt build` loads it first
-- depends_on: {{ ref('quarantine_reasons') }}  -- the advice of the quarantine notice (post-hook)

with source as (
    select
        {{ kundenstamm.text_columns([
            'ticket_id', 'account_id', 'contact_id', 'ticket_type', 'category', 'severity',
            'opened_at', 'closed_at',
        ]) }}
    from {{ source('crm', 'tickets') }}
),

accounts as (
    select account_id from {{ ref('stg_crm__accounts') }}
),

checked as (
    select
        source.*,
        {{ kundenstamm.quarantine_reason([
            ("source.ticket_id is null", "missing_key"),
            ("source.has_control_characters", "invalid_text"),
            ("accounts.account_id is null", "unknown_account"),
            ("lower(source.ticket_type) not in ('complaint', 'support') or source.ticket_type is null", "invalid_ticket_type"),
            ("source.opened_at is null", "missing_date"),
            (kundenstamm.has_time_zone_offset('source.opened_at'), "time_zone_offset"),
            (kundenstamm.is_unparseable('source.opened_at', dbt.type_timestamp()), "unparseable_date"),
            (kundenstamm.is_before_earliest('source.opened_at'), "implausible_date"),
            (kundenstamm.has_time_zone_offset('source.closed_at'), "time_zone_offset"),
            (kundenstamm.is_unparseable('source.closed_at', dbt.type_timestamp()), "unparseable_date"),
            (kundenstamm.is_before_earliest('source.closed_at'), "implausible_date"),
            (kundenstamm.is_future('source.opened_at'), "future_date"),
        ]) }}
    from source
    left join accounts
        on source.account_id = accounts.account_id
),

ranked as (
    select
        ticket_id,
        account_id,
        contact_id,
        lower(ticket_type) as ticket_type,
        lower(category) as ticket_category,
        lower(severity) as severity,
        {{ kundenstamm.parse_text('opened_at', dbt.type_timestamp()) }} as opened_at,
        {{ kundenstamm.parse_text('closed_at', dbt.type_timestamp()) }} as closed_at,
        original_values,
        row_reason,
        row_reasons,
        {{ kundenstamm.key_occurrence('ticket_id') }} as key_occurrence
    from checked
),

final as (
    select
        *,
        {{ kundenstamm.quarantine_verdict() }}
    from ranked
)

select * from final
