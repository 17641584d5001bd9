{#- Movements between consecutive snapshots (month ends, and the as-of date): from-stage x
    to-stage counts of lifecycle stages, and of ABC classes (B -> A are the "Aufsteiger").
    Accounts that appear for the first time have from_value 'none'. -#}
with history as (
    select * from {{ ref('fct_lifecycle_history') }}
),

with_previous as (
    select
        account_id,
        snapshot_date,
        lifecycle_stage,
        coalesce(abc_class, 'none') as abc_class,
        previous_snapshot_date,
        previous_lifecycle_stage as previous_stage,
        case when previous_snapshot_date is not null then coalesce(previous_abc_class, 'none') end as previous_abc_class
    from history
),

movements as (
    select
        snapshot_date,
        'lifecycle_stage' as dimension,
        coalesce(previous_stage, 'none') as from_value,
        lifecycle_stage as to_value,
        account_id
    from with_previous
    union all
    select
        snapshot_date,
        'abc_class' as dimension,
        coalesce(previous_abc_class, 'none') as from_value,
        abc_class as to_value,
        account_id
    from with_previous
),

final as (
    select
        snapshot_date,
        dimension,
        from_value,
        to_value,
        from_value <> to_value as is_change,
        case
            when dimension = 'abc_class' and from_value in ('B', 'C') and to_value = 'A' then 'Aufsteiger'
            when dimension = 'abc_class' and from_value = 'C' and to_value = 'B' then 'Aufsteiger'
            when dimension = 'abc_class' and from_value in ('A', 'B') and to_value in ('B', 'C') and from_value < to_value then 'Absteiger'
            when dimension = 'lifecycle_stage' and from_value = 'at_risk' and to_value = 'lapsed' then 'lost'
            when dimension = 'lifecycle_stage' and from_value in ('at_risk', 'lapsed') and to_value in ('new', 'mature') then 'won_back'
        end as movement_label,
        count(*) as customers
    from movements
    group by snapshot_date, dimension, from_value, to_value
)

select * from final
