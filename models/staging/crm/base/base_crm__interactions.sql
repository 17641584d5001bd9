-- depends_on: {{ ref('crm_interactions') }}  -- the demo seed, so `dbt build` loads it first

-- the staging recipe (text columns, checks, lookups, quarantine verdict): macro base_model
{% call kundenstamm.base_model(
    raw=source('crm', 'interactions'),
    columns=[
        'interaction_id', 'account_id', 'contact_id', 'interaction_type', 'direction',
        'interaction_at', 'outcome', 'owner',
    ],
    lookups=[kundenstamm.lookup('accounts', ref('stg_crm__accounts'), 'account_id', 'unknown_account')],
    checks=[
        ("source.interaction_at is null", "missing_date"),
        kundenstamm.timestamp_checks('source.interaction_at'),
        (kundenstamm.is_future('source.interaction_at'), "future_date"),
    ],
    key='interaction_id',
) %}
        interaction_id,
        account_id,
        contact_id,
        lower(interaction_type) as interaction_type,
        lower(direction) as direction,
        {{ kundenstamm.parse_text('interaction_at', dbt.type_timestamp()) }} as interaction_at,
        lower(outcome) as outcome,
        owner as handled_by,
{% endcall %}
