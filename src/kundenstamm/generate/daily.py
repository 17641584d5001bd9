"""Nightly exports from a generated dataset: what was known on a given day.

A generated dataset covers its whole period at once. `export_known_by` writes the raw folder a
shop and a CRM would have exported on one night of that period: each table's rows known by then
(by the column that says when a row came to be), order lines of the exported orders, all products.
Orders can be held back (exported late, with that night's `updated_at`) and changed (a new status,
also stamped with that night), and contacts can change their e-mail address, to play
late-arriving and updated rows. Used by the incremental
build test and the build benchmark.
"""

from __future__ import annotations

import shutil
from collections.abc import Collection, Mapping
from datetime import date
from pathlib import Path

import duckdb

# Each raw table with the column that says when its row came to be.
KNOWN_FROM = {
    "crm_accounts": "created_at",
    "crm_contacts": "created_at",
    "crm_interactions": "interaction_at",
    "crm_tickets": "opened_at",
    "crm_cancellations": "cancelled_at",
    "crm_leads": "created_at",
    "orders_orders": "ordered_at",
    "survey_nps_invitations": "invited_at",
    "survey_nps_responses": "responded_at",
    "marketing_spend": "spend_month",
}


def _quoted(values: Collection[str]) -> str:
    return ", ".join("'" + value.replace("'", "''") + "'" for value in values)


def export_known_by(
    generated: Path,
    out: Path,
    day: date,
    held_back: Collection[str] = (),
    changed: Mapping[str, str | None] | None = None,
    emails: Mapping[str, str] | None = None,
) -> None:
    """Rewrite `out` with the Parquet raw files known on `day`: `held_back` orders are left out;
    `changed` orders (id -> new status, or None to keep it: a late arrival) get `updated_at` =
    `day`; `emails` (contact id -> e-mail) change contacts' e-mail addresses, also stamped."""
    emails = dict(emails or {})
    changed = dict(changed or {})
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    stamp = f"timestamp '{day.isoformat()} 23:00:00'"
    connection = duckdb.connect()
    # the order lines follow the orders exported
    tables = sorted(generated.glob("*.parquet"), key=lambda path: path.stem == "orders_order_lines")
    for source in tables:
        table = source.stem
        query = f"select * from '{source}'"
        if table in KNOWN_FROM:
            query += f" where cast({KNOWN_FROM[table]} as date) <= date '{day.isoformat()}'"
        if table == "orders_orders":
            if held_back:
                query += f" and order_id not in ({_quoted(held_back)})"
            status = " ".join(
                f"when order_id = '{order}' then '{value}'"
                for order, value in changed.items()
                if value is not None
            )
            query = (
                "select * replace ("
                f"case {status or 'when false then null'} else status end as status, "
                f"case when order_id in ({_quoted(changed)}) then {stamp} "
                "else updated_at end as updated_at) "
                f"from ({query})"
                if changed
                else query
            )
        if table == "crm_contacts" and emails:
            email = " ".join(
                f"when contact_id = '{key}' then '{value}'" for key, value in emails.items()
            )
            query = (
                f"select * replace (case {email} else email end as email, "
                f"case when contact_id in ({_quoted(emails)}) then {stamp} "
                f"else updated_at end as updated_at) from ({query})"
            )
        if table == "orders_order_lines":
            query = (
                f"select lines.* from '{source}' as lines semi join "
                f"'{out / 'orders_orders.parquet'}' as orders using (order_id)"
            )
        connection.execute(f"copy ({query}) to '{out / source.name}' (format parquet)")
    connection.close()
    if (generated / "metadata.json").exists():
        shutil.copyfile(generated / "metadata.json", out / "metadata.json")
