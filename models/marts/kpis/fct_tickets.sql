{#- One row per support ticket or complaint opened by the as-of date, as it stood then (closed
    after the as-of date = still open), with the days to resolve or the age of an open ticket and
    the customer's current ABC class: what rpt_service_kpis and rpt_service_backlog count. -#}
with tickets as (
    select * from {{ ref('int_tickets_resolved') }}
    where cast(opened_at as date) <= {{ kundenstamm.as_of_date() }}
),

classes as (
    select
        account_id,
        abc_class
    from {{ ref('fct_abc_classes') }}
),

dated as (
    select
        tickets.ticket_id,
        tickets.account_id,
        coalesce(tickets.ticket_type, 'unknown') as ticket_type,
        coalesce(tickets.ticket_category, 'unknown') as ticket_category,
        coalesce(tickets.severity, 'unknown') as severity,
        coalesce(classes.abc_class, 'none') as abc_class,
        cast(tickets.opened_at as date) as opened_date,
        case when cast(tickets.closed_at as date) <= {{ kundenstamm.as_of_date() }} then cast(tickets.closed_at as date) end as closed_date
    from tickets
    left join classes
        on tickets.account_id = classes.account_id
),

final as (
    select
        ticket_id,
        account_id,
        ticket_type,
        ticket_category,
        severity,
        abc_class,
        opened_date,
        closed_date,
        closed_date is null as is_open,
        cast(case when closed_date is not null then {{ dbt.datediff('opened_date', 'closed_date', 'day') }} end as bigint) as days_to_resolve,
        cast(case when closed_date is null then {{ dbt.datediff('opened_date', kundenstamm.as_of_date(), 'day') }} end as bigint) as open_age_days
    from dated
)

select * from final
