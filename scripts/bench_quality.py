"""Benchmark: how long the great-expectations checkpoint takes on a warehouse, per stage.

python scripts/bench_quality.py --database warehouse/kundenstamm.duckdb
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import duckdb

from kundenstamm.project import find_project_dir
from kundenstamm.quality.command import run_quality_checks
from kundenstamm.quality.settings import load_settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, default=Path("warehouse/kundenstamm.duckdb"))
    parser.add_argument("--out", type=Path, default=Path("warehouse/bench_quality"))
    args = parser.parse_args()
    with duckdb.connect(str(args.database), read_only=True) as connection:
        customers = connection.execute("select count(*) from marts.dim_customers").fetchone()[0]
        lines = connection.execute("select count(*) from marts.fct_order_lines").fetchone()[0]
    started = time.perf_counter()
    result = run_quality_checks(args.database, find_project_dir(), args.out, load_settings())
    wall = time.perf_counter() - started
    print(f"warehouse: {customers:,} customers, {lines:,} order lines")
    print(f"checks: {result.checks}, failed: {len(result.failures)}, wall time {wall:.1f} s")
    for stage, seconds in result.seconds.items():
        print(f"  {stage:<14} {seconds:7.1f} s")
    print(f"order lines checked per second: {lines / wall:,.0f}")


if __name__ == "__main__":
    main()
