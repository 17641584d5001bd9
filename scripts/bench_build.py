"""Benchmark: the DuckDB build at 100k and 1M customers, against baselines measured in the same run.

For each size it generates a Parquet dataset (or reuses one in --work), and then measures:

- the full `kundenstamm build` (every model and test) of the night before the dataset's last day:
  wall time, peak memory (the largest process, from GNU time), model and test time per layer and
  the ten slowest nodes (dbt's run_results.json);
- `kundenstamm check` on that build: the great-expectations checkpoint alone (`--skip-dbt`)
  and the whole check (source freshness, dbt tests, checkpoint);
- the incremental build of the next night (the export of the last day, one more day of data);
- the models (and mapping seeds) up to fct_rfm_scores from the raw files into a fresh database
  (`dbt build --select +fct_rfm_scores`, no tests: the RFM path);
- two baselines: one join and hash aggregate over the raw Parquet (last purchase, orders and
  revenue per customer) in DuckDB, and the RFM scores computed with pandas from the Parquet.

It prints the figures and the ratios build / aggregate, +fct_rfm_scores / pandas and
incremental / full, with the machine load at each step (figures from a busy machine are not
comparable). Not a timed test: nothing fails on a slow machine.

    python scripts/bench_build.py --sizes 100000 1000000 --work /tmp/kundenstamm-bench
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

from kundenstamm.benchmark import machine_load, size_arguments, timed
from kundenstamm.project import scratch_dbt_env

PROJECT = Path(__file__).resolve().parents[1]
KUNDENSTAMM = Path(sys.executable).with_name("kundenstamm")
DBT = Path(sys.executable).with_name("dbt")
LAST_DAY = date(2025, 12, 31)
LAYERS = ("staging", "intermediate", "marts")


def _layer(node: dict) -> str:
    path = node.get("original_file_path", "")
    for layer in LAYERS:
        if path.startswith(f"models/{layer}/"):
            return layer
    return "other"


def node_times(target: Path) -> tuple[dict[str, dict[str, float]], list[tuple[float, str]]]:
    """Seconds per layer and kind (model / test) and every node's time, from dbt's files."""
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    results = json.loads((target / "run_results.json").read_text(encoding="utf-8"))
    nodes = {**manifest["nodes"], **manifest.get("unit_tests", {})}
    per_layer: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    slowest = []
    for result in results["results"]:
        node = nodes.get(result["unique_id"], {})
        kind = node.get("resource_type", result["unique_id"].split(".")[0])
        if kind in ("test", "unit_test"):
            parent = nodes.get(node.get("attached_node") or "", {})
            parents = node.get("depends_on", {}).get("nodes", [])
            parent = parent or nodes.get(parents[0] if parents else "", {})
            layer = _layer(parent) if parent else "other"
            kind = "test"
        else:
            layer = _layer(node)
        per_layer[layer][kind] += result["execution_time"]
        slowest.append((result["execution_time"], result["unique_id"]))
    slowest.sort(reverse=True)
    return per_layer, slowest[:10]


def aggregate_baseline(dataset: Path) -> float:
    """One join and hash aggregate over the raw Parquet: last purchase, orders, revenue."""
    import duckdb

    started = time.perf_counter()
    with duckdb.connect() as connection:
        connection.execute(
            f"""
            create temp table per_customer as
            select
                orders.account_id,
                max(cast(orders.ordered_at as date)) as last_purchase,
                count(distinct orders.order_id) as orders,
                sum(lines.quantity * lines.unit_price - coalesce(lines.discount_amount, 0)) as revenue
            from '{dataset}/orders_orders.parquet' as orders
            inner join '{dataset}/orders_order_lines.parquet' as lines using (order_id)
            where orders.status = 'completed'
            group by orders.account_id
            """
        )
    return time.perf_counter() - started


def pandas_rfm_baseline(dataset: Path) -> float:
    """RFM quintile scores (ties share a score) with pandas from the raw Parquet."""
    import pandas as pd

    started = time.perf_counter()
    orders = pd.read_parquet(
        dataset / "orders_orders.parquet",
        columns=["order_id", "account_id", "ordered_at", "status"],
    )
    orders = orders[orders["status"] == "completed"]
    lines = pd.read_parquet(
        dataset / "orders_order_lines.parquet",
        columns=["order_id", "quantity", "unit_price", "discount_amount"],
    )
    lines["value"] = lines["quantity"].astype(float) * lines["unit_price"].astype(float) - lines[
        "discount_amount"
    ].astype(float).fillna(0)
    revenue = lines.groupby("order_id", sort=False)["value"].sum()
    orders = orders.join(revenue, on="order_id")
    orders["order_date"] = pd.to_datetime(orders["ordered_at"]).dt.normalize()
    customers = orders.groupby("account_id", sort=False).agg(
        last=("order_date", "max"), frequency=("order_id", "nunique"), monetary=("value", "sum")
    )
    recency = (pd.Timestamp(LAST_DAY) - customers["last"]).dt.days
    for name, values in (
        ("r", -recency),
        ("f", customers["frequency"]),
        ("m", customers["monetary"]),
    ):
        ranks = values.rank(method="min", pct=True)
        customers[f"{name}_score"] = (ranks * 5).clip(upper=4.999).astype(int) + 1
    customers["rfm"] = customers["r_score"] + customers["f_score"] + customers["m_score"]
    return time.perf_counter() - started


def bench(customers: int, work: Path, seed: int) -> None:
    from kundenstamm.generate.daily import export_known_by

    dataset = work / f"raw-{customers}"
    if not (dataset / "metadata.json").exists():
        print(f"generating {customers:,} customers -> {dataset} ({machine_load()})", flush=True)
        options = ["--customers", str(customers), "--seed", str(seed), "--format", "parquet"]
        options += ["--end-date", LAST_DAY.isoformat(), "--out", str(dataset)]
        subprocess.run(
            [str(KUNDENSTAMM), "generate", *options],
            cwd=PROJECT,
            check=True,
        )
    folder = work / f"build-{customers}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    nightly = folder / "raw"
    env = scratch_dbt_env(PROJECT, folder)
    figures: dict[str, tuple[float, float]] = {}
    loads: dict[str, str] = {}

    def build(name: str, day: date) -> None:
        export_known_by(dataset, nightly, day)
        command = [str(KUNDENSTAMM), "build", "--raw-path", str(nightly), "--format", "parquet"]
        command += ["--vars", json.dumps({"as_of_date": day.isoformat()})]
        loads[name] = machine_load()
        print(f"{customers:,}: {name} build as of {day} ({loads[name]})", flush=True)
        figures[name] = timed(command, env, folder / f"{name}.log", PROJECT)
        shutil.copytree(folder / "target", folder / f"target-{name}", dirs_exist_ok=True)

    build("full", LAST_DAY - timedelta(days=1))
    for name, options in (("check_gx", ["--skip-dbt"]), ("check", [])):
        loads[name] = machine_load()
        print(f"{customers:,}: kundenstamm check {' '.join(options)} ({loads[name]})", flush=True)
        command = [str(KUNDENSTAMM), "check", *options, "--out", str(folder / f"quality-{name}")]
        figures[name] = timed(command, env, folder / f"{name}.log", PROJECT, check=False)
    build("incremental", LAST_DAY)

    rfm_folder = folder / "rfm"
    rfm_folder.mkdir()
    rfm_env = scratch_dbt_env(PROJECT, rfm_folder)
    rfm_env["KUNDENSTAMM_RAW_PATH"] = str(dataset)
    rfm_env["KUNDENSTAMM_BUILD_PATH"] = str(rfm_folder / "rfm.duckdb")
    loads["rfm"] = machine_load()
    print(f"{customers:,}: the models up to fct_rfm_scores ({loads['rfm']})", flush=True)
    rfm_command = [str(DBT), "build", "--select", "+fct_rfm_scores", "--exclude", "path:seeds/demo"]
    rfm_command += ["--resource-type", "seed", "--resource-type", "model"]
    rfm_command += ["--vars", json.dumps({"as_of_date": LAST_DAY.isoformat()})]
    figures["rfm"] = timed(rfm_command, rfm_env, folder / "rfm.log", PROJECT)

    loads["baselines"] = machine_load()
    aggregate = min(aggregate_baseline(dataset) for _ in range(2))
    pandas_rfm = min(pandas_rfm_baseline(dataset) for _ in range(2))

    per_layer, slowest = node_times(folder / "target-full")
    incremental_layers, _ = node_times(folder / "target-incremental")
    full, incremental = figures["full"], figures["incremental"]
    print(f"\n== {customers:,} customers (Parquet; the load is given per step)")
    print(f"full build          {full[0]:8.1f} s  peak {full[1]:5.2f} GB  ({loads['full']})")
    print(
        f"incremental build   {incremental[0]:8.1f} s  peak {incremental[1]:5.2f} GB"
        f"  ({loads['incremental']})"
    )
    print(f"check (checkpoint)  {figures['check_gx'][0]:8.1f} s  ({loads['check_gx']})")
    print(f"check (all)         {figures['check'][0]:8.1f} s  ({loads['check']})")
    print(f"+fct_rfm_scores     {figures['rfm'][0]:8.1f} s  ({loads['rfm']})")
    print(f"aggregate baseline  {aggregate:8.1f} s  ({loads['baselines']})")
    print(f"pandas RFM baseline {pandas_rfm:8.1f} s")
    print("ratios:")
    print(f"  full build / aggregate           {full[0] / aggregate:7.1f}x")
    print(f"  +fct_rfm_scores / pandas RFM     {figures['rfm'][0] / pandas_rfm:7.2f}x")
    print(f"  incremental / full               {incremental[0] / full[0]:7.2f}")
    print("thread time per layer (s), full | incremental:")
    for layer in (*LAYERS, "other"):
        full_times, inc_times = per_layer.get(layer, {}), incremental_layers.get(layer, {})
        print(
            f"  {layer:13} models {full_times.get('model', 0):7.1f} | {inc_times.get('model', 0):7.1f}"
            f"   tests {full_times.get('test', 0):7.1f} | {inc_times.get('test', 0):7.1f}"
        )
    print("ten slowest nodes of the full build (s):")
    for seconds, unique_id in slowest:
        print(f"  {seconds:7.1f}  {unique_id}")


def main() -> int:
    args = size_arguments(__doc__.splitlines()[0], [100_000, 1_000_000], seed=7)
    for size in args.sizes:
        bench(size, args.work, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
