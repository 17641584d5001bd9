with interactions as (
    select * from {{ ref('int_interactions_resolved') }}
),

final as (
    select
        interaction_id,
        account_id,
        contact_id,
        interaction_type,
        direction,
        interaction_at,
        cast(interaction_at as date) as interaction_date,
        outcome,
        handled_by
    from interactions
    where cast(interaction_at as date) <= {{ kundenstamm.as_of_date() }}
)

select * from final
