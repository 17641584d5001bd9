"""CLV steps of the warehouse: fit the models on the customer summary, choose the purchase model
per segment, then predict per customer (and P(alive) at every month end for the lifecycle).

A failed fit is not an error of the build: it is reported in the parameter table
(`converged` false and the reason in `message`) and the predictions are left empty with the same
reason in `prediction_status`, never a silent NaN.
"""

from __future__ import annotations

import contextlib

import numpy as np
import pandas as pd

from kundenstamm.clv.models import (
    BGNBD_PARAMS,
    GAMMA_GAMMA_PARAMS,
    PARETO_NBD_PARAMS,
    ClvFitError,
    Fit,
    bgnbd_log_likelihood,
    describe_exclusions,
    discounted_clv,
    expected_average_value,
    expected_purchases,
    fit_bgnbd,
    fit_gamma_gamma,
    fit_pareto_nbd,
    pareto_nbd_log_likelihood,
    probability_alive,
)

WEEKS_PER_MONTH = 365.25 / 12 / 7
# The purchase models (who buys how often, who has dropped out), chosen per segment by the var
# clv_purchase_model: their parameters, fit and per-customer log-likelihood.
PURCHASE_MODELS = {
    "bgnbd": (BGNBD_PARAMS, fit_bgnbd, bgnbd_log_likelihood),
    "pareto_nbd": (PARETO_NBD_PARAMS, fit_pareto_nbd, pareto_nbd_log_likelihood),
}
PURCHASE_MODEL_CHOICES = ("auto", *PURCHASE_MODELS)
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
    "is_selected",
    "selection_reason",
    "holdout_log_likelihood",
    "excluded_customers",
    "exclusion_reason",
]


def _try_fit(fitter) -> Fit | str:
    try:
        return fitter()
    except ClvFitError as error:
        return str(error)


def _fit_rows(segment: str, fit_type: str, model: str, names: tuple[str, ...], fit) -> list[dict]:
    """One row per parameter of a fit (or of a fit that failed: `fit` is then the reason)."""
    failed = isinstance(fit, str)
    excluded = {} if failed else fit.extra.get("excluded", {})
    return [
        {
            "clv_segment": segment,
            "fit_type": fit_type,
            "model": model,
            "parameter": name,
            "value": None if failed else fit.params[name],
            "standard_error": None if failed else fit.standard_errors[name],
            "log_likelihood": None if failed else fit.log_likelihood,
            "converged": False if failed else fit.converged,
            "message": fit if failed else fit.message,
            "customers": 0 if failed else fit.customers,
            "is_selected": False,
            "selection_reason": "",
            "holdout_log_likelihood": None,
            "excluded_customers": int(sum(excluded.values())),
            "exclusion_reason": describe_exclusions(excluded),
        }
        for name in names
    ]


def _empty_parameters() -> pd.DataFrame:
    """The parameter table with no rows, typed like a filled one."""
    frame = pd.DataFrame({column: pd.Series(dtype="string") for column in PARAMETER_COLUMNS})
    return _typed(frame)


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    for column in ("value", "standard_error", "log_likelihood", "holdout_log_likelihood"):
        frame[column] = frame[column].astype("float64")
    for column in ("converged", "is_selected"):
        frame[column] = frame[column].astype(bool)
    for column in ("customers", "excluded_customers"):
        frame[column] = frame[column].astype("int64")
    return frame


def purchase_model_setting(settings: dict) -> str:
    """The var clv_purchase_model, validated."""
    choice = str(settings.get("clv_purchase_model", "auto") or "auto").strip()
    if choice not in PURCHASE_MODEL_CHOICES:
        raise ValueError(
            f"var clv_purchase_model must be one of {', '.join(PURCHASE_MODEL_CHOICES)}, "
            f"got '{choice}'"
        )
    return choice


def _columns(data: pd.DataFrame, prefix: str) -> tuple[np.ndarray, ...]:
    return tuple(
        data[f"{prefix}{name}"].to_numpy(dtype=float)
        for name in ("frequency", "recency", "t_observed", "monetary_value")
    )


