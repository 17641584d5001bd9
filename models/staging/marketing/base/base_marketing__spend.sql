-- depends_on: {{ ref('marketing_spend') }}  -- the demo seed, so `dbt build` loads it first
-- depends_on: {{ ref('quarantine_reasons') }}  -- the advice of the quarantine notice (post-hook)

with source as (
    select
        {{ kundenstamm.text_columns(['channel', 'spend_month', 'currency_code', 'spend_amount']) }}
    from {{ source('marketing', 'spend') }}
),

currencies as (
    select currency_code from {{ ref('currency_rates') }}
),

checked as (
    select
        source.*,
        concat(lower(source.channel), '|', source.spend_month) as spend_key,
        {{ kundenstamm.quarantine_reason([
            ("source.channel is null or source.spend_month is null", "missing_key"),
            ("source.has_control_characters", "invalid_text"),
            ("currencies.currency_code is null", "unknown_currency"),
            (kundenstamm.is_unparseable('source.spend_month', 'date'), "unparseable_date"),
            (kundenstamm.is_before_earliest('source.spend_month'), "implausible_date"),
            (kundenstamm.is_future('source.spend_month'), "future_date"),
            ("source.spend_amount is null", "missing_value"),
            (kundenstamm.is_unparseable('source.spend_amount', kundenstamm.money_type()), "unparseable_number"),
            (kundenstamm.parse_text('source.spend_amount', kundenstamm.money_type()) ~ " < 0", "negative_amount"),
        ]) }}
    from source
    left join currencies
        on upper(source.currency_code) = currencies.currency_code
),

ranked as (
    select
        spend_key,
        lower(channel) as channel,
        {{ kundenstamm.parse_text('spend_month', 'date') }} as spend_month,
        upper(currency_code) as currency_code,
        {{ kundenstamm.parse_text('spend_amount', kundenstamm.money_type()) }} as spend_amount,
        original_values,
        row_reason,
        row_reasons,
        {{ kundenstamm.key_occurrence('spend_key') }} as key_occurrence
    from checked
),

final as (
    select
        *,
        {{ kundenstamm.quarantine_verdict() }}
    from ranked
)

select * from final
