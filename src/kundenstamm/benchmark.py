"""Helpers of the benchmark scripts (scripts/bench_*.py): how busy the machine is, and the wall
time and peak memory of a command."""

from __future__ import annotations

import argparse
import os
import subprocess
import time
from pathlib import Path


def machine_load() -> str:
    """Machine load now (1-minute average) and cores, to say how busy a measurement was."""
    return f"load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


def timed(
    command: list[str], env: dict[str, str], log: Path, cwd: Path, check: bool = True
) -> tuple[float, float]:
    """Run a command with its output in `log`; return wall seconds and peak RSS in GB (the
    largest process of the command and its children, from GNU time). With `check`, a failed
    command stops the benchmark; without, its time still counts (a data check that finds
    problems exits non-zero)."""
    started = time.perf_counter()
    with log.open("w") as out:
        result = subprocess.run(
            ["/usr/bin/time", "-f", "%M", *command],
            cwd=cwd,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            check=False,
        )
    seconds = time.perf_counter() - started
    if result.returncode != 0 and check:
        raise SystemExit(f"{' '.join(command)} failed (exit {result.returncode}); see {log}")
    peak_kb = int(log.read_text().strip().splitlines()[-1])
    return seconds, peak_kb / 1024 / 1024


def size_arguments(description: str, sizes: list[int], seed: int) -> argparse.Namespace:
    """The options of a benchmark over dataset sizes: `--sizes` (customers), `--work` (the folder
    it builds in, created) and `--seed` of the generated data."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--sizes", type=int, nargs="+", default=sizes)
    parser.add_argument("--work", type=Path, default=Path("/tmp/kundenstamm-bench"))
    parser.add_argument("--seed", type=int, default=seed)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    args.work = args.work.resolve()
    return args
