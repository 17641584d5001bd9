"""BG/NBD and Gamma-Gamma by maximum likelihood on the closed-form likelihoods.

BG/NBD: Fader, Hardie & Lee (2005), "Counting your customers the easy way: an alternative to the
Pareto/NBD model", Marketing Science 24(2). Gamma-Gamma: Fader, Hardie & Lee (2005), "RFM and
CLV: using iso-value curves for customer base analysis", Journal of Marketing Research 42(4).

Everything is evaluated in log space (gammaln, betaln, logaddexp). The likelihood is summed over
the distinct (x, t_x, T) combinations weighted by how many customers share them, which makes a
fit over a million customers take seconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
from scipy import optimize, special


class ClvFitError(ValueError):
    """The model cannot be fitted to these data; the message says why and what to do."""


@dataclass(frozen=True)
class Fit:
    """A fitted model: parameters with standard errors, log-likelihood and convergence."""

    params: dict[str, float]
    standard_errors: dict[str, float]
    log_likelihood: float
    converged: bool
    message: str
    customers: int
    iterations: int = 0
    extra: dict = field(default_factory=dict)


# --- summaries --------------------------------------------------------------------------------


def _check_rfm(x, t_x, T) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    x = np.asarray(x, dtype=float)
    t_x = np.asarray(t_x, dtype=float)
    T = np.asarray(T, dtype=float)
    if not (x.shape == t_x.shape == T.shape):
        raise ClvFitError("x, t_x and T must have the same length")
    if x.size == 0:
        raise ClvFitError(
            "no customers: the purchase summary is empty (no purchases before the calibration end?)"
        )
    for name, values in (("x", x), ("t_x", t_x), ("T", T)):
        if not np.all(np.isfinite(values)):
            raise ClvFitError(f"{name} contains missing or infinite values")
        if np.any(values < 0):
            raise ClvFitError(f"{name} contains negative values")
    if np.any(t_x > T + 1e-9):
        raise ClvFitError(
            "t_x (time of the last purchase) exceeds T (time observed) for some customers"
        )
    if np.any((x == 0) & (t_x > 0)):
        raise ClvFitError("customers without repeat purchases (x = 0) must have t_x = 0")
    if np.any(np.round(x) != x):
        raise ClvFitError("x (repeat purchases) must be whole numbers")
    return x, t_x, T


def _compress(*columns: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
    stacked = np.column_stack(columns)
    unique, counts = np.unique(stacked, axis=0, return_counts=True)
    return [unique[:, i] for i in range(unique.shape[1])], counts.astype(float)


# --- numerical helpers ------------------------------------------------------------------------


def _hessian(function, point: np.ndarray, relative_step: float = 1e-4) -> np.ndarray:
    """Central-difference Hessian of a scalar function."""
    n = point.size
    steps = relative_step * np.maximum(np.abs(point), 1e-2)
    hessian = np.empty((n, n))
    for i in range(n):
        for j in range(i, n):
            shift_i = np.zeros(n)
            shift_j = np.zeros(n)
            shift_i[i] = steps[i]
            shift_j[j] = steps[j]
            value = (
                function(point + shift_i + shift_j)
                - function(point + shift_i - shift_j)
                - function(point - shift_i + shift_j)
                + function(point - shift_i - shift_j)
            ) / (4 * steps[i] * steps[j])
            hessian[i, j] = hessian[j, i] = value
    return hessian


def _standard_errors(negative_ll, estimate: np.ndarray, names: tuple[str, ...]) -> dict[str, float]:
    """Standard errors from the inverse Hessian of the negative log-likelihood in the natural
    parameters (NaN where the Hessian is not positive definite)."""
    hessian = _hessian(negative_ll, estimate)
    try:
        covariance = np.linalg.inv(hessian)
        variances = np.diag(covariance)
    except np.linalg.LinAlgError:
        variances = np.full(len(names), np.nan)
    return {
        name: float(np.sqrt(v)) if v > 0 else float("nan")
        for name, v in zip(names, variances, strict=True)
    }


def _minimise(negative_ll_log, start: np.ndarray, gradient_log=None):
    """Minimise over log-parameters.

    With an analytic gradient: L-BFGS-B, which converges in a few dozen evaluations. Without one,
    or if that does not converge: Nelder-Mead to get close, then BFGS to converge tightly.
    """
    if gradient_log is not None:
        quick = optimize.minimize(
            negative_ll_log,
            start,
            jac=gradient_log,
            method="L-BFGS-B",
            options={"maxiter": 2000, "ftol": 1e-15, "gtol": 1e-7},
        )
        if quick.success and np.all(np.isfinite(quick.x)):
            return quick, True, str(quick.message), int(quick.nit)
    coarse = optimize.minimize(
        negative_ll_log,
        start,
        method="Nelder-Mead",
        options={"maxiter": 4000, "xatol": 1e-8, "fatol": 1e-10},
    )
    fine = optimize.minimize(
        negative_ll_log,
        coarse.x,
        jac=gradient_log,
        method="BFGS",
        options={"gtol": 1e-6, "maxiter": 2000},
    )
    best = fine if fine.fun <= coarse.fun else coarse
    converged = bool(fine.success or (coarse.success and abs(fine.fun - coarse.fun) < 1e-6))
    message = fine.message if fine.success else f"{coarse.message}; {fine.message}"
    return best, converged, str(message), int(coarse.nit + fine.nit)


def _fit_maximum_likelihood(
    model: str,
    log_likelihood,
    gradient,
    columns: tuple[np.ndarray, ...],
    weights: np.ndarray,
    start: np.ndarray,
    names: tuple[str, ...],
    customers: int,
) -> tuple[Fit, np.ndarray]:
    """Maximise the weighted log-likelihood sum(weights * log_likelihood(params, *columns)) over
    positive parameters (optimised on the log scale), with the analytic gradient."""

    def negative_ll(params: np.ndarray) -> float:
        if np.any(params <= 0):
            return np.inf
        return -float(np.sum(weights * log_likelihood(params, *columns)))

    def negative_ll_log(log_params: np.ndarray) -> float:
        value = negative_ll(np.exp(log_params))
        return value if np.isfinite(value) else 1e300

    def gradient_log(log_params: np.ndarray) -> np.ndarray:
        params = np.exp(log_params)
        value = weights @ gradient(params, *columns)
        return np.nan_to_num(-value * params, nan=0.0, posinf=1e300, neginf=-1e300)

    result, converged, message, iterations = _minimise(negative_ll_log, start, gradient_log)
    estimate = np.exp(result.x)
    if not np.all(np.isfinite(estimate)):
        raise ClvFitError(f"{model} fit diverged ({message})")
    fit = Fit(
        params=dict(zip(names, map(float, estimate), strict=True)),
        standard_errors=_standard_errors(negative_ll, estimate, names),
        log_likelihood=-float(result.fun),
        converged=converged,
        message=message,
        customers=customers,
        iterations=iterations,
    )
    return fit, estimate


# --- BG/NBD -----------------------------------------------------------------------------------

BGNBD_PARAMS = ("r", "alpha", "a", "b")


def _bgnbd_tail_terms(params, x, t_x, T) -> tuple[np.ndarray, np.ndarray]:
    """The two log-terms whose sum closes the BG/NBD likelihood: still alive at T (a3) and
    dropped out after the last purchase (a4, -inf for customers without repeat purchases)."""
    r, alpha, a, b = params
    a3 = -(r + x) * np.log(alpha + T)
    with np.errstate(divide="ignore", invalid="ignore"):
        a4 = np.where(
            x > 0,
            np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(alpha + t_x),
            -np.inf,
        )
    return a3, a4


def bgnbd_log_likelihood(params, x, t_x, T) -> np.ndarray:
    """Log-likelihood of each customer's (x, t_x, T) under BG/NBD (FHL 2005, eq. 6)."""
    r, alpha, a, b = params
    x = np.asarray(x, dtype=float)
    a1 = special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha)
    a2 = (
        special.gammaln(a + b)
        + special.gammaln(b + x)
        - special.gammaln(b)
        - special.gammaln(a + b + x)
    )
    a3, a4 = _bgnbd_tail_terms(params, x, t_x, T)
    return a1 + a2 + np.logaddexp(a3, a4)


