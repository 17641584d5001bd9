"""On the demo data, quarantine finds exactly the defects the generator injected, table by table
and reason by reason, and the demo seeds are what `kundenstamm demo-seeds` makes."""

from __future__ import annotations

import json

import duckdb
import pytest
from conftest import PROJECT_DIR, dbt_build

from kundenstamm.cli_parser import DEMO_CUSTOMERS, DEMO_SEED
from kundenstamm.generate import generate_dataset


@pytest.fixture(scope="module")
def demo_staging(tmp_path_factory):
    database = tmp_path_factory.mktemp("demo") / "warehouse.duckdb"
    dbt_build(
        PROJECT_DIR,
        database,
        "--select",
        "path:seeds",
        "path:models/staging",
        "--exclude",
        "resource_type:unit_test",
        "--vars",
        "{load_date: '2026-01-31'}",
    )
    with duckdb.connect(str(database), read_only=True) as connection:
        yield connection


def test_quarantine_matches_injected_defects(demo_staging):
    metadata = json.loads((PROJECT_DIR / "seeds" / "demo" / "metadata.json").read_text())
    found: dict[str, dict[str, int]] = {}
    for (table,) in demo_staging.execute(
        "select table_name from information_schema.tables "
        "where table_schema = 'staging' and table_name like 'quarantine_%'"
    ).fetchall():
        for source_table, reason, count in demo_staging.execute(
            f"select source_table, quarantine_reason, count(*) from staging.{table} group by 1, 2"
        ).fetchall():
            found.setdefault(source_table, {})[reason] = count
    assert found == metadata["injected_defects"]


def test_demo_seeds_are_reproducible(tmp_path):
    generate_dataset(tmp_path, customers=DEMO_CUSTOMERS, seed=DEMO_SEED, fmt="csv")
    for path in (PROJECT_DIR / "seeds" / "demo").glob("*.csv"):
        assert path.read_bytes() == (tmp_path / path.name).read_bytes(), path.name
