-- depends_on: {{ ref('crm_cancellations') }}  -- the demo seed, so `dbt build` loads it first

-- the staging recipe (text columns, checks, lookups, quarantine verdict): macro base_model
{% call kundenstamm.base_model(
    raw=source('crm', 'cancellations'),
    columns=['cancellation_id', 'account_id', 'cancelled_at', 'reason_code', 'reason_text'],
    lookups=[kundenstamm.lookup('accounts', ref('stg_crm__accounts'), 'account_id', 'unknown_account')],
    checks=[
        ("source.cancelled_at is null", "missing_date"),
        kundenstamm.timestamp_checks('source.cancelled_at'),
        (kundenstamm.is_future('source.cancelled_at'), "future_date"),
    ],
    key='cancellation_id',
) %}
        cancellation_id,
        account_id,
        {{ kundenstamm.parse_text('cancelled_at', dbt.type_timestamp()) }} as cancelled_at,
        coalesce(lower(reason_code), 'other') as reason_code,
        reason_text,
{% endcall %}
