{#- The predictive CLV model at a glance: every fitted parameter with its standard error,
    log-likelihood, convergence and number of customers (row_type 'parameter'), which purchase
    model each segment uses and why, the repeat buyers the spend model left out, and the backtest:
    the selected purchase model refitted on data up to clv_holdout_weeks before the as-of date,
    its expected purchases in those weeks against the actual ones, in total ('backtest_total')
    and by decile of the expectation ('backtest_decile', 1 = highest). -#}

with parameters as (
    select * from {{ ref('int_clv_parameters') }}
),

predicted as (
    select * from {{ ref('int_customers_clv_predicted') }}
),

inputs as (
    select * from {{ ref('int_customers_clv_inputs') }}
),

backtest as (
    select
        inputs.account_id,
        inputs.clv_segment,
        cast(inputs.holdout_purchases as double) as actual_purchases,
        predicted.backtest_expected_purchases as predicted_purchases,
        ntile(10) over (order by predicted.backtest_expected_purchases desc, inputs.account_id) as decile
    from inputs
    inner join predicted
        on inputs.account_id = predicted.account_id
    where inputs.is_in_calibration
        and predicted.backtest_expected_purchases is not null
),

parameter_rows as (
    select
        'parameter' as row_type,
        clv_segment,
        fit_type,
        model,
        parameter,
        cast(null as int) as decile,
        cast(value as double) as value,
        cast(standard_error as double) as standard_error,
        cast(log_likelihood as double) as log_likelihood,
        converged,
        message,
        cast(customers as bigint) as customers,
        cast(null as double) as predicted_purchases,
        cast(null as double) as actual_purchases,
        is_selected,
        selection_reason,
        cast(holdout_log_likelihood as double) as holdout_log_likelihood,
        cast(excluded_customers as bigint) as excluded_customers,
        exclusion_reason
    from parameters
),

{#- the backtest in total (grouped by nothing) and by decile of the expectation -#}
{%- set backtest_levels = {
    'total': {'decile': 'cast(null as int)', 'message': "concat('holdout of ', cast(" ~ var('clv_holdout_weeks') ~ " as " ~ dbt.type_string() ~ "), ' weeks')"},
    'decile': {'decile': 'cast(decile as int)', 'message': "concat('decile ', cast(decile as " ~ dbt.type_string() ~ "), ' of the predicted purchases')"},
} %}

backtest_rows as (
    {%- for level, columns in backtest_levels.items() %}
        {% if not loop.first %}union all{% endif %}
        select
            'backtest_{{ level }}' as row_type,
            'all' as clv_segment,
            'backtest' as fit_type,
            'selected' as model,
            'holdout_purchases' as parameter,
            {{ columns.decile }} as decile,
            cast(null as double) as value,
            cast(null as double) as standard_error,
            cast(null as double) as log_likelihood,
            cast(null as boolean) as converged,
            {{ columns.message }} as message,
            cast(count(*) as bigint) as customers,
            sum(predicted_purchases) as predicted_purchases,
            sum(actual_purchases) as actual_purchases,
            -- no model selection or spend exclusions of their own
            cast(null as boolean) as is_selected,
            cast(null as {{ dbt.type_string() }}) as selection_reason,
            cast(null as double) as holdout_log_likelihood,
            cast(null as bigint) as excluded_customers,
            cast(null as {{ dbt.type_string() }}) as exclusion_reason
        from backtest
        {%- if level == 'decile' %}
            group by decile
        {%- endif %}
    {%- endfor %}
),

final as (
    select * from parameter_rows
    union all
    select * from backtest_rows
)

select * from final
