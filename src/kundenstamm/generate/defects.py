"""Defective rows appended to the raw tables, one defect each, so that every quarantine reason
has rows to find; `metadata.json` counts them."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pyarrow as pa

# Defects appended per table: (reason code, how to make the row). Each injected row has exactly
# one defect; the clean data is exactly the simulated data.
DEFECTS = {
    "crm_accounts": ("duplicate_key", "missing_key"),
    "crm_contacts": ("duplicate_key", "missing_key", "unknown_account"),
    "crm_interactions": ("duplicate_key", "missing_key", "unknown_account"),
    "crm_leads": ("duplicate_key", "missing_key"),
    "crm_tickets": ("duplicate_key", "missing_key", "unknown_account"),
    "crm_cancellations": ("duplicate_key",),
    "orders_orders": (
        "duplicate_key",
        "missing_key",
        "unknown_customer",
        "unknown_currency",
        "unparseable_date",
        "future_date",
    ),
    "orders_order_lines": (
        "duplicate_key",
        "missing_key",
        "orphan_order_line",
        "unknown_product",
        "negative_quantity",
        "negative_price",
    ),
    "survey_nps_invitations": ("duplicate_key",),
    "survey_nps_responses": ("duplicate_key", "score_out_of_range", "unknown_invitation"),
}
KEYS = {
    "crm_accounts": "account_id",
    "crm_contacts": "contact_id",
    "crm_interactions": "interaction_id",
    "crm_leads": "lead_id",
    "crm_tickets": "ticket_id",
    "crm_cancellations": "cancellation_id",
    "orders_orders": "order_id",
    "orders_order_lines": "order_line_id",
    "survey_nps_invitations": "invitation_id",
    "survey_nps_responses": "response_id",
}


def inject_defects(
    rng: np.random.Generator,
    name: str,
    table: pa.Table,
    rate: float,
    fmt: str,
    injected: dict,
) -> pa.Table:
    """`table` with about `rate` x its rows appended as defective copies of random rows, spread
    over the defects of the table (counted into `injected`); CSV tables become text first."""
    if rate <= 0 or table.num_rows == 0 or name not in DEFECTS:
        return table
    codes = [c for c in DEFECTS[name] if not (c == "unparseable_date" and fmt != "csv")]
    per_code = max(1, round(rate * table.num_rows / len(codes)))
    schema = table.schema
    if fmt == "csv":
        schema = pa.schema([(f.name, pa.string()) for f in table.schema])
        table = table.cast(schema)
    rows = []
    for code in codes:
        picks = rng.choice(table.num_rows, size=min(per_code, table.num_rows), replace=False)
        sample = table.take(pa.array(np.sort(picks))).to_pylist()
        rows += [_defective(dict(row), code, KEYS[name], n, fmt) for n, row in enumerate(sample)]
        injected.setdefault(name, {})
        injected[name][code] = injected[name].get(code, 0) + len(sample)
    extra = pa.Table.from_pylist(rows, schema=schema)
    return pa.concat_tables([table, extra])


def _defective(row: dict, code: str, key: str, number: int, fmt: str) -> dict:
    """A copy of `row` with the defect `code`: a duplicate (one day older), no key, or a new key
    and the broken value."""
    if code == "duplicate_key":
        if "updated_at" in row and row["updated_at"] is not None:
            row["updated_at"] = _shift_day(row["updated_at"], -1)
        return row
    if code == "missing_key":
        row[key] = None
        return row
    row[key] = f"{row[key]}-{code[:3].upper()}{number}"
    text = fmt == "csv"
    if code in ("unknown_account", "unknown_customer"):
        row["account_id"] = "A9999999"
    elif code == "unknown_currency":
        row["currency_code"] = "XXX"
    elif code == "unparseable_date":
        row["ordered_at"] = "2023-13-45 10:00:00"
    elif code == "future_date":
        row["ordered_at"] = _future(row["ordered_at"])
    elif code == "orphan_order_line":
        row["order_id"] = "O999999999"
    elif code == "unknown_product":
        row["product_id"] = "P9999"
    elif code == "negative_quantity":
        # a return of one unit more than the copied line bought: more than the order has of the
        # product (a return of at most what was bought is valid data)
        returned = abs(int(row["quantity"])) + 1
        row["quantity"] = f"-{returned}" if text else -returned
    elif code == "negative_price":
        row["unit_price"] = f"-{row['unit_price']}" if text else -row["unit_price"]
    elif code == "score_out_of_range":
        row["score"] = "11" if text else 11
    elif code == "unknown_invitation":
        row["invitation_id"] = "N999999999"
    return row


def _shift_day(value, days: int):
    if isinstance(value, str):
        return (datetime.fromisoformat(value) + timedelta(days=days)).strftime("%Y-%m-%d %H:%M:%S")
    return value + timedelta(days=days)


def _future(value):
    if isinstance(value, str):
        return "2099" + value[4:]
    return datetime(2099, value.month, min(value.day, 28), value.hour, value.minute, value.second)
