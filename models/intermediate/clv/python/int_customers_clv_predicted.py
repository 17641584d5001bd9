"""CLV predictions per customer from the fitted parameters (see kundenstamm.clv.warehouse)."""


def model(dbt, session):
    dbt.config(materialized="table")
    from kundenstamm.python_steps import run_dbt_step

    inputs = {
        "int_customers_clv_inputs": dbt.ref("int_customers_clv_inputs"),
        "int_clv_parameters": dbt.ref("int_clv_parameters"),
    }
    return run_dbt_step("int_customers_clv_predicted", inputs, dbt.ref("int_settings"))
