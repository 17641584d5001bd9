{#- What the BG/NBD and Gamma-Gamma models read, per customer with a purchase on or before the
    as-of date, in weeks, with purchases on the same day merged into one:
    x = repeat purchase days, t_x = weeks from the first to the last purchase day, T = weeks from
    the first purchase to the as-of date, monetary = mean net revenue of the repeat purchase days.
    The `cal_` columns are the same at the backtest calibration end (as-of date minus
    clv_holdout_weeks), and holdout_purchases the purchase days after it. The models are fitted
    per clv_segment (the account type: business and private customers buy very differently). -#}
{%- set calibration_end = dbt.dateadd('day', '-7 * ' ~ var('clv_holdout_weeks'), kundenstamm.as_of_date()) -%}

with days as (
    select
        account_id,
        order_date,
        sum(revenue_eur) as revenue_eur,
        sum(margin_eur) as margin_eur
    from {{ ref('int_orders_priced') }}
    where is_purchase
    group by account_id, order_date
),

ranked as (
    select
        *,
        min(order_date) over (partition by account_id) as first_purchase_date,
        cast({{ calibration_end }} as date) as calibration_end
    from days
),

aggregated as (
    select
        account_id,
        first_purchase_date,
        max(calibration_end) as calibration_end,
        count(*) - 1 as frequency,
        max(order_date) as last_purchase_date,
        -- decimal sums, cast once: double sums depend on the order of the rows, and the fits need
        -- bit-identical inputs to give identical results (the point-in-time test compares them)
        cast(sum(case when order_date > first_purchase_date then revenue_eur end) as double)
        / nullif(sum(case when order_date > first_purchase_date then 1 else 0 end), 0) as monetary_value,
        cast(sum(revenue_eur) as double) as revenue_eur,
        cast(sum(margin_eur) as double) as margin_eur,
        sum(case when order_date <= calibration_end then 1 else 0 end) - 1 as cal_frequency,
        max(case when order_date <= calibration_end then order_date end) as cal_last_purchase_date,
        cast(sum(case when order_date > first_purchase_date and order_date <= calibration_end then revenue_eur end) as double)
        / nullif(sum(case when order_date > first_purchase_date and order_date <= calibration_end then 1 else 0 end), 0) as cal_monetary_value,
        sum(case when order_date > calibration_end then 1 else 0 end) as holdout_purchases
    from ranked
    group by account_id, first_purchase_date
),

accounts as (
    select
        account_id,
        account_type
    from {{ ref('int_accounts_resolved') }}
),

final as (
    select
        aggregated.account_id,
        {{ kundenstamm.clv_segment('accounts.account_type') }} as clv_segment,
        first_purchase_date,
        cast(frequency as bigint) as frequency,
        cast({{ dbt.datediff('first_purchase_date', 'last_purchase_date', 'day') }} as double) / 7 as recency,
        cast({{ dbt.datediff('first_purchase_date', kundenstamm.as_of_date(), 'day') }} as double) / 7 as t_observed,
        coalesce(monetary_value, 0) as monetary_value,
        cast(revenue_eur as double) as revenue_eur,
        cast(margin_eur as double) as margin_eur,
        first_purchase_date <= calibration_end as is_in_calibration,
        cast(case when first_purchase_date <= calibration_end then cal_frequency end as bigint) as cal_frequency,
        case when first_purchase_date <= calibration_end
                then cast({{ dbt.datediff('first_purchase_date', 'cal_last_purchase_date', 'day') }} as double) / 7
        end as cal_recency,
        case when first_purchase_date <= calibration_end
                then cast({{ dbt.datediff('first_purchase_date', 'calibration_end', 'day') }} as double) / 7
        end as cal_t_observed,
        case when first_purchase_date <= calibration_end then coalesce(cal_monetary_value, 0) end as cal_monetary_value,
        cast(case when first_purchase_date <= calibration_end then holdout_purchases end as bigint) as holdout_purchases
    from aggregated
    left join accounts
        on aggregated.account_id = accounts.account_id
)

select * from final
