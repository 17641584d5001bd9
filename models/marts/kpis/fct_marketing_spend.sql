{#- Marketing spend per acquisition channel and month up to the as-of date, in EUR: the cost side
    of CPA and CLV:CAC, with the channel's purpose (acquisition or retention) from the
    marketing_channel_purposes seed; a channel missing there is 'unmapped' (a warning test says so;
    its spend stays in the marts as unmapped spend). -#}
with spend as (
    select * from {{ ref('stg_marketing__spend') }}
    where spend_month <= {{ kundenstamm.as_of_date() }}
),

rates as (
    select * from {{ ref('currency_rates') }}
),

purposes as (
    select * from {{ ref('marketing_channel_purposes') }}
),

final as (
    select
        spend.spend_key,
        spend.channel,
        coalesce(purposes.spend_purpose, 'unmapped') as spend_purpose,
        cast({{ dbt.date_trunc('month', 'spend.spend_month') }} as date) as spend_month,
        {{ kundenstamm.to_eur('spend.spend_amount', 'rates.rate_to_eur') }} as spend_eur
    from spend
    inner join rates
        on spend.currency_code = rates.currency_code
    left join purposes
        on spend.channel = purposes.channel
)

select * from final
