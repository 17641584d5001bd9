{#- Every analysis setting of the build as one row with typed columns: the effective value of each
    var of dbt_project.yml (the as-of date resolved, empty optional settings as nulls), validated by
    the macro that reads it, and the RFM score ranges that follow from rfm_bins. The one place the
    dbt Python models (which cannot read vars), the data checks, the report and other readers
    learn the settings from (published as marts.dim_settings). -#}
{%- set rfm_bins = kundenstamm.rfm_bins() -%}
select
    {{ kundenstamm.as_of_date() }} as as_of_date,
    {{ kundenstamm.var_as('late_payment_grace_days', 'bigint') }} as late_payment_grace_days,
    {{ kundenstamm.var_as('active_window_days', 'bigint') }} as active_window_days,
    {{ kundenstamm.var_as('lead_conversion_maturity_days', 'bigint') }} as lead_conversion_maturity_days,
    -- RFM: scores run from 1 to rfm_bins, their total from 3 to 3 x rfm_bins
    {{ kundenstamm.var_as('rfm_window_days', 'bigint') }} as rfm_window_days,
    cast({{ rfm_bins }} as bigint) as rfm_bins,
    cast(1 as bigint) as rfm_score_min,
    cast({{ rfm_bins }} as bigint) as rfm_score_max,
    cast(3 as bigint) as rfm_total_min,
    cast({{ 3 * rfm_bins }} as bigint) as rfm_total_max,
    -- ABC
    cast('{{ kundenstamm.abc_basis() }}' as {{ dbt.type_string() }}) as abc_basis,
    {{ kundenstamm.var_as('abc_lookback_days', 'bigint') }} as abc_lookback_days,
    {{ kundenstamm.var_as('abc_a_cutoff', 'double') }} as abc_a_cutoff,
    {{ kundenstamm.var_as('abc_b_cutoff', 'double') }} as abc_b_cutoff,
    {{ kundenstamm.var_as('abc_b1_min_growth', 'double') }} as abc_b1_min_growth,
    {{ kundenstamm.var_as('abc_c1_min_growth', 'double') }} as abc_c1_min_growth,
    {{ kundenstamm.var_as('abc_c1_min_orders', 'bigint') }} as abc_c1_min_orders,
    {{ kundenstamm.var_as('abc_pareto_top_share', 'double') }} as abc_pareto_top_share,
    {{ kundenstamm.var_as('abc_warn_top1_share', 'double') }} as abc_warn_top1_share,
    {{ kundenstamm.var_as('abc_warn_top5_share', 'double') }} as abc_warn_top5_share,
    {{ kundenstamm.var_as('abc_warn_hhi', 'double') }} as abc_warn_hhi,
    -- NPS
    {{ kundenstamm.var_as('nps_detractor_max', 'bigint') }} as nps_detractor_max,
    {{ kundenstamm.var_as('nps_passive_max', 'bigint') }} as nps_passive_max,
    {{ kundenstamm.var_as('nps_min_responses', 'bigint') }} as nps_min_responses,
    {{ kundenstamm.var_as('nps_confidence_z', 'double') }} as nps_confidence_z,
    {{ kundenstamm.var_as('nps_max_months_between_waves', 'bigint') }} as nps_max_months_between_waves,
    {{ kundenstamm.var_as('chain_retention_months', 'bigint') }} as chain_retention_months,
    -- Lifecycle
    {{ kundenstamm.var_as('lifecycle_new_days', 'bigint') }} as lifecycle_new_days,
    {{ kundenstamm.var_as('lifecycle_new_max_purchases', 'bigint') }} as lifecycle_new_max_purchases,
    {{ kundenstamm.var_as('lifecycle_lapsed_days', 'bigint') }} as lifecycle_lapsed_days,
    {{ kundenstamm.var_as('lifecycle_overdue_factor', 'double') }} as lifecycle_overdue_factor,
    {{ kundenstamm.var_as('lifecycle_single_purchase_overdue_days', 'bigint') }} as lifecycle_single_purchase_overdue_days,
    {{ kundenstamm.var_as('lifecycle_at_risk_open_complaints', 'bigint') }} as lifecycle_at_risk_open_complaints,
    {{ kundenstamm.var_as('lifecycle_at_risk_p_alive', 'double') }} as lifecycle_at_risk_p_alive,
    {{ kundenstamm.var_as('lifecycle_history_start', 'date') }} as lifecycle_history_start,
    -- Action lists
    {{ kundenstamm.var_as('min_group_size', 'bigint') }} as min_group_size,
    {{ kundenstamm.var_as('winback_min_lifetime_margin_eur', kundenstamm.money_type()) }} as winback_min_lifetime_margin_eur,
    {{ kundenstamm.var_as('winback_exclude_min_complaints', 'bigint') }} as winback_exclude_min_complaints,
    {{ kundenstamm.var_as('winback_exclude_late_payment_share', 'double') }} as winback_exclude_late_payment_share,
    {{ kundenstamm.var_as('winback_exclude_discount_share', 'double') }} as winback_exclude_discount_share,
    {{ kundenstamm.var_as('winback_min_purchases_for_habits', 'bigint') }} as winback_min_purchases_for_habits,
    {{ kundenstamm.var_as('more_sell_horizon_days', 'bigint') }} as more_sell_horizon_days,
    {{ kundenstamm.var_as('more_sell_max_overdue_days', 'bigint') }} as more_sell_max_overdue_days,
    {{ kundenstamm.var_as('cross_sell_min_support', 'double') }} as cross_sell_min_support,
    {{ kundenstamm.var_as('cross_sell_min_confidence', 'double') }} as cross_sell_min_confidence,
    {{ kundenstamm.var_as('cross_sell_min_lift', 'double') }} as cross_sell_min_lift,
    {{ kundenstamm.var_as('cross_sell_max_per_customer', 'bigint') }} as cross_sell_max_per_customer,
    {{ kundenstamm.var_as('up_sell_min_m_score', 'bigint') }} as up_sell_min_m_score,
    {{ kundenstamm.var_as('review_inactive_days', 'bigint') }} as review_inactive_days,
    {{ kundenstamm.var_as('review_inquiry_days', 'bigint') }} as review_inquiry_days,
    -- CLV
    {{ kundenstamm.var_as('clv_horizon_months', 'bigint') }} as clv_horizon_months,
    {{ kundenstamm.var_as('clv_annual_discount_rate', 'double') }} as clv_annual_discount_rate,
    {{ kundenstamm.var_as('clv_holdout_weeks', 'bigint') }} as clv_holdout_weeks,
    cast('{{ kundenstamm.clv_purchase_model() }}' as {{ dbt.type_string() }}) as clv_purchase_model,
    {{ kundenstamm.var_as('clv_expected_lifetime_months', 'bigint') }} as clv_expected_lifetime_months,
    {{ kundenstamm.var_as('clv_cost_to_serve_eur', kundenstamm.money_type()) }} as clv_cost_to_serve_eur,
    {{ kundenstamm.var_as('clv_formula_min_tenure_months', 'bigint') }} as clv_formula_min_tenure_months,
    {{ kundenstamm.var_as('clv_retention_rate', 'double') }} as clv_retention_rate,
    -- Personas
    {{ kundenstamm.var_as('persona_min_clusters', 'bigint') }} as persona_min_clusters,
    {{ kundenstamm.var_as('persona_max_clusters', 'bigint') }} as persona_max_clusters,
    {{ kundenstamm.var_as('persona_seed', 'bigint') }} as persona_seed,
    {{ kundenstamm.var_as('persona_sample_size', 'bigint') }} as persona_sample_size,
    {{ kundenstamm.var_as('persona_silhouette_sample', 'bigint') }} as persona_silhouette_sample
