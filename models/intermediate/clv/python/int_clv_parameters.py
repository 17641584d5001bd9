"""BG/NBD and Gamma-Gamma fitted on the customer summary (see kundenstamm.clv.warehouse)."""


def model(dbt, session):
    dbt.config(materialized="table")
    from kundenstamm.python_steps import run_step

    inputs = {"int_customers_clv_inputs": dbt.ref("int_customers_clv_inputs").df()}
    return run_step("int_clv_parameters", inputs, {})
