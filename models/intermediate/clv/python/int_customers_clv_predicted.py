"""CLV predictions per customer from the fitted parameters (see kundenstamm.clv.warehouse)."""


def model(dbt, session):
    dbt.config(materialized="table")
    from kundenstamm.python_steps import run_step

    settings_table = dbt.ref("int_settings")
    settings = settings_table.df().iloc[0].to_dict()
    inputs = {
        "int_customers_clv_inputs": dbt.ref("int_customers_clv_inputs").df(),
        "int_clv_parameters": dbt.ref("int_clv_parameters").df(),
    }
    return run_step("int_customers_clv_predicted", inputs, settings)
