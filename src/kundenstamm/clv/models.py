"""BG/NBD and Gamma-Gamma by maximum likelihood on the closed-form likelihoods, the predictions
of either purchase model (BG/NBD or Pareto/NBD, kundenstamm.clv.pareto) and the CLV formulas.

BG/NBD: Fader, Hardie & Lee (2005), "Counting your customers the easy way: an alternative to the
Pareto/NBD model", Marketing Science 24(2). Gamma-Gamma: Fader, Hardie & Lee (2005), "RFM and
CLV: using iso-value curves for customer base analysis", Journal of Marketing Research 42(4).

Everything is evaluated in log space (gammaln, betaln, logaddexp). The likelihood is summed over
the distinct (x, t_x, T) combinations weighted by how many customers share them, which makes a
fit over a million customers take seconds.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from scipy import special

from kundenstamm.clv.fitting import (
    ClvFitError,
    Fit,
    _check_rfm,
    _compress,
    _fit_maximum_likelihood,
    _fit_purchase_model,
    _PerCount,
    _start,
)
from kundenstamm.clv.pareto import (  # noqa: F401 (re-exported)
    PARETO_NBD_PARAMS,
    _pareto_expected_purchases,
    _pareto_probability_alive,
    fit_pareto_nbd,
    pareto_nbd_log_likelihood,
)

# --- BG/NBD -----------------------------------------------------------------------------------

BGNBD_PARAMS = ("r", "alpha", "a", "b")


def _bgnbd_tail_terms(params, x, t_x, T, per_count: _PerCount) -> tuple[np.ndarray, np.ndarray]:
    """The two log-terms whose sum closes the BG/NBD likelihood: still alive at T (a3) and
    dropped out after the last purchase (a4, -inf for customers without repeat purchases)."""
    r, alpha, a, b = params
    a3 = -(r + x) * np.log(alpha + T)
    with np.errstate(divide="ignore", invalid="ignore"):
        odds = per_count(lambda v: np.log(a) - np.log(np.maximum(b + v - 1, 1e-300)))
        a4 = np.where(x > 0, odds - (r + x) * np.log(alpha + t_x), -np.inf)
    return a3, a4


def bgnbd_log_likelihood(params, x, t_x, T) -> np.ndarray:
    """Log-likelihood of each customer's (x, t_x, T) under BG/NBD (FHL 2005, eq. 6)."""
    r, alpha, a, b = params
    x = np.asarray(x, dtype=float)

    def a1_a2(v):
        a1 = special.gammaln(r + v) - special.gammaln(r) + r * np.log(alpha)
        a2 = (
            special.gammaln(a + b)
            + special.gammaln(b + v)
            - special.gammaln(b)
            - special.gammaln(a + b + v)
        )
        return a1 + a2

    per_count = _PerCount(x)
    a3, a4 = _bgnbd_tail_terms(params, x, t_x, T, per_count)
    return per_count(a1_a2) + np.logaddexp(a3, a4)


def bgnbd_log_likelihood_gradient(params, x, t_x, T) -> np.ndarray:
    """Derivatives of each customer's BG/NBD log-likelihood by r, alpha, a, b (shape n x 4)."""
    r, alpha, a, b = params
    x = np.asarray(x, dtype=float)
    per_count = _PerCount(x)
    a3, a4 = _bgnbd_tail_terms(params, x, t_x, T, per_count)
    total = np.logaddexp(a3, a4)
    w3 = np.exp(a3 - total)
    w4 = np.exp(a4 - total)  # 0 where x = 0
    digamma_ab = special.digamma(a + b)
    digamma_r = special.digamma(r)
    digamma_b = special.digamma(b)
    d_r = (
        per_count(lambda v: special.digamma(r + v) - digamma_r + np.log(alpha))
        - w3 * np.log(alpha + T)
        - w4 * np.log(alpha + t_x)
    )
    d_alpha = r / alpha - w3 * (r + x) / (alpha + T) - w4 * (r + x) / (alpha + t_x)
    d_a = per_count(lambda v: digamma_ab - special.digamma(a + b + v)) + w4 / a
    with np.errstate(divide="ignore", invalid="ignore"):
        d_b = per_count(
            lambda v: digamma_ab + special.digamma(b + v) - digamma_b - special.digamma(a + b + v)
        ) - np.where(x > 0, w4 / per_count(lambda v: np.maximum(b + v - 1, 1e-300)), 0.0)
    return np.column_stack([d_r, d_alpha, d_a, d_b])


