{#- One row per ABC sub-class (A, B1, B2, C1, C2, inactive) with its customers and basis, and
    the portfolio's concentration figures (the same on every row): the 80/20 check, the share of
    the top 1/5/10 customers, Gini, HHI and the dependency warning. -#}
with classes as (
    select * from {{ ref('fct_abc_classes') }}
),

subclasses as (
    select
        'A' as abc_class,
        'A' as abc_subclass,
        1 as sort_order
    union all
    select
        'B',
        'B1',
        2
    union all
    select
        'B',
        'B2',
        3
    union all
    select
        'C',
        'C1',
        4
    union all
    select
        'C',
        'C2',
        5
    union all
    select
        'C',
        'inactive',
        6
),

positive as (
    select
        account_id,
        abc_class,
        abc_subclass,
        abc_rank,
        abc_basis,
        case when basis_value_eur > 0 then cast(basis_value_eur as double) else 0 end as basis_value
    from classes
),

portfolio as (
    select
        count(*) as customers,
        sum(basis_value) as total_basis,
        max(abc_basis) as abc_basis
    from positive
),

sums as (
    select
        sum(case when positive.abc_rank <= ceil({{ var('abc_pareto_top_share') }} * portfolio.customers) then positive.basis_value else 0 end) as top_share_basis,
        sum(case when positive.abc_rank <= 1 then positive.basis_value else 0 end) as top1_basis,
        sum(case when positive.abc_rank <= 5 then positive.basis_value else 0 end) as top5_basis,
        sum(case when positive.abc_rank <= 10 then positive.basis_value else 0 end) as top10_basis,
        -- customers in ascending order: i = n - rank + 1
        sum((portfolio.customers - positive.abc_rank + 1) * positive.basis_value) as rank_weighted_basis,
        sum(positive.basis_value * positive.basis_value) as squared_basis
    from positive
    cross join portfolio
),

concentration as (
    select
        sums.top_share_basis / nullif(portfolio.total_basis, 0) as top_share_of_basis,
        sums.top1_basis / nullif(portfolio.total_basis, 0) as top1_share,
        sums.top5_basis / nullif(portfolio.total_basis, 0) as top5_share,
        sums.top10_basis / nullif(portfolio.total_basis, 0) as top10_share,
        -- Gini: G = 2 * sum(i * x_i) / (n * sum(x)) - (n + 1) / n
        2.0 * sums.rank_weighted_basis / nullif(portfolio.customers * portfolio.total_basis, 0)
        - (portfolio.customers + 1.0) / nullif(portfolio.customers, 0) as gini,
        -- HHI: sum of squared shares (0..1)
        sums.squared_basis / nullif(portfolio.total_basis * portfolio.total_basis, 0) as hhi
    from sums
    cross join portfolio
),

per_subclass as (
    select
        abc_class,
        abc_subclass,
        count(*) as customers,
        sum(basis_value) as basis_value
    from positive
    group by abc_class, abc_subclass
),

final as (
    select
        subclasses.abc_class,
        subclasses.abc_subclass,
        subclasses.sort_order,
        portfolio.abc_basis,
        coalesce(per_subclass.customers, 0) as customers,
        cast(100 as double) * coalesce(per_subclass.customers, 0) / nullif(portfolio.customers, 0) as customer_share_pct,
        cast(coalesce(per_subclass.basis_value, 0) as {{ kundenstamm.money_type() }}) as basis_value_eur,
        cast(100 as double) * coalesce(per_subclass.basis_value, 0) / nullif(portfolio.total_basis, 0) as basis_share_pct,
        portfolio.customers as portfolio_customers,
        cast(portfolio.total_basis as {{ kundenstamm.money_type() }}) as portfolio_basis_eur,
        cast({{ var('abc_pareto_top_share') }} * 100.0 as double) as pareto_top_customers_pct,
        cast(100 as double) * concentration.top_share_of_basis as pareto_top_basis_share_pct,
        cast(100 as double) * concentration.top1_share as top1_share_pct,
        cast(100 as double) * concentration.top5_share as top5_share_pct,
        cast(100 as double) * concentration.top10_share as top10_share_pct,
        concentration.gini,
        concentration.hhi,
        (
            concentration.top1_share > {{ var('abc_warn_top1_share') }}
            or concentration.top5_share > {{ var('abc_warn_top5_share') }}
            or concentration.hhi > {{ var('abc_warn_hhi') }}
        ) as has_dependency_warning,
        nullif(concat_ws(
            '; ',
            case when concentration.top1_share > {{ var('abc_warn_top1_share') }}
                    then concat('largest customer makes more than ', cast({{ var('abc_warn_top1_share') }} * 100 as {{ dbt.type_string() }}), ' % of the basis')
            end,
            case when concentration.top5_share > {{ var('abc_warn_top5_share') }}
                    then concat('top 5 customers make more than ', cast({{ var('abc_warn_top5_share') }} * 100 as {{ dbt.type_string() }}), ' % of the basis')
            end,
            case when concentration.hhi > {{ var('abc_warn_hhi') }}
                    then concat('HHI above ', cast({{ var('abc_warn_hhi') }} as {{ dbt.type_string() }}))
            end
        ), '') as dependency_warning,
        -- what the sub-class "inactive" means, for the pages: C customers without a purchase in
        -- the last active_window_days, whose basis comes from the longer ABC lookback window
        cast({{ var('active_window_days') }} as int) as active_window_days,
        cast({{ var('abc_lookback_days') }} as int) as abc_lookback_days
    from subclasses
    cross join portfolio
    cross join concentration
    left join per_subclass
        on subclasses.abc_class = per_subclass.abc_class
        and subclasses.abc_subclass = per_subclass.abc_subclass
)

select * from final
