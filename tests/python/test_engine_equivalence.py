"""DuckDB and Spark give the same numbers: every mart of the two builds of the demo data that
scripts/test.sh made, row by row on its primary key (kundenstamm.equivalence)."""

from __future__ import annotations

import json
import os

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from kundenstamm.equivalence import (
    compare_schemas,
    compare_tables,
    primary_keys,
    read_duckdb_schema,
)

pytestmark = pytest.mark.spark


@pytest.fixture(scope="session")
def mart_keys(project_dir):
    return primary_keys(project_dir / "target" / "manifest.json")


@pytest.fixture(scope="session")
def duckdb_marts(warehouse):
    return read_duckdb_schema(warehouse)


@pytest.fixture(scope="session")
def mart_models(project_dir) -> set[str]:
    manifest = json.loads((project_dir / "target" / "manifest.json").read_text(encoding="utf-8"))
    return {
        node["name"]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["schema"] == "marts"
    }


def test_every_mart_is_equal_on_duckdb_and_spark(duckdb_marts, spark_marts, mart_keys, mart_models):
    # the listing found every mart the project builds, on both sides
    assert mart_models <= set(duckdb_marts)
    assert mart_models <= set(spark_marts)
    comparison = compare_schemas(duckdb_marts, spark_marts, mart_keys)
    assert comparison.equal, comparison.format()
    assert sum(comparison.tables.values()) > 10_000


def _replace(table: pa.Table, column: str, row: int, value) -> pa.Table:
    values = table.column(column).to_pylist()
    values[row] = value
    index = table.column_names.index(column)
    return table.set_column(index, column, pa.array(values, type=table.schema.field(column).type))


def test_a_changed_value_a_missing_row_and_a_missing_mart_are_reported(duckdb_marts, mart_keys):
    changed = dict(duckdb_marts)
    customers = changed["dim_customers"]
    first = customers.column("account_id")[0].as_py()
    changed["dim_customers"] = _replace(customers, "rfm_segment", 0, "Champions?")
    orders = changed["fct_orders"]
    last_order = pc.max(orders.column("order_id")).as_py()
    changed["fct_orders"] = orders.filter(pc.not_equal(orders.column("order_id"), last_order))
    del changed["rpt_nps"]

    comparison = compare_schemas(duckdb_marts, changed, mart_keys, "duckdb", "spark")
    report = comparison.format()

    assert not comparison.equal
    assert "DIFF dim_customers.rfm_segment: 1 row(s) differ" in report
    assert f"key {first}: duckdb '{customers.column('rfm_segment')[0].as_py()}'" in report
    assert "spark 'Champions?'" in report
    assert f"key {last_order}" in report
    assert "DIFF fct_orders: row counts differ" in report
    assert "DIFF rpt_nps: the table exists only on duckdb" in report


def test_money_to_the_cent_floats_to_a_relative_tolerance():
    # the last row has a null key on both sides (a quarantined row): it matches itself
    left = pa.table(
        {
            "id": ["a", "b", "c", None],
            "revenue_eur": pa.array([10.00, 10.00, 10.00, 1.0]).cast(pa.decimal128(18, 2)),
            "p_alive": [0.5, 0.5, 0.5, float("nan")],
            "name": ["x", None, "z", "q"],
        }
    )
    right = pa.table(
        {
            "id": ["a", "b", "c", None],
            "revenue_eur": pa.array([10.00, 10.01, 10.00, 1.0]).cast(pa.decimal128(18, 2)),
            "p_alive": [0.5 * (1 + 1e-12), 0.5, 0.5001, float("nan")],
            "name": ["x", "", "z", "q"],
        }
    )
    found = {d.column: d for d in compare_tables("t", left, right, ["id"])}
    assert set(found) == {"revenue_eur", "p_alive", "name"}
    assert found["revenue_eur"].examples == ("key b: {left} 10.00, {right} 10.01",)
    assert found["p_alive"].examples == ("key c: {left} 0.5, {right} 0.5001",)
    # an empty text is not a null
    assert found["name"].examples == ("key b: {left} null, {right} ''",)


# CSV, the format whose reading the engines could disagree on (quotes, empty cells, line
# breaks); KUNDENSTAMM_ENGINE_FORMATS=csv,parquet adds Parquet (the nightly benchmark builds a
# generated Parquet dataset on both engines and compares every mart).
FORMATS = os.environ.get("KUNDENSTAMM_ENGINE_FORMATS", "csv").split(",")


@pytest.fixture(scope="module", params=FORMATS)
def staged_on_both(request, tmp_path_factory, project_dir):
    """The hand-made mini dataset read from external files by the staging models of both
    engines: (DuckDB staging, Spark staging, primary keys)."""
    from conftest import dbt_build, mini_raw_as

    from kundenstamm.spark import read_schema_in_child

    work = tmp_path_factory.mktemp(f"external_{request.param}")
    # a folder name with a space and a quote: the path is quoted wherever it reaches SQL
    raw = mini_raw_as(request.param, work / "raw files 'mini'")
    options = (
        "--select",
        "path:seeds/mappings",
        "path:models/staging",
        "--vars",
        json.dumps(
            {"raw_data_path": str(raw), "raw_data_format": request.param, "load_date": "2026-01-31"}
        ),
    )
    sides = {}
    for target in ("duckdb", "spark"):
        database = work / target / "warehouse.duckdb"
        database.parent.mkdir()
        # seeds and models only: the tests of these models run in test_staging_quarantine.py
        dbt_build(
            project_dir, database, *options, "--resource-type", "seed", "--resource-type", "model",
            target=target,
        )  # fmt: skip
        sides[target] = database
    keys = primary_keys(sides["duckdb"].parent / "target" / "manifest.json", "staging")
    spark = read_schema_in_child(
        project_dir,
        "staging",
        env={"KUNDENSTAMM_SPARK_WAREHOUSE": str(sides["spark"].parent / "spark-warehouse")},
        views=True,
    )
    return read_duckdb_schema(sides["duckdb"], "staging", views=True), spark, keys


def test_spark_reads_external_files_like_duckdb(staged_on_both):
    duckdb_staging, spark_staging, keys = staged_on_both
    assert {"stg_orders__orders", "quarantine_orders__order_lines"} <= set(spark_staging)
    comparison = compare_schemas(duckdb_staging, spark_staging, keys)
    assert comparison.equal, comparison.format()
    quarantined = spark_staging["quarantine_orders__order_lines"]
    assert quarantined.num_rows == 5
