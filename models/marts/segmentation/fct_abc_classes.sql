{#- ABC (Pareto) classes: customers ranked by revenue or contribution margin over the lookback
    window, or by CLV (historical + predicted, over the whole relationship), var `abc_basis`.
    A = customers making the first `abc_a_cutoff` of the total, B = up to `abc_b_cutoff`, C = the
    rest. Customers with equal basis share one cumulative share and therefore one class.
    Sub-classes: see DECISIONLOG.md; their growth compares the window measure of
    abc_window_basis (the margin when the basis is CLV) with the prior window. -#}
{%- set basis = kundenstamm.abc_basis() -%}
{%- set window_basis = kundenstamm.abc_window_basis() -%}
{#- The CLV basis reads fct_customer_clv; the ref is resolved for every basis, so the order of the
    build (and of the unit tests, which may set the basis) does not depend on a var. -#}
{%- set clv_relation = ref('fct_customer_clv') -%}
{#- for clv, no prediction (too little history) counts as 0: the CLV is what was earned so far -#}
{%- set basis_value = 'coalesce(clv.historical_clv_eur, 0) + coalesce(clv.predicted_clv_eur, 0)' if basis == 'clv' else 'customers.abc_window_' ~ basis ~ '_eur' -%}

with customers as (
    select * from {{ ref('int_customers_purchases_aggregated') }}
),
{%- if basis == 'clv' %}

clv as (
    select * from {{ clv_relation }}
),
{%- endif %}

basis as (
    select
        customers.account_id,
        {{ basis_value }} as basis_value_eur,
        customers.abc_window_{{ window_basis }}_eur as window_value_eur,
        customers.abc_prior_window_{{ window_basis }}_eur as prior_basis_value_eur,
        customers.abc_window_purchases,
        customers.days_since_last_purchase
    from customers
    {%- if basis == 'clv' %}
    left join clv
        on customers.account_id = clv.account_id
    {%- endif %}
),

ranked as (
    select
        *,
        cast(row_number() over (order by basis_value_eur desc, account_id) as bigint) as abc_rank,
        sum(case when basis_value_eur > 0 then basis_value_eur else 0 end) over () as total_basis_eur,
        sum(case when basis_value_eur > 0 then basis_value_eur else 0 end) over (
            order by basis_value_eur desc
            range between unbounded preceding and current row
        ) as cumulative_basis_eur
    from basis
),

classified as (
    select
        *,
        cast(cumulative_basis_eur as double) / nullif(cast(total_basis_eur as double), 0) as cumulative_share,
        case
            when window_value_eur > 0 and prior_basis_value_eur > 0
                then cast(window_value_eur - prior_basis_value_eur as double) / cast(prior_basis_value_eur as double)
        end as basis_growth,
        days_since_last_purchase <= {{ var('active_window_days') }} as is_active
    from ranked
),

with_class as (
    select
        *,
        {{ kundenstamm.abc_class('basis_value_eur', 'cumulative_share') }} as abc_class,
        -- no prior basis but a current one: a new customer, counted as growing
        coalesce(basis_growth, case when window_value_eur > 0 and prior_basis_value_eur <= 0 then 1e9 end) as growth_for_rule
    from classified
),

final as (
    select
        account_id,
        '{{ basis }}' as abc_basis,
        cast(basis_value_eur as {{ kundenstamm.money_type() }}) as basis_value_eur,
        cast(prior_basis_value_eur as {{ kundenstamm.money_type() }}) as prior_basis_value_eur,
        basis_growth,
        abc_window_purchases,
        is_active,
        abc_rank,
        cumulative_share,
        abc_class,
        case
            when abc_class = 'A' then 'A'
            when abc_class = 'B' and is_active and growth_for_rule >= {{ var('abc_b1_min_growth') }} then 'B1'
            when abc_class = 'B' then 'B2'
            when not is_active then 'inactive'
            when growth_for_rule >= {{ var('abc_c1_min_growth') }}
                or abc_window_purchases >= {{ var('abc_c1_min_orders') }} then 'C1'
            else 'C2'
        end as abc_subclass,
        {{ kundenstamm.as_of_date() }} as as_of_date
    from with_class
)

select * from final
