-- depends_on: {{ ref('orders_order_lines') }}  -- the demo seed, so `dbt build` loads it first

-- the staging recipe (text columns, checks, lookups, quarantine verdict): macro base_model
-- product_net_quantity: a return is a line with a negative quantity in the order it returns; the
-- units of the product the order keeps (bought minus returned) must not fall below zero, else the
-- return line is quarantined
{% call kundenstamm.base_model(
    raw=source('orders', 'order_lines'),
    columns=[
        'order_line_id', 'order_id', 'product_id', 'quantity', 'unit_price',
        'discount_amount',
    ],
    derived=[(
        "sum(" ~ kundenstamm.parse_text('quantity', 'decimal(18, 3)') ~ ") over (partition by order_id, product_id)",
        'product_net_quantity',
    )],
    lookups=[
        kundenstamm.lookup('orders', ref('stg_orders__orders'), 'order_id', 'orphan_order_line'),
        kundenstamm.lookup('products', ref('stg_orders__products'), 'product_id', 'unknown_product'),
    ],
    checks=[
        ("source.quantity is null", "missing_value"),
        ("source.unit_price is null", "missing_value"),
        (kundenstamm.is_unparseable('source.quantity', 'decimal(18, 3)'), "unparseable_number"),
        (kundenstamm.is_unparseable('source.unit_price', kundenstamm.money_type()), "unparseable_number"),
        (kundenstamm.is_unparseable('source.discount_amount', kundenstamm.money_type()), "unparseable_number"),
        ("(" ~ kundenstamm.parse_text('source.quantity', 'decimal(18, 3)') ~ " = 0 or (" ~ kundenstamm.parse_text('source.quantity', 'decimal(18, 3)') ~ " < 0 and source.product_net_quantity < 0))", "negative_quantity"),
        (kundenstamm.parse_text('source.unit_price', kundenstamm.money_type()) ~ " < 0", "negative_price"),
        (kundenstamm.parse_text('source.discount_amount', kundenstamm.money_type()) ~ " < 0", "negative_discount"),
        ("abs(" ~ kundenstamm.parse_text('source.quantity', 'decimal(18, 3)') ~ ") > " ~ var('max_quantity'), "implausible_value"),
        (kundenstamm.parse_text('source.unit_price', kundenstamm.money_type()) ~ " > " ~ var('max_unit_price'), "implausible_value"),
        (kundenstamm.exceeds_line_value('source.discount_amount', 'source.quantity', 'source.unit_price'), "discount_exceeds_value"),
    ],
    key='order_line_id',
) %}
        order_line_id,
        order_id,
        product_id,
        {{ kundenstamm.parse_text('quantity', 'decimal(18, 3)') }} as quantity,
        {{ kundenstamm.parse_text('unit_price', kundenstamm.money_type()) }} as unit_price,
        coalesce({{ kundenstamm.parse_text('discount_amount', kundenstamm.money_type()) }}, 0) as discount_amount,
{% endcall %}
