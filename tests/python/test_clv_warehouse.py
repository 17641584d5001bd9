"""The CLV prediction step uses a segment's fit only where int_customer_months_scored does:
a converged fit. A fit that did not converge leaves the segment's predictions empty with the
reason, so P(alive) in the CLV mart and in the lifecycle history agree."""

from __future__ import annotations

import math

import pandas as pd
import pytest

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


def _states() -> pd.DataFrame:
    # pa1: 2 purchase days 243 days apart, seen for 364 days; m1: 6 days, 151 apart, 171 seen;
    # o1: one purchase 364 days ago
    return pd.DataFrame(
        {
            "clv_segment": ["private", "private", "private", "company"],
            "purchase_days": [2, 6, 1, 2],
            "recency_days": [243, 151, 0, 243],
            "tenure_days": [364, 171, 364, 364],
        }
    )


def _state_parameters(model: str, params: dict, company_converged: bool) -> pd.DataFrame:
    rows = [
        {
            "clv_segment": segment,
            "fit_type": "full",
            "model": model,
            "parameter": name,
            "value": value,
            "converged": segment == "private" or company_converged,
            "message": "ok",
            "customers": 10,
            "is_selected": True,
            "log_likelihood": -1.0,
        }
        for segment in ("private", "company")
        for name, value in params.items()
    ]
    return pd.DataFrame(rows)


def test_p_alive_of_states_by_hand_bgnbd_and_pareto_nbd():
    from kundenstamm.clv.warehouse import p_alive_of_states

    bgnbd = {"r": 1.0, "alpha": 10.0, "a": 1.0, "b": 1.0}
    scored = p_alive_of_states(_states(), _state_parameters("bgnbd", bgnbd, False))
    private = scored[scored["clv_segment"] == "private"].set_index("purchase_days")["p_alive"]
    # pa1: x = 1, t_x = 243/7 = 34.714, T = 52: 1 / (1 + 1/1 * (62 / 44.714)^2) = 0.342
    assert math.isclose(private[2], 1 / (1 + (62 / (10 + 243 / 7)) ** 2), rel_tol=1e-12)
    assert round(private[2], 3) == 0.342
    # m1: x = 5, t_x = 151/7, T = 171/7: 1 / (1 + 1/5 * (34.429 / 31.571)^6) = 0.748
    assert round(private[6], 3) == 0.748
    assert private[1] == 1.0  # BG/NBD: a one-time buyer is alive
    company = scored[scored["clv_segment"] == "company"]
    assert company["p_alive"].isna().all()  # no converged fit -> no P(alive)
    assert (scored["purchase_model"] == "bgnbd").all()

    # Pareto/NBD with alpha = beta = 10, r = s = 1: the one-time buyer seen 52 weeks,
    # 1 / (1 + 1/2 * ((62 / 10)^2 - 1)) = 0.0507
    pareto = {"r": 1.0, "alpha": 10.0, "s": 1.0, "beta": 10.0}
    scored = p_alive_of_states(_states(), _state_parameters("pareto_nbd", pareto, True))
    one_time = scored[(scored["clv_segment"] == "private") & (scored["purchase_days"] == 1)]
    assert math.isclose(one_time["p_alive"].iloc[0], 1 / (1 + 0.5 * (6.2**2 - 1)), rel_tol=1e-10)
    assert scored["p_alive"].notna().all() and (scored["purchase_model"] == "pareto_nbd").all()


@pytest.fixture(scope="module")
def cdnow_inputs() -> pd.DataFrame:
    """The CDNOW sample as int_customers_clv_inputs: all data to 1998-06-30, calibration to
    1997-12-30 (26 weeks of holdout), with made-up revenue and margin."""
    from conftest import read_cdnow_sample

    from kundenstamm.clv.summary import holdout_purchases, rfm_summary

    transactions = read_cdnow_sample()
    full = rfm_summary(transactions, "customer", "date", "dollars", "1998-06-30", "W")
    cal = rfm_summary(transactions, "customer", "date", "dollars", "1997-12-30", "W")
    holdout = holdout_purchases(transactions, "customer", "date", "1997-12-30", "1998-06-30")
    frame = full.rename(columns={"customer": "account_id", "T": "t_observed"})
    cal = cal.rename(columns={"T": "t_observed"}).add_prefix("cal_")
    frame = frame.merge(cal, left_on="account_id", right_on="cal_customer", how="left")
    frame["account_id"] = frame["account_id"].astype(str)
    frame["clv_segment"] = "private"
    frame["is_in_calibration"] = frame["cal_frequency"].notna()
    frame["holdout_purchases"] = frame["cal_customer"].map(holdout).fillna(0)
    frame["revenue_eur"] = 100.0
    frame["margin_eur"] = 40.0
    return frame


