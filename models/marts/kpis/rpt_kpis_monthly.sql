{#- Every KPI of the domain per calendar month up to the as-of month, for all customers and per
    current ABC class (segment_type 'abc_class'; accounts without a class, i.e. prospects, are
    'none'). Definitions are in DECISIONLOG.md and in the macro monthly_kpis, which
    rpt_kpis_by_segment shares; the last month is cut at the as-of date. -#}
{%- set customer_segments -%}
    select
        account_id,
        coalesce(abc_class, 'none') as abc_class
    from {{ ref('dim_customers') }}
{%- endset -%}

{{ kundenstamm.monthly_kpis(customer_segments, ['abc_class']) }}
