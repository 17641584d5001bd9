"""P(alive) of every purchase state of the lifecycle history, with the purchase model selected per
segment (see kundenstamm.clv.warehouse.p_alive_of_states)."""


def model(dbt, session):
    dbt.config(materialized="table")
    from kundenstamm.python_steps import run_step

    inputs = {
        "int_purchase_states": dbt.ref("int_purchase_states").df(),
        "int_clv_parameters": dbt.ref("int_clv_parameters").df(),
    }
    return run_step("int_purchase_states_scored", inputs, {})
