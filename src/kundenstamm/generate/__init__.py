"""Deterministic synthetic raw data for Kundenstamm.

`generate_dataset` writes one file per raw table (`<identifier>.csv` or `.parquet`, columns as in
the raw data contract) plus `metadata.json` with the true parameters, row counts and injected
defects, and `_truth_customers.<fmt>` with each account's hidden state (not a raw table).
The same arguments always give the same bytes: customers are simulated in fixed-size chunks,
each with its own random stream derived from the seed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from kundenstamm.generate import catalog
from kundenstamm.generate.identities import DistinctIdentities
from kundenstamm.generate.simulate import (
    CHF_RATE,
    TRUE_PARAMETERS,
    Products,
    make_products,
    simulate_chunk,
)
from kundenstamm.generate.writer import TableWriter

CHUNK_SIZE = 100_000
SCHEMA_VERSION = 1

TABLES = (
    "crm_accounts",
    "crm_contacts",
    "crm_interactions",
    "crm_leads",
    "crm_tickets",
    "crm_cancellations",
    "orders_orders",
    "orders_order_lines",
    "orders_products",
    "survey_nps_invitations",
    "survey_nps_responses",
    "marketing_spend",
)


def _ids(prefix: str, start: int, count: int, width: int) -> pa.Array:
    numbers = np.arange(start + 1, start + count + 1).astype(str)
    return pa.array(np.char.add(prefix, np.char.zfill(numbers, width)), pa.string())


def _timestamps(start: np.datetime64, days: np.ndarray) -> pa.Array:
    seconds = np.floor(np.nan_to_num(days, nan=0.0) * 86400.0).astype(np.int64)
    values = start + seconds.astype("timedelta64[s]")
    return pa.array(values, pa.timestamp("s"), mask=np.isnan(days))


def _dates(start: np.datetime64, days: np.ndarray) -> pa.Array:
    whole = np.floor(np.nan_to_num(days, nan=0.0)).astype(np.int64)
    values = start.astype("datetime64[D]") + whole.astype("timedelta64[D]")
    return pa.array(values, pa.date32(), mask=np.isnan(days))


def _money(values: np.ndarray) -> pa.Array:
    return pc.round(pa.array(np.asarray(values, dtype=float)), 2).cast(pa.decimal128(18, 2))


def _text(values: np.ndarray) -> pa.Array:
    return pa.array([None if v is None else str(v) for v in values], pa.string())


def _build_tables(
    sim: dict, start: np.datetime64, counters: dict, first: int
) -> dict[str, pa.Table]:
    acc = sim["accounts"]
    account_id = pa.array(acc["account_id"].astype(str), pa.string())
    account_ids = acc["account_id"].astype(str)
    con = sim["contacts"]
    contact_ids = _ids("C", counters["contacts"], con["contact_owner"].size, 8)
    contact_id_np = np.asarray(contact_ids.to_pylist(), dtype=object)
    orders = sim["orders"]
    order_ids = _ids("O", counters["orders"], orders["owner"].size, 9)
    order_id_np = np.asarray(order_ids.to_pylist(), dtype=object)
    invitations = sim["invitations"]
    invitation_ids = _ids("N", counters["invitations"], invitations["owner"].size, 9)
    invitation_id_np = np.asarray(invitation_ids.to_pylist(), dtype=object)
    primary = np.concatenate(
        [[0], np.cumsum(np.bincount(con["contact_owner"], minlength=account_ids.size))[:-1]]
    )

    tables = {}
    tables["crm_accounts"] = pa.table(
        {
            "account_id": account_id,
            "account_name": _text(acc["account_name"]),
            "account_type": _text(acc["account_type"]),
            "industry": _text(acc["industry"]),
            "company_size": _text(acc["company_size"]),
            "country_code": _text(acc["country_code"]),
            "region": _text(acc["region"]),
            "postal_code": _text(acc["postal_code"]),
            "city": _text(acc["city"]),
            "culture_tags": _text(acc["culture_tags"]),
            "innovation_openness": _text(acc["innovation_openness"]),
            "acquisition_channel": _text(acc["acquisition_channel"]),
            "owner": _text(acc["owner"]),
            "created_at": _timestamps(start, acc["created_day"]),
            "updated_at": _timestamps(start, acc["updated_day"]),
        }
    )
    tables["crm_contacts"] = pa.table(
        {
            "contact_id": contact_ids,
            "account_id": pa.array(account_ids[con["contact_owner"]], pa.string()),
            "first_name": _text(con["first_name"]),
            "last_name": _text(con["last_name"]),
            "role": _text(con["role"]),
            "is_decision_maker": pa.array(con["is_decision_maker"], pa.bool_()),
            "email": _text(con["email"]),
            "phone": _text(con["phone"]),
            "gift_preference": _text(con["gift_preference"]),
            "email_permission": pa.array(con["email_permission"], pa.bool_()),
            "email_permission_date": _dates(start, con["permission_day"]),
            "created_at": _timestamps(start, con["created_day"]),
            "updated_at": _timestamps(start, con["created_day"]),
        }
    )
    inter = sim["interactions"]
    tables["crm_interactions"] = pa.table(
        {
            "interaction_id": _ids("I", counters["interactions"], inter["owner"].size, 9),
            "account_id": pa.array(account_ids[inter["owner"]], pa.string()),
            "contact_id": pa.array(contact_id_np[inter["contact"]], pa.string()),
            "interaction_type": _text(inter["interaction_type"]),
            "direction": _text(inter["direction"]),
            "interaction_at": _timestamps(start, inter["day"]),
            "outcome": _text(inter["outcome"]),
            "owner": _text(inter["handled_by"]),
        }
    )
    leads = sim["leads"]
    tables["crm_leads"] = pa.table(
        {
            "lead_id": _ids("LD", counters["leads"], leads["owner"].size, 8),
            "account_id": pa.array(account_ids[leads["owner"]], pa.string()),
            "source_channel": _text(leads["source_channel"]),
            "created_at": _timestamps(start, leads["created_day"]),
            "status": _text(leads["status"]),
            "closed_at": _timestamps(start, leads["closed_day"]),
            "lost_reason": _text(leads["lost_reason"]),
        }
    )
    tickets = sim["tickets"]
    tables["crm_tickets"] = pa.table(
        {
            "ticket_id": _ids("T", counters["tickets"], tickets["owner"].size, 8),
            "account_id": pa.array(account_ids[tickets["owner"]], pa.string()),
            "contact_id": pa.array(contact_id_np[primary[tickets["owner"]]], pa.string()),
            "ticket_type": _text(tickets["ticket_type"]),
            "category": _text(tickets["category"]),
            "severity": _text(tickets["severity"]),
            "opened_at": _timestamps(start, tickets["opened_day"]),
            "closed_at": _timestamps(start, tickets["closed_day"]),
        }
    )
    cancel = sim["cancellations"]
    tables["crm_cancellations"] = pa.table(
        {
            "cancellation_id": _ids("X", counters["cancellations"], cancel["owner"].size, 8),
            "account_id": pa.array(account_ids[cancel["owner"]], pa.string()),
            "cancelled_at": _timestamps(start, cancel["day"]),
            "reason_code": _text(cancel["reason_code"]),
            "reason_text": _text(
                np.where(cancel["reason_text"] == "", None, cancel["reason_text"])
            ),
        }
    )
    currency = orders["currency"].astype(object)
    lower = (np.arange(currency.size) % 23) == 0
    currency = np.where(lower, np.char.lower(currency.astype(str)), currency)
    tables["orders_orders"] = pa.table(
        {
            "order_id": order_ids,
            "account_id": pa.array(account_ids[orders["owner"]], pa.string()),
            "contact_id": pa.array(contact_id_np[primary[orders["owner"]]], pa.string()),
            "ordered_at": _timestamps(start, orders["day"]),
            "channel": _text(orders["channel"]),
            "touchpoint": _text(orders["touchpoint"]),
            "status": _text(orders["status"]),
            "currency_code": _text(currency),
            "discount_code": _text(orders["discount_code"]),
            "invoice_due_date": _dates(start, orders["due_day"]),
            "invoice_paid_date": _dates(start, orders["paid_day"]),
            "updated_at": _timestamps(
                start, np.where(np.isnan(orders["paid_day"]), orders["day"], orders["paid_day"])
            ),
        }
    )
    lines = sim["lines"]
    tables["orders_order_lines"] = pa.table(
        {
            "order_line_id": _ids("L", counters["lines"], lines["order"].size, 10),
            "order_id": pa.array(order_id_np[lines["order"]], pa.string()),
            "product_id": pa.array(sim["product_ids"][lines["product"]], pa.string()),
            "quantity": pa.array(lines["quantity"], pa.int64()),
            "unit_price": _money(lines["unit_price"]),
            "discount_amount": _money(lines["discount_amount"]),
        }
    )
    tables["survey_nps_invitations"] = pa.table(
        {
            "invitation_id": invitation_ids,
            "account_id": pa.array(account_ids[invitations["owner"]], pa.string()),
            "contact_id": pa.array(contact_id_np[primary[invitations["owner"]]], pa.string()),
            "invited_at": _timestamps(start, invitations["day"]),
            "survey_wave": pa.array(
                [sim["wave_names"][w] for w in invitations["wave"]], pa.string()
            ),
        }
    )
    responses = sim["responses"]
    tables["survey_nps_responses"] = pa.table(
        {
            "response_id": _ids("R", counters["responses"], responses["invitation"].size, 9),
            "invitation_id": pa.array(invitation_id_np[responses["invitation"]], pa.string()),
            "responded_at": _timestamps(start, responses["day"]),
            "score": pa.array(responses["score"], pa.int64()),
            "comment": _text(np.where(responses["comment"] == "", None, responses["comment"])),
        }
    )
    counters["contacts"] += con["contact_owner"].size
    counters["orders"] += orders["owner"].size
    counters["interactions"] += inter["owner"].size
    counters["leads"] += leads["owner"].size
    counters["tickets"] += tickets["owner"].size
    counters["cancellations"] += cancel["owner"].size
    counters["lines"] += lines["order"].size
    counters["invitations"] += invitations["owner"].size
    counters["responses"] += responses["invitation"].size
    return tables


def _products_table(products: Products) -> pa.Table:
    return pa.table(
        {
            "product_id": pa.array(products.product_id, pa.string()),
            "product_name": pa.array(products.name, pa.string()),
            "category": pa.array(
                [catalog.CATEGORIES[c][0] for c in products.category], pa.string()
            ),
            "tier": pa.array(np.where(products.tier == 1, "premium", "standard"), pa.string()),
            "unit_cost": _money(products.unit_cost),
            "list_price": _money(products.list_price),
            "replenishment_cycle_days": pa.array(
                products.cycle_days, pa.int64(), mask=products.cycle_days == 0
            ),
        }
    )


def _spend_table(rng: np.random.Generator, new_customers: dict, start: date, end: date) -> pa.Table:
    """Marketing spend per channel and month: new customers of the month x the channel's cost
    per acquisition, with noise, and a base spend even in months without acquisitions."""
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    start64 = np.datetime64(start, "D")
    acquired_month = (start64 + np.floor(new_customers["day"]).astype("timedelta64[D]")).astype(
        "datetime64[M]"
    )
    rows = {"channel": [], "spend_month": [], "currency_code": [], "spend_amount": []}
    for channel_index, channel in enumerate(catalog.CHANNELS):
        for month_start in months:
            count = int(
                np.sum(
                    (new_customers["channel"] == channel)
                    & (acquired_month == np.datetime64(month_start, "M"))
                )
            )
            cpa = catalog.CHANNEL_CPA_EUR[channel_index]
            amount = count * cpa * float(rng.uniform(0.8, 1.2)) + cpa * float(rng.uniform(0.5, 2.0))
            rows["channel"].append(channel)
            rows["spend_month"].append(month_start)
            rows["currency_code"].append("EUR")
            rows["spend_amount"].append(round(amount, 2))
    return pa.table(
        {
            "channel": pa.array(rows["channel"], pa.string()),
            "spend_month": pa.array(rows["spend_month"], pa.date32()),
            "currency_code": pa.array(rows["currency_code"], pa.string()),
            "spend_amount": _money(np.array(rows["spend_amount"])),
        }
    )


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


def _inject_defects(
    rng: np.random.Generator,
    name: str,
    table: pa.Table,
    rate: float,
    fmt: str,
    injected: dict,
    orders_with_lines: set[str] | None = None,
) -> pa.Table:
    if rate <= 0 or table.num_rows == 0 or name not in DEFECTS:
        return table
    codes = [c for c in DEFECTS[name] if not (c == "unparseable_date" and fmt != "csv")]
    per_code = max(1, round(rate * table.num_rows / len(codes)))
    schema = table.schema
    if fmt == "csv":
        schema = pa.schema([(f.name, pa.string()) for f in table.schema])
        table = table.cast(schema)
    rows = []
    key = KEYS[name]
    for code in codes:
        picks = rng.choice(table.num_rows, size=min(per_code, table.num_rows), replace=False)
        sample = table.take(pa.array(np.sort(picks))).to_pylist()
        for number, row in enumerate(sample):
            row = dict(row)
            if code == "duplicate_key":
                if "updated_at" in row and row["updated_at"] is not None:
                    row["updated_at"] = _shift_day(row["updated_at"], -1)
            elif code == "missing_key":
                row[key] = None
            else:
                row[key] = f"{row[key]}-{code[:3].upper()}{number}"
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
                    # a return of one unit more than the copied line bought: more than the order
                    # has of the product (a return of at most what was bought is valid data)
                    returned = abs(int(row["quantity"])) + 1
                    row["quantity"] = -returned if fmt != "csv" else f"-{returned}"
                elif code == "negative_price":
                    row["unit_price"] = (
                        -row["unit_price"] if fmt != "csv" else f"-{row['unit_price']}"
                    )
                elif code == "score_out_of_range":
                    row["score"] = 11 if fmt != "csv" else "11"
                elif code == "unknown_invitation":
                    row["invitation_id"] = "N999999999"
            rows.append(row)
        injected.setdefault(name, {})
        injected[name][code] = injected[name].get(code, 0) + len(sample)
    extra = pa.Table.from_pylist(rows, schema=schema)
    return pa.concat_tables([table, extra])


def _shift_day(value, days: int):
    from datetime import datetime, timedelta

    if isinstance(value, str):
        return (datetime.fromisoformat(value) + timedelta(days=days)).strftime("%Y-%m-%d %H:%M:%S")
    return value + timedelta(days=days)


def _future(value):
    from datetime import datetime

    if isinstance(value, str):
        return "2099" + value[4:]
    return datetime(2099, value.month, min(value.day, 28), value.hour, value.minute, value.second)


def generate_dataset(
    out_dir: Path,
    customers: int,
    seed: int,
    fmt: str = "parquet",
    start_date: date = date(2021, 1, 1),
    end_date: date = date(2025, 12, 31),
    dirty_rate: float = 0.002,
    progress: Callable[[str], None] | None = None,
) -> dict:
    """Simulate `customers` accounts and write the raw tables into `out_dir`; return the metadata."""
    if fmt not in ("csv", "parquet"):
        raise ValueError(f"format must be csv or parquet, not {fmt!r}")
    if customers < 1:
        raise ValueError("customers must be at least 1")
    if end_date <= start_date:
        raise ValueError("end_date must be after start_date")
    say = progress or (lambda message: None)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    days = (end_date - start_date).days + 1
    start = np.datetime64(start_date, "s")
    root = np.random.SeedSequence(seed)
    product_seed, spend_seed, *chunk_seeds = root.spawn(
        2 + (customers + CHUNK_SIZE - 1) // CHUNK_SIZE
    )
    products = make_products(np.random.default_rng(product_seed))
    wave_names = []
    for number, wave_day in enumerate(np.arange(165.0, days, 182.5)):
        wave_date = start_date.toordinal() + int(wave_day)
        wave_year = date.fromordinal(wave_date).year
        wave_names.append(f"{wave_year}-H{1 + (date.fromordinal(wave_date).month > 6)}")
        del number
    counters = dict.fromkeys(
        (
            "contacts",
            "orders",
            "interactions",
            "leads",
            "tickets",
            "cancellations",
            "lines",
            "invitations",
            "responses",
        ),
        0,
    )
    rows = dict.fromkeys(TABLES, 0)
    injected: dict[str, dict[str, int]] = {}
    new_customers = {"channel": [], "day": []}
    writer = TableWriter(out_dir, fmt)
    truth_writer = TableWriter(out_dir, fmt, prefix="_truth_")
    identities = DistinctIdentities()
    for number, chunk_seed in enumerate(chunk_seeds):
        first = number * CHUNK_SIZE
        size = min(CHUNK_SIZE, customers - first)
        rng = np.random.default_rng(chunk_seed)
        sim = simulate_chunk(rng, first, size, days, products, identities)
        sim["product_ids"] = products.product_id
        sim["wave_names"] = wave_names
        tables = _build_tables(sim, start, counters, first)
        for name in TABLES:
            if name not in tables:
                continue
            table = _inject_defects(rng, name, tables[name], dirty_rate, fmt, injected)
            rows[name] += table.num_rows
            writer.write(name, table)
        truth = sim["truth"]
        truth_writer.write(
            "customers",
            pa.table(
                {
                    "account_id": pa.array(truth["account_id"].astype(str), pa.string()),
                    "account_type": pa.array(truth["account_type"].astype(str), pa.string()),
                    "is_buyer": pa.array(truth["is_buyer"], pa.bool_()),
                    "is_alive_at_end": pa.array(truth["is_alive"], pa.bool_()),
                    "purchase_rate_per_week": pa.array(
                        truth["purchase_rate_per_week"], pa.float64()
                    ),
                    "dropout_probability": pa.array(truth["dropout_probability"], pa.float64()),
                    "spend_nu": pa.array(truth["spend_nu"], pa.float64()),
                    "first_purchase_date": _dates(start, truth["first_purchase_day"]),
                    "acquisition_channel": pa.array(
                        truth["acquisition_channel"].astype(str), pa.string()
                    ),
                    "is_late_payer": pa.array(truth["is_late_payer"], pa.bool_()),
                    "is_discount_only_buyer": pa.array(truth["is_discount_only_buyer"], pa.bool_()),
                    "is_frequent_complainer": pa.array(truth["is_frequent_complainer"], pa.bool_()),
                }
            ),
        )
        new_customers["channel"].append(sim["new_customers_by_channel_month"]["channel"])
        new_customers["day"].append(sim["new_customers_by_channel_month"]["day"])
        say(
            f"customers {first + size:,}/{customers:,}: {counters['orders']:,} orders, "
            f"{counters['lines']:,} order lines"
        )
    products_table = _products_table(products)
    writer.write("orders_products", products_table)
    rows["orders_products"] = products_table.num_rows
    spend = _spend_table(
        np.random.default_rng(spend_seed),
        {k: np.concatenate(v) for k, v in new_customers.items()},
        start_date,
        end_date,
    )
    writer.write("marketing_spend", spend)
    rows["marketing_spend"] = spend.num_rows
    writer.close()
    truth_writer.close()
    metadata = {
        "schema_version": SCHEMA_VERSION,
        "generator": {
            "customers": customers,
            "seed": seed,
            "format": fmt,
            "start_date": start_date.isoformat(),
            "end_date": end_date.isoformat(),
            "dirty_rate": dirty_rate,
            "chunk_size": CHUNK_SIZE,
        },
        "time_unit_of_parameters": "week",
        "true_parameters": TRUE_PARAMETERS,
        "currency_rates_to_eur": {"EUR": 1.0, "CHF": CHF_RATE},
        "rows": rows,
        "injected_defects": {
            name: dict(sorted(codes.items())) for name, codes in sorted(injected.items())
        },
    }
    (out_dir / "metadata.json").write_text(
        json.dumps(metadata, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    say(f"wrote {sum(rows.values()):,} rows in {len(rows)} tables to {out_dir}")
    return metadata
