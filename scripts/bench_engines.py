"""Benchmark: the same generated raw files built on DuckDB and on Spark (local, in-process), then
every mart compared row by row.

For each size it generates a dataset as Parquet (or reuses one in --work), runs `kundenstamm
build --raw-path <dataset>` on both targets into their own warehouse folders and prints the wall
time and peak memory of each, their ratio and the engine comparison (kundenstamm.equivalence:
same rows, same keys, equal values). Exit code 1 when the engines differ.

    python scripts/bench_engines.py --sizes 20000 100000 --work /tmp/kundenstamm-bench
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kundenstamm.benchmark import machine_load, size_arguments, timed
from kundenstamm.project import scratch_dbt_env

PROJECT = Path(__file__).resolve().parents[1]
KUNDENSTAMM = Path(sys.executable).with_name("kundenstamm")


def bench(customers: int, work: Path, seed: int) -> bool:
    dataset = work / f"raw-{customers}"
    if not (dataset / "metadata.json").exists():
        print(f"generating {customers:,} customers -> {dataset}", flush=True)
        subprocess.run(
            [
                str(KUNDENSTAMM),
                "generate",
                "--customers",
                str(customers),
                "--seed",
                str(seed),
                "--format",
                "parquet",
                "--out",
                str(dataset),
            ],
            cwd=PROJECT,
            check=True,
        )
    folder = work / f"warehouse-{customers}"
    subprocess.run(["rm", "-rf", str(folder)], check=True)
    folder.mkdir(parents=True)
    env = scratch_dbt_env(PROJECT, folder)
    env["KUNDENSTAMM_SPARK_WAREHOUSE"] = str(folder / "spark-warehouse")
    figures = {}
    for target in ("duckdb", "spark"):
        print(f"{customers:,} customers: building on {target} ({machine_load()})", flush=True)
        figures[target] = timed(
            [
                str(KUNDENSTAMM),
                "build",
                "--target",
                target,
                "--raw-path",
                str(dataset),
                "--format",
                "parquet",
            ],
            env,
            folder / f"build-{target}.log",
            PROJECT,
        )
    print(f"{customers:,} customers: comparing every mart ({machine_load()})", flush=True)
    compare = subprocess.run(
        [str(KUNDENSTAMM), "compare-engines"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    duck, spark = figures["duckdb"], figures["spark"]
    print(f"\n== {customers:,} customers (Parquet, {machine_load()})")
    print(f"DuckDB build  {duck[0]:8.1f} s   peak {duck[1]:5.2f} GB")
    print(f"Spark build   {spark[0]:8.1f} s   peak {spark[1]:5.2f} GB")
    print(f"Spark / DuckDB  {spark[0] / duck[0]:6.1f}x")
    print(compare.stdout.strip() or compare.stderr.strip()[-3000:])
    return compare.returncode == 0


def main() -> int:
    args = size_arguments(__doc__.splitlines()[0], [20000, 100000], seed=42)
    equal = [bench(size, args.work, args.seed) for size in args.sizes]
    return 0 if all(equal) else 1


if __name__ == "__main__":
    sys.exit(main())
