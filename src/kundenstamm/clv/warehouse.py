"""CLV steps of the warehouse: fit the models on the customer summary, then predict per customer.

A failed fit is not an error of the build: it is reported in the parameter table
(`converged` false and the reason in `message`) and the predictions are left empty with the same
reason in `prediction_status`, never a silent NaN.
"""

from __future__ import annotations

import contextlib

import numpy as np
import pandas as pd

from kundenstamm.clv.models import (
    ClvFitError,
    Fit,
    discounted_clv,
    expected_average_value,
    expected_purchases,
    fit_bgnbd,
    fit_gamma_gamma,
    probability_alive,
)

WEEKS_PER_MONTH = 365.25 / 12 / 7
PARAMETER_COLUMNS = [
    "clv_segment",
    "fit_type",
    "model",
    "parameter",
    "value",
    "standard_error",
    "log_likelihood",
    "converged",
    "message",
    "customers",
]


def _fit_rows(
    segment: str, fit_type: str, model: str, names: tuple[str, ...], fitter
) -> list[dict]:
    try:
        fit: Fit = fitter()
    except ClvFitError as error:
        return [
            {
                "clv_segment": segment,
                "fit_type": fit_type,
                "model": model,
                "parameter": name,
                "value": None,
                "standard_error": None,
                "log_likelihood": None,
                "converged": False,
                "message": str(error),
                "customers": 0,
            }
            for name in names
        ]
    return [
        {
            "clv_segment": segment,
            "fit_type": fit_type,
            "model": model,
            "parameter": name,
            "value": fit.params[name],
            "standard_error": fit.standard_errors[name],
            "log_likelihood": fit.log_likelihood,
            "converged": fit.converged,
            "message": fit.message,
            "customers": fit.customers,
        }
        for name in names
    ]


def _empty_parameters() -> pd.DataFrame:
    """The parameter table with no rows, typed like a filled one."""
    frame = pd.DataFrame({column: pd.Series(dtype="string") for column in PARAMETER_COLUMNS})
    for column in ("value", "standard_error", "log_likelihood"):
        frame[column] = frame[column].astype("float64")
    frame["converged"] = frame["converged"].astype(bool)
    frame["customers"] = frame["customers"].astype("int64")
    return frame


def fit_parameters(inputs: pd.DataFrame) -> pd.DataFrame:
    """BG/NBD and Gamma-Gamma fitted per segment on all customers ('full') and on the data up to
    the backtest calibration end ('backtest'): one row per segment, fit type, model, parameter."""
    rows: list[dict] = []
    if inputs.empty:
        # No buying customer (no orders loaded, or every order quarantined; the build's
        # quarantine notice says which): nothing to fit, and no customer to predict for.
        return _empty_parameters()
    for segment, segment_data in sorted(
        inputs.groupby("clv_segment"), key=lambda item: str(item[0])
    ):
        segment_data = segment_data.sort_values("account_id")
        calibration = segment_data[segment_data["is_in_calibration"].astype(bool)]
        for fit_type, data, prefix in (
            ("full", segment_data, ""),
            ("backtest", calibration, "cal_"),
        ):
            x = data[f"{prefix}frequency"].to_numpy(dtype=float)
            t_x = data[f"{prefix}recency"].to_numpy(dtype=float)
            T = data[f"{prefix}t_observed"].to_numpy(dtype=float)
            m = data[f"{prefix}monetary_value"].to_numpy(dtype=float)
            rows += _fit_rows(
                str(segment),
                fit_type,
                "bgnbd",
                ("r", "alpha", "a", "b"),
                lambda x=x, t_x=t_x, T=T: fit_bgnbd(x, t_x, T),
            )
            rows += _fit_rows(
                str(segment),
                fit_type,
                "gamma_gamma",
                ("p", "q", "gamma"),
                lambda x=x, m=m: fit_gamma_gamma(x, m),
            )
    frame = pd.DataFrame(rows, columns=PARAMETER_COLUMNS)
    frame["customers"] = frame["customers"].astype("int64")
    frame["converged"] = frame["converged"].astype(bool)
    return frame


def _as_fit(parameters: pd.DataFrame, fit_type: str, model: str) -> tuple[Fit | None, str]:
    """The fit to predict with and 'ok', or None and why not. Only a converged fit is used, the
    same rule the lifecycle's P(alive) applies to int_clv_parameters: a fit that did not
    converge gives empty predictions with its reason, never estimates from a failed optimiser."""
    rows = parameters[(parameters["fit_type"] == fit_type) & (parameters["model"] == model)]
    rows = rows.sort_values("parameter")
    if rows.empty or rows["value"].isna().any():
        message = rows["message"].iloc[0] if not rows.empty else "not fitted"
        return None, f"{model} {fit_type} fit failed: {message}"
    if not rows["converged"].astype(bool).all():
        return None, f"{model} {fit_type} fit did not converge: {rows['message'].iloc[0]}"
    fit = Fit(
        params=dict(zip(rows["parameter"], rows["value"].astype(float), strict=True)),
        standard_errors={},
        log_likelihood=float(rows["log_likelihood"].iloc[0]),
        converged=bool(rows["converged"].iloc[0]),
        message=str(rows["message"].iloc[0]),
        customers=int(rows["customers"].iloc[0]),
    )
    return fit, "ok"


