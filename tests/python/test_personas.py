"""Personas: deterministic k-means with k chosen by silhouette, numbered by value, and a clear
error when there are too few customers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kundenstamm.personas import PersonaError, PersonaSettings, customer_features, fit_personas


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
            "industry_segment": np.where(
                business, rng.choice(["craft", "retail", "software"], n), "private"
            ),
            "company_size_rank": np.where(business, rng.integers(1, 5, n), 0),
            "contact_roles_known": np.where(business, rng.integers(0, 4, n), 0),
            "has_decision_maker": np.where(business, rng.random(n) < 0.7, False).astype(int),
            "online_share": rng.random(n),
            "categories_bought": rng.integers(1, 6, n),
            "top_category_share": 0.4 + rng.random(n) * 0.6,
        }
    )


def test_personas_are_deterministic_and_numbered_by_value():
    customers = _customers(600)
    first, fit = fit_personas(customers, PersonaSettings(seed=5))
    second, _ = fit_personas(customers.sample(frac=1, random_state=1), PersonaSettings(seed=5))
    pd.testing.assert_frame_equal(first, second.sort_values("account_id").reset_index(drop=True))
    assert 2 <= fit["clusters_chosen"].iloc[0] <= 4
    assert set(first["persona_id"]) == set(range(1, fit["clusters_chosen"].iloc[0] + 1))
    features = customer_features(customers).merge(first, on="account_id")
    revenue = features.groupby("persona_id")["log_revenue_per_year"].mean()
    assert list(revenue.sort_values(ascending=False).index) == sorted(revenue.index)
    assert fit["persona_name"].is_unique
    assert dict(zip(fit["persona_id"], fit["persona_name"], strict=True)) == dict(
        zip(first["persona_id"], first["persona_name"], strict=False)
    )
    # business customers end up together in the most valuable persona
    top = first.merge(customers, on="account_id").query("persona_id == 1")
    assert (top["account_type"] == "company").mean() > 0.8


def test_too_few_customers_is_a_clear_error():
    with pytest.raises(PersonaError, match="buying customers"):
        fit_personas(_customers(10), PersonaSettings())
    with pytest.raises(PersonaError, match="min_clusters"):
        fit_personas(_customers(100), PersonaSettings(min_clusters=5, max_clusters=3))


def test_every_customer_gets_the_persona_of_its_nearest_centre_and_results_repeat(monkeypatch):
    """A base larger than the fit sample: the centres are fitted on the sample only, every
    customer (in the sample or not) gets the persona of the nearest centre of the chosen fit, and
    the same seed repeats the result exactly, whatever the input order."""
    from sklearn.cluster import KMeans

    from kundenstamm import personas

    fits = []

    class Recorded(KMeans):
        def fit(self, X, y=None, sample_weight=None):
            fits.append((self, len(X)))
            return super().fit(X, y, sample_weight)

    monkeypatch.setattr(personas, "KMeans", Recorded)
    customers = _customers(3000, seed=3)
    settings = PersonaSettings(seed=11, sample_size=800, silhouette_sample=300)
    assignments, fit = fit_personas(customers, settings)
    k = int(fit["clusters_chosen"].iloc[0])
    assert [rows for _, rows in fits] == [800, 800, 800]  # one fit per k, on the sample only
    model = next(model for model, _ in fits if model.n_clusters == k)
    assert len(assignments) == 3000 and len(fit) == k

    features = personas.customer_features(customers)
    matrix = personas.feature_matrix(features)
    to_each = np.column_stack([((matrix - c) ** 2).sum(axis=1) for c in model.cluster_centers_])
    nearest = to_each.argmin(axis=1)
    ordered = assignments.set_index("account_id").loc[features["account_id"]]
    # personas are the clusters renumbered by value: one persona per nearest centre
    pairs = set(zip(nearest.tolist(), ordered["persona_id"].tolist(), strict=True))
    assert len(pairs) == k == len({p for _, p in pairs}), pairs
    assert np.allclose(ordered["distance_to_center"], np.sqrt(to_each.min(axis=1)))
    assert (model.predict(matrix) == nearest).all()

    again, again_fit = fit_personas(customers.sample(frac=1, random_state=2), settings)
    pd.testing.assert_frame_equal(assignments, again)
    pd.testing.assert_frame_equal(fit, again_fit)


def test_nearest_centres_breaks_ties_to_the_lower_centre():
    from kundenstamm.personas import nearest_centres

    centres = np.array([[0.0, 0.0], [2.0, 0.0], [0.0, 4.0]])
    points = np.array([[1.0, 0.0], [1.9, 0.1], [0.0, 3.0], [-1.0, -1.0]])
    labels, distances = nearest_centres(points, centres)
    assert labels.tolist() == [0, 1, 2, 0]
    assert np.allclose(distances, [1.0, np.hypot(0.1, 0.1), 1.0, np.sqrt(2.0)])


def test_sample_settings_are_checked():
    with pytest.raises(PersonaError, match="persona_sample_size"):
        fit_personas(_customers(100), PersonaSettings(sample_size=100, silhouette_sample=500))
    with pytest.raises(PersonaError, match="persona_silhouette_sample"):
        fit_personas(_customers(100), PersonaSettings(silhouette_sample=3))


def test_industry_is_one_feature_of_the_same_weight_as_the_others():
    """By hand: four customers whose numeric features are all equal except the industry; the
    standardised numeric columns are then 0, and two customers of different industries are
    sqrt(2 x (1/sqrt 2)^2) = 1 apart, as one standard deviation of one numeric feature."""
    from kundenstamm.personas import FEATURES, feature_matrix

    features = pd.DataFrame({name: [1.0, 1.0, 1.0, 1.0] for name in FEATURES})
    features["industry_segment"] = ["retail", "retail", "craft", "private"]
    matrix = feature_matrix(features)
    assert matrix.shape == (4, len(FEATURES) + 3)  # columns craft, private, retail
    assert np.allclose(matrix[:, : len(FEATURES)], 0)
    assert np.isclose(np.linalg.norm(matrix[0] - matrix[1]), 0)
    assert np.isclose(np.linalg.norm(matrix[0] - matrix[2]), 1)
    assert np.isclose(np.linalg.norm(matrix[2] - matrix[3]), 1)