def holdout_log_likelihood(model: str, fit: Fit, calibration: pd.DataFrame) -> float:
    """Log-likelihood of what the customers of the calibration period did in the holdout weeks,
    under the model fitted on the calibration period: log L(full history) - log L(calibration
    history), summed over those customers. Both purchase models are densities of the same
    purchase times, so the figure compares them out of sample."""
    names, _, log_likelihood = PURCHASE_MODELS[model]
    params = tuple(fit.params[name] for name in names)
    x, t_x, T, _ = _columns(calibration, "")
    cal_x, cal_t_x, cal_T, _ = _columns(calibration, "cal_")
    return float(
        np.sum(log_likelihood(params, x, t_x, T) - log_likelihood(params, cal_x, cal_t_x, cal_T))
    )


def _select(choice: str, fits: dict, holdout: dict) -> tuple[str, str]:
    """The purchase model of a segment and why: the var, or with 'auto' the model with the higher
    holdout log-likelihood among those whose full and backtest fits converged (without a backtest,
    the higher log-likelihood on all data: both models have four parameters)."""
    if choice != "auto":
        return choice, f"var clv_purchase_model = {choice}"

    def usable(model: str, fit_type: str) -> bool:
        fit = fits[(fit_type, model)]
        return not isinstance(fit, str) and fit.converged

    candidates = [model for model in PURCHASE_MODELS if ("full", model) in fits]
    candidates = [model for model in candidates if usable(model, "full")]
    with_backtest = [m for m in candidates if usable(m, "backtest") and holdout.get(m) is not None]
    if with_backtest:
        best = max(with_backtest, key=lambda model: holdout[model])
        shown = ", ".join(f"{model} {holdout[model]:.2f}" for model in with_backtest)
        return best, f"auto: highest holdout log-likelihood ({shown})"
    if candidates:
        best = max(candidates, key=lambda model: fits[("full", model)].log_likelihood)
        shown = ", ".join(f"{m} {fits[('full', m)].log_likelihood:.2f}" for m in candidates)
        return best, f"auto: no converged backtest, highest log-likelihood on all data ({shown})"
    return "bgnbd", "auto: no purchase model converged"


def fit_parameters(inputs: pd.DataFrame, settings: dict | None = None) -> pd.DataFrame:
    """Per segment: BG/NBD and Pareto/NBD (only the one the var forces, or both with 'auto') and
    Gamma-Gamma fitted on all customers ('full') and on the data up to the backtest calibration
    end ('backtest', warm-started from the full fit), the purchase model selected by
    clv_purchase_model, one row per segment, fit type, model and parameter."""
    choice = purchase_model_setting(settings or {})
    if inputs.empty:
        # No buying customer (no orders loaded, or every order quarantined; the build's
        # quarantine notice says which): nothing to fit, and no customer to predict for.
        return _empty_parameters()
    frames = [
        _segment_parameters(str(segment), data.sort_values("account_id"), choice)
        for segment, data in sorted(inputs.groupby("clv_segment"), key=lambda item: str(item[0]))
    ]
    return _typed(pd.concat(frames, ignore_index=True)[PARAMETER_COLUMNS])


def _segment_parameters(segment: str, data: pd.DataFrame, choice: str) -> pd.DataFrame:
    calibration = data[data["is_in_calibration"].astype(bool)]
    x, t_x, T, m = _columns(data, "")
    cal_x, cal_t_x, cal_T, cal_m = _columns(calibration, "cal_")
    fits: dict[tuple[str, str], Fit | str] = {}
    # with a model forced by the var, the other one is not fitted (it would not be used)
    candidates = list(PURCHASE_MODELS) if choice == "auto" else [choice]
    for model in candidates:
        fitter = PURCHASE_MODELS[model][1]
        full = fits[("full", model)] = _try_fit(lambda fitter=fitter: fitter(x, t_x, T))
        warm = None if isinstance(full, str) else full.params
        fits[("backtest", model)] = _try_fit(
            lambda fitter=fitter, warm=warm: fitter(cal_x, cal_t_x, cal_T, start=warm)
        )
    spend = fits[("full", "gamma_gamma")] = _try_fit(lambda: fit_gamma_gamma(x, m))
    warm = None if isinstance(spend, str) else spend.params
    fits[("backtest", "gamma_gamma")] = _try_fit(lambda: fit_gamma_gamma(cal_x, cal_m, warm))
    holdout = {
        model: holdout_log_likelihood(model, fits[("backtest", model)], calibration)
        for model in candidates
        if not isinstance(fits[("backtest", model)], str)
    }
    selected, reason = _select(choice, fits, holdout)
    rows = []
    for (fit_type, model), fit in fits.items():
        names = GAMMA_GAMMA_PARAMS if model == "gamma_gamma" else PURCHASE_MODELS[model][0]
        for row in _fit_rows(segment, fit_type, model, names, fit):
            if model != "gamma_gamma":
                row["holdout_log_likelihood"] = holdout.get(model)
                row["is_selected"] = model == selected
                row["selection_reason"] = reason
            else:
                row["is_selected"] = True
            rows.append(row)
    return pd.DataFrame(rows, columns=PARAMETER_COLUMNS)


