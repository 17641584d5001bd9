"""Personas on DuckDB: k-means clusters of buying customers (see kundenstamm.personas)."""


def model(dbt, session):
    dbt.config(materialized="table")
    from kundenstamm.python_steps import run_step

    settings = {
        "persona_min_clusters": dbt.config.get("persona_min_clusters"),
        "persona_max_clusters": dbt.config.get("persona_max_clusters"),
        "persona_seed": dbt.config.get("persona_seed"),
    }
    inputs = dbt.ref("int_customers_persona_inputs").df()
    return run_step("fct_personas", inputs, settings)
