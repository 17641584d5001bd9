"""Maximum likelihood for the CLV models: input checks, the weighted likelihood over distinct
(x, t_x, T) rows, the optimiser with its convergence test, bounds and warm starts, and standard
errors from the inverse Hessian. The models are in kundenstamm.clv.models and .pareto."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy import optimize


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


def _distinct(*columns: np.ndarray) -> tuple[list[np.ndarray], np.ndarray, np.ndarray]:
    """The distinct rows of the columns in lexicographic order (as np.unique(axis=0) gives them),
    how often each occurs and where each input row is among them (the inverse: unique[inverse]
    are the input rows). A lexsort and a comparison of neighbours, about 18 times faster than
    np.unique(axis=0) at 850,000 rows."""
    stacked = np.column_stack(columns)
    if len(stacked) == 0:
        empty = [stacked[:, i] for i in range(stacked.shape[1])]
        return empty, np.zeros(0), np.zeros(0, dtype=np.intp)
    order = np.lexsort(stacked.T[::-1])
    ordered = stacked[order]
    is_start = np.concatenate(([True], np.any(ordered[1:] != ordered[:-1], axis=1)))
    starts = np.flatnonzero(is_start)
    unique = ordered[starts]
    counts = np.diff(np.append(starts, len(ordered)))
    inverse = np.empty(len(ordered), dtype=np.intp)
    inverse[order] = np.cumsum(is_start) - 1
    return [unique[:, i] for i in range(unique.shape[1])], counts.astype(float), inverse


def _compress(*columns: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
    """The distinct rows of the columns and how often each occurs (see _distinct): the
    likelihood is evaluated once per distinct row."""
    unique, counts, _ = _distinct(*columns)
    return unique, counts


# --- numerical helpers ------------------------------------------------------------------------


class _PerCount:
    """Functions of the purchase counts x alone (gammaln(r + x), ...), computed once per count from
    min(x) to max(x) and looked up, when x are whole numbers >= 0 with fewer counts than rows (a
    million customers have a few hundred distinct counts, and gammaln row by row is most of a
    likelihood); else row by row. The same values either way: `function` must work element by
    element."""

    def __init__(self, x):
        self.x = np.asarray(x, dtype=float)
        self.index = None
        if self.x.size == 0:
            return
        counts = self.x.astype(np.intp)
        if not np.array_equal(counts, self.x):
            return
        lowest, highest = counts.min(), counts.max()
        if lowest >= 0 and highest - lowest < self.x.size / 2:
            self.values = np.arange(lowest, highest + 1, dtype=float)
            self.index = counts - lowest

    def __call__(self, function) -> np.ndarray:
        if self.index is None:
            return function(self.x)
        return function(self.values)[self.index]


def _hessian(function, point: np.ndarray, relative_step: float = 1e-4) -> np.ndarray:
    """Central-difference Hessian of a scalar function (each point evaluated once: the diagonal
    needs the centre twice per parameter)."""
    n = point.size
    steps = relative_step * np.maximum(np.abs(point), 1e-2)
    hessian = np.empty((n, n))
    values: dict[bytes, float] = {}

    def at(shifted: np.ndarray) -> float:
        key = shifted.tobytes()
        if key not in values:
            values[key] = function(shifted)
        return values[key]

    for i in range(n):
        for j in range(i, n):
            shift_i = np.zeros(n)
            shift_j = np.zeros(n)
            shift_i[i] = steps[i]
            shift_j[j] = steps[j]
            value = (
                at(point + shift_i + shift_j)
                - at(point + shift_i - shift_j)
                - at(point - shift_i + shift_j)
                + at(point - shift_i - shift_j)
            ) / (4 * steps[i] * steps[j])
            hessian[i, j] = hessian[j, i] = value
    return hessian


def _jacobian_of_gradient(gradient, point: np.ndarray, steps: np.ndarray) -> np.ndarray:
    """The Hessian as central differences of the gradient (2 n gradients instead of the 4 n^2
    function values of _hessian), made symmetric."""
    columns = []
    for i, step in enumerate(steps):
        shift = np.zeros(point.size)
        shift[i] = step
        columns.append((gradient(point + shift) - gradient(point - shift)) / (2 * step))
    jacobian = np.column_stack(columns)
    return (jacobian + jacobian.T) / 2


def _standard_errors(
    negative_ll, estimate: np.ndarray, names: tuple[str, ...], gradient=None
) -> dict[str, float]:
    """Standard errors from the inverse Hessian of the negative log-likelihood in the natural
    parameters (NaN where the Hessian is not positive definite); the Hessian from differences of
    the analytic `gradient` of the negative log-likelihood where there is one."""
    if gradient is None:
        hessian = _hessian(negative_ll, estimate)
    else:
        hessian = _jacobian_of_gradient(gradient, estimate, 1e-5 * np.maximum(estimate, 1e-2))
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
    hessian = _jacobian_of_gradient(gradient, point, np.full(point.size, 1e-5))[np.ix_(free, free)]
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

    def negative_ll_gradient(params: np.ndarray) -> np.ndarray:
        return -(weights @ gradient(params, *columns))

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
        standard_errors=_standard_errors(
            negative_ll, estimate, names, None if gradient is None else negative_ll_gradient
        ),
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


def _fit_purchase_model(
    model: str, names, log_likelihood, gradient, start_scale, x, t_x, T, start, prepare=None
):
    """Maximum likelihood of a purchase model on (x, t_x, T), started from `start` (a warm start)
    or from 1 and mean(T) x start_scale for the scale parameters (alpha, beta). `prepare`: turns
    the distinct (x, t_x, T) into the likelihood's columns (e.g. adds what it computes once)."""
    x, t_x, T = _check_rfm(x, t_x, T)
    if np.all(x == 0):
        raise ClvFitError(
            "no customer made a repeat purchase: purchase rate and drop-out cannot be "
            "estimated (use a longer calibration period)"
        )
    (ux, utx, uT), weights = _compress(x, t_x, T)
    columns = (ux, utx, uT) if prepare is None else prepare(ux, utx, uT)
    scale = max(float(np.mean(T)), 1e-6) * start_scale
    default = np.array([scale if name in ("alpha", "beta") else 1.0 for name in names])
    fit, _ = _fit_maximum_likelihood(
        model,
        log_likelihood,
        gradient,
        columns,
        weights,
        _start(default, names, start),
        names,
        customers=int(x.size),
    )
    return fit
