"""Customer lifetime value: historical, formula and predictive (BG/NBD or Pareto/NBD +
Gamma-Gamma)."""

from kundenstamm.clv.models import (
    ClvFitError,
    Fit,
    discounted_clv,
    expected_average_value,
    expected_purchases,
    expected_purchases_new_customer,
    fit_bgnbd,
    fit_gamma_gamma,
    fit_pareto_nbd,
    probability_alive,
    retention_clv,
    simple_clv,
)
from kundenstamm.clv.summary import holdout_purchases, rfm_summary

__all__ = [
    "ClvFitError",
    "Fit",
    "discounted_clv",
    "expected_average_value",
    "expected_purchases",
    "expected_purchases_new_customer",
    "fit_bgnbd",
    "fit_gamma_gamma",
    "fit_pareto_nbd",
    "holdout_purchases",
    "probability_alive",
    "retention_clv",
    "rfm_summary",
    "simple_clv",
]
