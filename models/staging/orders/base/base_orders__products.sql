-- depends_on: {{ ref('orders_products') }}  -- the demo seed, so `dbt build` loads it first
-- depends_on: {{ ref('quarantine_reasons') }}  -- the advice of the quarantine notice (post-hook)

with source as (
    select
        {{ kundenstamm.text_columns([
            'product_id', 'product_name', 'category', 'tier', 'unit_cost', 'list_price',
            'replenishment_cycle_days',
        ]) }}
    from {{ source('orders', 'products') }}
),

checked as (
    select
        *,
        {{ kundenstamm.quarantine_reason([
            ("product_id is null", "missing_key"),
            ("has_control_characters", "invalid_text"),
            ("lower(tier) not in ('standard', 'premium') or tier is null", "invalid_tier"),
            (kundenstamm.is_unparseable('unit_cost', kundenstamm.money_type()), "unparseable_number"),
            (kundenstamm.is_unparseable('list_price', kundenstamm.money_type()), "unparseable_number"),
            (kundenstamm.is_unparseable('replenishment_cycle_days', dbt.type_int()), "unparseable_number"),
            (kundenstamm.parse_text('unit_cost', kundenstamm.money_type()) ~ " < 0", "negative_price"),
            (kundenstamm.parse_text('list_price', kundenstamm.money_type()) ~ " < 0", "negative_price"),
            (kundenstamm.parse_text('replenishment_cycle_days', dbt.type_int()) ~ " <= 0", "invalid_cycle"),
        ]) }}
    from source
),

ranked as (
    select
        product_id,
        product_name,
        lower(category) as category,
        lower(tier) as tier,
        {{ kundenstamm.parse_text('unit_cost', kundenstamm.money_type()) }} as unit_cost_eur,
        {{ kundenstamm.parse_text('list_price', kundenstamm.money_type()) }} as list_price_eur,
        {{ kundenstamm.parse_text('replenishment_cycle_days', dbt.type_int()) }} as replenishment_cycle_days,
        original_values,
        row_reason,
        row_reasons,
        {{ kundenstamm.key_occurrence('product_id') }} as key_occurrence
    from checked
),

final as (
    select
        *,
        {{ kundenstamm.quarantine_verdict() }}
    from ranked
)

select * from final
