with scores as (
    select * from {{ ref('fct_rfm_scores') }}
),

segments as (
    select * from {{ ref('rfm_segments') }}
),

totals as (
    select
        count(*) as total_customers,
        sum(monetary_eur) as total_monetary_eur
    from scores
),

per_segment as (
    select
        rfm_segment,
        count(*) as customers,
        sum(monetary_eur) as monetary_eur,
        avg(cast(recency_days as double)) as avg_recency_days,
        avg(cast(frequency as double)) as avg_frequency,
        avg(cast(monetary_eur as double)) as avg_monetary_eur,
        avg(cast(r_score as double)) as avg_r_score,
        avg(cast(f_score as double)) as avg_f_score,
        avg(cast(m_score as double)) as avg_m_score
    from scores
    group by rfm_segment
),

final as (
    select
        segments.segment as rfm_segment,
        segments.priority as segment_priority,
        coalesce(per_segment.customers, 0) as customers,
        cast(cast(100 as double) * coalesce(per_segment.customers, 0) / nullif(totals.total_customers, 0) as double) as customer_share_pct,
        cast(coalesce(per_segment.monetary_eur, 0) as {{ kundenstamm.money_type() }}) as revenue_eur,
        cast(cast(100 as double) * coalesce(per_segment.monetary_eur, 0) / nullif(totals.total_monetary_eur, 0) as double) as revenue_share_pct,
        cast(per_segment.avg_recency_days as double) as avg_recency_days,
        cast(per_segment.avg_frequency as double) as avg_frequency,
        cast(per_segment.avg_monetary_eur as double) as avg_monetary_eur,
        cast(per_segment.avg_r_score as double) as avg_r_score,
        cast(per_segment.avg_f_score as double) as avg_f_score,
        cast(per_segment.avg_m_score as double) as avg_m_score,
        segments.recommended_action_en,
        segments.recommended_action_de
    from segments
    cross join totals
    left join per_segment
        on segments.segment = per_segment.rfm_segment
)

select * from final
