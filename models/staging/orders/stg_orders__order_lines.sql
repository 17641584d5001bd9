with validated as (
    select * from {{ ref('base_orders__order_lines') }}
),

final as (
    select
        order_line_id,
        order_id,
        product_id,
        quantity,
        unit_price,
        discount_amount
    from validated
    where quarantine_reason is null
)

select * from final
