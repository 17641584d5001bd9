{#- On Spark: written by the Python step with the same code as the DuckDB Python model. -#}
with scored as (
    select * from {{ source('python_steps', 'int_purchase_states_scored') }}
)

select * from scored