def test_auto_selects_the_model_with_the_higher_holdout_log_likelihood(cdnow_inputs):
    from kundenstamm.clv.models import bgnbd_log_likelihood
    from kundenstamm.clv.warehouse import fit_parameters

    parameters = fit_parameters(cdnow_inputs, {"clv_purchase_model": "auto"})
    purchase = parameters[parameters["model"].isin(["bgnbd", "pareto_nbd"])]
    holdout = purchase.groupby("model")["holdout_log_likelihood"].first()
    best = holdout.idxmax()
    selected = purchase[purchase["is_selected"]]["model"].unique()
    assert list(selected) == [best]
    reason = purchase["selection_reason"].iloc[0]
    assert reason.startswith("auto: highest holdout log-likelihood")
    assert (
        f"bgnbd {holdout['bgnbd']:.2f}" in reason
        and f"pareto_nbd {holdout['pareto_nbd']:.2f}" in reason
    )
    # holdout log-likelihood = log L(full history) - log L(calibration history) with the backtest fit
    backtest = purchase[(purchase["model"] == "bgnbd") & (purchase["fit_type"] == "backtest")]
    params = [
        float(backtest.set_index("parameter").loc[name, "value"])
        for name in ("r", "alpha", "a", "b")
    ]
    cal = cdnow_inputs[cdnow_inputs["is_in_calibration"]]
    by_hand = (
        bgnbd_log_likelihood(params, cal["frequency"], cal["recency"], cal["t_observed"]).sum()
        - bgnbd_log_likelihood(
            params, cal["cal_frequency"], cal["cal_recency"], cal["cal_t_observed"]
        ).sum()
    )
    assert math.isclose(holdout["bgnbd"], by_hand, rel_tol=1e-9)
    # every fit converged; the spend model's rows say nobody was left out
    assert parameters["converged"].all()
    spend = parameters[parameters["model"] == "gamma_gamma"]
    assert (spend["is_selected"]).all() and (spend["excluded_customers"] == 0).all()


def test_the_var_forces_the_purchase_model_and_predictions_follow_it(cdnow_inputs):
    from kundenstamm.clv.warehouse import fit_parameters

    for model in ("bgnbd", "pareto_nbd"):
        parameters = fit_parameters(cdnow_inputs, {"clv_purchase_model": model})
        chosen = parameters[parameters["is_selected"] & (parameters["model"] != "gamma_gamma")]
        assert set(chosen["model"]) == {model}
        assert (chosen["selection_reason"] == f"var clv_purchase_model = {model}").all()
        assert set(parameters["model"]) == {model, "gamma_gamma"}  # the other is not fitted
        predicted = predict_customers(cdnow_inputs, parameters, SETTINGS)
        assert (predicted["purchase_model"] == model).all()
        assert (predicted["prediction_status"] == "ok").all()
        one_time = predicted[
            cdnow_inputs.set_index("account_id")
            .loc[predicted["account_id"], "frequency"]
            .to_numpy()
            == 0
        ]
        if model == "bgnbd":
            assert (one_time["p_alive"] == 1.0).all()
        else:
            assert (one_time["p_alive"] < 1.0).all()
    with pytest.raises(
        ValueError, match="clv_purchase_model must be one of auto, bgnbd, pareto_nbd, got 'mbgnbd'"
    ):
        fit_parameters(cdnow_inputs, {"clv_purchase_model": "mbgnbd"})


def test_zero_spend_repeat_buyers_never_null_the_segment(cdnow_inputs):
    """Repeat buyers whose repeat purchases were worth 0 (the issue's free sample) are left out of
    the spend fit and counted; every customer still gets a predicted CLV."""
    from kundenstamm.clv.warehouse import fit_parameters

    inputs = cdnow_inputs.copy()
    repeaters = inputs.index[inputs["frequency"] > 0][:3]
    inputs.loc[repeaters, "monetary_value"] = 0.0
    parameters = fit_parameters(inputs, {"clv_purchase_model": "bgnbd"})
    spend = parameters[(parameters["model"] == "gamma_gamma") & (parameters["fit_type"] == "full")]
    assert spend["converged"].all()
    assert (spend["excluded_customers"] == 3).all()
    assert (
        spend["exclusion_reason"].str.startswith(
            "3 repeat buyers left out: 3 with average repeat spend 0"
        )
    ).all()
    predicted = predict_customers(inputs, parameters, SETTINGS)
    assert predicted["predicted_clv_eur"].notna().all()
    assert (predicted["prediction_status"] == "ok").all()
