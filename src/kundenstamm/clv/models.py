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


# Optimiser settings. The objective is the negative log-likelihood per customer (the weighted mean),
# so the tolerances are relative: they mean the same for 300 and for 3 million customers.
RELATIVE_TOLERANCE = 1e-12  # L-BFGS-B stops when a step improves the objective by less than this
TARGET_GRADIENT = 1e-8  # L-BFGS-B stops when no log-parameter moves the objective more than this
# an optimum: no log-parameter moves the mean log-likelihood more than GRADIENT_TOLERANCE, or a
# Newton step could gain at most GAIN_TOLERANCE of log-likelihood over all customers
GRADIENT_TOLERANCE = 1e-5
GAIN_TOLERANCE = 1e-3
LOG_BOUND = float(np.log(1e5))  # each parameter within a factor 100,000 of its start value
BOUND_SLACK = 1e-4  # a log-parameter this close to its bound is on it


def _projected_gradient(gradient: np.ndarray, point: np.ndarray, bounds) -> np.ndarray:
    """The gradient without the components that push against a bound the point lies on."""
    lower = np.array([low for low, _ in bounds])
    upper = np.array([high for _, high in bounds])
    at_lower = (point <= lower + BOUND_SLACK) & (gradient > 0)
    at_upper = (point >= upper - BOUND_SLACK) & (gradient < 0)
    return np.where(at_lower | at_upper, 0.0, gradient)


def _newton_gain(gradient, point: np.ndarray, projected: np.ndarray, customers: float) -> float:
    """The log-likelihood a Newton step from `point` could still gain over all customers,
    customers * g' H^-1 g / 2 over the parameters not held by a bound (inf when the Hessian
    there is not positive definite)."""
    free = projected != 0
    steps = 1e-5 * np.eye(point.size)
    hessian = np.column_stack([(gradient(point + h) - gradient(point - h)) / 2e-5 for h in steps])
    hessian = (hessian + hessian.T)[np.ix_(free, free)] / 2
    try:
        np.linalg.cholesky(hessian)
    except np.linalg.LinAlgError:
        return float("inf")
    g = projected[free]
    return float(customers * g @ np.linalg.solve(hessian, g) / 2)


def _minimise(
    objective, start: np.ndarray, gradient, bounds, analytic: bool = True, customers: float = 1.0
):
    """Minimise the mean negative log-likelihood over log-parameters within `bounds`.

    L-BFGS-B with the gradient (without an analytic one, L-BFGS-B's own forward differences,
    which reuse the objective value) and a relative tolerance; converged means the projected gradient
    is below GRADIENT_TOLERANCE wherever the optimiser stopped, or a Newton step from there could
    gain at most GAIN_TOLERANCE of log-likelihood (on a flat ridge the gradient stays a little
    above the first test while nothing is left to gain). L-BFGS-B reports an 'abnormal' line
    search when it stands on the optimum and cannot improve on it in double precision: that is an
    optimum, not a failure. Only when the test fails, Nelder-Mead from the point reached, then
    L-BFGS-B again.
    """

    def run(point):
        return optimize.minimize(
            objective,
            point,
            jac=gradient if analytic else None,
            method="L-BFGS-B",
            bounds=bounds,
            options={"maxiter": 2000, "ftol": RELATIVE_TOLERANCE, "gtol": TARGET_GRADIENT},
        )

    def at_optimum(result) -> bool:
        if not np.all(np.isfinite(result.x)) or not np.isfinite(result.fun):
            return False
        projected = _projected_gradient(gradient(result.x), result.x, bounds)
        if np.max(np.abs(projected)) <= GRADIENT_TOLERANCE:
            return True
        return _newton_gain(gradient, result.x, projected, customers) <= GAIN_TOLERANCE

    first = run(start)
    if at_optimum(first):
        return first, True, str(first.message), int(first.nit)
    coarse = optimize.minimize(
        objective,
        first.x if np.all(np.isfinite(first.x)) else start,
        method="Nelder-Mead",
        bounds=bounds,
        options={"maxiter": 4000, "xatol": 1e-8, "fatol": 1e-12},
    )
    fine = run(coarse.x)
    best = min((first, coarse, fine), key=lambda result: result.fun)
    converged = at_optimum(best)
    message = f"{first.message}; then Nelder-Mead: {coarse.message}; then {fine.message}"
    return best, converged, message, int(first.nit + coarse.nit + fine.nit)


