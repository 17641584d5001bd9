"""CLV models reproduce the published CDNOW results, the formula views hold, and bad input gives
a clear error instead of NaN."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import read_cdnow_sample

from kundenstamm.clv import (
    ClvFitError,
    discounted_clv,
    expected_average_value,
    expected_purchases,
    expected_purchases_new_customer,
    fit_bgnbd,
    fit_gamma_gamma,
    fit_pareto_nbd,
    holdout_purchases,
    probability_alive,
    retention_clv,
    rfm_summary,
    simple_clv,
)


@pytest.fixture(scope="module")
def cdnow():
    transactions = read_cdnow_sample()
    summary = rfm_summary(transactions, "customer", "date", "dollars", "1997-09-30", "W")
    return transactions, summary


@pytest.fixture(scope="module")
def cdnow_fits(cdnow):
    _, summary = cdnow
    bgnbd = fit_bgnbd(summary["frequency"], summary["recency"], summary["T"])
    repeat = summary[summary["frequency"] > 0]
    spend = fit_gamma_gamma(repeat["frequency"], repeat["monetary_value"])
    return bgnbd, spend


def test_cdnow_summary_matches_the_paper(cdnow):
    _, summary = cdnow
    assert len(summary) == 2357
    assert int((summary["frequency"] > 0).sum()) == 946
    # the customer of the paper's example: first purchase 1997-01-01 -> T = 272 / 7 weeks
    assert summary["T"].max() == pytest.approx(38.86, abs=0.005)


def test_bgnbd_reproduces_fader_hardie_lee_2005(cdnow_fits):
    bgnbd, _ = cdnow_fits
    published = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
    for name, value in published.items():
        assert bgnbd.params[name] == pytest.approx(value, rel=0.01), name
    assert bgnbd.log_likelihood == pytest.approx(-9582.4, abs=0.1)
    assert bgnbd.converged
    assert all(np.isfinite(se) and se > 0 for se in bgnbd.standard_errors.values())


def test_example_customer_expects_1_226_purchases(cdnow_fits):
    bgnbd, _ = cdnow_fits
    assert expected_purchases(bgnbd, 39, 2, 30.43, 38.86)[0] == pytest.approx(1.226, abs=0.005)


def test_gamma_gamma_reproduces_fader_hardie_lee_2005(cdnow_fits):
    _, spend = cdnow_fits
    assert spend.customers == 946
    for name, value in {"p": 6.25, "q": 3.74, "gamma": 15.44}.items():
        assert spend.params[name] == pytest.approx(value, rel=0.01), name


def test_holdout_total_is_close_to_the_prediction(cdnow, cdnow_fits):
    transactions, summary = cdnow
    bgnbd, _ = cdnow_fits
    actual = holdout_purchases(transactions, "customer", "date", "1997-09-30", "1998-06-30")
    predicted = expected_purchases(
        bgnbd, 39, summary["frequency"], summary["recency"], summary["T"]
    )
    # 1,882 repeat purchase days in the 39-week holdout; the model predicts 1,653 (-12 %), which is
    # how far the aggregate forecast is off on this sample (it tracks the timing, not the level)
    assert int(actual.sum()) == 1882
    assert predicted.sum() == pytest.approx(1653.4, abs=1.0)
    assert abs(predicted.sum() / actual.sum() - 1) < 0.15


def test_probability_alive_is_one_without_repeats_and_grows_with_recency(cdnow_fits):
    bgnbd, _ = cdnow_fits
    assert probability_alive(bgnbd, 0, 0, 30)[0] == 1.0
    recent, old = probability_alive(bgnbd, [3, 3], [30, 5], [32, 32])
    assert 0 < old < recent < 1


def test_expected_value_shrinks_towards_the_population_mean(cdnow_fits):
    _, spend = cdnow_fits
    p, q, gamma = spend.params["p"], spend.params["q"], spend.params["gamma"]
    population = p * gamma / (q - 1)
    one, many = expected_average_value(spend, [1, 20], [100.0, 100.0])
    assert population < one < many < 100.0
    assert expected_average_value(spend, [0], [0.0])[0] == pytest.approx(population)


def test_discounted_clv_by_hand(cdnow_fits):
    bgnbd, spend = cdnow_fits
    x, t_x, T, m = 2, 30.43, 38.86, 50.0
    value = expected_average_value(spend, [x], [m])[0]
    by_hand = 0.0
    previous = 0.0
    for period in (1, 2, 3):
        cumulative = expected_purchases(bgnbd, period * 13, x, t_x, T)[0]
        by_hand += (cumulative - previous) * value * 0.3 / 1.02**period
        previous = cumulative
    result = discounted_clv(
        bgnbd,
        spend,
        [x],
        [t_x],
        [T],
        [m],
        horizon_periods=3,
        period_length=13,
        discount_rate=0.02,
        margin=0.3,
    )
    assert result[0] == pytest.approx(by_hand, rel=1e-12)
    assert result[0] > 0


def test_new_customer_expectation_increases_with_time(cdnow_fits):
    bgnbd, _ = cdnow_fits
    few, more = expected_purchases_new_customer(bgnbd, [10.0, 52.0])
    assert 0 < few < more


def test_formula_clv_domain_example():
    # 20 EUR a month for 48 months = 960 EUR revenue, minus 260 EUR costs = 700 EUR
    assert simple_clv(20, 48, 260) == 700
    # retention form m r / (1 + d - r): m = 100, r = 0.8, d = 0.1 -> 80 / 0.3 = 266.67
    assert retention_clv(100, 0.8, 0.1) == pytest.approx(266.6666667)
    with pytest.raises(ClvFitError, match="retention"):
        retention_clv(100, 1.2, 0.1)


def test_bad_input_gives_clear_errors():
    with pytest.raises(ClvFitError, match="no customers"):
        fit_bgnbd([], [], [])
    with pytest.raises(ClvFitError, match="no customer made a repeat purchase"):
        fit_bgnbd([0, 0, 0], [0, 0, 0], [10, 20, 30])
    with pytest.raises(ClvFitError, match="exceeds T"):
        fit_bgnbd([1, 2], [5, 40], [10, 30])
    with pytest.raises(ClvFitError, match="negative"):
        fit_bgnbd([1, -1], [5, 0], [10, 30])
    with pytest.raises(ClvFitError, match="missing"):
        fit_bgnbd([1, np.nan], [5, 0], [10, 30])
    with pytest.raises(ClvFitError, match="no repeat buyers"):
        fit_gamma_gamma([0, 0], [0, 0])
    # too few repeat buyers with a positive mean: the error names the ones left out
    with pytest.raises(
        ClvFitError, match=r"9 repeat buyers with a positive.*1 with average repeat"
    ):
        fit_gamma_gamma([1] * 10, [10.0] * 9 + [0.0])


def test_gamma_gamma_leaves_out_zero_and_negative_spend_and_says_so(cdnow, cdnow_fits):
    """Two repeat buyers whose repeat purchases were worth 0 (a free sample, a 100 % voucher),
    one whose returns exceeded the purchases and one without a value, added to the 946 CDNOW
    repeat buyers: the fit is the published one on the 946 (they are left out, not fitted), the
    four are counted by reason, and each still gets an expected value."""
    _, summary = cdnow
    _, published = cdnow_fits
    repeat = summary[summary["frequency"] > 0]
    x = np.concatenate([repeat["frequency"].to_numpy(float), [1, 3, 2, 1]])
    m = np.concatenate([repeat["monetary_value"].to_numpy(float), [0.0, 0.0, -12.5, np.nan]])
    spend = fit_gamma_gamma(x, m)
    assert spend.converged and spend.customers == 946
    for name in ("p", "q", "gamma"):
        assert spend.params[name] == pytest.approx(published.params[name], rel=1e-6)
    assert spend.extra["excluded"] == {"zero_spend": 2, "negative_spend": 1, "missing_spend": 1}
    assert "4 repeat buyers left out: 2 with average repeat spend 0" in spend.message
    # the customer with x = 3 and m = 0: p * gamma / (p * 3 + q - 1), by hand with the estimates
    p, q, gamma = (spend.params[name] for name in ("p", "q", "gamma"))
    value = expected_average_value(spend, [3, 2], [0.0, -12.5])
    assert value[0] == pytest.approx(p * gamma / (3 * p + q - 1), rel=1e-12)
    assert value[1] == pytest.approx(p * gamma / (2 * p + q - 1), rel=1e-12)  # m < 0 counts as 0


def _simulate(rng, n, r, alpha, a, b, p, q, gamma, weeks):
    """Customers observed for `weeks` from their first purchase: BG/NBD purchases, GG spend."""
    lam = rng.gamma(r, 1 / alpha, n)
    drop = rng.beta(a, b, n)
    T = rng.uniform(weeks / 3, weeks, n)
    x = np.zeros(n)
    t_x = np.zeros(n)
    for i in range(n):
        t, alive = 0.0, True
        while alive:
            t += rng.exponential(1 / lam[i])
            if t > T[i]:
                break
            x[i] += 1
            t_x[i] = t
            alive = rng.random() >= drop[i]
    nu = rng.gamma(q, 1 / gamma, n)
    m = np.array(
        [rng.gamma(p, 1 / nu[i], int(k)).mean() if k > 0 else 0.0 for i, k in enumerate(x)]
    )
    return x, t_x, T, m


def test_fit_recovers_the_true_parameters_of_simulated_data():
    truth = {"r": 0.5, "alpha": 6.0, "a": 0.8, "b": 3.0, "p": 6.0, "q": 4.0, "gamma": 30.0}
    x, t_x, T, m = _simulate(np.random.default_rng(3), 20000, weeks=104, **truth)
    bgnbd = fit_bgnbd(x, t_x, T)
    spend = fit_gamma_gamma(x, m)
    # 20k customers: standard errors are a few percent; allow 3 standard errors
    for name in ("r", "alpha", "a", "b"):
        assert abs(bgnbd.params[name] - truth[name]) < 3 * bgnbd.standard_errors[name], name
    for name in ("p", "q", "gamma"):
        assert abs(spend.params[name] - truth[name]) < 3 * spend.standard_errors[name], name


def test_analytic_gradients_match_finite_differences(cdnow):
    """The fits use analytic gradients; they must agree with central differences of the
    log-likelihood (summed over the CDNOW customers) at a point away from the optimum."""
    from scipy.optimize import approx_fprime

    from kundenstamm.clv.models import (
        bgnbd_log_likelihood,
        bgnbd_log_likelihood_gradient,
        gamma_gamma_log_likelihood,
        gamma_gamma_log_likelihood_gradient,
    )

    _, summary = cdnow
    x, t_x, T = (summary[c].to_numpy(float) for c in ("frequency", "recency", "T"))
    point = np.array([0.4, 6.0, 1.1, 3.0])
    analytic = bgnbd_log_likelihood_gradient(point, x, t_x, T).sum(axis=0)
    numeric = approx_fprime(point, lambda p: bgnbd_log_likelihood(p, x, t_x, T).sum(), 1e-6)
    np.testing.assert_allclose(analytic, numeric, rtol=1e-4)

    repeat = summary[summary["frequency"] > 0]
    x, m = repeat["frequency"].to_numpy(float), repeat["monetary_value"].to_numpy(float)
    point = np.array([5.0, 3.0, 12.0])
    analytic = gamma_gamma_log_likelihood_gradient(point, x, m).sum(axis=0)
    numeric = approx_fprime(point, lambda p: gamma_gamma_log_likelihood(p, x, m).sum(), 1e-6)
    np.testing.assert_allclose(analytic, numeric, rtol=1e-4)


def test_pareto_nbd_reproduces_the_published_cdnow_fit(cdnow):
    """Pareto/NBD on the CDNOW sample calibration period (39 weeks to 1997-09-30): r = 0.553,
    alpha = 10.58, s = 0.606, beta = 11.66, log-likelihood -9595.0 (Fader, Hardie & Lee 2005;
    the BTYD package's vignette)."""
    _, summary = cdnow
    fit = fit_pareto_nbd(summary["frequency"], summary["recency"], summary["T"])
    assert fit.converged, fit.message
    published = {"r": 0.553, "alpha": 10.58, "s": 0.606, "beta": 11.66}
    tolerance = {"r": 0.002, "alpha": 0.02, "s": 0.002, "beta": 0.02}
    for name, value in published.items():
        assert fit.params[name] == pytest.approx(value, abs=tolerance[name]), name
    assert fit.log_likelihood == pytest.approx(-9595.0, abs=0.1)
    assert "Nelder-Mead" not in fit.message  # no fallback needed


def test_pareto_nbd_by_hand_when_alpha_equals_beta():
    """With alpha = beta the hypergeometric terms are 1 and everything is closed-form:
    P(alive) = 1 / (1 + s / (r + s + x) * (((alpha + T) / (alpha + t_x))^(r + s + x) - 1)).
    r = 1, alpha = beta = 10, s = 1, a one-time buyer seen for 52 weeks: k = 2,
    (62 / 10)^2 - 1 = 37.44, odds 0.5 * 37.44 = 18.72, P(alive) = 1 / 19.72 = 0.0507 (BG/NBD
    would say 1). x = 2, t_x = 40, T = 52: k = 4, (62 / 50)^4 - 1 = 1.36422, odds 1/4 of it,
    P = 1 / 1.34106 = 0.74568. Expected purchases in 26 weeks for the latter, with s = 2 instead
    (odds (2/5)((62/50)^5 - 1) = 0.4 * 1.93163 = 0.77265, P = 0.56413): (r + x)(beta + T) /
    ((alpha + T)(s - 1)) * (1 - (62 / 88)) * P = 3 * 0.29545 * 0.56413 = 0.50002."""
    from kundenstamm.clv.models import Fit, probability_alive

    def fit(**params):
        return Fit(params, {}, 0.0, True, "", 1)

    p = probability_alive(fit(r=1.0, alpha=10.0, s=1.0, beta=10.0), [0, 2], [0, 40], [52, 52])
    assert p[0] == pytest.approx(1 / (1 + 0.5 * ((62 / 10) ** 2 - 1)), rel=1e-10)
    assert p[0] == pytest.approx(0.0507, abs=1e-4)
    assert p[1] == pytest.approx(1 / (1 + 0.25 * ((62 / 50) ** 4 - 1)), rel=1e-10)
    two = fit(r=1.0, alpha=10.0, s=2.0, beta=10.0)
    alive = 1 / (1 + 0.4 * ((62 / 50) ** 5 - 1))
    expected = expected_purchases(two, 26, 2, 40, 52)
    assert expected[0] == pytest.approx(3 * (1 - 62 / 88) * alive, rel=1e-10)
    assert expected[0] == pytest.approx(0.50002, abs=1e-4)


@pytest.mark.parametrize("alpha, beta", [(10.58, 11.66), (4.0, 20.0), (30.0, 2.5)])
def test_pareto_nbd_likelihood_matches_numerical_integration(alpha, beta):
    """The likelihood written with the hypergeometric function (both branches, alpha >= beta and
    alpha < beta) equals its definition: alive at T, or dropped out at some tau in (t_x, T],
    integrated numerically: Gamma(r + x) alpha^r beta^s / Gamma(r) * [(alpha + T)^-(r + x)
    (beta + T)^-s + s * int (alpha + tau)^-(r + x) (beta + tau)^-(s + 1) dtau]."""
    from scipy import integrate, special

    from kundenstamm.clv.models import pareto_nbd_log_likelihood

    r, s = 0.55, 0.61
    for x, t_x, T in [(0, 0.0, 30.0), (3, 12.5, 38.0), (12, 35.0, 39.0), (2, 39.0, 39.0)]:
        tail, _ = integrate.quad(
            lambda tau, x=x: (alpha + tau) ** -(r + x) * (beta + tau) ** -(s + 1),
            t_x,
            T,
            epsabs=0,
            epsrel=1e-12,
        )
        head = special.gamma(r + x) * alpha**r * beta**s / special.gamma(r)
        expected = np.log(head * ((alpha + T) ** -(r + x) * (beta + T) ** -s + s * tail))
        value = pareto_nbd_log_likelihood((r, alpha, s, beta), np.array([x]), t_x, T)[0]
        assert value == pytest.approx(expected, rel=1e-10, abs=1e-10), (x, t_x, T)


def test_one_time_buyers_can_be_dead_under_pareto_nbd(cdnow):
    """BG/NBD says P(alive) = 1 for every one-time buyer; under Pareto/NBD it falls with the time
    since the only purchase."""
    _, summary = cdnow
    fit = fit_pareto_nbd(summary["frequency"], summary["recency"], summary["T"])
    p = probability_alive(fit, [0, 0, 0], [0, 0, 0], [2.0, 20.0, 38.0])
    assert np.all(np.diff(p) < 0) and p[0] < 1 and p[2] < 0.5


def test_fits_converge_without_fallback_and_warm_starts_take_fewer_steps(cdnow, cdnow_fits):
    """The relative tolerance ends the fits on the optimum with L-BFGS-B alone (no Nelder-Mead),
    and a warm start from the published estimates needs fewer iterations than a cold one."""
    _, summary = cdnow
    bgnbd, spend = cdnow_fits
    for fit in (bgnbd, spend):
        assert fit.converged and "Nelder-Mead" not in fit.message and fit.iterations < 60
    warm = fit_bgnbd(summary["frequency"], summary["recency"], summary["T"], start=bgnbd.params)
    assert warm.converged and warm.iterations < bgnbd.iterations
    for name in bgnbd.params:
        assert warm.params[name] == pytest.approx(bgnbd.params[name], rel=1e-4)


def test_fit_at_the_bound_converges_and_says_so():
    """Drop-out the same for everyone (every customer drops out with p = 0.2 after each repeat
    purchase): the BG/NBD likelihood rises as a and b grow with a / (a + b) = 0.2, the maximum
    lies at infinity. The fit stops at the bound (a factor 100,000 from the start), counts as
    converged (no parameter can improve it within the bounds) and says which parameter is there."""
    # 300 customers, as in a segment at a past as-of date; Beta(2e4, 8e4) is p = 0.2 for everyone
    x, t_x, T, _ = _simulate(
        np.random.default_rng(3), 300, 1.0, 6.0, 2e4, 8e4, 6.0, 4.0, 30.0, weeks=60
    )
    fit = fit_bgnbd(x, t_x, T)
    assert fit.converged, fit.message
    assert "at its upper bound" in fit.message
    assert fit.params["a"] / (fit.params["a"] + fit.params["b"]) == pytest.approx(0.2, abs=0.05)


def test_distinct_rows_and_counts_are_those_of_numpy_unique():
    from kundenstamm.clv.fitting import _compress

    rng = np.random.default_rng(3)
    x = rng.integers(0, 4, 5_000).astype(float)
    t_x = np.round(rng.uniform(0, 3, 5_000), 1)
    T = np.round(rng.uniform(3, 5, 5_000), 1)
    (ux, utx, uT), counts = _compress(x, t_x, T)
    unique, expected = np.unique(np.column_stack((x, t_x, T)), axis=0, return_counts=True)
    assert np.array_equal(np.column_stack((ux, utx, uT)), unique)
    assert np.array_equal(counts, expected)
    assert counts.sum() == 5_000
    empty, no_counts = _compress(np.zeros(0), np.zeros(0))
    assert [len(column) for column in empty] == [0, 0] and len(no_counts) == 0


def test_distinct_rows_say_where_each_input_row_is():
    from kundenstamm.clv.fitting import _distinct

    rng = np.random.default_rng(5)
    x = rng.integers(0, 4, 2_000).astype(float)
    t = np.round(rng.uniform(0, 3, 2_000), 1)
    (ux, ut), counts, where = _distinct(x, t)
    assert np.array_equal(ux[where], x) and np.array_equal(ut[where], t)
    assert np.array_equal(np.bincount(where), counts)


def test_likelihoods_per_distinct_count_and_point_equal_those_row_by_row(cdnow):
    """The fits evaluate gammaln(r + x) and the like once per purchase count, and the Pareto/NBD
    hypergeometric term once per distinct (x, t): the log-likelihoods are exactly those of each
    customer's row alone (where neither shortcut applies)."""
    from kundenstamm.clv.fitting import _PerCount
    from kundenstamm.clv.models import bgnbd_log_likelihood, gamma_gamma_log_likelihood
    from kundenstamm.clv.pareto import pareto_nbd_log_likelihood, term_points

    _, summary = cdnow
    x, t_x, T = (summary[c].to_numpy(float) for c in ("frequency", "recency", "T"))
    assert _PerCount(x).index is not None  # 2,357 rows, counts 0 to 29: once per count
    assert _PerCount(np.array([0.0, 40.0])).index is None  # more counts than rows: row by row
    assert _PerCount(x + 0.5).index is None  # not counts: row by row
    pareto, bgnbd = (0.55, 10.58, 0.61, 11.66), (0.24, 4.41, 0.79, 2.43)
    points = term_points(x, t_x, T)
    assert len(points.x) < len(x)  # 2,357 customers, fewer distinct (x, t)
    together = pareto_nbd_log_likelihood(pareto, x, t_x, T, points)
    alone = [pareto_nbd_log_likelihood(pareto, x[i : i + 1], t_x[i], T[i])[0] for i in range(50)]
    assert np.array_equal(together[:50], alone)
    together = bgnbd_log_likelihood(bgnbd, x, t_x, T)
    alone = [
        bgnbd_log_likelihood(bgnbd, x[i : i + 1], t_x[i : i + 1], T[i : i + 1])[0]
        for i in range(50)
    ]
    assert np.array_equal(together[:50], alone)
    repeat = summary[summary["frequency"] > 0]
    x, m = repeat["frequency"].to_numpy(float), repeat["monetary_value"].to_numpy(float)
    together = gamma_gamma_log_likelihood((6.25, 3.74, 15.44), x, m)
    alone = [gamma_gamma_log_likelihood((6.25, 3.74, 15.44), x[i : i + 1], m[i]) for i in range(50)]
    assert np.array_equal(together[:50], np.concatenate(alone))


def test_standard_errors_from_the_gradient_match_those_from_the_likelihood(cdnow):
    """With an analytic gradient the Hessian is taken from differences of the gradient (8
    gradients instead of 40 likelihoods for four parameters); the standard errors agree with the
    second differences of the likelihood."""
    from kundenstamm.clv import models
    from kundenstamm.clv.fitting import _standard_errors

    _, summary = cdnow
    rows = tuple(summary[c].to_numpy(float) for c in ("frequency", "recency", "T"))
    estimate = np.array([0.2426, 4.4136, 0.7929, 2.4259])

    def negative_ll(params):
        return -models.bgnbd_log_likelihood(params, *rows).sum()

    def negative_ll_gradient(params):
        return -models.bgnbd_log_likelihood_gradient(params, *rows).sum(axis=0)

    names = models.BGNBD_PARAMS
    by_values = _standard_errors(negative_ll, estimate, names)
    by_gradient = _standard_errors(negative_ll, estimate, names, negative_ll_gradient)
    for name in names:
        assert by_gradient[name] == pytest.approx(by_values[name], rel=1e-5), name
