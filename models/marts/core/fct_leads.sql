{#- Every lead (inquiry) created on or before the as-of date, with whether it had converted by
    then: the lead-conversion KPI counts these. -#}
with leads as (
    select * from {{ ref('stg_crm__leads') }}
    where cast(created_at as date) <= {{ kundenstamm.as_of_date() }}
),

final as (
    select
        lead_id,
        account_id,
        source_channel,
        created_at,
        cast(created_at as date) as created_date,
        lead_status,
        closed_at,
        coalesce(
            lead_status = 'converted' and cast(closed_at as date) <= {{ kundenstamm.as_of_date() }},
            false
        ) as is_converted
    from leads
)

select * from final