def _bound_note(names: tuple[str, ...], log_estimate: np.ndarray, bounds) -> str:
    """Which parameters ended on a bound: the data do not tell larger (smaller) values apart."""
    notes = [
        f"{name} at its {'upper' if value >= high - BOUND_SLACK else 'lower'} bound"
        for name, value, (low, high) in zip(names, log_estimate, bounds, strict=True)
        if value <= low + BOUND_SLACK or value >= high - BOUND_SLACK
    ]
    if not notes:
        return ""
    return (
        "; " + ", ".join(notes) + " (the likelihood keeps rising towards the bound: "
        "the data cannot tell these values apart, predictions are those of the limit)"
    )


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
    positive parameters (optimised on the log scale, each within LOG_BOUND of `start`), with the
    analytic gradient, or differences of the objective when `gradient` is None)."""
    total_weight = float(np.sum(weights))

    def negative_ll(params: np.ndarray) -> float:
        if np.any(params <= 0):
            return np.inf
        return -float(np.sum(weights * log_likelihood(params, *columns)))

    def objective(log_params: np.ndarray) -> float:
        value = negative_ll(np.exp(log_params)) / total_weight
        return value if np.isfinite(value) else 1e300

    def objective_gradient(log_params: np.ndarray) -> np.ndarray:
        if gradient is None:  # central differences (for the convergence test)
            steps = np.eye(log_params.size) * 1e-6
            return np.array(
                [(objective(log_params + h) - objective(log_params - h)) / 2e-6 for h in steps]
            )
        params = np.exp(log_params)
        value = weights @ gradient(params, *columns) / total_weight
        return np.nan_to_num(-value * params, nan=0.0, posinf=1e300, neginf=-1e300)

    bounds = [(value - LOG_BOUND, value + LOG_BOUND) for value in start]
    result, converged, message, iterations = _minimise(
        objective,
        start,
        objective_gradient,
        bounds,
        analytic=gradient is not None,
        customers=total_weight,
    )
    estimate = np.exp(result.x)
    if not np.all(np.isfinite(estimate)):
        raise ClvFitError(f"{model} fit diverged ({message})")
    fit = Fit(
        params=dict(zip(names, map(float, estimate), strict=True)),
        standard_errors=_standard_errors(negative_ll, estimate, names),
        log_likelihood=-float(result.fun) * total_weight,
        converged=converged,
        message=message + _bound_note(names, result.x, bounds),
        customers=customers,
        iterations=iterations,
    )
    return fit, estimate


def _start(default: np.ndarray, names: tuple[str, ...], start: dict | None) -> np.ndarray:
    """Log start values: a previous fit's parameters (a warm start, e.g. the full fit for the
    backtest fit) where given and positive, else the defaults."""
    if not start:
        return np.log(default)
    values = [
        float(start[name]) if start.get(name) is not None and float(start[name]) > 0 else default[i]
        for i, name in enumerate(names)
    ]
    return np.log(np.array(values, dtype=float))


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


def _fit_purchase_model(model: str, names, log_likelihood, gradient, start_scale, x, t_x, T, start):
    """Maximum likelihood of a purchase model on (x, t_x, T), started from `start` (a warm start)
    or from 1 and mean(T) x start_scale for the scale parameters (alpha, beta)."""
    x, t_x, T = _check_rfm(x, t_x, T)
    if np.all(x == 0):
        raise ClvFitError(
            "no customer made a repeat purchase: purchase rate and drop-out cannot be "
            "estimated (use a longer calibration period)"
        )
    (ux, utx, uT), weights = _compress(x, t_x, T)
    scale = max(float(np.mean(T)), 1e-6) * start_scale
    default = np.array([scale if name in ("alpha", "beta") else 1.0 for name in names])
    fit, _ = _fit_maximum_likelihood(
        model,
        log_likelihood,
        gradient,
        (ux, utx, uT),
        weights,
        _start(default, names, start),
        names,
        customers=int(x.size),
    )
    return fit


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


# --- Pareto/NBD -------------------------------------------------------------------------------
# Schmittlein, Morrison & Colombo (1987); the likelihood as in Fader, Hardie & Lee (2005), "A note
# on deriving the Pareto/NBD model and related expressions". Unlike BG/NBD, a customer can drop out
# at any time, before a repeat purchase too, so a one-time buyer long gone is likely dead.

PARETO_NBD_PARAMS = ("r", "alpha", "s", "beta")


def _pareto_log_a0(params, x, t_x, T) -> np.ndarray:
    """log A0, the dropped-out-between-t_x-and-T part of the Pareto/NBD likelihood (without the
    factor s / (r + s + x)); -inf where t_x = T. With k = r + s + x and the larger of alpha, beta
    in the denominators, so the argument of the hypergeometric function lies in [0, 1):
    A0 = 2F1(k, b'; k + 1; |alpha - beta| / (m + t_x)) / (m + t_x)^k - (the same at T),
    m = max(alpha, beta), b' = s + 1 if alpha >= beta else r + x."""
    r, alpha, s, beta = params
    x = np.asarray(x, dtype=float)
    k = r + s + x
    larger = max(alpha, beta)
    second = s + 1 if alpha >= beta else r + x
    difference = abs(alpha - beta)

    def term(t) -> np.ndarray:
        hyper = special.hyp2f1(k, second, k + 1, difference / (larger + t))
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.log(hyper) - k * np.log(larger + t)

    at_last, at_end = term(t_x), term(T)
    with np.errstate(divide="ignore", invalid="ignore"):
        return at_last + np.log1p(-np.exp(np.minimum(at_end - at_last, 0.0)))


def _pareto_alive_term(params, x, T) -> np.ndarray:
    """log of the still-alive-at-T part: -(r + x) log(alpha + T) - s log(beta + T)."""
    r, alpha, s, beta = params
    return -(r + x) * np.log(alpha + T) - s * np.log(beta + T)


def pareto_nbd_log_likelihood(params, x, t_x, T) -> np.ndarray:
    """Log-likelihood of each customer's (x, t_x, T) under Pareto/NBD."""
    r, alpha, s, beta = params
    x = np.asarray(x, dtype=float)
    head = special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha) + s * np.log(beta)
    dropped = np.log(s / (r + s + x)) + _pareto_log_a0(params, x, t_x, T)
    return head + np.logaddexp(_pareto_alive_term(params, x, T), dropped)