def fit_bgnbd(x, t_x, T, start: dict | None = None) -> Fit:
    """Maximum-likelihood BG/NBD. x = repeat purchases, t_x = time of the last purchase,
    T = time observed, all from each customer's first purchase, in one time unit (e.g. weeks).
    `start`: parameters to start from (a warm start from an earlier fit of similar data)."""
    return _fit_purchase_model(
        "BG/NBD",
        BGNBD_PARAMS,
        bgnbd_log_likelihood,
        bgnbd_log_likelihood_gradient,
        0.1,
        x,
        t_x,
        T,
        start,
    )


def _bgnbd_alive_odds_log(params, x, t_x, T) -> np.ndarray:
    """log of a/(b+x-1) * ((alpha+T)/(alpha+t_x))^(r+x) for x > 0, -inf for x = 0."""
    r, alpha, a, b = params
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(
            x > 0,
            np.log(a)
            - np.log(np.maximum(b + x - 1, 1e-300))
            + (r + x) * (np.log(alpha + T) - np.log(alpha + t_x)),
            -np.inf,
        )


def is_pareto_nbd(fit: Fit) -> bool:
    """A purchase-model fit is Pareto/NBD when it has the drop-out parameters s and beta."""
    return "beta" in fit.params


def probability_alive(fit: Fit, x, t_x, T) -> np.ndarray:
    """P(alive | x, t_x, T) under the fit's purchase model: BG/NBD (FHL 2005, eq. 11; 1 for
    customers without repeat purchases) or Pareto/NBD (below 1 for them too)."""
    x, t_x, T = _check_rfm(np.atleast_1d(x), np.atleast_1d(t_x), np.atleast_1d(T))
    if is_pareto_nbd(fit):
        params = tuple(fit.params[name] for name in PARETO_NBD_PARAMS)
        return _pareto_probability_alive(params, x, t_x, T)
    params = tuple(fit.params[name] for name in BGNBD_PARAMS)
    return np.exp(-np.logaddexp(0.0, _bgnbd_alive_odds_log(params, x, t_x, T)))


def expected_purchases(fit: Fit, t, x, t_x, T) -> np.ndarray:
    """E[Y(t) | x, t_x, T]: expected purchases in the next t time units under the fit's purchase
    model (BG/NBD: FHL 2005, eq. 10; Pareto/NBD: _pareto_expected_purchases)."""
    x, t_x, T = _check_rfm(np.atleast_1d(x), np.atleast_1d(t_x), np.atleast_1d(T))
    t = np.broadcast_to(np.asarray(t, dtype=float), x.shape)
    if np.any(t < 0):
        raise ClvFitError("the prediction horizon t must not be negative")
    if is_pareto_nbd(fit):
        params = tuple(fit.params[name] for name in PARETO_NBD_PARAMS)
        return _pareto_expected_purchases(params, t, x, t_x, T)
    r, alpha, a, b = (fit.params[name] for name in BGNBD_PARAMS)
    if abs(a - 1.0) < 1e-9:
        raise ClvFitError("a = 1 makes the BG/NBD conditional expectation undefined (refit)")
    z = t / (alpha + T + t)
    hyper = special.hyp2f1(r + x, b + x, a + b + x - 1, z)
    if not np.all(np.isfinite(hyper)):
        raise ClvFitError("the hypergeometric function did not converge for some customers")
    numerator = 1.0 - np.exp((r + x) * (np.log(alpha + T) - np.log(alpha + T + t))) * hyper
    first = (a + b + x - 1) / (a - 1)
    denominator = 1.0 + np.exp(_bgnbd_alive_odds_log((r, alpha, a, b), x, t_x, T))
    return first * numerator / denominator


