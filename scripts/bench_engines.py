"""Benchmark: the same generated raw files built on DuckDB and on Spark (local, in-process), then
every mart compared row by row.

For each size it generates a dataset as Parquet (or reuses one in --work), runs `kundenstamm
build --raw-path <dataset>` on both targets into their own warehouse folders and prints the wall
time and peak memory of each, their ratio and the engine comparison (kundenstamm.equivalence:
same rows, same keys, equal values). Exit code 1 when the engines differ.

    python scripts/bench_engines.py --sizes 20000 100000 --work /tmp/kundenstamm-bench
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
KUNDENSTAMM = Path(sys.executable).with_name("kundenstamm")


def _load() -> str:
    """Machine load now (1-minute average) and cores, to say how busy the run was."""
    return f"load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


def _timed(command: list[str], env: dict[str, str], log: Path) -> tuple[float, float]:
    """Run a command with its output in `log`; return wall seconds and peak RSS in GB (the
    largest process of the command and its children, from GNU time)."""
    started = time.perf_counter()
    with log.open("w") as out:
        result = subprocess.run(
            ["/usr/bin/time", "-f", "%M", *command],
            cwd=PROJECT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            check=False,
        )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed (exit {result.returncode}); see {log}")
    peak_kb = int(log.read_text().strip().splitlines()[-1])
    return seconds, peak_kb / 1024 / 1024


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
    env = dict(os.environ)
    env.update(
        {
            "DBT_PROFILES_DIR": str(PROJECT / "profiles"),
            "KUNDENSTAMM_DUCKDB_PATH": str(folder / "kundenstamm.duckdb"),
            "KUNDENSTAMM_SPARK_WAREHOUSE": str(folder / "spark-warehouse"),
            "DBT_TARGET_PATH": str(folder / "target"),
            "DBT_LOG_PATH": str(folder / "logs"),
        }
    )
    figures = {}
    for target in ("duckdb", "spark"):
        print(f"{customers:,} customers: building on {target} ({_load()})", flush=True)
        figures[target] = _timed(
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
        )
    print(f"{customers:,} customers: comparing every mart ({_load()})", flush=True)
    compare = subprocess.run(
        [str(KUNDENSTAMM), "compare-engines"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    duck, spark = figures["duckdb"], figures["spark"]
    print(f"\n== {customers:,} customers (Parquet, {_load()})")
    print(f"DuckDB build  {duck[0]:8.1f} s   peak {duck[1]:5.2f} GB")
    print(f"Spark build   {spark[0]:8.1f} s   peak {spark[1]:5.2f} GB")
    print(f"Spark / DuckDB  {spark[0] / duck[0]:6.1f}x")
    print(compare.stdout.strip() or compare.stderr.strip()[-3000:])
    return compare.returncode == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20000, 100000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/kundenstamm-bench"))
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    equal = [bench(size, args.work.resolve(), args.seed) for size in args.sizes]
    return 0 if all(equal) else 1


if __name__ == "__main__":
    sys.exit(main())
