{#- CLV against the cost of acquiring the customer, per acquisition channel and acquisition
    month (cohort 'YYYY-MM'), and per channel over all months (cohort 'all'). CPA = the channel's
    marketing spend in the month / customers acquired through it in the month. The CLV used is
    the margin earned so far plus the predicted margin of the horizon. Amounts are summed as exact
    decimals (a sum of doubles depends on the order of the rows, which differs between engines). -#}
with customers as (
    select
        accounts.account_id,
        accounts.acquisition_channel,
        purchases.first_purchase_date,
        clv.historical_clv_eur,
        clv.predicted_clv_eur
    from {{ ref('int_accounts_resolved') }} as accounts
    inner join {{ ref('int_customers_purchases_aggregated') }} as purchases
        on accounts.account_id = purchases.account_id
    inner join {{ ref('fct_customer_clv') }} as clv
        on accounts.account_id = clv.account_id
),

spend as (
    select
        channel,
        spend_month as month_start,
        sum(spend_eur) as spend_eur
    from {{ ref('fct_marketing_spend') }}
    group by 1, 2
),

cohorts as (
    select
        coalesce(acquisition_channel, 'unknown') as acquisition_channel,
        cast({{ dbt.date_trunc('month', 'first_purchase_date') }} as date) as month_start,
        count(*) as new_customers,
        sum(historical_clv_eur) as historical_clv_eur,
        sum(coalesce(predicted_clv_eur, 0)) as predicted_clv_eur
    from customers
    group by 1, 2
),

monthly as (
    select
        coalesce(cohorts.acquisition_channel, spend.channel) as acquisition_channel,
        coalesce(cohorts.month_start, spend.month_start) as month_start,
        coalesce(cohorts.new_customers, 0) as new_customers,
        coalesce(spend.spend_eur, 0) as spend_eur,
        coalesce(cohorts.historical_clv_eur, 0) as historical_clv_eur,
        coalesce(cohorts.predicted_clv_eur, 0) as predicted_clv_eur
    from cohorts
    full outer join spend
        on cohorts.acquisition_channel = spend.channel
        and cohorts.month_start = spend.month_start
),

combined as (
    select
        acquisition_channel,
        {{ dbt.concat(["cast(extract(year from month_start) as " ~ dbt.type_string() ~ ")", "'-'", "lpad(cast(extract(month from month_start) as " ~ dbt.type_string() ~ "), 2, '0')"]) }} as cohort,
        new_customers,
        spend_eur,
        historical_clv_eur,
        predicted_clv_eur
    from monthly
    union all
    select
        acquisition_channel,
        'all' as cohort,
        sum(new_customers),
        sum(spend_eur),
        sum(historical_clv_eur),
        sum(predicted_clv_eur)
    from monthly
    group by acquisition_channel
),

final as (
    select
        acquisition_channel,
        cohort,
        cast(new_customers as bigint) as new_customers,
        cast(spend_eur as {{ kundenstamm.money_type() }}) as marketing_spend_eur,
        {{ kundenstamm.to_money('cast(spend_eur as double) / nullif(new_customers, 0)') }} as cpa_eur,
        {{ kundenstamm.to_money('cast(historical_clv_eur as double) / nullif(new_customers, 0)') }} as avg_historical_clv_eur,
        {{ kundenstamm.to_money('cast(predicted_clv_eur as double) / nullif(new_customers, 0)') }} as avg_predicted_clv_eur,
        {{ kundenstamm.to_money('cast(historical_clv_eur + predicted_clv_eur as double) / nullif(new_customers, 0)') }} as avg_clv_eur,
        cast(historical_clv_eur + predicted_clv_eur as double) / nullif(cast(spend_eur as double), 0) as clv_to_cac
    from combined
)

select * from final
