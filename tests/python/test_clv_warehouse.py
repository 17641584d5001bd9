"""The CLV prediction step uses a segment's fit only where int_customer_months_accumulated does:
a converged fit. A fit that did not converge leaves the segment's predictions empty with the
reason, so P(alive) in the CLV mart and in the lifecycle history agree."""

from __future__ import annotations

import math

import pandas as pd

from kundenstamm.clv.warehouse import PARAMETER_COLUMNS, predict_customers

SETTINGS = {"clv_horizon_months": 12, "clv_annual_discount_rate": 0.1, "clv_holdout_weeks": 26}
BGNBD = {"r": 1.0, "alpha": 10.0, "a": 0.8, "b": 2.4}
GAMMA_GAMMA = {"p": 6.0, "q": 4.0, "gamma": 15.0}


def _inputs() -> pd.DataFrame:
    # the same customer in both segments: x = 1, t_x = 30, T = 40 weeks
    return pd.DataFrame(
        {
            "account_id": ["c1", "p1"],
            "clv_segment": ["company", "private"],
            "frequency": [1, 1],
            "recency": [30.0, 30.0],
            "t_observed": [40.0, 40.0],
            "monetary_value": [50.0, 50.0],
            "revenue_eur": [100.0, 100.0],
            "margin_eur": [40.0, 40.0],
            "is_in_calibration": [True, True],
            "cal_frequency": [1, 1],
            "cal_recency": [10.0, 10.0],
            "cal_t_observed": [14.0, 14.0],
        }
    )


def _parameters(private_converged: bool) -> pd.DataFrame:
    rows = [
        {
            "clv_segment": segment,
            "fit_type": fit_type,
            "model": model,
            "parameter": name,
            "value": value,
            "standard_error": 0.1,
            "log_likelihood": -100.0,
            "converged": private_converged or segment == "company",
            "message": "ok" if private_converged or segment == "company" else "iterations exceeded",
            "customers": 10,
        }
        for segment in ("company", "private")
        for fit_type in ("full", "backtest")
        for model, params in (("bgnbd", BGNBD), ("gamma_gamma", GAMMA_GAMMA))
        for name, value in params.items()
    ]
    return pd.DataFrame(rows, columns=PARAMETER_COLUMNS)


def test_converged_fit_gives_p_alive_by_hand():
    predicted = predict_customers(_inputs(), _parameters(True), SETTINGS).set_index("account_id")
    # 1 / (1 + a / (b + x - 1) * ((alpha + T) / (alpha + t_x))^(r + x)) = 1 / (1 + (50 / 40)^2 / 3)
    expected = 1 / (1 + (50 / 40) ** 2 / 3)
    assert math.isclose(predicted.loc["c1", "p_alive"], expected, rel_tol=1e-12)
    assert math.isclose(predicted.loc["p1", "p_alive"], expected, rel_tol=1e-12)
    assert (predicted["prediction_status"] == "ok").all()
    assert predicted["predicted_clv_eur"].notna().all()


def test_fit_that_did_not_converge_leaves_the_segment_empty_with_the_reason():
    predicted = predict_customers(_inputs(), _parameters(False), SETTINGS).set_index("account_id")
    company, private = predicted.loc["c1"], predicted.loc["p1"]
    assert company["prediction_status"] == "ok" and company.notna().all()
    for column in (
        "p_alive",
        "expected_purchases",
        "expected_order_value_eur",
        "predicted_clv_eur",
        "backtest_expected_purchases",
    ):
        assert pd.isna(private[column]), column
    assert private["prediction_status"] == (
        "bgnbd full fit did not converge: iterations exceeded; "
        "gamma_gamma full fit did not converge: iterations exceeded"
    )


def test_converged_fit_whose_prediction_is_undefined_leaves_the_segment_empty():
    # a = 1 (a tiny segment's fit can land there) makes the conditional expectation undefined:
    # no expected purchases and CLV for the segment, with the reason; P(alive) is defined and
    # stays (as in the lifecycle); the other segment and the build go on
    parameters = _parameters(True)
    undefined = (parameters["clv_segment"] == "private") & (parameters["parameter"] == "a")
    parameters.loc[undefined, "value"] = 1.0
    predicted = predict_customers(_inputs(), parameters, SETTINGS).set_index("account_id")
    company, private = predicted.loc["c1"], predicted.loc["p1"]
    assert company["prediction_status"] == "ok" and company.notna().all()
    for column in ("expected_purchases", "predicted_clv_eur", "backtest_expected_purchases"):
        assert pd.isna(private[column]), column
    assert math.isclose(private["p_alive"], 1 / (1 + 1 / 2.4 * (50 / 40) ** 2), rel_tol=1e-12)
    assert private["prediction_status"] == (
        "bgnbd prediction undefined: a = 1 makes the BG/NBD conditional expectation undefined "
        "(refit)"
    )
