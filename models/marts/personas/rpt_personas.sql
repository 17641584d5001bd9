{#- A readable profile of each persona: size and the typical (median) customer. -#}
with personas as (
    select * from {{ ref('fct_personas') }}
),

inputs as (
    select * from {{ ref('int_customers_persona_inputs') }}
),

profiles as (
    select
        personas.persona_id,
        max(personas.persona_name) as persona_name,
        count(*) as customers,
        median(cast(inputs.lifetime_revenue_eur as double) * 365 / greatest(inputs.tenure_days, 365)) as median_revenue_per_year_eur,
        median(cast(inputs.lifetime_purchases as double) * 365 / greatest(inputs.tenure_days, 365)) as median_purchases_per_year,
        median(cast(inputs.lifetime_revenue_eur as double) / inputs.lifetime_purchases) as median_order_value_eur,
        median(cast(inputs.days_since_last_purchase as double)) as median_recency_days,
        avg(case when inputs.account_type = 'company' then cast(1 as double) else cast(0 as double) end) as b2b_share,
        avg(inputs.discount_share) as discount_share,
        median(cast(inputs.latest_nps_score as double)) as median_nps_score,
        max(personas.clusters_chosen) as clusters_chosen,
        max(personas.silhouette) as silhouette
    from personas
    inner join inputs
        on personas.account_id = inputs.account_id
    group by personas.persona_id
),

final as (
    select
        persona_id,
        persona_name,
        cast(customers as bigint) as customers,
        cast(100 as double) * customers / sum(customers) over () as customer_share_pct,
        cast(median_revenue_per_year_eur as double) as median_revenue_per_year_eur,
        cast(median_purchases_per_year as double) as median_purchases_per_year,
        cast(median_order_value_eur as double) as median_order_value_eur,
        cast(median_recency_days as double) as median_recency_days,
        cast(cast(100 as double) * b2b_share as double) as b2b_share_pct,
        cast(cast(100 as double) * discount_share as double) as discount_share_pct,
        cast(median_nps_score as double) as median_nps_score,
        cast(clusters_chosen as bigint) as clusters_chosen,
        cast(silhouette as double) as silhouette,
        customers < {{ var('min_group_size') }} as is_too_small,
        concat(
            cast(customers as {{ dbt.type_string() }}), ' customers: typically ',
            cast(cast(round(median_revenue_per_year_eur, 0) as bigint) as {{ dbt.type_string() }}), ' EUR a year in ',
            cast(round(median_purchases_per_year, 1) as {{ dbt.type_string() }}), ' purchases of ',
            cast(cast(round(median_order_value_eur, 0) as bigint) as {{ dbt.type_string() }}), ' EUR, last purchase ',
            cast(cast(round(median_recency_days, 0) as bigint) as {{ dbt.type_string() }}), ' days ago; ',
            cast(cast(round(100 * b2b_share, 0) as bigint) as {{ dbt.type_string() }}), ' % businesses.'
        ) as description
    from profiles
)

select * from final
