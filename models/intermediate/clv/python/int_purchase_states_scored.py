"""P(alive) of every purchase state of the lifecycle history, with the purchase model selected per
segment (see kundenstamm.clv.warehouse.p_alive_of_states)."""


def model(dbt, session):
    dbt.config(materialized="table")
    from kundenstamm.python_steps import run_dbt_step

    inputs = {
        "int_purchase_states": dbt.ref("int_purchase_states"),
        "int_clv_parameters": dbt.ref("int_clv_parameters"),
    }
    return run_dbt_step("int_purchase_states_scored", inputs)
