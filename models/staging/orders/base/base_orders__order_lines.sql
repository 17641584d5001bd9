{{ config(materialized='table') }}  -- validated once, read by both the clean and quarantine models
-- depends_on: {{ ref('orders_order_lines') }}  -- the demo seed, so `dbt build` loads it first

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

checked as (
    select
        source.*,
        {{ kundenstamm.quarantine_reason([
            ("source.order_line_id is null", "missing_key"),
            ("orders.order_id is null", "orphan_order_line"),
            ("products.product_id is null", "unknown_product"),
            ("source.quantity is null", "missing_value"),
            ("source.unit_price is null", "missing_value"),
            (kundenstamm.is_unparseable('source.quantity', 'decimal(18, 3)'), "unparseable_number"),
            (kundenstamm.is_unparseable('source.unit_price', kundenstamm.money_type()), "unparseable_number"),
            (kundenstamm.is_unparseable('source.discount_amount', kundenstamm.money_type()), "unparseable_number"),
            (dbt.safe_cast('source.quantity', 'decimal(18, 3)') ~ " <= 0", "negative_quantity"),
            (dbt.safe_cast('source.unit_price', kundenstamm.money_type()) ~ " < 0", "negative_price"),
            (dbt.safe_cast('source.discount_amount', kundenstamm.money_type()) ~ " < 0", "negative_discount"),
        ]) }}
    from source
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
        {{ dbt.safe_cast('quantity', 'decimal(18, 3)') }} as quantity,
        {{ dbt.safe_cast('unit_price', kundenstamm.money_type()) }} as unit_price,
        coalesce({{ dbt.safe_cast('discount_amount', kundenstamm.money_type()) }}, 0) as discount_amount,
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
