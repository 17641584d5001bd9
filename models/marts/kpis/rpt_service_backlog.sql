{#- The open-ticket backlog at the as-of date by age band (var service_backlog_age_band_days),
    for all tickets and per ticket type, category, severity and the customer's current ABC class;
    every band of every segment, with zeros. Rules in DECISIONLOG.md. -#}
{%- set segments = ['ticket_type', 'ticket_category', 'severity', 'abc_class'] -%}
{%- set bands = kundenstamm.service_age_bands() -%}

with tickets as (
    select * from {{ ref('fct_tickets') }}
),

segmented as (
    {{- kundenstamm.segment_rows('tickets', segments, ['ticket_id', 'is_open', 'open_age_days']) }}
),

segment_values as (
    select distinct
        segment_type,
        segment_value
    from segmented
),

age_bands as (
    {%- for band, low, high in bands %}
        {% if not loop.first %}union all{% endif %}
        select
            {{ loop.index }} as band_order,
            '{{ band }}' as age_band,
            {{ low }} as min_age_days,
            {{ high if high is not none else 'cast(null as int)' }} as max_age_days
    {%- endfor %}
),

open_by_band as (
    select
        segmented.segment_type,
        segmented.segment_value,
        age_bands.band_order,
        count(*) as open_tickets
    from segmented
    inner join age_bands
        on segmented.open_age_days >= age_bands.min_age_days
        and (age_bands.max_age_days is null or segmented.open_age_days <= age_bands.max_age_days)
    where segmented.is_open
    group by 1, 2, 3
),

final as (
    select
        segment_values.segment_type,
        segment_values.segment_value,
        cast(age_bands.band_order as bigint) as band_order,
        age_bands.age_band,
        cast(age_bands.min_age_days as bigint) as min_age_days,
        cast(age_bands.max_age_days as bigint) as max_age_days,
        cast(coalesce(open_by_band.open_tickets, 0) as bigint) as open_tickets,
        round(
            cast(100 as double) * coalesce(open_by_band.open_tickets, 0)
            / nullif(sum(coalesce(open_by_band.open_tickets, 0)) over (partition by segment_values.segment_type, segment_values.segment_value), 0),
            4
        ) as open_share_pct
    from segment_values
    cross join age_bands
    left join open_by_band
        on segment_values.segment_type = open_by_band.segment_type
        and segment_values.segment_value = open_by_band.segment_value
        and age_bands.band_order = open_by_band.band_order
)

select * from final
