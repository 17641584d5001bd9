{#- The Lorenz curve of the ABC ranking at 100 points: at each percentile of all ranked customers
    (largest first; those without a basis in the window too, the population of the 80/20 check in
    rpt_abc_summary) the cumulative share of the basis. -#}
with classes as (
    select * from {{ ref('fct_abc_classes') }}
),

ranked as (
    select
        cumulative_share,
        row_number() over (order by abc_rank, account_id) as position,
        count(*) over () as customers
    from classes
),

percentiles as (
    select
        cast(ceil(position * 100.0 / customers) as int) as percentile,
        max(cumulative_share) as cumulative_share,
        max(customers) as customers
    from ranked
    group by cast(ceil(position * 100.0 / customers) as int)
),

final as (
    select
        percentile,
        cast(percentile as double) / 100 as customer_share,
        cast(cumulative_share as double) as cumulative_share,
        cast(customers as bigint) as customers
    from percentiles
)

select * from final
