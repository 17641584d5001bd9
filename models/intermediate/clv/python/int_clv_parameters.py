"""BG/NBD, Pareto/NBD and Gamma-Gamma fitted on the customer summary, the purchase model chosen
per segment (see kundenstamm.clv.warehouse)."""


def model(dbt, session):
    dbt.config(materialized="table")
    from kundenstamm.python_steps import run_step

    settings_table = dbt.ref("int_settings")
    settings = settings_table.df().iloc[0].to_dict()
    inputs = {"int_customers_clv_inputs": dbt.ref("int_customers_clv_inputs").df()}
    return run_step("int_clv_parameters", inputs, settings)
