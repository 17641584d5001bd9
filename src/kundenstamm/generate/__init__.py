"""Deterministic synthetic raw data for Kundenstamm.

`generate_dataset` writes one file per raw table (`<identifier>.csv` or `.parquet`, columns as in
the raw data contract) plus `metadata.json` with the true parameters, row counts and injected
defects, and `_truth_customers.<fmt>` with each account's hidden state (not a raw table).
The same arguments always give the same bytes: customers are simulated in fixed-size chunks,
each with its own random stream derived from the seed. Each raw table has its own module
(`accounts`, `contacts`, `orders`, ...); `simulate` runs them for one chunk.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np

from kundenstamm.generate.defects import inject_defects
from kundenstamm.generate.identities import DistinctIdentities
from kundenstamm.generate.nps import wave_names
from kundenstamm.generate.orders import CHF_RATE
from kundenstamm.generate.products import make_products, products_table
from kundenstamm.generate.purchases import TRUE_PARAMETERS, truth_table
from kundenstamm.generate.simulate import COUNTED, build_tables, simulate_chunk
from kundenstamm.generate.spend import spend_table
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


def _check_arguments(fmt: str, customers: int, start_date: date, end_date: date) -> None:
    if fmt not in ("csv", "parquet"):
        raise ValueError(f"format must be csv or parquet, not {fmt!r}")
    if customers < 1:
        raise ValueError("customers must be at least 1")
    if end_date <= start_date:
        raise ValueError("end_date must be after start_date")


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
    _check_arguments(fmt, customers, start_date, end_date)
    say = progress or (lambda message: None)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    days = (end_date - start_date).days + 1
    start = np.datetime64(start_date, "s")
    product_seed, spend_seed, *chunk_seeds = np.random.SeedSequence(seed).spawn(
        2 + (customers + CHUNK_SIZE - 1) // CHUNK_SIZE
    )
    products = make_products(np.random.default_rng(product_seed))
    names = wave_names(start_date, days)
    counters = dict.fromkeys(COUNTED, 0)
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
        tables = build_tables(sim, start, counters, products.product_id, names)
        for name in TABLES:
            if name not in tables:
                continue
            table = inject_defects(rng, name, tables[name], dirty_rate, fmt, injected)
            rows[name] += table.num_rows
            writer.write(name, table)
        truth_writer.write("customers", truth_table(sim["accounts"], sim["purchases"], start))
        buyers = sim["purchases"]["buyers"]
        new_customers["channel"].append(sim["accounts"]["channel"][buyers])
        new_customers["day"].append(sim["accounts"]["first_day"][buyers])
        say(
            f"customers {first + size:,}/{customers:,}: {counters['orders']:,} orders, "
            f"{counters['lines']:,} order lines"
        )
    for name, table in (
        ("orders_products", products_table(products)),
        (
            "marketing_spend",
            spend_table(
                np.random.default_rng(spend_seed),
                {k: np.concatenate(v) for k, v in new_customers.items()},
                start_date,
                end_date,
            ),
        ),
    ):
        writer.write(name, table)
        rows[name] = table.num_rows
    writer.close()
    truth_writer.close()
    metadata = _metadata(customers, seed, fmt, start_date, end_date, dirty_rate, rows, injected)
    (out_dir / "metadata.json").write_text(
        json.dumps(metadata, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    say(f"wrote {sum(rows.values()):,} rows in {len(rows)} tables to {out_dir}")
    return metadata


def _metadata(customers, seed, fmt, start_date, end_date, dirty_rate, rows, injected) -> dict:
    return {
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
