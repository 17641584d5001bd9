{#- On Spark: written by the Python step with the same code as the DuckDB Python model. -#}
with predictions as (
    select * from {{ source('python_steps', 'int_customers_clv_predicted') }}
)

select * from predictions
