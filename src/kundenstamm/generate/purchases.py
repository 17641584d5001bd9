"""The hidden purchase process behind the orders, and the truth file that records it.

Purchases follow a BG/NBD process (rate lambda ~ Gamma(r, alpha) per week, drop-out p ~ Beta(a, b)
after each repeat purchase) and order values a Gamma-Gamma process (nu ~ Gamma(q, gamma), value ~
Gamma(p, nu)), with separate true parameters for private (B2C) and company (B2B) accounts.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from kundenstamm.generate.columns import by_segment, dates, first_of_each

# True parameters of the processes (time unit: weeks; money: EUR).
TRUE_PARAMETERS = {
    "private": {"r": 0.55, "alpha": 7.0, "a": 0.8, "b": 3.5, "p": 6.0, "q": 3.5, "gamma": 40.0},
    "company": {"r": 1.1, "alpha": 6.0, "a": 0.7, "b": 4.0, "p": 5.0, "q": 3.0, "gamma": 350.0},
}


def simulate_purchases(rng: np.random.Generator, accounts: dict, days: int) -> dict:
    """Every purchase (owner, day, value in EUR) in owner and day order, and each account's
    hidden rate, drop-out probability, spend and whether it is still alive at the end."""
    is_company, is_buyer = accounts["is_company"], accounts["is_buyer"]
    first_day = accounts["first_day"]
    r = by_segment(TRUE_PARAMETERS, is_company, "r")
    lam = rng.gamma(r, 1.0 / by_segment(TRUE_PARAMETERS, is_company, "alpha"))
    p_drop = rng.beta(
        by_segment(TRUE_PARAMETERS, is_company, "a"), by_segment(TRUE_PARAMETERS, is_company, "b")
    )
    observed_weeks = np.where(is_buyer, days / 7.0 - first_day / 7.0, 0.0)
    events = rng.poisson(lam * observed_weeks)
    repeats_until_drop = rng.geometric(np.clip(p_drop, 1e-9, 1.0))
    repeats = np.where(is_buyer, np.minimum(events, repeats_until_drop), 0)
    alive = is_buyer & (repeats_until_drop > events)
    repeat_owner, repeat_weeks = _repeat_purchases(rng, events, repeats, observed_weeks)
    buyers = np.flatnonzero(is_buyer)
    owner = np.concatenate([buyers, repeat_owner])
    day = np.concatenate([first_day[buyers], first_day[repeat_owner] + 7.0 * repeat_weeks])
    order = np.lexsort((day, owner))
    owner, day = owner[order], day[order]
    last_day = np.full(is_buyer.size, -np.inf)
    np.maximum.at(last_day, owner, day)
    last_day = np.where(is_buyer, last_day, np.nan)
    nu = rng.gamma(
        by_segment(TRUE_PARAMETERS, is_company, "q"),
        1.0 / by_segment(TRUE_PARAMETERS, is_company, "gamma"),
    )
    value_eur = rng.gamma(by_segment(TRUE_PARAMETERS, is_company, "p")[owner], 1.0 / nu[owner])
    return {
        "owner": owner,
        "day": day,
        "value_eur": np.maximum(np.round(value_eur, 2), 1.0),
        "alive": alive,
        # a customer who dropped out did so right after the last observed purchase
        "drop_day": np.where(is_buyer & ~alive, last_day, np.nan),
        "rate_per_week": lam,
        "dropout_probability": p_drop,
        "spend_nu": nu,
        "buyers": buyers,
    }


def _repeat_purchases(
    rng: np.random.Generator, events: np.ndarray, repeats: np.ndarray, observed_weeks: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Owner and week (after the first purchase) of each repeat purchase: the first `repeats`
    of each account's `events` Poisson events, in time order."""
    owner = np.repeat(np.arange(events.size), events)
    weeks = rng.random(owner.size) * observed_weeks[owner]
    order = np.lexsort((weeks, owner))
    owner, weeks = owner[order], weeks[order]
    rank = np.arange(owner.size) - first_of_each(events)[owner]
    keep = rank < repeats[owner]
    return owner[keep], weeks[keep]


def truth_table(accounts: dict, purchases: dict, start: np.datetime64) -> pa.Table:
    """Each account's hidden state (`_truth_customers`, not a raw table)."""
    is_buyer = accounts["is_buyer"]
    return pa.table(
        {
            "account_id": pa.array(accounts["account_id"].astype(str), pa.string()),
            "account_type": pa.array(
                np.where(accounts["is_company"], "company", "private").astype(str), pa.string()
            ),
            "is_buyer": pa.array(is_buyer, pa.bool_()),
            "is_alive_at_end": pa.array(purchases["alive"], pa.bool_()),
            "purchase_rate_per_week": pa.array(
                np.where(is_buyer, purchases["rate_per_week"], np.nan), pa.float64()
            ),
            "dropout_probability": pa.array(
                np.where(is_buyer, purchases["dropout_probability"], np.nan), pa.float64()
            ),
            "spend_nu": pa.array(np.where(is_buyer, purchases["spend_nu"], np.nan), pa.float64()),
            "first_purchase_date": dates(start, np.where(is_buyer, accounts["first_day"], np.nan)),
            "acquisition_channel": pa.array(accounts["channel"].astype(str), pa.string()),
            "is_late_payer": pa.array(accounts["late_payer"], pa.bool_()),
            "is_discount_only_buyer": pa.array(accounts["discount_only"], pa.bool_()),
            "is_frequent_complainer": pa.array(accounts["complainer"], pa.bool_()),
        }
    )
