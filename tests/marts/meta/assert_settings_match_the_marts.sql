-- The settings are the ones the marts were computed with: the as-of date of the lifecycle stages,
-- the ABC basis of the ABC classes, and RFM scores and totals within the ranges of rfm_bins.
with settings as (
    select * from {{ ref('dim_settings') }}
),

lifecycle as (
    select max(as_of_date) as as_of_date from {{ ref('fct_lifecycle_stages') }}
),

abc as (
    select distinct abc_basis from {{ ref('fct_abc_classes') }}
),

rfm as (
    select
        min(least(r_score, f_score, m_score)) as lowest_score,
        max(greatest(r_score, f_score, m_score)) as highest_score,
        min(rfm_total) as lowest_total,
        max(rfm_total) as highest_total
    from {{ ref('fct_rfm_scores') }}
)

select 'as_of_date' as setting
from settings
cross join lifecycle
where lifecycle.as_of_date <> settings.as_of_date
union all
select 'abc_basis'
from settings
cross join abc
where abc.abc_basis <> settings.abc_basis
union all
select 'rfm score ranges'
from settings
cross join rfm
where rfm.lowest_score < settings.rfm_score_min
    or rfm.highest_score > settings.rfm_score_max
    or rfm.lowest_total < settings.rfm_total_min
    or rfm.highest_total > settings.rfm_total_max
