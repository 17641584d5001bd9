{#- Personas on Spark: computed by the Python step of `kundenstamm build --target spark` with the
    same code as the DuckDB Python model, read here from its output table. -#}
with personas as (
    select * from {{ source('python_steps', 'fct_personas') }}
),

final as (
    select
        account_id,
        cast(persona_id as bigint) as persona_id,
        persona_name,
        cast(distance_to_center as double) as distance_to_center,
        cast(clusters_chosen as bigint) as clusters_chosen,
        cast(silhouette as double) as silhouette
    from personas
)

select * from final
