"""One chunk of accounts and everything that happens to them, table by table.

Each raw table has its module (accounts, contacts, orders, order lines, interactions, leads,
tickets, cancellations, NPS); the purchase process behind the orders is in `purchases`. All times
are days since the start date (floats); the tables turn them into timestamps and dates.

The chunk's random stream is drawn in the fixed order of `simulate_chunk`: moving a draw changes
every dataset, so a new draw goes last or into a child generator (as the complaint backlog does).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from kundenstamm.generate import (
    accounts,
    cancellations,
    contacts,
    interactions,
    leads,
    nps,
    order_lines,
    orders,
    purchases,
    tickets,
)
from kundenstamm.generate.columns import first_of_each, ids, strings
from kundenstamm.generate.identities import DistinctIdentities
from kundenstamm.generate.products import Products

# the running numbers of the keys that continue from chunk to chunk
COUNTED = (
    "contacts",
    "orders",
    "interactions",
    "leads",
    "tickets",
    "cancellations",
    "lines",
    "invitations",
    "responses",
)


def simulate_chunk(
    rng: np.random.Generator,
    first: int,
    n: int,
    days: int,
    products: Products,
    identities: DistinctIdentities | None = None,
) -> dict[str, dict[str, np.ndarray]]:
    """Simulate accounts number first+1 .. first+n over `days` days; return column arrays per table.
    With `identities`, no two accounts or contacts share an e-mail, a phone number or a name at
    one postal code (over every chunk that shares it)."""
    sim = {"accounts": accounts.simulate_accounts(rng, first, n, days, identities)}
    sim["purchases"] = purchases.simulate_purchases(rng, sim["accounts"], days)
    sim["orders"] = orders.simulate_orders(rng, sim["accounts"], sim["purchases"], days)
    sim["lines"] = order_lines.simulate_order_lines(rng, sim["accounts"], sim["orders"], products)
    sim["contacts"] = contacts.simulate_contacts(rng, sim["accounts"], days, identities)
    sim["interactions"] = interactions.simulate_interactions(
        rng, sim["accounts"], sim["purchases"], sim["contacts"], days
    )
    sim["leads"] = leads.simulate_leads(rng, sim["accounts"], sim["purchases"], days)
    sim["tickets"] = tickets.simulate_tickets(rng, sim["accounts"], sim["orders"], days)
    sim["cancellations"] = cancellations.simulate_cancellations(
        rng, sim["accounts"], sim["purchases"], days
    )
    sim["invitations"] = nps.simulate_invitations(rng, sim["purchases"], n, days)
    sim["responses"] = nps.simulate_responses(
        rng, sim["accounts"], sim["purchases"], sim["invitations"], days
    )
    sim["account_edits"] = accounts.simulate_account_edits(rng, sim["accounts"], days)
    sim["interaction_kinds"] = interactions.simulate_interaction_kinds(
        rng, sim["interactions"], sim["accounts"]
    )
    return sim


@dataclass
class Keys:
    """The keys of one chunk's rows that other tables refer to."""

    account_ids: np.ndarray
    contact_ids: pa.Array
    contact_id_values: np.ndarray
    primary_contact_ids: np.ndarray  # each account's first contact
    order_ids: pa.Array
    order_id_values: np.ndarray
    invitation_ids: pa.Array
    invitation_id_values: np.ndarray

    def account_and_contact(self, owner: np.ndarray) -> dict[str, pa.Array]:
        """The `account_id` and `contact_id` (the account's first contact) columns of rows
        owned by the accounts `owner`."""
        return {
            "account_id": strings(self.account_ids[owner]),
            "contact_id": strings(self.primary_contact_ids[owner]),
        }


def _keys(sim: dict, counters: dict) -> Keys:
    contact_ids = ids("C", counters["contacts"], sim["contacts"]["contact_owner"].size, 8)
    order_ids = ids("O", counters["orders"], sim["orders"]["owner"].size, 9)
    invitation_ids = ids("N", counters["invitations"], sim["invitations"]["owner"].size, 9)
    contact_id_values = np.asarray(contact_ids.to_pylist(), dtype=object)
    return Keys(
        account_ids=sim["accounts"]["account_id"].astype(str),
        contact_ids=contact_ids,
        contact_id_values=contact_id_values,
        primary_contact_ids=contact_id_values[first_of_each(sim["contacts"]["per_account"])],
        order_ids=order_ids,
        order_id_values=np.asarray(order_ids.to_pylist(), dtype=object),
        invitation_ids=invitation_ids,
        invitation_id_values=np.asarray(invitation_ids.to_pylist(), dtype=object),
    )


def build_tables(
    sim: dict, start: np.datetime64, counters: dict, product_ids: np.ndarray, wave_names: list
) -> dict[str, pa.Table]:
    """The raw tables of a simulated chunk; `counters` (rows so far per key) move on."""
    keys = _keys(sim, counters)
    tables = {
        "crm_accounts": accounts.accounts_table(sim["accounts"], sim["account_edits"], start),
        "crm_contacts": contacts.contacts_table(sim["contacts"], keys, start),
        "crm_interactions": interactions.interactions_table(
            sim["interactions"], sim["interaction_kinds"], keys, counters["interactions"], start
        ),
        "crm_leads": leads.leads_table(sim["leads"], keys, counters["leads"], start),
        "crm_tickets": tickets.tickets_table(sim["tickets"], keys, counters["tickets"], start),
        "crm_cancellations": cancellations.cancellations_table(
            sim["cancellations"], keys, counters["cancellations"], start
        ),
        "orders_orders": orders.orders_table(sim["orders"], keys, start),
        "orders_order_lines": order_lines.order_lines_table(
            sim["lines"], keys, counters["lines"], product_ids
        ),
        "survey_nps_invitations": nps.invitations_table(
            sim["invitations"], keys, wave_names, start
        ),
        "survey_nps_responses": nps.responses_table(
            sim["responses"], keys, counters["responses"], start
        ),
    }
    counters["contacts"] += sim["contacts"]["contact_owner"].size
    counters["lines"] += sim["lines"]["order"].size
    counters["responses"] += sim["responses"]["invitation"].size
    for name in ("orders", "interactions", "leads", "tickets", "cancellations", "invitations"):
        counters[name] += sim[name]["owner"].size
    return tables
