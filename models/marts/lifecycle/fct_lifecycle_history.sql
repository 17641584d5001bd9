with snapshots as (
    select * from {{ ref('int_customer_months_accumulated') }}
),

stages as (
    select * from {{ ref('lifecycle_stages') }}
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
        snapshots.abc_class,
        snapshots.is_active_customer,
        -- lapsed at this month end and not at the previous one (the first snapshot never counts)
        coalesce(
            snapshots.lifecycle_stage = 'lapsed'
            and lag(snapshots.lifecycle_stage) over (partition by snapshots.account_id order by snapshots.snapshot_date) <> 'lapsed',
            false
        ) as became_lapsed,
        coalesce(
            lag(snapshots.is_active_customer) over (partition by snapshots.account_id order by snapshots.snapshot_date),
            false
        ) as was_active_previous_month,
        snapshots.purchases,
        snapshots.days_since_last_purchase,
        snapshots.p_alive,
        snapshots.open_complaints,
        snapshots.latest_nps_class,
        snapshots.days_since_last_interaction
    from snapshots
    inner join stages
        on snapshots.lifecycle_stage = stages.lifecycle_stage
)

select * from final