def predict_customers(
    inputs: pd.DataFrame, parameters: pd.DataFrame, settings: dict
) -> pd.DataFrame:
    """Per customer: P(alive), expected purchases and order value over the horizon, discounted
    predictive CLV on contribution margin, and the backtest's expected holdout purchases, each
    with the parameters of the customer's segment."""
    parts = [
        _predict_segment(data, parameters[parameters["clv_segment"] == str(segment)], settings)
        for segment, data in inputs.groupby("clv_segment")
    ]
    columns = [
        "account_id",
        "clv_segment",
        "p_alive",
        "expected_purchases",
        "expected_order_value_eur",
        "margin_ratio",
        "predicted_clv_eur",
        "prediction_status",
        "backtest_expected_purchases",
    ]
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts).sort_values("account_id").reset_index(drop=True)[columns]


def _predict_segment(
    inputs: pd.DataFrame, parameters: pd.DataFrame, settings: dict
) -> pd.DataFrame:
    horizon = int(settings["clv_horizon_months"])
    monthly_discount = (1.0 + float(settings["clv_annual_discount_rate"])) ** (1.0 / 12.0) - 1.0
    data = inputs.sort_values("account_id").reset_index(drop=True)
    result = pd.DataFrame({"account_id": data["account_id"], "clv_segment": data["clv_segment"]})
    bgnbd, bgnbd_status = _as_fit(parameters, "full", "bgnbd")
    spend, spend_status = _as_fit(parameters, "full", "gamma_gamma")
    x = data["frequency"].to_numpy(dtype=float)
    t_x = data["recency"].to_numpy(dtype=float)
    T = data["t_observed"].to_numpy(dtype=float)
    m = data["monetary_value"].to_numpy(dtype=float)
    revenue = data["revenue_eur"].to_numpy(dtype=float)
    margin = data["margin_eur"].to_numpy(dtype=float)
    overall_ratio = margin.sum() / revenue.sum() if revenue.sum() > 0 else 0.0
    margin_ratio = np.clip(
        np.divide(margin, revenue, out=np.full_like(margin, overall_ratio), where=revenue > 0),
        0.0,
        1.0,
    )
    spend_ok = spend is not None and spend.params["q"] > 1
    if spend is not None and not spend_ok:
        spend_status = f"gamma_gamma q = {spend.params['q']:.3f} <= 1: expected spend undefined"
    result["p_alive"] = probability_alive(bgnbd, x, t_x, T) if bgnbd else np.nan
    expected = np.nan
    if bgnbd:
        # a converged fit of a tiny segment can still make the expectation undefined (a = 1, a
        # divergent hypergeometric series): no expected purchases or CLV, P(alive) stays
        try:
            expected = expected_purchases(bgnbd, horizon * WEEKS_PER_MONTH, x, t_x, T)
        except ClvFitError as error:
            bgnbd, bgnbd_status = None, f"bgnbd prediction undefined: {error}"
    result["expected_purchases"] = expected
    result["expected_order_value_eur"] = expected_average_value(spend, x, m) if spend_ok else np.nan
    result["margin_ratio"] = margin_ratio
    if bgnbd and spend_ok:
        result["predicted_clv_eur"] = (
            discounted_clv(
                bgnbd, spend, x, t_x, T, m, horizon, WEEKS_PER_MONTH, monthly_discount, margin=1.0
            )
            * margin_ratio
        )
    else:
        result["predicted_clv_eur"] = np.nan
    statuses = [s for s in (bgnbd_status, spend_status) if s != "ok"]
    result["prediction_status"] = "; ".join(statuses) if statuses else "ok"
    backtest, _ = _as_fit(parameters, "backtest", "bgnbd")
    in_calibration = data["is_in_calibration"].astype(bool).to_numpy()
    expected_holdout = np.full(len(data), np.nan)
    if backtest and in_calibration.any():
        holdout_weeks = float(settings["clv_holdout_weeks"])
        calibration = data[in_calibration]
        # undefined for a segment (its parameters): rpt_clv_model leaves its customers out
        with contextlib.suppress(ClvFitError):
            expected_holdout[in_calibration] = expected_purchases(
                backtest,
                holdout_weeks,
                calibration["cal_frequency"].to_numpy(dtype=float),
                calibration["cal_recency"].to_numpy(dtype=float),
                calibration["cal_t_observed"].to_numpy(dtype=float),
            )
    result["backtest_expected_purchases"] = expected_holdout
    return result
