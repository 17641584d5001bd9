{#- Customers per lifecycle stage at the as-of date, every stage of the mapping seed (empty ones
    with 0), with its task and the stage and task names in German and English: the seed is the
    one home of these labels, the report reads them from here. -#}
with stages as (
    select * from {{ ref('lifecycle_stages') }}
),

customers as (
    select * from {{ ref('fct_lifecycle_stages') }}
),

counts as (
    select
        lifecycle_stage,
        count(*) as customers
    from customers
    group by lifecycle_stage
),

final as (
    select
        stages.lifecycle_stage,
        cast(stages.sort_order as int) as stage_order,
        stages.stage_name_de,
        stages.stage_name_en,
        stages.lifecycle_task,
        stages.task_name_de,
        stages.task_name_en,
        cast(coalesce(counts.customers, 0) as bigint) as customers,
        cast(sum(coalesce(counts.customers, 0)) over (partition by stages.lifecycle_task) as bigint) as task_customers,
        cast(min(cast(stages.sort_order as int)) over (partition by stages.lifecycle_task) as int) as task_order
    from stages
    left join counts
        on stages.lifecycle_stage = counts.lifecycle_stage
)

select * from final