def bgnbd_log_likelihood_gradient(params, x, t_x, T) -> np.ndarray:
    """Derivatives of each customer's BG/NBD log-likelihood by r, alpha, a, b (shape n x 4)."""
    r, alpha, a, b = params
    x = np.asarray(x, dtype=float)
    a3, a4 = _bgnbd_tail_terms(params, x, t_x, T)
    total = np.logaddexp(a3, a4)
    w3 = np.exp(a3 - total)
    w4 = np.exp(a4 - total)  # 0 where x = 0
    digamma_ab = special.digamma(a + b)
    digamma_abx = special.digamma(a + b + x)
    d_r = (
        special.digamma(r + x)
        - special.digamma(r)
        + np.log(alpha)
        - w3 * np.log(alpha + T)
        - w4 * np.log(alpha + t_x)
    )
    d_alpha = r / alpha - w3 * (r + x) / (alpha + T) - w4 * (r + x) / (alpha + t_x)
    d_a = digamma_ab - digamma_abx + w4 / a
    with np.errstate(divide="ignore", invalid="ignore"):
        d_b = (
            digamma_ab
            + special.digamma(b + x)
            - special.digamma(b)
            - digamma_abx
            - np.where(x > 0, w4 / np.maximum(b + x - 1, 1e-300), 0.0)
        )
    return np.column_stack([d_r, d_alpha, d_a, d_b])


