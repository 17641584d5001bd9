"""Data-driven customer types ("personas"): k-means clusters of buying customers.

The same function runs inside the dbt Python model on DuckDB and as a Python step on Spark, so
both targets give the same personas. Deterministic: fixed seed, fixed feature order, sorted input.

Method (its cost does not grow with the customer base, only the final assignment does): k-means is
fitted for each k on a fixed sample of `sample_size` customers (drawn with the seed from the
customers sorted by id), k is chosen by the silhouette score on a sub-sample of
`silhouette_sample` of them, and every customer is assigned to the nearest centre of the chosen
fit. Bases up to `sample_size` customers are clustered whole.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import StandardScaler

FEATURES = (
    "log_revenue_per_year",
    "purchases_per_year",
    "log_avg_order_value",
    "recency_days",
    "tenure_days",
    "is_b2b",
    "discount_share",
    "nps_score",
)
# Who the customer is and how they buy: read as they are from int_customers_persona_inputs,
# which gives each a value for every customer (not_null tests there).
PROFILE_FEATURES = (
    "company_size_rank",
    "contact_roles_known",
    "has_decision_maker",
    "online_share",
    "categories_bought",
    "top_category_share",
)
FEATURES = (*FEATURES, *PROFILE_FEATURES)
"""The numeric features, each standardised. The industry (`industry_segment`) is a categorical
feature on top: one column per industry, 1/sqrt(2) for the customer's own, so two customers of
different industries are as far apart as one standard deviation of one numeric feature."""

INDUSTRY_WEIGHT = 1 / np.sqrt(2)


class PersonaError(ValueError):
    """The customers cannot be clustered as asked (too few customers, bad settings)."""


class TooFewCustomersError(PersonaError):
    """Fewer buying customers than the number of personas asked for needs."""


@dataclass(frozen=True)
class PersonaSettings:
    """How many clusters to try, the random seed, the customers the centres are fitted on and
    the customers the silhouette score that chooses k is computed on (the dbt vars `persona_*`).
    `n_init`: k-means starts per k; 2 finds the same centres as 10 on the 100,000-customer
    benchmark for every k and seed tried (DECISIONLOG.md, "Personas")."""

    min_clusters: int = 2
    max_clusters: int = 4
    seed: int = 42
    sample_size: int = 20_000
    silhouette_sample: int = 5_000
    n_init: int = 2


def customer_features(customers: pd.DataFrame) -> pd.DataFrame:
    """Features per buying customer from dim_customers-like columns (one row per account_id)."""
    required = {
        "account_id",
        "account_type",
        "first_purchase_date",
        "days_since_last_purchase",
        "lifetime_purchases",
        "lifetime_revenue_eur",
        "discount_share",
        "latest_nps_score",
        "tenure_days",
        "industry_segment",
        *PROFILE_FEATURES,
    }
    missing = required - set(customers.columns)
    if missing:
        raise PersonaError(f"customer table lacks column(s): {', '.join(sorted(missing))}")
    data = customers[customers["first_purchase_date"].notna()].sort_values("account_id")
    years = np.maximum(data["tenure_days"].astype(float), 365.0) / 365.0
    revenue = data["lifetime_revenue_eur"].astype(float).clip(lower=0)
    purchases = data["lifetime_purchases"].astype(float).clip(lower=1)
    features = pd.DataFrame(
        {
            "account_id": data["account_id"].to_numpy(),
            "log_revenue_per_year": np.log1p(revenue / years).to_numpy(),
            "purchases_per_year": (purchases / years).to_numpy(),
            "log_avg_order_value": np.log1p(revenue / purchases).to_numpy(),
            "recency_days": data["days_since_last_purchase"].astype(float).to_numpy(),
            "tenure_days": data["tenure_days"].astype(float).to_numpy(),
            "is_b2b": (data["account_type"] == "company").astype(float).to_numpy(),
            "discount_share": data["discount_share"].astype(float).fillna(0).to_numpy(),
            # customers who never answered the survey get the population median
            "nps_score": data["latest_nps_score"].astype(float).to_numpy(),
            **{name: data[name].astype(float).to_numpy() for name in PROFILE_FEATURES},
            "industry_segment": data["industry_segment"].fillna("unknown").astype(str).to_numpy(),
        }
    )
    median = features["nps_score"].median()
    features["nps_score"] = features["nps_score"].fillna(7.0 if np.isnan(median) else median)
    return features.reset_index(drop=True)


def feature_matrix(features: pd.DataFrame) -> np.ndarray:
    """The matrix k-means reads: the standardised numeric FEATURES, then one column per industry
    (in name order) holding INDUSTRY_WEIGHT for the customer's industry and 0 otherwise."""
    numeric = StandardScaler().fit_transform(features[list(FEATURES)].to_numpy())
    industry = features["industry_segment"].to_numpy()
    levels = np.array(sorted(set(industry)))
    one_hot = (industry[:, None] == levels[None, :]).astype(float) * INDUSTRY_WEIGHT
    return np.hstack([numeric, one_hot])


