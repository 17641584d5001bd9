{#- The current (as-of) lifecycle stage of every account, with the date the stage was entered:
    the first snapshot of the uninterrupted run of that stage that reaches the as-of date. -#}
with history as (
    select * from {{ ref('fct_lifecycle_history') }}
),

final as (
    select
        account_id,
        lifecycle_stage,
        lifecycle_stage_de,
        lifecycle_task,
        stage_reason,
        stage_entered_date,
        snapshot_date as as_of_date
    from history
    where is_as_of_snapshot
)

select * from final
