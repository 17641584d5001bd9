"""Raw table `crm_interactions`: every touchpoint with an account, dense while it buys and sparse
after it has gone quiet."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from kundenstamm.generate import catalog
from kundenstamm.generate.columns import first_of_each, ids, pick, strings, text, timestamps


def simulate_interactions(
    rng: np.random.Generator, accounts: dict, purchases: dict, contacts: dict, days: int
) -> dict[str, np.ndarray]:
    """When and with which contact each interaction happened (its kind: `interaction_kinds`)."""
    is_company, is_buyer = accounts["is_company"], accounts["is_buyer"]
    created_day = accounts["created_day"]
    alive = purchases["alive"]
    active_end = np.where(alive, days, np.where(is_buyer, purchases["drop_day"], created_day + 30))
    active_years = np.maximum(0.0, (active_end - created_day)) / 365.25
    quiet_years = np.maximum(0.0, days - active_end) / 365.25
    rate_active = np.where(is_company, 5.0, 1.0)
    expected = rate_active * active_years + 0.5 * quiet_years
    n_int = rng.poisson(expected) + np.where(is_buyer, 0, 1)
    owner = np.repeat(np.arange(is_company.size), n_int)
    n_i = owner.size
    in_active = rng.random(n_i) < (rate_active * active_years / np.maximum(expected, 1e-9))[owner]
    day = np.where(
        in_active,
        created_day[owner] + rng.random(n_i) * (active_end - created_day)[owner],
        active_end[owner] + rng.random(n_i) * (days - active_end)[owner],
    )
    per_account = contacts["per_account"]
    contact = first_of_each(per_account)[owner] + (
        rng.integers(0, 10, size=n_i) % per_account[owner]
    )
    return {"owner": owner, "contact": contact, "day": np.clip(day, 0, days - 1e-6)}


def simulate_interaction_kinds(
    rng: np.random.Generator, interactions: dict, accounts: dict
) -> dict[str, np.ndarray]:
    """Type, direction, outcome and who handled it: drawn after every other table of the
    chunk, so that each dataset keeps its bytes."""
    n_i = interactions["owner"].size
    return {
        "interaction_type": pick(
            rng, catalog.INTERACTION_TYPES, n_i, (0.35, 0.3, 0.12, 0.08, 0.1, 0.05)
        ),
        "direction": pick(rng, ("inbound", "outbound"), n_i, (0.35, 0.65)),
        "outcome": pick(
            rng, ("positive", "neutral", "negative", "no_response"), n_i, (0.35, 0.4, 0.1, 0.15)
        ),
        "handled_by": accounts["owner"][interactions["owner"]],
    }


def interactions_table(
    interactions: dict, kinds: dict, keys, first_number: int, start: np.datetime64
) -> pa.Table:
    owner = interactions["owner"]
    return pa.table(
        {
            "interaction_id": ids("I", first_number, owner.size, 9),
            "account_id": strings(keys.account_ids[owner]),
            "contact_id": strings(keys.contact_id_values[interactions["contact"]]),
            "interaction_type": text(kinds["interaction_type"]),
            "direction": text(kinds["direction"]),
            "interaction_at": timestamps(start, interactions["day"]),
            "outcome": text(kinds["outcome"]),
            "owner": text(kinds["handled_by"]),
        }
    )
