with validated as (
    select * from {{ ref('base_marketing__spend') }}
),

final as (
    select
        spend_key,
        channel,
        spend_month,
        currency_code,
        spend_amount
    from validated
    where quarantine_reason is null
)

select * from final