def fit_pareto_nbd(x, t_x, T, start: dict | None = None) -> Fit:
    """Maximum-likelihood Pareto/NBD (r, alpha: purchase rate; s, beta: drop-out rate), on the
    same (x, t_x, T) as fit_bgnbd; the gradient by differences of the likelihood."""
    return _fit_purchase_model(
        "Pareto/NBD", PARETO_NBD_PARAMS, pareto_nbd_log_likelihood, None, 1 / 3, x, t_x, T, start
    )


def _pareto_dead_odds_log(params, x, t_x, T) -> np.ndarray:
    """log of P(dead) / P(alive) given x, t_x, T."""
    r, _, s, _ = params
    return (
        np.log(s / (r + s + x))
        + _pareto_log_a0(params, x, t_x, T)
        - _pareto_alive_term(params, x, T)
    )


def _pareto_probability_alive(params, x, t_x, T) -> np.ndarray:
    return np.exp(-np.logaddexp(0.0, _pareto_dead_odds_log(params, x, t_x, T)))


def _pareto_expected_purchases(params, t, x, t_x, T) -> np.ndarray:
    """E[Y(t) | x, t_x, T] = (r + x)(beta + T) / ((alpha + T)(s - 1))
    * (1 - ((beta + T) / (beta + T + t))^(s - 1)) * P(alive); at s = 1 the bracket over (s - 1)
    is its limit log((beta + T + t) / (beta + T))."""
    r, alpha, s, beta = params
    log_ratio = np.log(beta + T + t) - np.log(beta + T)
    horizon = log_ratio if abs(s - 1.0) < 1e-10 else -np.expm1(-(s - 1.0) * log_ratio) / (s - 1.0)
    return (
        (r + x) * (beta + T) / (alpha + T) * horizon * _pareto_probability_alive(params, x, t_x, T)
    )


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