def fit_personas(
    customers: pd.DataFrame, settings: PersonaSettings | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Cluster buying customers; return (assignments per customer, the fit per persona: its
    name, the k chosen and the silhouette score). The profile of a persona is rpt_personas.

    The centres of each k from min_clusters to max_clusters are fitted on a fixed-seed sample,
    k is chosen by the silhouette score on a sub-sample of it, and every customer gets the
    persona of its nearest centre (see the module docstring). Personas are numbered by
    descending revenue per year, so persona 1 is always the most valuable type.
    """
    settings = settings or PersonaSettings()
    if not 2 <= settings.min_clusters <= settings.max_clusters:
        raise PersonaError("need 2 <= min_clusters <= max_clusters")
    if settings.silhouette_sample < 2 * settings.max_clusters or settings.n_init < 1:
        raise PersonaError(
            "need persona_silhouette_sample >= 2 x max_clusters and n_init >= 1 "
            f"(got {settings.silhouette_sample} and {settings.n_init})"
        )
    if settings.sample_size < settings.silhouette_sample:
        raise PersonaError(
            f"persona_sample_size ({settings.sample_size}) must be at least "
            f"persona_silhouette_sample ({settings.silhouette_sample})"
        )
    features = customer_features(customers)
    if len(features) < settings.max_clusters * 5:
        raise TooFewCustomersError(
            f"only {len(features)} buying customers: at least {settings.max_clusters * 5} are "
            f"needed for {settings.max_clusters} personas (lower persona_max_clusters)"
        )
    matrix = feature_matrix(features)
    rng = np.random.default_rng(settings.seed)
    fitted = _sample(rng, len(matrix), settings.sample_size)
    scored = _sample(rng, len(fitted), settings.silhouette_sample)
    best = None
    for k in range(settings.min_clusters, settings.max_clusters + 1):
        model = KMeans(n_clusters=k, n_init=settings.n_init, random_state=settings.seed)
        model.fit(matrix[fitted])
        score = silhouette_score(matrix[fitted][scored], model.labels_[scored])
        if best is None or score > best[0] + 1e-9:
            best = (score, k, model)
    score, k, model = best
    labels, distances = nearest_centres(matrix, model.cluster_centers_)
    assigned = features.assign(cluster=labels, distance_to_center=distances)
    order = (
        assigned.groupby("cluster")["log_revenue_per_year"]
        .mean()
        .sort_values(ascending=False)
        .index
    )
    persona_of = {cluster: rank + 1 for rank, cluster in enumerate(order)}
    assigned["persona_id"] = assigned["cluster"].map(persona_of).astype("int64")
    names = _persona_names(assigned)
    assignments = assigned[["account_id", "persona_id", "distance_to_center"]].copy()
    assignments["persona_name"] = assignments["persona_id"].map(names)
    fit = pd.DataFrame(
        {
            "persona_id": list(names),
            "persona_name": list(names.values()),
            "clusters_chosen": int(k),
            "silhouette": float(score),
        }
    )
    return assignments, fit


def _sample(rng: np.random.Generator, size: int, limit: int) -> np.ndarray:
    """`limit` positions of `0..size-1` drawn with `rng`, in order (all of them when `size` is at
    most `limit`)."""
    if size <= limit:
        return np.arange(size)
    return np.sort(rng.choice(size, limit, replace=False))


def nearest_centres(matrix: np.ndarray, centres: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For every row of `matrix`: the index of its nearest centre (the lowest index on a tie)
    and the Euclidean distance to it."""
    squared = np.column_stack([((matrix - centre) ** 2).sum(axis=1) for centre in centres])
    labels = squared.argmin(axis=1)
    return labels, np.sqrt(squared[np.arange(len(matrix)), labels])


def _persona_names(assigned: pd.DataFrame) -> dict[int, str]:
    """A name per persona from its traits: its typical (median) customer against the whole base.
    The profile a reader sees (size, typical values, description) is rpt_personas, in SQL."""
    names: dict[int, str] = {}
    overall = assigned[list(FEATURES)].median()
    for persona_id, group in assigned.groupby("persona_id"):
        typical = group[list(FEATURES)].median()
        b2b_share = float(group["is_b2b"].mean())
        traits = [
            "high value"
            if typical["log_revenue_per_year"] > overall["log_revenue_per_year"]
            else "low value",
            "frequent"
            if typical["purchases_per_year"] > overall["purchases_per_year"]
            else "occasional",
            "recent" if typical["recency_days"] <= overall["recency_days"] else "drifting away",
        ]
        if b2b_share >= 0.6:
            traits.append("business")
        elif b2b_share <= 0.4:
            traits.append("private")
        if group["discount_share"].mean() >= 0.5:
            traits.append("discount-driven")
        name = " ".join(
            word.capitalize() if i == 0 else word
            for i, word in enumerate(", ".join(traits).split(" "))
        )
        if name in names.values():
            name = f"{name} ({int(persona_id)})"
        names[int(persona_id)] = name
    return names
