{#- Marketing spend per acquisition channel and month up to the as-of date, in EUR: the cost side
    of CPA and CLV:CAC. -#}
with spend as (
    select * from {{ ref('stg_marketing__spend') }}
    where spend_month <= {{ kundenstamm.as_of_date() }}
),

rates as (
    select * from {{ ref('currency_rates') }}
),

final as (
    select
        spend.spend_key,
        spend.channel,
        cast({{ dbt.date_trunc('month', 'spend.spend_month') }} as date) as spend_month,
        {{ kundenstamm.to_eur('spend.spend_amount', 'rates.rate_to_eur') }} as spend_eur
    from spend
    inner join rates
        on spend.currency_code = rates.currency_code
)

select * from final
