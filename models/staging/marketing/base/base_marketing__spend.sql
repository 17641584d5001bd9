-- depends_on: {{ ref('marketing_spend') }}  -- the demo seed, so `dbt build` loads it first

-- the staging recipe (text columns, checks, lookups, quarantine verdict): macro base_model
{% call kundenstamm.base_model(
    raw=source('marketing', 'spend'),
    columns=['channel', 'spend_month', 'currency_code', 'spend_amount'],
    derived=[("concat(lower(channel), '|', spend_month)", 'spend_key')],
    lookups=[kundenstamm.lookup('currencies', ref('currency_rates'), 'currency_code', 'unknown_currency', match='upper(source.currency_code)')],
    checks=[
        kundenstamm.date_checks('source.spend_month'),
        (kundenstamm.is_future('source.spend_month'), "future_date"),
        ("source.spend_amount is null", "missing_value"),
        (kundenstamm.is_unparseable('source.spend_amount', kundenstamm.money_type()), "unparseable_number"),
        (kundenstamm.parse_text('source.spend_amount', kundenstamm.money_type()) ~ " < 0", "negative_amount"),
    ],
    key='spend_key',
    key_check="source.channel is null or source.spend_month is null",
) %}
        spend_key,
        lower(channel) as channel,
        {{ kundenstamm.parse_text('spend_month', 'date') }} as spend_month,
        upper(currency_code) as currency_code,
        {{ kundenstamm.parse_text('spend_amount', kundenstamm.money_type()) }} as spend_amount,
{% endcall %}
