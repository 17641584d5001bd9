{#- The lifecycle rule and the CLV mart compute P(alive) separately (SQL per snapshot, Python per
    customer); at the as-of date they must agree for every customer the CLV mart lists, and be
    empty together where the segment has no converged fit. -#}
with lifecycle as (
    select
        account_id,
        p_alive
    from {{ ref('fct_lifecycle_history') }}
    where is_as_of_snapshot
),

clv as (
    select
        account_id,
        p_alive
    from {{ ref('fct_customer_clv') }}
)

select
    clv.account_id,
    clv.p_alive as clv_p_alive,
    lifecycle.p_alive as lifecycle_p_alive
from clv
left join lifecycle
    on clv.account_id = lifecycle.account_id
where (lifecycle.p_alive is null) <> (clv.p_alive is null)
    or abs(lifecycle.p_alive - clv.p_alive) > 1e-6