def fit_bgnbd(x, t_x, T) -> Fit:
    """Maximum-likelihood BG/NBD. x = repeat purchases, t_x = time of the last purchase,
    T = time observed, all from each customer's first purchase, in one time unit (e.g. weeks)."""
    x, t_x, T = _check_rfm(x, t_x, T)
    if np.all(x == 0):
        raise ClvFitError(
            "no customer made a repeat purchase: purchase rate and drop-out cannot be "
            "estimated (use a longer calibration period)"
        )
    (ux, utx, uT), weights = _compress(x, t_x, T)
    scale = max(float(np.mean(T)), 1e-6)
    start = np.log(np.array([1.0, scale / 10.0, 1.0, 1.0]))
    fit, _ = _fit_maximum_likelihood(
        "BG/NBD",
        bgnbd_log_likelihood,
        bgnbd_log_likelihood_gradient,
        (ux, utx, uT),
        weights,
        start,
        BGNBD_PARAMS,
        customers=int(x.size),
    )
    return fit


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


def probability_alive(fit: Fit, x, t_x, T) -> np.ndarray:
    """P(alive | x, t_x, T) (FHL 2005, eq. 11); 1 for customers without repeat purchases."""
    params = tuple(fit.params[name] for name in BGNBD_PARAMS)
    x, t_x, T = _check_rfm(np.atleast_1d(x), np.atleast_1d(t_x), np.atleast_1d(T))
    return np.exp(-np.logaddexp(0.0, _bgnbd_alive_odds_log(params, x, t_x, T)))


def expected_purchases(fit: Fit, t, x, t_x, T) -> np.ndarray:
    """E[Y(t) | x, t_x, T]: expected purchases in the next t time units (FHL 2005, eq. 10)."""
    r, alpha, a, b = (fit.params[name] for name in BGNBD_PARAMS)
    x, t_x, T = _check_rfm(np.atleast_1d(x), np.atleast_1d(t_x), np.atleast_1d(T))
    t = np.broadcast_to(np.asarray(t, dtype=float), x.shape)
    if np.any(t < 0):
        raise ClvFitError("the prediction horizon t must not be negative")
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
    return (
        special.gammaln(p * x + q)
        - special.gammaln(p * x)
        - special.gammaln(q)
        + q * np.log(gamma)
        + (p * x - 1) * np.log(m)
        + p * x * np.log(x)
        - (p * x + q) * np.log(gamma + x * m)
    )


def gamma_gamma_log_likelihood_gradient(params, x, m) -> np.ndarray:
    """Derivatives of each repeat buyer's Gamma-Gamma log-likelihood by p, q, gamma (n x 3)."""
    p, q, gamma = params
    digamma_pxq = special.digamma(p * x + q)
    log_gamma_xm = np.log(gamma + x * m)
    d_p = x * (digamma_pxq - special.digamma(p * x) + np.log(m) + np.log(x) - log_gamma_xm)
    d_q = digamma_pxq - special.digamma(q) + np.log(gamma) - log_gamma_xm
    d_gamma = q / gamma - (p * x + q) / (gamma + x * m)
    return np.column_stack([d_p, d_q, d_gamma])


def fit_gamma_gamma(x, monetary_value) -> Fit:
    """Maximum-likelihood Gamma-Gamma on customers with x > 0 repeat purchases of mean value m."""
    x = np.asarray(x, dtype=float)
    m = np.asarray(monetary_value, dtype=float)
    if x.shape != m.shape:
        raise ClvFitError("x and monetary_value must have the same length")
    repeat = x > 0
    if not np.any(repeat):
        raise ClvFitError(
            "no repeat buyers: the spend model needs customers with at least one repeat purchase"
        )
    x, m = x[repeat], m[repeat]
    if not np.all(np.isfinite(m)) or np.any(m <= 0):
        raise ClvFitError(
            "monetary values of repeat buyers must be positive numbers (check returns and zero-value orders)"
        )
    if repeat.sum() < 10:
        raise ClvFitError(f"only {int(repeat.sum())} repeat buyers: too few to fit the spend model")
    (ux, um), weights = _compress(x, m)
    start = np.log(np.array([1.0, 2.0, float(np.mean(m))]))
    fit, estimate = _fit_maximum_likelihood(
        "Gamma-Gamma",
        gamma_gamma_log_likelihood,
        gamma_gamma_log_likelihood_gradient,
        (ux, um),
        weights,
        start,
        GAMMA_GAMMA_PARAMS,
        customers=int(x.size),
    )
    if estimate[1] <= 1:
        message = f"q = {estimate[1]:.3f} <= 1: the population mean spend is undefined"
        return replace(fit, converged=False, message=f"{message}; {fit.message}")
    return fit


def expected_average_value(fit: Fit, x, monetary_value) -> np.ndarray:
    """E[M | x, m]: expected value of a customer's future purchases (the population mean
    p * gamma / (q - 1) for customers without repeat purchases)."""
    p, q, gamma = (fit.params[name] for name in GAMMA_GAMMA_PARAMS)
    if q <= 1:
        raise ClvFitError("q <= 1: the expected spend is undefined; the spend model did not fit")
    x = np.asarray(x, dtype=float)
    m = np.nan_to_num(np.asarray(monetary_value, dtype=float), nan=0.0)
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
