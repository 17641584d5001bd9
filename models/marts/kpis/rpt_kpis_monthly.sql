{#- Every KPI of the domain per calendar month up to the as-of month, for all customers and per
    current ABC class (segment_type 'abc_class'; accounts without a class, i.e. prospects, are
    'none'). Definitions are in DECISIONLOG.md; the last month is cut at the as-of date. -#}
with history as (
    select * from {{ ref('fct_lifecycle_history') }}
),

orders as (
    select * from {{ ref('fct_orders') }}
    where is_purchase
),

purchases as (
    select * from {{ ref('int_customers_purchases_aggregated') }}
),

classes as (
    select
        account_id,
        abc_class
    from {{ ref('fct_abc_classes') }}
),

leads as (
    select * from {{ ref('fct_leads') }}
),

spend as (
    select
        spend_month as month_start,
        sum(spend_eur) as marketing_spend_eur
    from {{ ref('fct_marketing_spend') }}
    group by 1
),

-- the segments an account counts in: everyone ('all') and its current ABC class
segments as (
    select
        accounts.account_id,
        'all' as segment_type,
        'all' as segment_value
    from {{ ref('dim_customers') }} as accounts
    union all
    select
        accounts.account_id,
        'abc_class' as segment_type,
        coalesce(classes.abc_class, 'none') as segment_value
    from {{ ref('dim_customers') }} as accounts
    left join classes
        on accounts.account_id = classes.account_id
),

months as (
    select distinct
        cast({{ dbt.date_trunc('month', 'snapshot_date') }} as date) as month_start
    from history
),

state as (
    select
        cast({{ dbt.date_trunc('month', 'history.snapshot_date') }} as date) as month_start,
        history.account_id,
        history.is_active_customer,
        history.days_since_last_interaction,
        history.became_lapsed,
        history.was_active_previous_month as was_active
    from history
),

monthly_purchases as (
    select
        orders.account_id,
        cast({{ dbt.date_trunc('month', 'orders.order_date') }} as date) as month_start,
        sum(orders.revenue_eur) as revenue_eur,
        sum(orders.margin_eur) as margin_eur,
        max(case when orders.has_bought_before_month then 1 else 0 end) = 1 as bought_before
    from orders
    group by 1, 2
),

customer_months as (
    select
        monthly_purchases.account_id,
        monthly_purchases.month_start,
        monthly_purchases.revenue_eur,
        monthly_purchases.margin_eur,
        cast({{ dbt.date_trunc('month', 'purchases.first_purchase_date') }} as date) = monthly_purchases.month_start as is_new,
        monthly_purchases.bought_before
    from monthly_purchases
    inner join purchases
        on monthly_purchases.account_id = purchases.account_id
),

lead_months as (
    select
        account_id,
        cast({{ dbt.date_trunc('month', 'created_date') }} as date) as month_start,
        count(*) as leads_created,
        sum(case when is_converted then 1 else 0 end) as leads_converted,
        -- matured: leads at least lead_conversion_maturity_days old, converted within that many
        -- days of their creation (the same chance to convert for every month)
        sum(case when is_matured then 1 else 0 end) as leads_matured,
        sum(case when is_converted_matured then 1 else 0 end) as leads_converted_matured
    from leads
    group by 1, 2
),

state_by_segment as (
    select
        state.month_start,
        segments.segment_type,
        segments.segment_value,
        sum(case when state.is_active_customer then 1 else 0 end) as active_customers,
        sum(case when state.was_active then 1 else 0 end) as active_customers_previous_month,
        sum(case when state.became_lapsed then 1 else 0 end) as lost_customers,
        avg(case when state.is_active_customer then cast(state.days_since_last_interaction as double) end) as avg_days_since_last_interaction
    from state
    inner join segments
        on state.account_id = segments.account_id
    group by 1, 2, 3
),

purchases_by_segment as (
    select
        customer_months.month_start,
        segments.segment_type,
        segments.segment_value,
        count(*) as purchasing_customers,
        sum(case when customer_months.is_new then 1 else 0 end) as new_customers,
        sum(case when customer_months.bought_before then 1 else 0 end) as repeat_customers,
        sum(customer_months.revenue_eur) as revenue_eur,
        sum(customer_months.margin_eur) as margin_eur
    from customer_months
    inner join segments
        on customer_months.account_id = segments.account_id
    group by 1, 2, 3
),

leads_by_segment as (
    select
        lead_months.month_start,
        segments.segment_type,
        segments.segment_value,
        sum(lead_months.leads_created) as leads_created,
        sum(lead_months.leads_converted) as leads_converted,
        sum(lead_months.leads_matured) as leads_matured,
        sum(lead_months.leads_converted_matured) as leads_converted_matured
    from lead_months
    inner join segments
        on lead_months.account_id = segments.account_id
    group by 1, 2, 3
),

grid as (
    select
        months.month_start,
        segment_values.segment_type,
        segment_values.segment_value
    from months
    cross join (
        select distinct
            segment_type,
            segment_value
        from segments
    ) as segment_values
),

month_totals as (
    select
        month_start,
        revenue_eur as month_revenue_eur
    from purchases_by_segment
    where segment_type = 'all'
),

final as (
    select
        grid.month_start,
        grid.segment_type,
        grid.segment_value,
        cast(coalesce(leads_by_segment.leads_created, 0) as bigint) as leads_created,
        cast(coalesce(leads_by_segment.leads_converted, 0) as bigint) as leads_converted,
        cast(leads_by_segment.leads_converted as double) / nullif(leads_by_segment.leads_created, 0) as lead_conversion_rate,
        cast(coalesce(leads_by_segment.leads_matured, 0) as bigint) as leads_matured,
        cast(coalesce(leads_by_segment.leads_converted_matured, 0) as bigint) as leads_converted_matured,
        cast(leads_by_segment.leads_converted_matured as double) / nullif(leads_by_segment.leads_matured, 0) as lead_conversion_rate_matured,
        cast(coalesce(purchases_by_segment.new_customers, 0) as bigint) as new_customers,
        cast(coalesce(state_by_segment.active_customers, 0) as bigint) as active_customers,
        cast(coalesce(state_by_segment.lost_customers, 0) as bigint) as lost_customers,
        cast(state_by_segment.lost_customers as double) / nullif(state_by_segment.active_customers_previous_month, 0) as churn_rate,
        cast(coalesce(purchases_by_segment.purchasing_customers, 0) as bigint) as purchasing_customers,
        cast(coalesce(purchases_by_segment.revenue_eur, 0) as {{ kundenstamm.money_type() }}) as revenue_eur,
        cast(coalesce(purchases_by_segment.margin_eur, 0) as {{ kundenstamm.money_type() }}) as margin_eur,
        {{ kundenstamm.to_money('cast(purchases_by_segment.revenue_eur as double) / nullif(purchases_by_segment.purchasing_customers, 0)') }} as avg_revenue_per_customer_eur,
        cast(purchases_by_segment.repeat_customers as double) / nullif(purchases_by_segment.purchasing_customers, 0) as repeat_purchase_rate,
        state_by_segment.avg_days_since_last_interaction,
        case when grid.segment_type = 'all' then cast(coalesce(spend.marketing_spend_eur, 0) as {{ kundenstamm.money_type() }}) end as marketing_spend_eur,
        case when grid.segment_type = 'all'
                then {{ kundenstamm.to_money('cast(spend.marketing_spend_eur as double) / nullif(purchases_by_segment.new_customers, 0)') }}
        end as cpa_eur,
        -- rounded to 4 decimals so float noise never makes a share of 100.00000000000001
        round(
            cast(100 as double) * cast(coalesce(purchases_by_segment.revenue_eur, 0) as double)
            / nullif(cast(month_totals.month_revenue_eur as double), 0), 4
        ) as revenue_share_pct
    from grid
    {%- for by_segment in ['state_by_segment', 'purchases_by_segment', 'leads_by_segment'] %}
    left join {{ by_segment }}
        on grid.month_start = {{ by_segment }}.month_start
        and grid.segment_type = {{ by_segment }}.segment_type
        and grid.segment_value = {{ by_segment }}.segment_value
    {%- endfor %}
    left join spend
        on grid.month_start = spend.month_start
    left join month_totals
        on grid.month_start = month_totals.month_start
)

select * from final
