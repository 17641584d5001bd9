"""A short plain-text summary of a built warehouse, printed at the end of the main job."""

from __future__ import annotations

from pathlib import Path

import duckdb


def warehouse_path(project_dir: Path) -> Path:
    """The serving DuckDB file (KUNDENSTAMM_DUCKDB_PATH or the default)."""
    from kundenstamm.serving import serving_path

    return serving_path(project_dir)


def print_summary(project_dir: Path) -> None:
    """Print row reconciliation and the headline segments of the DuckDB warehouse."""
    path = warehouse_path(project_dir)
    if not path.exists():
        print(f"No DuckDB warehouse at {path} (the Spark target keeps its tables in Spark).")
        return
    with duckdb.connect(str(path), read_only=True) as connection:
        quarantined = connection.execute(
            "select count(*) from information_schema.tables "
            "where table_schema = 'staging' and table_name like 'quarantine_%'"
        ).fetchone()[0]
        rows = 0
        for (table,) in connection.execute(
            "select table_name from information_schema.tables "
            "where table_schema = 'staging' and table_name like 'quarantine_%'"
        ).fetchall():
            rows += connection.execute(f"select count(*) from staging.{table}").fetchone()[0]
        customers = connection.execute(
            "select count(*), count(first_purchase_date) from marts.dim_customers"
        ).fetchone()
        print(f"Warehouse: {path}")
        print(f"Accounts: {customers[0]:,} ({customers[1]:,} with a purchase)")
        print(f"Quarantined raw rows: {rows:,} across {quarantined} quarantine models")
        print("ABC sub-classes:")
        for subclass, count, share in connection.execute(
            "select abc_subclass, customers, basis_share_pct from marts.rpt_abc_summary "
            "order by sort_order"
        ).fetchall():
            print(f"  {subclass:<9} {count:>8,} customers  {share or 0:6.1f} % of the basis")
        print("Lifecycle stages:")
        for stage, count in connection.execute(
            "select lifecycle_stage, count(*) from marts.fct_lifecycle_stages "
            "group by 1 order by 2 desc"
        ).fetchall():
            print(f"  {stage:<9} {count:>8,}")
