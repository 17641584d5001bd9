"""Pareto/NBD (Schmittlein, Morrison & Colombo 1987) by maximum likelihood, with the likelihood,
P(alive) and the conditional expected purchases as in Fader, Hardie & Lee (2005), "A note on
deriving the Pareto/NBD model and related expressions". Written with the Gauss hypergeometric
function of scipy; the published CDNOW parameters are a test."""

from __future__ import annotations

import numpy as np
from scipy import special

from kundenstamm.clv.fitting import Fit, _fit_purchase_model

# Unlike BG/NBD, a customer can drop out at any time, before a repeat purchase too, so a one-time
# buyer long gone is likely dead.

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
