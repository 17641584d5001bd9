{#- Every lead (inquiry) created on or before the as-of date, with whether it had converted by
    then: the lead-conversion KPI counts these. -#}
with leads as (
    select * from {{ ref('int_leads_resolved') }}
    where cast(created_at as date) <= {{ kundenstamm.as_of_date() }}
),

final as (
    select
        lead_id,
        account_id,
        source_channel,
        created_at,
        cast(created_at as date) as created_date,
        -- as they were at the as-of date: a lead closed after it was still open
        case when cast(closed_at as date) > {{ kundenstamm.as_of_date() }} then 'open' else lead_status end as lead_status,
        case when cast(closed_at as date) > {{ kundenstamm.as_of_date() }} then null else closed_at end as closed_at,
        coalesce(
            lead_status = 'converted' and cast(closed_at as date) <= {{ kundenstamm.as_of_date() }},
            false
        ) as is_converted,
        -- matured: at least lead_conversion_maturity_days old, so it had that long to convert ...
        cast(created_at as date) <= {{ dbt.dateadd('day', -1 * var('lead_conversion_maturity_days'), kundenstamm.as_of_date()) }} as is_matured,
        -- ... and converted within that many days of its creation (the same chance for every month)
        coalesce(
            cast(created_at as date) <= {{ dbt.dateadd('day', -1 * var('lead_conversion_maturity_days'), kundenstamm.as_of_date()) }}
            and lead_status = 'converted'
            and cast(closed_at as date) <= {{ dbt.dateadd('day', var('lead_conversion_maturity_days'), 'cast(created_at as date)') }},
            false
        ) as is_converted_matured
    from leads
)

select * from final