def expected_purchases_new_customer(fit: Fit, t) -> np.ndarray:
    """E[X(t)]: expected purchases of a new customer in t time units (FHL 2005, eq. 9)."""
    r, alpha, a, b = (fit.params[name] for name in BGNBD_PARAMS)
    t = np.asarray(t, dtype=float)
    hyper = special.hyp2f1(r, b, a + b - 1, t / (alpha + t))
    return (a + b - 1) / (a - 1) * (1.0 - (alpha / (alpha + t)) ** r * hyper)


# --- Gamma-Gamma ------------------------------------------------------------------------------

GAMMA_GAMMA_PARAMS = ("p", "q", "gamma")


def gamma_gamma_log_likelihood(params, x, m) -> np.ndarray:
    """Log-likelihood of each repeat buyer's mean spend m over x transactions."""
    p, q, gamma = params
    per_count = _PerCount(x)

    def of_count(v):
        return special.gammaln(p * v + q) - special.gammaln(p * v) - special.gammaln(q)

    return (
        per_count(of_count)
        + q * np.log(gamma)
        + (p * x - 1) * np.log(m)
        + per_count(lambda v: p * v * np.log(v))
        - (p * x + q) * np.log(gamma + x * m)
    )


def gamma_gamma_log_likelihood_gradient(params, x, m) -> np.ndarray:
    """Derivatives of each repeat buyer's Gamma-Gamma log-likelihood by p, q, gamma (n x 3)."""
    p, q, gamma = params
    per_count = _PerCount(x)
    log_gamma_xm = np.log(gamma + x * m)
    digamma_q = special.digamma(q)
    d_p = x * (
        per_count(lambda v: special.digamma(p * v + q) - special.digamma(p * v))
        + np.log(m)
        + per_count(np.log)
        - log_gamma_xm
    )
    d_q = per_count(lambda v: special.digamma(p * v + q) - digamma_q + np.log(gamma)) - log_gamma_xm
    d_gamma = q / gamma - (p * x + q) / (gamma + x * m)
    return np.column_stack([d_p, d_q, d_gamma])


SPEND_EXCLUSIONS = {
    "zero_spend": "average repeat spend 0 (free samples, 100 % vouchers)",
    "negative_spend": "average repeat spend below 0 (returns larger than the purchases)",
    "missing_spend": "average repeat spend missing",
}


def spend_exclusions(x, monetary_value) -> dict[str, int]:
    """Repeat buyers the spend model leaves out, by reason (see SPEND_EXCLUSIONS): Gamma-Gamma
    is a model of positive amounts, so it is fitted on repeat buyers with a positive mean."""
    x = np.asarray(x, dtype=float)
    m = np.asarray(monetary_value, dtype=float)
    repeat = x > 0
    finite = np.isfinite(m)
    return {
        "zero_spend": int(np.sum(repeat & finite & (m == 0))),
        "negative_spend": int(np.sum(repeat & finite & (m < 0))),
        "missing_spend": int(np.sum(repeat & ~finite)),
    }


def describe_exclusions(excluded: dict[str, int]) -> str:
    """'3 repeat buyers left out: 2 with average repeat spend 0 (...), 1 ...' or ''."""
    parts = [
        f"{count} with {SPEND_EXCLUSIONS[reason]}" for reason, count in excluded.items() if count
    ]
    if not parts:
        return ""
    return f"{sum(excluded.values())} repeat buyers left out: " + ", ".join(parts)


