{#- Acquisition against retention spend per month up to the as-of month: the marketing spend by
    the purpose of its channel (marketing_channel_purposes seed, fct_marketing_spend.spend_purpose),
    the shares of the month's spend, the CPA on acquisition spend alone and the retention spend
    per customer active at the month end. New and active customers are rpt_kpis_monthly's (all
    customers), so the definitions are the KPI mart's. Spend of an unmapped channel is kept as
    unmapped spend: in the total, in neither purpose. A month without any spend row (spend data
    not covering it) has no CPA and no spend per customer. Rules in DECISIONLOG.md. -#}
with spend as (
    select
        spend_month as month_start,
        sum(case when spend_purpose = 'acquisition' then spend_eur else 0 end) as acquisition_spend_eur,
        sum(case when spend_purpose = 'retention' then spend_eur else 0 end) as retention_spend_eur,
        sum(case when spend_purpose not in ('acquisition', 'retention') then spend_eur else 0 end) as unmapped_spend_eur,
        sum(spend_eur) as marketing_spend_eur
    from {{ ref('fct_marketing_spend') }}
    group by spend_month
),

customers as (
    select
        month_start,
        new_customers,
        active_customers
    from {{ ref('rpt_kpis_monthly') }}
    where segment_type = 'all'
),

monthly as (
    select
        coalesce(customers.month_start, spend.month_start) as month_start,
        spend.month_start is not null as has_spend_data,
        coalesce(spend.acquisition_spend_eur, 0) as acquisition_spend_eur,
        coalesce(spend.retention_spend_eur, 0) as retention_spend_eur,
        coalesce(spend.unmapped_spend_eur, 0) as unmapped_spend_eur,
        coalesce(spend.marketing_spend_eur, 0) as marketing_spend_eur,
        coalesce(customers.new_customers, 0) as new_customers,
        coalesce(customers.active_customers, 0) as active_customers
    from customers
    full outer join spend
        on customers.month_start = spend.month_start
),

final as (
    select
        month_start,
        has_spend_data,
        cast(acquisition_spend_eur as {{ kundenstamm.money_type() }}) as acquisition_spend_eur,
        cast(retention_spend_eur as {{ kundenstamm.money_type() }}) as retention_spend_eur,
        cast(unmapped_spend_eur as {{ kundenstamm.money_type() }}) as unmapped_spend_eur,
        cast(marketing_spend_eur as {{ kundenstamm.money_type() }}) as marketing_spend_eur,
        round(cast(100 as double) * cast(acquisition_spend_eur as double) / nullif(cast(marketing_spend_eur as double), 0), 4) as acquisition_share_pct,
        round(cast(100 as double) * cast(retention_spend_eur as double) / nullif(cast(marketing_spend_eur as double), 0), 4) as retention_share_pct,
        cast(new_customers as bigint) as new_customers,
        cast(active_customers as bigint) as active_customers,
        case
            when has_spend_data
                then {{ kundenstamm.to_money('cast(acquisition_spend_eur as double) / nullif(new_customers, 0)') }}
        end as acquisition_cpa_eur,
        case
            when has_spend_data
                then {{ kundenstamm.to_money('cast(retention_spend_eur as double) / nullif(active_customers, 0)') }}
        end as retention_spend_per_active_customer_eur
    from monthly
)

select * from final
