"""Raw table `crm_leads`: the lead before every first purchase, and prospects' leads that stay
open or are lost."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from kundenstamm.generate import catalog
from kundenstamm.generate.columns import ids, pick, strings, text, timestamps


def simulate_leads(
    rng: np.random.Generator, accounts: dict, purchases: dict, days: int
) -> dict[str, np.ndarray]:
    """One converted lead per buyer; one or two per prospect, lost after 90 days mostly."""
    is_buyer, created_day = accounts["is_buyer"], accounts["created_day"]
    buyers = purchases["buyers"]
    prospect_leads = np.where(is_buyer, 0, 1 + (rng.random(is_buyer.size) < 0.4))
    owner = np.concatenate([buyers, np.repeat(np.arange(is_buyer.size), prospect_leads)])
    n_l = owner.size
    converted = np.arange(n_l) < buyers.size
    created = np.where(
        converted,
        accounts["lead_day"][owner],
        np.minimum(created_day[owner] + rng.uniform(0, 60, size=n_l), days - 1e-6),
    )
    lost = ~converted & ((days - created) > 90) & (rng.random(n_l) < 0.8)
    closed = np.where(
        converted,
        accounts["first_day"][owner],
        np.where(lost, np.minimum(created + rng.uniform(10, 90, size=n_l), days - 1e-6), np.nan),
    )
    lost_reason = np.where(lost, pick(rng, catalog.LOST_REASONS, n_l), None)
    channel = np.where(
        converted | (rng.random(n_l) < 0.7),
        accounts["channel"][owner],
        pick(rng, catalog.CHANNELS, n_l),
    )
    return {
        "owner": owner,
        "source_channel": channel,
        "created_day": created,
        "status": np.where(converted, "converted", np.where(lost, "lost", "open")),
        "closed_day": closed,
        "lost_reason": lost_reason,
    }


def leads_table(leads: dict, keys, first_number: int, start: np.datetime64) -> pa.Table:
    return pa.table(
        {
            "lead_id": ids("LD", first_number, leads["owner"].size, 8),
            "account_id": strings(keys.account_ids[leads["owner"]]),
            "source_channel": text(leads["source_channel"]),
            "created_at": timestamps(start, leads["created_day"]),
            "status": text(leads["status"]),
            "closed_at": timestamps(start, leads["closed_day"]),
            "lost_reason": text(leads["lost_reason"]),
        }
    )
