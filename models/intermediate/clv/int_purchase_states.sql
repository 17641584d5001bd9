{#- The distinct purchase states (x, t_x, T in days) of int_customer_months_measured per
    segment: P(alive) is computed once per state (int_purchase_states_scored), not once per
    account and month. -#}
with measured as (
    select * from {{ ref('int_customer_months_measured') }}
    where purchase_days > 0
),

final as (
    select distinct
        clv_segment,
        cast(purchase_days as bigint) as purchase_days,
        cast(days_first_to_last_purchase as bigint) as recency_days,
        cast(days_since_first_purchase as bigint) as tenure_days
    from measured
)

select * from final
