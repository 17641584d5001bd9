{#- One row per day from earliest_date to a year after the as-of date: the time spine MetricFlow
    joins metrics to (and a date dimension for BI tools). -#}
with days as (
    {{ kundenstamm.days_between(
        "cast('" ~ var('earliest_date') ~ "' as date)",
        dbt.dateadd('day', 365, kundenstamm.as_of_date())
    ) }}
),

final as (
    select cast(date_day as date) as date_day
    from days
)

select * from final
