"""Benchmark: BI readers against builds. Readers poll the serving file every 100 ms (a new DuckDB
connection per query, one long-lived DuckDB connection, SQLAlchemy + duckdb_engine read-only,
each in its own process) while K good builds run, then one build that a test fails, then one
build killed with SIGKILL at a random moment. It prints reads, lock errors, partial or mixed
reads, builds blocked by readers and whether the serving file opened and was consistent after
every build. Exit code 1 when any of those is not zero or not consistent.

    python scripts/bench_serving.py                       # the demo data, 3 good builds
    python scripts/bench_serving.py --raw-path DIR --format parquet --builds 2
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
from pathlib import Path

from kundenstamm.serving_probe import run_build, start_readers

PROJECT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--builds", type=int, default=3, help="good builds (default 3)")
    parser.add_argument("--raw-path", default=None, help="raw files (default: the demo seeds)")
    parser.add_argument("--format", choices=["csv", "parquet"], default="parquet")
    parser.add_argument("--seed", type=int, default=None, help="seed of the kill moment")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="kundenstamm-serving-"))
    serving = work / "kundenstamm.duckdb"
    env = dict(os.environ)
    env.pop("KUNDENSTAMM_BUILD_PATH", None)
    env.update(
        {
            "DBT_PROFILES_DIR": str(PROJECT / "profiles"),
            "KUNDENSTAMM_DUCKDB_PATH": str(serving),
            "DBT_TARGET_PATH": str(work / "target"),
            "DBT_LOG_PATH": str(work / "logs"),
        }
    )
    command = [sys.executable, "-m", "kundenstamm", "build", "--target", "duckdb"]
    if args.raw_path:
        command += ["--raw-path", args.raw_path, "--format", args.format]

    def build(name, extra_vars=None, kill_after=None):
        full = command + (["--vars", json.dumps(extra_vars)] if extra_vars else [])
        outcome = run_build(name, full, serving, PROJECT, env, kill_after=kill_after)
        print(outcome.line(), flush=True)
        return outcome

    print(f"warehouse folder: {work} (load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    outcomes = [build("first build")]
    readers = start_readers(serving)
    outcomes += [build(f"good build {n}") for n in range(1, args.builds + 1)]
    # abc_basis is revenue or margin: with any other value fct_abc_classes stops with an error
    outcomes.append(build("failing model", {"abc_basis": "bogus"}))
    moment = random.Random(args.seed).uniform(0.0, outcomes[1].seconds * 0.8)
    outcomes.append(build(f"killed at +{moment:.1f}s", kill_after=moment))
    seen = [reader.stop() for reader in readers]
    print()
    for observations in seen:
        print(observations.line())
    reads = sum(o.reads for o in seen)
    locks = sum(o.lock_errors for o in seen)
    mixed = sum(o.inconsistent for o in seen)
    errors = sum(len(o.other_errors) for o in seen)
    blocked = sum(o.blocked_by_reader for o in outcomes)
    consistent = all(o.consistent_after for o in outcomes)
    print(
        f"\nreads {reads}, lock errors {locks}, partial or mixed reads {mixed}, other read errors "
        f"{errors}, builds blocked by readers {blocked}, serving file consistent after every "
        f"build: {'yes' if consistent else 'NO'}"
    )
    good = all(o.exit_code == 0 for o in outcomes[: args.builds + 1])
    bad_unchanged = all(o.exit_code != 0 and o.serving_unchanged for o in outcomes[-2:])
    return (
        0
        if good and bad_unchanged and not (locks or mixed or errors or blocked) and consistent
        else 1
    )


if __name__ == "__main__":
    sys.exit(main())
