{#- Win-back success against cold-lead conversion, per calendar year of the attempt: of the
    customers who lapsed (lifecycle history: the month end the stage became 'lapsed'), the share
    who bought again within winback_success_window_days; of the cold leads (inquiries of an
    account that had never bought before), the share converted within the same number of days.
    Only attempts at least that many days before the as-of date are judged (matured), so every
    year had the same time. Rules in DECISIONLOG.md. -#}
{%- set window_days = var('winback_success_window_days') -%}

with lapses as (
    select
        account_id,
        snapshot_date as attempt_date
    from {{ ref('fct_lifecycle_history') }}
    where became_lapsed
),

purchases as (
    select
        account_id,
        order_date
    from {{ ref('fct_orders') }}
    where is_purchase
),

first_purchases as (
    select
        account_id,
        min(order_date) as first_purchase_date
    from purchases
    group by 1
),

won_back as (
    select
        lapses.account_id,
        lapses.attempt_date,
        max(
            case
                when purchases.order_date > lapses.attempt_date
                    and purchases.order_date <= {{ dbt.dateadd('day', window_days, 'lapses.attempt_date') }}
                    then 1
                else 0
            end
        ) as is_success
    from lapses
    left join purchases
        on lapses.account_id = purchases.account_id
        and purchases.order_date > lapses.attempt_date
    group by 1, 2
),

cold_leads as (
    select
        leads.lead_id,
        leads.created_date as attempt_date,
        case
            when leads.is_converted
                and cast(leads.closed_at as date) <= {{ dbt.dateadd('day', window_days, 'leads.created_date') }}
                then 1
            else 0
        end as is_success
    from {{ ref('fct_leads') }} as leads
    left join first_purchases
        on leads.account_id = first_purchases.account_id
    where first_purchases.first_purchase_date is null
        or first_purchases.first_purchase_date >= leads.created_date
),

attempts as (
    select
        'win_back' as motion,
        attempt_date,
        is_success
    from won_back
    union all
    select
        'cold_lead' as motion,
        attempt_date,
        is_success
    from cold_leads
),

judged as (
    select
        motion,
        attempt_date,
        case when attempt_date <= {{ dbt.dateadd('day', -1 * window_days, kundenstamm.as_of_date()) }} then 1 else 0 end as is_matured,
        is_success
    from attempts
),

final as (
    select
        cast({{ dbt.date_trunc('year', 'attempt_date') }} as date) as year_start,
        motion,
        cast(count(*) as bigint) as attempts,
        cast(sum(is_matured) as bigint) as matured_attempts,
        cast(sum(is_matured * is_success) as bigint) as successes,
        cast(sum(is_matured * is_success) as double) / nullif(sum(is_matured), 0) as success_rate
    from judged
    group by 1, 2
)

select * from final
