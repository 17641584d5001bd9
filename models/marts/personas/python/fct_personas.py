"""Personas on DuckDB: k-means clusters of buying customers (see kundenstamm.personas)."""


def model(dbt, session):
    dbt.config(materialized="table")
    from kundenstamm.python_steps import run_dbt_step

    inputs = {"int_customers_persona_inputs": dbt.ref("int_customers_persona_inputs")}
    return run_dbt_step("fct_personas", inputs, dbt.ref("int_settings"))
