"""Pareto/NBD (Schmittlein, Morrison & Colombo 1987) by maximum likelihood, with the likelihood,
P(alive) and the conditional expected purchases as in Fader, Hardie & Lee (2005), "A note on
deriving the Pareto/NBD model and related expressions". Written with the Gauss hypergeometric
function of scipy; the published CDNOW parameters are a test."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special

from kundenstamm.clv.fitting import Fit, _distinct, _fit_purchase_model, _PerCount

# Unlike BG/NBD, a customer can drop out at any time, before a repeat purchase too, so a one-time
# buyer long gone is likely dead.

PARETO_NBD_PARAMS = ("r", "alpha", "s", "beta")


@dataclass(frozen=True)
class TermPoints:
    """The distinct (x, t) at which the hypergeometric term of A0 is needed (t = t_x and t = T of
    every row) and where each row's two are among them, so the term is evaluated once per distinct
    point instead of twice per row. With whole days, x takes a few hundred values and t a few
    thousand: the 630,000 distinct (x, t_x, T) of 850,000 customers share 125,000 points."""

    x: np.ndarray
    t: np.ndarray
    at_last: np.ndarray  # index of each row's (x, t_x)
    at_end: np.ndarray  # index of each row's (x, T)


def term_points(x, t_x, T) -> TermPoints:
    """The TermPoints of the rows (x, t_x, T) (broadcast against each other)."""
    x, t_x, T = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (x, t_x, T)))
    x, t_x, T = x.ravel(), t_x.ravel(), T.ravel()
    (point_x, point_t), _, where = _distinct(np.concatenate((x, x)), np.concatenate((t_x, T)))
    return TermPoints(point_x, point_t, where[: x.size], where[x.size :])


def _pareto_log_a0(params, x, t_x, T, points: TermPoints | None = None) -> np.ndarray:
    """log A0, the dropped-out-between-t_x-and-T part of the Pareto/NBD likelihood (without the
    factor s / (r + s + x)); -inf where t_x = T. With k = r + s + x and the larger of alpha, beta
    in the denominators, so the argument of the hypergeometric function lies in [0, 1):
    A0 = 2F1(k, b'; k + 1; |alpha - beta| / (m + t_x)) / (m + t_x)^k - (the same at T),
    m = max(alpha, beta), b' = s + 1 if alpha >= beta else r + x. `points`: term_points(x, t_x,
    T), computed once for the many likelihoods of a fit."""
    r, alpha, s, beta = params
    if points is None:
        points = term_points(x, t_x, T)
    shape = np.broadcast_shapes(np.shape(x), np.shape(t_x), np.shape(T))
    k = r + s + points.x
    larger = max(alpha, beta)
    second = s + 1 if alpha >= beta else r + points.x
    hyper = special.hyp2f1(k, second, k + 1, abs(alpha - beta) / (larger + points.t))
    with np.errstate(divide="ignore", invalid="ignore"):
        term = np.log(hyper) - k * np.log(larger + points.t)
    at_last, at_end = term[points.at_last], term[points.at_end]
    with np.errstate(divide="ignore", invalid="ignore"):
        log_a0 = at_last + np.log1p(-np.exp(np.minimum(at_end - at_last, 0.0)))
    return log_a0.reshape(shape)


def _pareto_alive_term(params, x, T) -> np.ndarray:
    """log of the still-alive-at-T part: -(r + x) log(alpha + T) - s log(beta + T)."""
    r, alpha, s, beta = params
    return -(r + x) * np.log(alpha + T) - s * np.log(beta + T)


def pareto_nbd_log_likelihood(params, x, t_x, T, points: TermPoints | None = None) -> np.ndarray:
    """Log-likelihood of each customer's (x, t_x, T) under Pareto/NBD (`points`: see
    _pareto_log_a0)."""
    r, alpha, s, beta = params
    x = np.asarray(x, dtype=float)
    per_count = _PerCount(x)
    head = per_count(
        lambda v: special.gammaln(r + v) - special.gammaln(r) + r * np.log(alpha) + s * np.log(beta)
    )
    dropped = per_count(lambda v: np.log(s / (r + s + v))) + _pareto_log_a0(
        params, x, t_x, T, points
    )
    return head + np.logaddexp(_pareto_alive_term(params, x, T), dropped)


def fit_pareto_nbd(x, t_x, T, start: dict | None = None) -> Fit:
    """Maximum-likelihood Pareto/NBD (r, alpha: purchase rate; s, beta: drop-out rate), on the
    same (x, t_x, T) as fit_bgnbd; the gradient by differences of the likelihood."""
    return _fit_purchase_model(
        "Pareto/NBD",
        PARETO_NBD_PARAMS,
        pareto_nbd_log_likelihood,
        None,
        1 / 3,
        x,
        t_x,
        T,
        start,
        prepare=lambda *rows: (*rows, term_points(*rows)),
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
