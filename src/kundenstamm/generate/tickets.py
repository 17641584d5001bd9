"""Raw table `crm_tickets`: complaints (many from frequent complainers, some open for months)
and support requests after completed orders."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from kundenstamm.generate.columns import ids, pick, text, timestamps

SHARE_COMPLAINT_BACKLOG = 0.2  # complaints that stay open for 30-240 days instead of 1-30


def simulate_tickets(
    rng: np.random.Generator, accounts: dict, orders: dict, days: int
) -> dict[str, np.ndarray]:
    """The tickets opened within 20 days of a completed order, with their order and owner."""
    purchase_orders = np.flatnonzero(orders["status"] == "completed")
    complainer = accounts["complainer"][orders["owner"][purchase_orders]]
    has_complaint = rng.random(purchase_orders.size) < np.where(complainer, 0.45, 0.03)
    has_support = rng.random(purchase_orders.size) < 0.05
    order = np.concatenate([purchase_orders[has_complaint], purchase_orders[has_support]])
    ticket_type = np.concatenate(
        [
            np.full(has_complaint.sum(), "complaint", dtype=object),
            np.full(has_support.sum(), "support", dtype=object),
        ]
    )
    opened = orders["day"][order] + rng.uniform(1, 20, size=order.size)
    keep = opened < days
    order, ticket_type, opened = order[keep], ticket_type[keep], opened[keep]
    n_t = order.size
    closed = _closed_days(rng, ticket_type, opened, days)
    category = np.where(
        ticket_type == "complaint",
        pick(rng, ("delivery", "quality", "billing", "service"), n_t),
        pick(rng, ("service", "billing", "other"), n_t),
    )
    return {
        "order": order,
        "owner": orders["owner"][order],
        "ticket_type": ticket_type,
        "category": category,
        "severity": pick(rng, ("low", "medium", "high"), n_t, (0.5, 0.35, 0.15)),
        "opened_day": opened,
        "closed_day": closed,
    }


def _closed_days(
    rng: np.random.Generator, ticket_type: np.ndarray, opened: np.ndarray, days: int
) -> np.ndarray:
    """Closed 1-30 days after opening; a backlog of complaints drags on for months (a child
    generator, so that adding it left every other draw unchanged); still open at the end: empty."""
    closed = opened + rng.uniform(1, 30, size=opened.size)
    backlog = rng.spawn(1)[0]
    drags_on = (ticket_type == "complaint") & (
        backlog.random(opened.size) < SHARE_COMPLAINT_BACKLOG
    )
    closed = np.where(drags_on, opened + backlog.uniform(30, 240, size=opened.size), closed)
    return np.where(closed < days, closed, np.nan)


def tickets_table(tickets: dict, keys, first_number: int, start: np.datetime64) -> pa.Table:
    owner = tickets["owner"]
    return pa.table(
        {
            "ticket_id": ids("T", first_number, owner.size, 8),
            **keys.account_and_contact(owner),
            "ticket_type": text(tickets["ticket_type"]),
            "category": text(tickets["category"]),
            "severity": text(tickets["severity"]),
            "opened_at": timestamps(start, tickets["opened_day"]),
            "closed_at": timestamps(start, tickets["closed_day"]),
        }
    )
