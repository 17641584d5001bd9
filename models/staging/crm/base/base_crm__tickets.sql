-- depends_on: {{ ref('crm_tickets') }}  -- the demo seed, so `dbt build` loads it first

-- the staging recipe (text columns, checks, lookups, quarantine verdict): macro base_model
{% call kundenstamm.base_model(
    raw=source('crm', 'tickets'),
    columns=[
        'ticket_id', 'account_id', 'contact_id', 'ticket_type', 'category', 'severity',
        'opened_at', 'closed_at',
    ],
    lookups=[kundenstamm.lookup('accounts', ref('stg_crm__accounts'), 'account_id', 'unknown_account')],
    checks=[
        ("lower(source.ticket_type) not in ('complaint', 'support') or source.ticket_type is null", "invalid_ticket_type"),
        ("source.opened_at is null", "missing_date"),
        kundenstamm.timestamp_checks('source.opened_at'),
        kundenstamm.timestamp_checks('source.closed_at'),
        (kundenstamm.is_future('source.opened_at'), "future_date"),
    ],
    key='ticket_id',
) %}
        ticket_id,
        account_id,
        contact_id,
        lower(ticket_type) as ticket_type,
        lower(category) as ticket_category,
        lower(severity) as severity,
        {{ kundenstamm.parse_text('opened_at', dbt.type_timestamp()) }} as opened_at,
        {{ kundenstamm.parse_text('closed_at', dbt.type_timestamp()) }} as closed_at,
{% endcall %}
