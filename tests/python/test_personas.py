"""Personas: deterministic k-means with k chosen by silhouette, numbered by value, and a clear
error when there are too few customers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kundenstamm.personas import PersonaError, PersonaSettings, fit_personas


def _customers(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    business = rng.random(n) < 0.3
    return pd.DataFrame(
        {
            "account_id": [f"A{i:05d}" for i in range(n)],
            "account_type": np.where(business, "company", "private"),
            "first_purchase_date": pd.Timestamp("2023-01-01"),
            "days_since_last_purchase": rng.integers(1, 700, n),
            "tenure_days": rng.integers(400, 1000, n),
            "lifetime_purchases": np.where(business, rng.integers(5, 30, n), rng.integers(1, 4, n)),
            "lifetime_revenue_eur": np.where(business, rng.gamma(5, 2000, n), rng.gamma(2, 60, n)),
            "discount_share": rng.random(n) * 0.2,
            "latest_nps_score": np.where(rng.random(n) < 0.4, rng.integers(0, 11, n), np.nan),
        }
    )


def test_personas_are_deterministic_and_numbered_by_value():
    customers = _customers(600)
    first, profiles = fit_personas(customers, PersonaSettings(seed=5))
    second, _ = fit_personas(customers.sample(frac=1, random_state=1), PersonaSettings(seed=5))
    pd.testing.assert_frame_equal(first, second.sort_values("account_id").reset_index(drop=True))
    assert 2 <= profiles["clusters_chosen"].iloc[0] <= 4
    assert set(first["persona_id"]) == set(range(1, profiles["clusters_chosen"].iloc[0] + 1))
    revenue = profiles.set_index("persona_id")["median_revenue_per_year_eur"]
    assert list(revenue.sort_values(ascending=False).index) == sorted(revenue.index)
    assert profiles["persona_name"].is_unique
    # business customers end up together in the most valuable persona
    top = first.merge(customers, on="account_id").query("persona_id == 1")
    assert (top["account_type"] == "company").mean() > 0.8


def test_too_few_customers_is_a_clear_error():
    with pytest.raises(PersonaError, match="buying customers"):
        fit_personas(_customers(10), PersonaSettings())
    with pytest.raises(PersonaError, match="min_clusters"):
        fit_personas(_customers(100), PersonaSettings(min_clusters=5, max_clusters=3))
