{#- Lifecycle stage and ABC class of every account at every snapshot, with what the snapshot
    before said (stage, ABC class, active) and whether the customer was lost and when the current run of the stage began: the
    movements and the stage entry dates are read from here, not recomputed downstream. -#}
with snapshots as (
    select * from {{ ref('int_customer_months_staged') }}
),

stages as (
    select * from {{ ref('lifecycle_stages') }}
),

with_previous as (
    select
        *,
        lag(snapshot_date) over account_history as previous_snapshot_date,
        lag(lifecycle_stage) over account_history as previous_lifecycle_stage,
        lag(abc_class) over account_history as previous_abc_class,
        lag(is_active_customer) over account_history as was_active_customer
    from snapshots
    window account_history as (partition by account_id order by snapshot_date)
),

-- a run of a stage starts at the first snapshot, and wherever the stage differs from the one before
with_stage_entered as (
    select
        *,
        max(case
            when previous_lifecycle_stage is null or previous_lifecycle_stage <> lifecycle_stage then snapshot_date
        end) over (
            partition by account_id order by snapshot_date
            rows between unbounded preceding and current row
        ) as stage_entered_date
    from with_previous
),

final as (
    select
        snapshots.account_id,
        snapshots.snapshot_date,
        snapshots.is_as_of_snapshot,
        snapshots.lifecycle_stage,
        stages.stage_name_de as lifecycle_stage_de,
        stages.lifecycle_task,
        snapshots.stage_reason,
        snapshots.stage_entered_date,
        snapshots.abc_class,
        snapshots.is_active_customer,
        -- lapsed at this month end and not at the previous one (the first snapshot never counts)
        coalesce(
            snapshots.lifecycle_stage = 'lapsed' and snapshots.previous_lifecycle_stage <> 'lapsed', false
        ) as became_lapsed,
        coalesce(snapshots.was_active_customer, false) as was_active_previous_month,
        snapshots.purchases,
        snapshots.days_since_last_purchase,
        snapshots.p_alive,
        snapshots.open_complaints,
        snapshots.latest_nps_class,
        snapshots.days_since_last_interaction,
        snapshots.previous_snapshot_date,
        snapshots.previous_lifecycle_stage,
        snapshots.previous_abc_class
    from with_stage_entered as snapshots
    inner join stages
        on snapshots.lifecycle_stage = stages.lifecycle_stage
)

select * from final
