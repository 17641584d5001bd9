{#- Cancellations on or before the as-of date per reason and year, plus all years together
    (cancellation_year 'all'): how many, by how many customers, their share, the revenue of the
    customers who left, and up to three example texts. -#}
with cancellations as (
    select * from {{ ref('int_cancellations_resolved') }}
    where cast(cancelled_at as date) <= {{ kundenstamm.as_of_date() }}
),

purchases as (
    select * from {{ ref('int_customers_purchases_aggregated') }}
),

yearly as (
    select
        cast(extract(year from cancelled_at) as {{ dbt.type_string() }}) as cancellation_year,
        reason_code,
        account_id,
        reason_text
    from cancellations
    union all
    select
        'all' as cancellation_year,
        reason_code,
        account_id,
        reason_text
    from cancellations
),

texts as (
    select
        cancellation_year,
        reason_code,
        reason_text,
        row_number() over (partition by cancellation_year, reason_code order by reason_text) as text_rank
    from (
        select distinct
            cancellation_year,
            reason_code,
            reason_text
        from yearly
        where reason_text is not null
    ) as distinct_texts
),

examples as (
    select
        cancellation_year,
        reason_code,
        {{ dbt.listagg('reason_text', "' | '", 'order by reason_text') }} as example_texts
    from texts
    where text_rank <= 3
    group by cancellation_year, reason_code
),

customer_revenue as (
    select distinct
        yearly.cancellation_year,
        yearly.reason_code,
        yearly.account_id,
        coalesce(purchases.lifetime_revenue_eur, 0) as lifetime_revenue_eur
    from yearly
    left join purchases
        on yearly.account_id = purchases.account_id
),

counted as (
    select
        cancellation_year,
        reason_code,
        count(*) as cancellations,
        count(distinct account_id) as customers
    from yearly
    group by cancellation_year, reason_code
),

revenue as (
    select
        cancellation_year,
        reason_code,
        sum(lifetime_revenue_eur) as lifetime_revenue_eur
    from customer_revenue
    group by cancellation_year, reason_code
),

final as (
    select
        counted.cancellation_year,
        counted.reason_code,
        cast(counted.cancellations as bigint) as cancellations,
        cast(counted.customers as bigint) as customers,
        cast(100 as double) * counted.cancellations / sum(counted.cancellations) over (partition by counted.cancellation_year) as share_of_cancellations_pct,
        cast(revenue.lifetime_revenue_eur as {{ kundenstamm.money_type() }}) as lifetime_revenue_eur,
        examples.example_texts
    from counted
    inner join revenue
        on counted.cancellation_year = revenue.cancellation_year
        and counted.reason_code = revenue.reason_code
    left join examples
        on counted.cancellation_year = examples.cancellation_year
        and counted.reason_code = examples.reason_code
)

select * from final
