-- depends_on: {{ ref('orders_orders') }}  -- the demo seed, so `dbt build` loads it first
-- depends_on: {{ ref('quarantine_reasons') }}  -- the advice of the quarantine notice (post-hook)

with source as (
    select
        {{ kundenstamm.text_columns([
            'order_id', 'account_id', 'contact_id', 'ordered_at', 'channel', 'touchpoint',
            'status', 'currency_code', 'discount_code', 'invoice_due_date', 'invoice_paid_date',
            'updated_at',
        ]) }}
    from {{ source('orders', 'orders') }}
),

accounts as (
    select account_id from {{ ref('stg_crm__accounts') }}
),

currencies as (
    select currency_code from {{ ref('currency_rates') }}
),

checked as (
    select
        source.*,
        {{ kundenstamm.quarantine_reason([
            ("source.order_id is null", "missing_key"),
            ("source.has_control_characters", "invalid_text"),
            ("accounts.account_id is null", "unknown_customer"),
            ("currencies.currency_code is null", "unknown_currency"),
            ("lower(source.status) not in ('completed', 'cancelled', 'returned') or source.status is null", "invalid_status"),
            ("lower(source.channel) not in ('online', 'offline') or source.channel is null", "invalid_channel"),
            ("source.ordered_at is null", "missing_date"),
            (kundenstamm.has_time_zone_offset('source.ordered_at'), "time_zone_offset"),
            (kundenstamm.is_unparseable('source.ordered_at', dbt.type_timestamp()), "unparseable_date"),
            (kundenstamm.is_before_earliest('source.ordered_at'), "implausible_date"),
            (kundenstamm.is_unparseable('source.invoice_due_date', 'date'), "unparseable_date"),
            (kundenstamm.is_before_earliest('source.invoice_due_date'), "implausible_date"),
            (kundenstamm.is_unparseable('source.invoice_paid_date', 'date'), "unparseable_date"),
            (kundenstamm.is_before_earliest('source.invoice_paid_date'), "implausible_date"),
            (kundenstamm.has_time_zone_offset('source.updated_at'), "time_zone_offset"),
            (kundenstamm.is_unparseable('source.updated_at', dbt.type_timestamp()), "unparseable_date"),
            (kundenstamm.is_before_earliest('source.updated_at'), "implausible_date"),
            (kundenstamm.is_future('source.ordered_at'), "future_date"),
            (kundenstamm.is_future('source.invoice_paid_date'), "future_date"),
        ]) }}
    from source
    left join accounts
        on source.account_id = accounts.account_id
    left join currencies
        on upper(source.currency_code) = currencies.currency_code
),

ranked as (
    select
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
        original_values,
        row_reason,
        row_reasons,
        {{ kundenstamm.key_occurrence('order_id', kundenstamm.parse_text('updated_at', dbt.type_timestamp())) }} as key_occurrence
    from checked
),

final as (
    select
        *,
        {{ kundenstamm.quarantine_verdict() }}
    from ranked
)

select * from final
