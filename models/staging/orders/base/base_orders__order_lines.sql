-- depends_on: {{ ref('orders_order_lines') }}  -- the demo seed, so `dbt build` loads it first
-- depends_on: {{ ref('quarantine_reasons') }}  -- the advice of the quarantine notice (post-hook)

with source as (
    select
        {{ kundenstamm.text_columns([
            'order_line_id', 'order_id', 'product_id', 'quantity', 'unit_price',
            'discount_amount',
        ]) }}
    from {{ source('orders', 'order_lines') }}
),

orders as (
    select order_id from {{ ref('stg_orders__orders') }}
),

products as (
    select product_id from {{ ref('stg_orders__products') }}
),

-- a return is a line with a negative quantity in the order it returns: the units of the product
-- the order keeps (bought minus returned) must not fall below zero, else the return line is
-- quarantined
netted as (
    select
        *,
        sum({{ kundenstamm.parse_text('quantity', 'decimal(18, 3)') }}) over (
            partition by order_id, product_id
        ) as product_net_quantity
    from source
),

checked as (
    select
        source.*,
        {{ kundenstamm.quarantine_reason([
            ("source.order_line_id is null", "missing_key"),
            ("source.has_control_characters", "invalid_text"),
            ("orders.order_id is null", "orphan_order_line"),
            ("products.product_id is null", "unknown_product"),
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
        ]) }}
    from netted as source
    left join orders
        on source.order_id = orders.order_id
    left join products
        on source.product_id = products.product_id
),

ranked as (
    select
        order_line_id,
        order_id,
        product_id,
        {{ kundenstamm.parse_text('quantity', 'decimal(18, 3)') }} as quantity,
        {{ kundenstamm.parse_text('unit_price', kundenstamm.money_type()) }} as unit_price,
        coalesce({{ kundenstamm.parse_text('discount_amount', kundenstamm.money_type()) }}, 0) as discount_amount,
        original_values,
        row_reason,
        row_reasons,
        {{ kundenstamm.key_occurrence('order_line_id') }} as key_occurrence
    from checked
),

final as (
    select
        *,
        {{ kundenstamm.quarantine_verdict() }}
    from ranked
)

select * from final
