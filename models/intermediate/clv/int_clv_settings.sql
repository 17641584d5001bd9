{#- The vars the Python steps need, as one row: dbt Python models cannot read vars, so they read
    this model (and the Spark step reads the same vars from the project). -#}
select
    cast({{ var('clv_horizon_months') }} as bigint) as clv_horizon_months,
    cast({{ var('clv_annual_discount_rate') }} as double) as clv_annual_discount_rate,
    cast({{ var('clv_holdout_weeks') }} as bigint) as clv_holdout_weeks,
    '{{ kundenstamm.clv_purchase_model() }}' as clv_purchase_model,
    cast({{ var('persona_min_clusters') }} as bigint) as persona_min_clusters,
    cast({{ var('persona_max_clusters') }} as bigint) as persona_max_clusters,
    cast({{ var('persona_seed') }} as bigint) as persona_seed,
    cast({{ var('persona_sample_size') }} as bigint) as persona_sample_size,
    cast({{ var('persona_silhouette_sample') }} as bigint) as persona_silhouette_sample
