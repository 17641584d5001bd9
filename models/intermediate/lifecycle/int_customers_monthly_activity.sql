{#- One row per account and calendar month in which something that drives the lifecycle
    happened (on or before the as-of date): purchases, complaints opened or closed,
    cancellations, NPS answers.
    Incremental: a run rebuilds the months from the first one that can have changed
    (kundenstamm.incremental_start_month). -#}
{{ config(**kundenstamm.incremental_by_month('activity_month')) }}
{%- set start_month = kundenstamm.incremental_start_month('select max(activity_month) from ' ~ this) %}
{#- the monthly rows of each kind of activity, one per account and month -#}
{%- set parts = ['purchases', 'complaints_opened', 'complaints_closed', 'cancellations', 'nps', 'interactions'] %}
with purchases as (
    select
        account_id,
        {{ dbt.date_trunc('month', 'order_date') }} as activity_month,
        count(distinct order_date) as purchase_days,
        count(*) as purchases,
        min(order_date) as first_purchase_date,
        max(order_date) as last_purchase_date,
        sum(revenue_eur) as revenue_eur,
        sum(margin_eur) as margin_eur
    from {{ ref('int_orders_priced') }}
    where is_purchase
    group by 1, 2
),

interactions as (
    {{ kundenstamm.activity_by_month(ref('int_interactions_resolved'), 'interaction_at', 'max(cast(interaction_at as date)) as last_interaction_date') }}
),

complaints as (
    select * from {{ ref('int_tickets_resolved') }}
    where ticket_type = 'complaint'
        and cast(opened_at as date) <= {{ kundenstamm.as_of_date() }}
),

complaints_opened as (
    {{ kundenstamm.activity_by_month('complaints', 'opened_at', 'count(*) as complaints_opened') }}
),

complaints_closed as (
    {{ kundenstamm.activity_by_month('complaints', 'closed_at', 'count(*) as complaints_closed') }}
),

cancellations as (
    {{ kundenstamm.activity_by_month(ref('int_cancellations_resolved'), 'cancelled_at', 'max(cast(cancelled_at as date)) as last_cancellation_date') }}
),

nps_ranked as (
    select
        account_id,
        {{ dbt.date_trunc('month', 'cast(responded_at as date)') }} as activity_month,
        nps_score,
        nps_class,
        row_number() over (partition by account_id, {{ dbt.date_trunc('month', 'cast(responded_at as date)') }} order by responded_at desc, response_id desc) as recency_rank
    from {{ ref('int_nps_responses_classified') }}
),

nps as (
    select
        account_id,
        activity_month,
        nps_score as latest_nps_score,
        nps_class as latest_nps_class
    from nps_ranked
    where recency_rank = 1
),

keys as (
    {%- for part in parts %}
        {% if not loop.first %}union{% endif %}
        select
            account_id,
            activity_month
        from {{ part }}
    {%- endfor %}
),

final as (
    select
        keys.account_id,
        cast(keys.activity_month as date) as activity_month,
        coalesce(purchases.purchase_days, 0) as purchase_days,
        coalesce(purchases.purchases, 0) as purchases,
        purchases.first_purchase_date,
        purchases.last_purchase_date,
        cast(coalesce(purchases.revenue_eur, 0) as {{ kundenstamm.money_type() }}) as revenue_eur,
        cast(coalesce(purchases.margin_eur, 0) as {{ kundenstamm.money_type() }}) as margin_eur,
        coalesce(complaints_opened.complaints_opened, 0) as complaints_opened,
        coalesce(complaints_closed.complaints_closed, 0) as complaints_closed,
        cancellations.last_cancellation_date,
        nps.latest_nps_score,
        nps.latest_nps_class,
        interactions.last_interaction_date
    from keys
    {%- for part in parts %}
    left join {{ part }}
        on keys.account_id = {{ part }}.account_id and keys.activity_month = {{ part }}.activity_month
    {%- endfor %}
    {%- if start_month %}
        where keys.activity_month >= cast('{{ start_month }}' as date)
    {%- endif %}
)

select * from final
