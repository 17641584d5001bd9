with validated as (
    select * from {{ ref('base_orders__products') }}
),

final as (
    select
        product_id,
        product_name,
        category,
        tier,
        unit_cost_eur,
        list_price_eur,
        replenishment_cycle_days
    from validated
    where quarantine_reason is null
)

select * from final
