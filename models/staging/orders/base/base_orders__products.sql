-- depends_on: {{ ref('orders_products') }}  -- the demo seed, so `dbt build` loads it first

-- the staging recipe (text columns, checks, lookups, quarantine verdict): macro base_model
{% call kundenstamm.base_model(
    raw=source('orders', 'products'),
    columns=[
        'product_id', 'product_name', 'category', 'tier', 'unit_cost', 'list_price',
        'replenishment_cycle_days',
    ],
    checks=[
        ("lower(source.tier) not in ('standard', 'premium') or source.tier is null", "invalid_tier"),
        (kundenstamm.is_unparseable('source.unit_cost', kundenstamm.money_type()), "unparseable_number"),
        (kundenstamm.is_unparseable('source.list_price', kundenstamm.money_type()), "unparseable_number"),
        (kundenstamm.is_unparseable('source.replenishment_cycle_days', dbt.type_int()), "unparseable_number"),
        (kundenstamm.parse_text('source.unit_cost', kundenstamm.money_type()) ~ " < 0", "negative_price"),
        (kundenstamm.parse_text('source.list_price', kundenstamm.money_type()) ~ " < 0", "negative_price"),
        (kundenstamm.parse_text('source.replenishment_cycle_days', dbt.type_int()) ~ " <= 0", "invalid_cycle"),
    ],
    key='product_id',
) %}
        product_id,
        product_name,
        lower(category) as category,
        lower(tier) as tier,
        {{ kundenstamm.parse_text('unit_cost', kundenstamm.money_type()) }} as unit_cost_eur,
        {{ kundenstamm.parse_text('list_price', kundenstamm.money_type()) }} as list_price_eur,
        {{ kundenstamm.parse_text('replenishment_cycle_days', dbt.type_int()) }} as replenishment_cycle_days,
{% endcall %}
