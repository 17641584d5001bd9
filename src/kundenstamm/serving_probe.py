"""Readers that poll the serving file while builds run and record what they saw.

Used by the serving test and `scripts/bench_serving.py`. Each read checks one version for
consistency: every mart listed in `marts.warehouse_info` has the row count recorded there when it
was published, and all rows of `warehouse_info` name the same version. Three kinds of reader:
a new DuckDB connection per query, one long-lived DuckDB connection (it must keep seeing the
version it opened), and SQLAlchemy with `duckdb_engine` in read-only mode (the dialect BI tools
such as Superset use), a new connection per query.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

CONSISTENCY_SQL = "select distinct version_id, mart_name, mart_rows from marts.warehouse_info"


@dataclass
class Observations:
    """What one reader saw."""

    kind: str
    reads: int = 0
    lock_errors: int = 0
    other_errors: list[str] = field(default_factory=list)
    inconsistent: int = 0
    versions: Counter = field(default_factory=Counter)

    def line(self) -> str:
        return (
            f"{self.kind:<22} reads {self.reads:5d}  lock errors {self.lock_errors}  "
            f"partial or mixed reads {self.inconsistent}  other errors {len(self.other_errors)}  "
            f"versions seen {len(self.versions)}"
        )


def check_version(rows: list[tuple], count) -> tuple[str | None, bool]:
    """(version, consistent) from the warehouse_info rows and a function counting a mart."""
    versions = {row[0] for row in rows}
    if len(versions) != 1:
        return None, False
    consistent = all(count(mart) == expected for _, mart, expected in rows)
    return versions.pop(), consistent


def _read_once(serving: Path, kind: str, state: dict) -> tuple[str | None, bool]:
    import duckdb

    if kind == "duckdb, long-lived":
        if "connection" not in state:
            state["connection"] = duckdb.connect(str(serving), read_only=True)
        return read_duckdb(state["connection"])
    if kind == "duckdb, per query":
        with duckdb.connect(str(serving), read_only=True) as connection:
            return read_duckdb(connection)
    import sqlalchemy as sa
    from sqlalchemy.pool import NullPool

    engine = sa.create_engine(
        f"duckdb:///{serving}", connect_args={"read_only": True}, poolclass=NullPool
    )
    try:
        with engine.connect() as connection:
            rows = [tuple(r) for r in connection.execute(sa.text(CONSISTENCY_SQL))]
            return check_version(
                rows,
                lambda mart: connection.execute(
                    sa.text(f'select count(*) from marts."{mart}"')
                ).scalar(),
            )
    finally:
        engine.dispose()


def _poll(serving: Path, kind: str, interval: float, stop, results) -> None:
    """A reader process: read every `interval` seconds until `stop` is set, then report."""
    seen = Observations(kind)
    state: dict = {}
    opened = None
    while not stop.is_set():
        started = time.monotonic()
        try:
            version, consistent = _read_once(serving, kind, state)
            seen.reads += 1
            seen.versions[version] += 1
            opened = opened or version
            if not consistent or (kind == "duckdb, long-lived" and version != opened):
                seen.inconsistent += 1
        except Exception as error:  # every failure of a read is what this records
            text = str(error)
            if "lock" in text.lower():
                seen.lock_errors += 1
            else:
                seen.other_errors.append(f"{type(error).__name__}: {text[:200]}")
        stop.wait(max(0.0, interval - (time.monotonic() - started)))
    if "connection" in state:
        state["connection"].close()
    results.put(seen)


class Reader:
    """A reader in its own process, as a BI tool is (DuckDB shares one database instance per
    file within a process, so threads would not open the new version)."""

    def __init__(self, serving: Path, kind: str, interval: float = 0.1) -> None:
        import multiprocessing

        context = multiprocessing.get_context("spawn")
        self._stop = context.Event()
        self._results = context.Queue()
        self._process = context.Process(
            target=_poll, args=(serving, kind, interval, self._stop, self._results), daemon=True
        )

    def start(self) -> None:
        self._process.start()

    def stop(self) -> Observations:
        self._stop.set()
        seen = self._results.get(timeout=60)
        self._process.join(timeout=30)
        return seen


KINDS = ("duckdb, per query", "duckdb, long-lived", "sqlalchemy duckdb_engine")


def start_readers(serving: Path, interval: float = 0.1) -> list[Reader]:
    readers = [Reader(serving, kind, interval) for kind in KINDS]
    for reader in readers:
        reader.start()
    return readers


def read_duckdb(connection) -> tuple[str | None, bool]:
    """(version, consistent) of what a DuckDB connection sees."""
    rows = connection.execute(CONSISTENCY_SQL).fetchall()
    return check_version(
        rows, lambda mart: connection.execute(f'select count(*) from marts."{mart}"').fetchone()[0]
    )


def consistent_now(serving: Path) -> tuple[str | None, bool]:
    """Open the serving file afresh and check it (after each build)."""
    import duckdb

    with duckdb.connect(str(serving), read_only=True) as connection:
        return read_duckdb(connection)


@dataclass
class BuildOutcome:
    """One build run while the readers polled."""

    name: str
    exit_code: int
    seconds: float
    version_before: str | None
    version_after: str | None
    serving_unchanged: bool  # byte for byte
    consistent_after: bool
    blocked_by_reader: bool
    output: str = ""

    def line(self) -> str:
        published = self.version_after != self.version_before
        return (
            f"{self.name:<18} exit {self.exit_code:>3}  {self.seconds:6.1f} s  "
            f"{'published ' + str(self.version_after) if published else 'nothing published'}  "
            f"serving file {'unchanged' if self.serving_unchanged else 'replaced'}  "
            f"consistent after: {'yes' if self.consistent_after else 'NO'}  "
            f"blocked by a reader: {'YES' if self.blocked_by_reader else 'no'}"
        )


def _digest(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def run_build(
    name: str,
    command: list[str],
    serving: Path,
    cwd: Path,
    env: dict[str, str],
    kill_after: float | None = None,
) -> BuildOutcome:
    """Run one build (with `kill_after`: killed with SIGKILL, with its whole process group,
    that many seconds after dbt started its first model); compare the serving file before and
    after."""
    import os
    import signal
    import subprocess

    from kundenstamm.serving import current_version

    before = current_version(serving)
    digest = _digest(serving) if serving.exists() else None
    started = time.monotonic()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )  # fmt: skip
    if kill_after is None:
        output, _ = process.communicate()
    else:
        lines = []
        for line in process.stdout:
            lines.append(line)
            if " START " in line:
                break
        time.sleep(kill_after)
        os.killpg(process.pid, signal.SIGKILL)
        rest, _ = process.communicate()
        output = "".join(lines) + rest
    seconds = time.monotonic() - started
    after = current_version(serving)
    _, consistent = consistent_now(serving) if serving.exists() else (None, False)
    return BuildOutcome(
        name=name,
        exit_code=process.returncode,
        seconds=seconds,
        version_before=before.version_id if before else None,
        version_after=after.version_id if after else None,
        serving_unchanged=digest is not None and _digest(serving) == digest,
        consistent_after=consistent,
        blocked_by_reader="conflicting lock" in output.lower(),
        output=output[-3000:],
    )
