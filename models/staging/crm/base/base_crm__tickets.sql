{{ config(materialized='table') }}  -- validated once, read by both the clean and quarantine models
-- depends_on: {{ ref('crm_tickets') }}  -- the demo seed, so `dbt build` loads it first

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
            ("accounts.account_id is null", "unknown_account"),
            ("lower(source.ticket_type) not in ('complaint', 'support') or source.ticket_type is null", "invalid_ticket_type"),
            ("source.opened_at is null", "missing_date"),
            (kundenstamm.is_unparseable('source.opened_at', dbt.type_timestamp()), "unparseable_date"),
            (kundenstamm.is_unparseable('source.closed_at', dbt.type_timestamp()), "unparseable_date"),
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
        {{ dbt.safe_cast('opened_at', dbt.type_timestamp()) }} as opened_at,
        {{ dbt.safe_cast('closed_at', dbt.type_timestamp()) }} as closed_at,
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
