"""Raw table `crm_cancellations`: about a third of the customers who dropped out say so, with a
reason (quality for frequent complainers)."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from kundenstamm.generate import catalog
from kundenstamm.generate.columns import ids, pick, strings, text, timestamps

REASON_WEIGHTS = (0.3, 0.12, 0.12, 0.18, 0.15, 0.08, 0.05)  # of catalog.CANCEL_REASONS


def simulate_cancellations(
    rng: np.random.Generator, accounts: dict, purchases: dict, days: int
) -> dict[str, np.ndarray]:
    """Who cancelled (within 60 days of dropping out), when, and why in code and words."""
    is_buyer = accounts["is_buyer"]
    n = is_buyer.size
    cancels = is_buyer & ~purchases["alive"] & (rng.random(n) < 0.35)
    day = purchases["drop_day"] + rng.uniform(0, 60, size=n)
    owner = np.flatnonzero(cancels & (day < days))
    reason_code = np.where(
        accounts["complainer"][owner],
        "quality",
        pick(rng, catalog.CANCEL_REASONS, owner.size, REASON_WEIGHTS),
    )
    wording = rng.integers(0, 3, size=owner.size)
    reason_text = np.array(
        [catalog.CANCEL_TEXTS[c][k % 3] for c, k in zip(reason_code, wording, strict=True)],
        dtype=object,
    )
    return {
        "owner": owner,
        "day": day[owner],
        "reason_code": reason_code,
        "reason_text": reason_text,
    }


def cancellations_table(
    cancellations: dict, keys, first_number: int, start: np.datetime64
) -> pa.Table:
    owner = cancellations["owner"]
    reason_text = cancellations["reason_text"]
    return pa.table(
        {
            "cancellation_id": ids("X", first_number, owner.size, 8),
            "account_id": strings(keys.account_ids[owner]),
            "cancelled_at": timestamps(start, cancellations["day"]),
            "reason_code": text(cancellations["reason_code"]),
            "reason_text": text(np.where(reason_text == "", None, reason_text)),
        }
    )
