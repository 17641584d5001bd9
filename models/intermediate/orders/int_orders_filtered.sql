{#- Orders placed on or before the as-of date, with what was known about payment on that day. -#}
with orders as (
    select * from {{ ref('int_orders_resolved') }}
),

filtered as (
    select
        order_id,
        account_id,
        contact_id,
        ordered_at,
        cast(ordered_at as date) as order_date,
        channel,
        touchpoint,
        order_status,
        order_status = 'completed' as is_purchase,
        currency_code,
        discount_code,
        discount_code is not null as has_discount_code,
        invoice_due_date,
        case
            when invoice_paid_date <= {{ kundenstamm.as_of_date() }} then invoice_paid_date
        end as invoice_paid_date
    from orders
    where cast(ordered_at as date) <= {{ kundenstamm.as_of_date() }}
),

final as (
    select
        *,
        case
            -- a cancelled order owes nothing
            when order_status = 'cancelled' then null
            when invoice_paid_date is not null
                then cast({{ dbt.datediff('invoice_due_date', 'invoice_paid_date', 'day') }} as {{ dbt.type_int() }})
            when invoice_due_date < {{ kundenstamm.as_of_date() }}
                then cast({{ dbt.datediff('invoice_due_date', kundenstamm.as_of_date(), 'day') }} as {{ dbt.type_int() }})
            else 0
        end as days_payment_late
    from filtered
)

select * from final
