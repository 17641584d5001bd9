{#- On Spark: written by the Python step with the same code as the DuckDB Python model. -#}
with parameters as (
    select * from {{ source('python_steps', 'int_clv_parameters') }}
)

select * from parameters
