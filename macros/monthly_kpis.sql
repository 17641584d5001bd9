{#- The monthly KPI query, the one home of the KPI definitions (DECISIONLOG "KPIs"): every
    calendar month up to the as-of month x segment, for all customers (segment_type 'all') and per
    column of `segments`. `customer_segments` is a select with account_id and one string column per
    name in `segments` (no nulls): the segment value of each account. The account-month facts
    are first summed per month and combination of segment values, then once per segment type, so
    the work grows with the combinations, not with customers x segment types. Marketing spend is
    attributable to 'all' and, per channel, to segment_type 'acquisition_channel'. -#}
{% macro monthly_kpis(customer_segments, segments) -%}
{%- set counts = [
    'active_customers', 'active_customers_previous_month', 'lost_customers',
    'interaction_days_sum', 'interaction_days_counted',
    'purchasing_customers', 'new_customers', 'repeat_customers',
    'leads_created', 'leads_converted', 'leads_matured', 'leads_converted_matured',
] -%}
{%- set amounts = ['revenue_eur', 'margin_eur'] -%}
{%- set fact_kinds = {
    'state_facts': ['active_customers', 'active_customers_previous_month', 'lost_customers', 'interaction_days_sum', 'interaction_days_counted'],
    'purchase_facts': ['purchasing_customers', 'new_customers', 'repeat_customers', 'revenue_eur', 'margin_eur'],
    'lead_facts': ['leads_created', 'leads_converted', 'leads_matured', 'leads_converted_matured'],
} -%}
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

leads as (
    select * from {{ ref('fct_leads') }}
),

marketing_spend as (
    select * from {{ ref('fct_marketing_spend') }}
),

customer_segments as (
    {{ customer_segments }}
),

months as (
    select distinct
        cast({{ dbt.date_trunc('month', 'snapshot_date') }} as date) as month_start
    from history
),

-- the facts of an account in a month, each a count or an amount that adds up over accounts
state_facts as (
    select
        cast({{ dbt.date_trunc('month', 'snapshot_date') }} as date) as month_start,
        account_id,
        case when is_active_customer then 1 else 0 end as active_customers,
        case when was_active_previous_month then 1 else 0 end as active_customers_previous_month,
        case when became_lapsed then 1 else 0 end as lost_customers,
        -- time since the last interaction is averaged over the active customers who have one
        case when is_active_customer then coalesce(days_since_last_interaction, 0) else 0 end as interaction_days_sum,
        case when is_active_customer and days_since_last_interaction is not null then 1 else 0 end as interaction_days_counted
    from history
),

monthly_purchases as (
    select
        account_id,
        cast({{ dbt.date_trunc('month', 'order_date') }} as date) as month_start,
        sum(revenue_eur) as revenue_eur,
        sum(margin_eur) as margin_eur,
        max(case when has_bought_before_month then 1 else 0 end) as repeat_customers
    from orders
    group by 1, 2
),

purchase_facts as (
    select
        monthly_purchases.month_start,
        monthly_purchases.account_id,
        1 as purchasing_customers,
        case
            when cast({{ dbt.date_trunc('month', 'purchases.first_purchase_date') }} as date) = monthly_purchases.month_start then 1
            else 0
        end as new_customers,
        monthly_purchases.repeat_customers,
        monthly_purchases.revenue_eur,
        monthly_purchases.margin_eur
    from monthly_purchases
    inner join purchases
        on monthly_purchases.account_id = purchases.account_id
),

lead_facts as (
    select
        cast({{ dbt.date_trunc('month', 'created_date') }} as date) as month_start,
        account_id,
        count(*) as leads_created,
        sum(case when is_converted then 1 else 0 end) as leads_converted,
        -- matured: leads at least lead_conversion_maturity_days old, converted within that many
        -- days of their creation (the same chance to convert for every month)
        sum(case when is_matured then 1 else 0 end) as leads_matured,
        sum(case when is_converted_matured then 1 else 0 end) as leads_converted_matured
    from leads
    group by 1, 2
),

facts as (
    {%- for kind, measures in fact_kinds.items() %}
        {% if not loop.first %}union all{% endif %}
        select
            month_start,
            account_id,
            {%- for measure in counts %}
            cast({{ measure if measure in measures else 0 }} as bigint) as {{ measure }},
            {%- endfor %}
            {%- for measure in amounts %}
            cast({{ measure if measure in measures else 0 }} as {{ kundenstamm.money_type() }}) as {{ measure }}{{ ',' if not loop.last }}
            {%- endfor %}
        from {{ kind }}
    {%- endfor %}
),

-- summed per month and combination of segment values (accounts outside customer_segments drop out)
cells as (
    select
        facts.month_start,
        {%- for segment in segments %}
        customer_segments.{{ segment }},
        {%- endfor %}
        {%- for measure in counts + amounts %}
        sum(facts.{{ measure }}) as {{ measure }}{{ ',' if not loop.last }}
        {%- endfor %}
    from facts
    inner join customer_segments
        on facts.account_id = customer_segments.account_id
    group by
        facts.month_start
        {%- for segment in segments %},
        customer_segments.{{ segment }}
        {%- endfor %}
),

cells_by_segment as (
    {{- kundenstamm.segment_rows('cells', segments, ['month_start'] + counts + amounts) }}
),

by_segment as (
    select
        month_start,
        segment_type,
        segment_value,
        {%- for measure in counts + amounts %}
        sum({{ measure }}) as {{ measure }}{{ ',' if not loop.last }}
        {%- endfor %}
    from cells_by_segment
    group by 1, 2, 3
),

segment_combinations as (
    select distinct
        {%- for segment in segments %}
        {{ segment }}{{ ',' if not loop.last }}
        {%- endfor %}
    from customer_segments
),

segment_values as (
    select distinct
        segment_type,
        segment_value
    from (
        {{- kundenstamm.segment_rows('segment_combinations', segments, []) }}
    ) as segment_rows
),

spend as (
    select
        spend_month as month_start,
        'all' as segment_type,
        'all' as segment_value,
        sum(spend_eur) as marketing_spend_eur
    from marketing_spend
    group by 1
    union all
    select
        spend_month as month_start,
        'acquisition_channel' as segment_type,
        channel as segment_value,
        sum(spend_eur) as marketing_spend_eur
    from marketing_spend
    group by 1, 3
),

month_totals as (
    select
        month_start,
        revenue_eur as month_revenue_eur
    from by_segment
    where segment_type = 'all'
),

final as (
    select
        months.month_start,
        segment_values.segment_type,
        segment_values.segment_value,
        cast(coalesce(by_segment.leads_created, 0) as bigint) as leads_created,
        cast(coalesce(by_segment.leads_converted, 0) as bigint) as leads_converted,
        cast(by_segment.leads_converted as double) / nullif(by_segment.leads_created, 0) as lead_conversion_rate,
        cast(coalesce(by_segment.leads_matured, 0) as bigint) as leads_matured,
        cast(coalesce(by_segment.leads_converted_matured, 0) as bigint) as leads_converted_matured,
        cast(by_segment.leads_converted_matured as double) / nullif(by_segment.leads_matured, 0) as lead_conversion_rate_matured,
        cast(coalesce(by_segment.new_customers, 0) as bigint) as new_customers,
        cast(coalesce(by_segment.active_customers, 0) as bigint) as active_customers,
        cast(coalesce(by_segment.lost_customers, 0) as bigint) as lost_customers,
        cast(by_segment.lost_customers as double) / nullif(by_segment.active_customers_previous_month, 0) as churn_rate,
        cast(coalesce(by_segment.purchasing_customers, 0) as bigint) as purchasing_customers,
        cast(coalesce(by_segment.revenue_eur, 0) as {{ kundenstamm.money_type() }}) as revenue_eur,
        cast(coalesce(by_segment.margin_eur, 0) as {{ kundenstamm.money_type() }}) as margin_eur,
        {{ kundenstamm.to_money('cast(by_segment.revenue_eur as double) / nullif(by_segment.purchasing_customers, 0)') }} as avg_revenue_per_customer_eur,
        cast(by_segment.repeat_customers as double) / nullif(by_segment.purchasing_customers, 0) as repeat_purchase_rate,
        cast(by_segment.interaction_days_sum as double) / nullif(by_segment.interaction_days_counted, 0) as avg_days_since_last_interaction,
        case
            when segment_values.segment_type in ('all', 'acquisition_channel')
                then cast(coalesce(spend.marketing_spend_eur, 0) as {{ kundenstamm.money_type() }})
        end as marketing_spend_eur,
        case
            when segment_values.segment_type in ('all', 'acquisition_channel')
                then {{ kundenstamm.to_money('cast(spend.marketing_spend_eur as double) / nullif(by_segment.new_customers, 0)') }}
        end as cpa_eur,
        -- rounded to 4 decimals so float noise never makes a share of 100.00000000000001
        round(
            cast(100 as double) * cast(coalesce(by_segment.revenue_eur, 0) as double)
            / nullif(cast(month_totals.month_revenue_eur as double), 0), 4
        ) as revenue_share_pct
    from months
    cross join segment_values
    {{- kundenstamm.month_segment_joins(['by_segment', 'spend']) }}
    left join month_totals
        on months.month_start = month_totals.month_start
)

select * from final
{%- endmacro %}