def selected_purchase_model(parameters: pd.DataFrame) -> str:
    """The purchase model the segment's parameter rows mark as selected ('bgnbd' if none is)."""
    rows = parameters[parameters["model"].isin(list(PURCHASE_MODELS))]
    if "is_selected" in rows:
        rows = rows[rows["is_selected"].astype(bool)]
    models = rows["model"].unique()
    return str(models[0]) if len(models) else "bgnbd"


def _as_fit(parameters: pd.DataFrame, fit_type: str, model: str) -> tuple[Fit | None, str]:
    """The fit to predict with and 'ok', or None and why not. Only a converged fit is used: a fit
    that did not converge gives empty predictions with its reason, never estimates from a failed
    optimiser."""
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


def p_alive_of_states(states: pd.DataFrame, parameters: pd.DataFrame) -> pd.DataFrame:
    """P(alive) for purchase states (clv_segment, purchase_days, recency_days, tenure_days: days
    from the first to the last purchase day and to the snapshot) with the segment's selected
    purchase model, full fit, converged fits only (empty otherwise), as the CLV predictions."""
    columns = ["clv_segment", "purchase_days", "recency_days", "tenure_days"]
    parts = []
    for segment, data in states.groupby("clv_segment"):
        data = data[columns].drop_duplicates().reset_index(drop=True)
        segment_parameters = parameters[parameters["clv_segment"] == str(segment)]
        model = selected_purchase_model(segment_parameters)
        fit, _ = _as_fit(segment_parameters, "full", model)
        result = data.copy()
        result["purchase_model"] = model
        if fit is None or data.empty:
            result["p_alive"] = np.nan
        else:
            result["p_alive"] = probability_alive(
                fit,
                data["purchase_days"].to_numpy(dtype=float) - 1,
                data["recency_days"].to_numpy(dtype=float) / 7,
                data["tenure_days"].to_numpy(dtype=float) / 7,
            )
        parts.append(result)
    if not parts:
        frame = pd.DataFrame({column: pd.Series(dtype="int64") for column in columns})
        frame["clv_segment"] = frame["clv_segment"].astype("string")
        frame["purchase_model"] = pd.Series(dtype="string")
        frame["p_alive"] = pd.Series(dtype="float64")
        return frame
    frame = pd.concat(parts, ignore_index=True)
    for column in columns[1:]:
        frame[column] = frame[column].astype("int64")
    return frame.sort_values(columns).reset_index(drop=True)


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
        "purchase_model",
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
    model = selected_purchase_model(parameters)
    purchase, purchase_status = _as_fit(parameters, "full", model)
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
    result["p_alive"] = probability_alive(purchase, x, t_x, T) if purchase else np.nan
    expected = np.nan
    if purchase:
        # a converged fit of a tiny segment can still make the expectation undefined (a = 1, a
        # divergent hypergeometric series): no expected purchases or CLV, P(alive) stays
        try:
            expected = expected_purchases(purchase, horizon * WEEKS_PER_MONTH, x, t_x, T)
        except ClvFitError as error:
            purchase, purchase_status = None, f"{model} prediction undefined: {error}"
    result["expected_purchases"] = expected
    result["expected_order_value_eur"] = expected_average_value(spend, x, m) if spend_ok else np.nan
    result["margin_ratio"] = margin_ratio
    if purchase and spend_ok:
        result["predicted_clv_eur"] = (
            discounted_clv(
                purchase,
                spend,
                x,
                t_x,
                T,
                m,
                horizon,
                WEEKS_PER_MONTH,
                monthly_discount,
                margin=1.0,
            )
            * margin_ratio
        )
    else:
        result["predicted_clv_eur"] = np.nan
    statuses = [s for s in (purchase_status, spend_status) if s != "ok"]
    result["prediction_status"] = "; ".join(statuses) if statuses else "ok"
    backtest, _ = _as_fit(parameters, "backtest", model)
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
    result["purchase_model"] = model
    return result
