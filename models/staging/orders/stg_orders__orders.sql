with validated as (
    select * from {{ ref('base_orders__orders') }}
),

final as (
    select
        order_id,
        account_id,
        contact_id,
        ordered_at,
        channel,
        touchpoint,
        order_status,
        currency_code,
        discount_code,
        invoice_due_date,
        invoice_paid_date,
        updated_at
    from validated
    where quarantine_reason is null
)

select * from final
