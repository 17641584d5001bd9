-- depends_on: {{ ref('crm_leads') }}  -- the demo seed, so `dbt build` loads it first

-- the staging recipe (text columns, checks, lookups, quarantine verdict): macro base_model
{% call kundenstamm.base_model(
    raw=source('crm', 'leads'),
    columns=[
        'lead_id', 'account_id', 'source_channel', 'created_at', 'status', 'closed_at',
        'lost_reason',
    ],
    lookups=[kundenstamm.lookup('accounts', ref('stg_crm__accounts'), 'account_id', 'unknown_account')],
    checks=[
        ("lower(source.status) not in ('open', 'converted', 'lost') or source.status is null", "invalid_status"),
        ("source.created_at is null", "missing_date"),
        kundenstamm.timestamp_checks('source.created_at'),
        kundenstamm.timestamp_checks('source.closed_at'),
        (kundenstamm.is_future('source.created_at'), "future_date"),
    ],
    key='lead_id',
) %}
        lead_id,
        account_id,
        lower(source_channel) as source_channel,
        {{ kundenstamm.parse_text('created_at', dbt.type_timestamp()) }} as created_at,
        lower(status) as lead_status,
        {{ kundenstamm.parse_text('closed_at', dbt.type_timestamp()) }} as closed_at,
        lost_reason,
{% endcall %}
