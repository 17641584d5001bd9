{#- The distribution of each CLV view (historical, formula, predicted) as a BI tool or the report
    draws it: customers with a negative value, with exactly zero, and with a positive value in
    bins of a 1-2-5 series (under 10, 10-20, 20-50, 50-100, ... EUR; every bin between the
    smallest and the largest one present, empty ones too), so a skewed distribution is not one
    bar at 0 EUR and no last bin silently catches the rest. reason_code says why a customer is
    in the negative or zero row; each view carries its total, average and median and the horizon
    and assumptions it rests on. -#}
{%- set views = ['historical', 'formula', 'predicted'] -%}
{%- set max_decade = 12 -%}

with clv as (
    select * from {{ ref('fct_customer_clv') }}
),

view_values as (
    {%- for view in views %}
        {% if not loop.first %}union all{% endif %}
        select
            '{{ view }}' as clv_view,
            cast({{ view }}_clv_eur as double) as value_eur
        from clv
        where {{ view }}_clv_eur is not null
    {%- endfor %}
),

view_stats as (
    select
        clv_view,
        sum(value_eur) as view_total_eur,
        avg(value_eur) as view_average_eur,
        median(value_eur) as view_median_eur
    from view_values
    group by clv_view
),

classified as (
    select
        clv_view,
        value_eur,
        case
            when value_eur < 0 then 'negative'
            when value_eur = 0 then 'zero'
            else 'positive'
        end as bin_kind,
        -- the power of ten at or below the value (1e-9 keeps 1000 from landing at 10^2.999...)
        case
            when value_eur >= 10 then power(cast(10 as double), floor(log10(value_eur) + 1e-9))
        end as decade
    from view_values
),

binned as (
    select
        clv_view,
        bin_kind,
        case
            when bin_kind <> 'positive' then cast(null as double)
            when decade is null then cast(0 as double)
            when value_eur >= 5 * decade then 5 * decade
            when value_eur >= 2 * decade then 2 * decade
            else decade
        end as lower_eur
    from classified
),

counts as (
    select
        clv_view,
        bin_kind,
        lower_eur,
        count(*) as customers
    from binned
    group by clv_view, bin_kind, lower_eur
),

-- every bound of the 1-2-5 series: 0 (the bin under 10 EUR), then 10, 20, 50, 100, ...
series as (
    select
        cast(0 as double) as lower_eur,
        cast(10 as double) as upper_eur
    {%- for exponent in range(1, max_decade) %}
        {%- for step, next_step in [(1, 2), (2, 5), (5, 10)] %}
            union all
            select
                cast({{ step }} as double) * power(cast(10 as double), {{ exponent }}) as lower_eur,
                cast({{ next_step }} as double) * power(cast(10 as double), {{ exponent }}) as upper_eur
        {%- endfor %}
    {%- endfor %}
),

view_range as (
    select
        clv_view,
        min(lower_eur) as first_lower_eur,
        max(lower_eur) as last_lower_eur,
        sum(customers) as view_customers
    from counts
    group by clv_view
),

view_totals as (
    select
        view_range.clv_view,
        view_range.first_lower_eur,
        view_range.last_lower_eur,
        view_range.view_customers,
        kinds.bin_kind
    from view_range
    cross join (
        select 'negative' as bin_kind
        union all
        select 'zero' as bin_kind
    ) as kinds
),

rows_of_views as (
    -- the negative and the zero row of every view (with 0 customers where there are none)
    select
        view_totals.clv_view,
        view_totals.bin_kind,
        cast(null as double) as lower_eur,
        cast(null as double) as upper_eur,
        coalesce(counts.customers, 0) as customers,
        view_totals.view_customers
    from view_totals
    left join counts
        on view_totals.clv_view = counts.clv_view
        and view_totals.bin_kind = counts.bin_kind
    union all
    -- the positive bins from the smallest to the largest present
    select
        view_range.clv_view,
        'positive' as bin_kind,
        series.lower_eur,
        series.upper_eur,
        coalesce(counts.customers, 0) as customers,
        view_range.view_customers
    from view_range
    inner join series
        on series.lower_eur between view_range.first_lower_eur and view_range.last_lower_eur
    left join counts
        on view_range.clv_view = counts.clv_view
        and counts.bin_kind = 'positive'
        and series.lower_eur = counts.lower_eur
),

final as (
    select
        rows_of_views.clv_view,
        cast(row_number() over (
            partition by rows_of_views.clv_view
            order by
                case bin_kind when 'negative' then 0 when 'zero' then 1 else 2 end,
                lower_eur
        ) as int) as bin_order,
        bin_kind,
        lower_eur,
        upper_eur,
        cast(customers as bigint) as customers,
        round(cast(100 as double) * customers / nullif(view_customers, 0), 2) as customer_share_pct,
        case
            when bin_kind = 'negative' and rows_of_views.clv_view = 'historical' then 'margin_below_zero'
            when bin_kind = 'negative' and rows_of_views.clv_view = 'formula' then 'cost_to_serve_above_revenue'
            when bin_kind = 'negative' and rows_of_views.clv_view = 'predicted' then 'expected_margin_below_zero'
            when bin_kind = 'zero' and rows_of_views.clv_view = 'predicted' then 'no_purchase_expected'
            when bin_kind = 'zero' then 'no_margin'
        end as reason_code,
        cast(view_customers as bigint) as view_customers,
        cast(view_stats.view_total_eur as double) as view_total_eur,
        cast(view_stats.view_average_eur as double) as view_average_eur,
        cast(view_stats.view_median_eur as double) as view_median_eur,
        case rows_of_views.clv_view
            when 'historical' then cast(null as int)
            when 'formula' then cast({{ var('clv_expected_lifetime_months') }} as int)
            else cast({{ var('clv_horizon_months') }} as int)
        end as horizon_months,
        case
            when rows_of_views.clv_view = 'formula' then cast({{ var('clv_cost_to_serve_eur') }} as double)
        end as cost_to_serve_eur,
        case
            when rows_of_views.clv_view = 'formula' then cast({{ var('clv_formula_min_tenure_months') }} as int)
        end as min_tenure_months,
        case
            when rows_of_views.clv_view = 'predicted' then cast({{ var('clv_annual_discount_rate') }} as double)
        end as annual_discount_rate
    from rows_of_views
    inner join view_stats
        on rows_of_views.clv_view = view_stats.clv_view
)

select * from final
