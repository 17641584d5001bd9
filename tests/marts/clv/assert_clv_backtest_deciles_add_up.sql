-- The backtest deciles add up to the backtest total.
with totals as (
    select
        sum(case when row_type = 'backtest_total' then customers end) as total_customers,
        sum(case when row_type = 'backtest_decile' then customers end) as decile_customers,
        sum(case when row_type = 'backtest_total' then actual_purchases end) as total_actual,
        sum(case when row_type = 'backtest_decile' then actual_purchases end) as decile_actual
    from {{ ref('rpt_clv_model') }}
)

select *
from totals
where total_customers <> decile_customers
    or abs(total_actual - decile_actual) > 1e-6
