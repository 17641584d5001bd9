{#- The current (as-of) lifecycle stage of every account, with the date the stage was entered:
    the first snapshot of the uninterrupted run of that stage that reaches the as-of date. -#}
with history as (
    select * from {{ ref('fct_lifecycle_history') }}
),

runs as (
    select
        account_id,
        snapshot_date,
        lifecycle_stage,
        -- a new run starts whenever the stage differs from the previous snapshot's
        sum(case when lifecycle_stage = previous_stage then 0 else 1 end) over (
            partition by account_id order by snapshot_date
            rows between unbounded preceding and current row
        ) as run_number
    from (
        select
            account_id,
            snapshot_date,
            lifecycle_stage,
            lag(lifecycle_stage) over (partition by account_id order by snapshot_date) as previous_stage
        from history
    ) as with_previous
),

run_starts as (
    select
        account_id,
        run_number,
        min(snapshot_date) as stage_entered_date
    from runs
    group by account_id, run_number
),

current_run as (
    select
        runs.account_id,
        run_starts.stage_entered_date
    from runs
    inner join run_starts
        on runs.account_id = run_starts.account_id
        and runs.run_number = run_starts.run_number
    inner join history
        on runs.account_id = history.account_id
        and runs.snapshot_date = history.snapshot_date
    where history.is_as_of_snapshot
),

final as (
    select
        history.account_id,
        history.lifecycle_stage,
        history.lifecycle_stage_de,
        history.lifecycle_task,
        history.stage_reason,
        current_run.stage_entered_date,
        history.snapshot_date as as_of_date
    from history
    inner join current_run
        on history.account_id = current_run.account_id
    where history.is_as_of_snapshot
)

select * from final
