"""Personas on DuckDB: k-means clusters of buying customers (see kundenstamm.personas)."""


def model(dbt, session):
    dbt.config(materialized="table")
    from kundenstamm.python_steps import run_step

    settings_table = dbt.ref("int_settings")
    settings = settings_table.df().iloc[0].to_dict()
    inputs = {"int_customers_persona_inputs": dbt.ref("int_customers_persona_inputs").df()}
    return run_step("fct_personas", inputs, settings)
