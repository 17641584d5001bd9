{{ config(meta={'reads_other_staging': ['stg_crm__accounts']}) }}  -- quarantines an order of an unknown account (DECISIONLOG)
-- depends_on: {{ ref('orders_orders') }}  -- the demo seed, so `dbt build` loads it first

-- the staging recipe (text columns, checks, lookups, quarantine verdict): macro base_model
{% call kundenstamm.base_model(
    raw=source('orders', 'orders'),
    columns=[
        'order_id', 'account_id', 'contact_id', 'ordered_at', 'channel', 'touchpoint',
        'status', 'currency_code', 'discount_code', 'invoice_due_date', 'invoice_paid_date',
        'updated_at',
    ],
    lookups=[
        kundenstamm.lookup('accounts', ref('stg_crm__accounts'), 'account_id', 'unknown_customer'),
        kundenstamm.lookup('currencies', ref('currency_rates'), 'currency_code', 'unknown_currency', match='upper(source.currency_code)'),
    ],
    checks=[
        ("lower(source.status) not in ('completed', 'cancelled', 'returned') or source.status is null", "invalid_status"),
        ("lower(source.channel) not in ('online', 'offline') or source.channel is null", "invalid_channel"),
        ("source.ordered_at is null", "missing_date"),
        kundenstamm.timestamp_checks('source.ordered_at'),
        kundenstamm.date_checks('source.invoice_due_date'),
        kundenstamm.date_checks('source.invoice_paid_date'),
        kundenstamm.timestamp_checks('source.updated_at'),
        (kundenstamm.is_future('source.ordered_at'), "future_date"),
        (kundenstamm.is_future('source.invoice_paid_date'), "future_date"),
    ],
    key='order_id',
    latest_by=kundenstamm.parse_text('updated_at', dbt.type_timestamp()),
) %}
        order_id,
        account_id,
        contact_id,
        {{ kundenstamm.parse_text('ordered_at', dbt.type_timestamp()) }} as ordered_at,
        lower(channel) as channel,
        lower(touchpoint) as touchpoint,
        lower(status) as order_status,
        upper(currency_code) as currency_code,
        discount_code,
        {{ kundenstamm.parse_text('invoice_due_date', 'date') }} as invoice_due_date,
        {{ kundenstamm.parse_text('invoice_paid_date', 'date') }} as invoice_paid_date,
        {{ kundenstamm.parse_text('updated_at', dbt.type_timestamp()) }} as updated_at,
{% endcall %}
