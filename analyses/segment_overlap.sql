{#- How the three segmentations overlap: customers and revenue per ABC class x RFM segment x
    lifecycle stage, largest revenue first. Compile with `dbt compile --select segment_overlap`
    and run the SQL in target/compiled/ against the warehouse. -#}
with customers as (
    select * from {{ ref('dim_customers') }}
    where lifetime_purchases > 0
),

final as (
    select
        abc_class,
        rfm_segment,
        lifecycle_stage,
        count(*) as customers,
        sum(lifetime_revenue_eur) as lifetime_revenue_eur,
        avg(predicted_clv_eur) as avg_predicted_clv_eur
    from customers
    group by abc_class, rfm_segment, lifecycle_stage
)

select * from final
order by lifetime_revenue_eur desc