def fit_gamma_gamma(x, monetary_value, start: dict | None = None) -> Fit:
    """Maximum-likelihood Gamma-Gamma on the repeat buyers (x > 0) whose mean repeat spend m is
    positive. Repeat buyers with a zero, negative or missing mean are left out of the fit and
    counted by reason in `extra['excluded']` (and the message); they never stop the fit."""
    x = np.asarray(x, dtype=float)
    m = np.asarray(monetary_value, dtype=float)
    if x.shape != m.shape:
        raise ClvFitError("x and monetary_value must have the same length")
    if not np.any(x > 0):
        raise ClvFitError(
            "no repeat buyers: the spend model needs customers with at least one repeat purchase"
        )
    excluded = spend_exclusions(x, m)
    note = describe_exclusions(excluded)
    usable = (x > 0) & np.isfinite(m) & (m > 0)
    if usable.sum() < 10:
        raise ClvFitError(
            f"only {int(usable.sum())} repeat buyers with a positive average repeat spend: too few "
            "to fit the spend model" + (f" ({note})" if note else "")
        )
    x, m = x[usable], m[usable]
    (ux, um), weights = _compress(x, m)
    fit, estimate = _fit_maximum_likelihood(
        "Gamma-Gamma",
        gamma_gamma_log_likelihood,
        gamma_gamma_log_likelihood_gradient,
        (ux, um),
        weights,
        _start(np.array([1.0, 2.0, float(np.mean(m))]), GAMMA_GAMMA_PARAMS, start),
        GAMMA_GAMMA_PARAMS,
        customers=int(x.size),
    )
    fit = replace(
        fit,
        message=f"{fit.message}; {note}" if note else fit.message,
        extra={"excluded": excluded},
    )
    if estimate[1] <= 1:
        message = f"q = {estimate[1]:.3f} <= 1: the population mean spend is undefined"
        return replace(fit, converged=False, message=f"{message}; {fit.message}")
    return fit


def expected_average_value(fit: Fit, x, monetary_value) -> np.ndarray:
    """E[M | x, m]: expected value of a customer's future purchases (the population mean
    p * gamma / (q - 1) for customers without repeat purchases). A repeat buyer left out of the
    fit for a zero or negative mean counts with m = 0: p * gamma / (p x + q - 1), the population
    mean shrunk by the evidence of x purchases worth nothing."""
    p, q, gamma = (fit.params[name] for name in GAMMA_GAMMA_PARAMS)
    if q <= 1:
        raise ClvFitError("q <= 1: the expected spend is undefined; the spend model did not fit")
    x = np.asarray(x, dtype=float)
    m = np.maximum(np.nan_to_num(np.asarray(monetary_value, dtype=float), nan=0.0), 0.0)
    return np.where(x > 0, p * (gamma + x * m) / (p * x + q - 1), p * gamma / (q - 1))


# --- CLV ---------------------------------------------------------------------------------------


def discounted_clv(
    bgnbd: Fit,
    gamma_gamma: Fit,
    x,
    t_x,
    T,
    monetary_value,
    horizon_periods: int,
    period_length: float,
    discount_rate: float,
    margin: float = 1.0,
) -> np.ndarray:
    """Predictive CLV: sum over the next `horizon_periods` periods of the expected purchases in
    the period x expected value x margin, discounted by (1 + discount_rate) per period."""
    if horizon_periods < 1:
        raise ClvFitError("the CLV horizon must be at least one period")
    if discount_rate <= -1:
        raise ClvFitError("the discount rate must be greater than -100 %")
    value = expected_average_value(gamma_gamma, x, monetary_value) * margin
    total = np.zeros(np.atleast_1d(np.asarray(x, dtype=float)).shape)
    previous = np.zeros_like(total)
    for period in range(1, horizon_periods + 1):
        cumulative = expected_purchases(bgnbd, period * period_length, x, t_x, T)
        total += (cumulative - previous) * value / (1.0 + discount_rate) ** period
        previous = cumulative
    return total


def simple_clv(
    average_revenue_per_period: float, expected_lifetime_periods: float, cost_to_serve: float
) -> float:
    """Formula CLV: average revenue per period x expected lifetime - cost to serve.
    20 EUR a month for 48 months, minus 260 EUR costs: 960 - 260 = 700 EUR."""
    return average_revenue_per_period * expected_lifetime_periods - cost_to_serve


def retention_clv(margin: float, retention: float, discount: float) -> float:
    """Formula CLV in the retention form m * r / (1 + d - r) (an infinite horizon with constant
    margin m per period, retention rate r and discount rate d)."""
    if not 0 <= retention < 1 + discount:
        raise ClvFitError("retention must lie in [0, 1 + discount)")
    return margin * retention / (1 + discount - retention)
