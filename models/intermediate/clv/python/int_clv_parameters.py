"""BG/NBD, Pareto/NBD and Gamma-Gamma fitted on the customer summary, the purchase model chosen
per segment (see kundenstamm.clv.warehouse)."""


def model(dbt, session):
    dbt.config(materialized="table")
    from kundenstamm.python_steps import run_dbt_step

    inputs = {"int_customers_clv_inputs": dbt.ref("int_customers_clv_inputs")}
    return run_dbt_step("int_clv_parameters", inputs, dbt.ref("int_settings"))
