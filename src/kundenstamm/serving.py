"""Write, audit, publish: readers of the warehouse never see a build in progress.

A build never writes the file BI tools read. dbt writes the *build* database
(`<folder>/build/<name>`, or KUNDENSTAMM_BUILD_PATH); only when the whole build and all its tests
passed is it *published*: copied to a new version file `<folder>/versions/<version>.duckdb`
(with a `marts.warehouse_info` table saying what it is), flushed to disk, and made the *serving*
file (`warehouse/kundenstamm.duckdb`, or KUNDENSTAMM_DUCKDB_PATH) by an atomic rename of a hard
link to it. A connection that is open keeps reading the version it opened; a new connection
opens the new one. A failed or killed build publishes nothing. The build database stays where it
is, so the next build starts from the last build's state.

Layout beside the serving file:

    kundenstamm.duckdb            the serving file: a hard link to the current version
    build/kundenstamm.duckdb      what dbt writes
    versions/<version>.duckdb     the last `keep` published versions (read-only files)
    parquet/current -> <version>  with --parquet: every mart as Parquet, swapped as a whole

The files are readable by their owner only (`kundenstamm.files`, KUNDENSTAMM_FILE_MODE): the
build database 0600, published versions 0400 (the serving file is a hard link to one, so it has
the same mode), folders 0700.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kundenstamm import files

INFO_TABLE = "warehouse_info"
DEFAULT_KEEP = 5
FAILED = {"error", "fail", "runtime error", "skipped"}


class PublishError(RuntimeError):
    """Nothing was published (the serving file is as it was)."""


@dataclass(frozen=True)
class Version:
    version_id: str
    path: Path


def serving_path(project_dir: Path, given: str | Path | None = None) -> Path:
    """The file BI tools read: `given`, else KUNDENSTAMM_DUCKDB_PATH, else the default."""
    path = Path(given or os.environ.get("KUNDENSTAMM_DUCKDB_PATH", "warehouse/kundenstamm.duckdb"))
    return path if path.is_absolute() else project_dir / path


def build_path(serving: Path) -> Path:
    """The database dbt writes: KUNDENSTAMM_BUILD_PATH, else `build/<name>` beside the serving
    file (profiles/profiles.yml derives the same path for plain dbt)."""
    configured = os.environ.get("KUNDENSTAMM_BUILD_PATH")
    if configured:
        path = Path(configured)
        return path if path.is_absolute() else Path.cwd() / path
    return serving.parent / "build" / serving.name


def _versions_dir(serving: Path) -> Path:
    return serving.parent / "versions"


def _parquet_dir(serving: Path) -> Path:
    return serving.parent / "parquet"


def versions(serving: Path) -> list[Version]:
    """Published versions, oldest first."""
    folder = _versions_dir(serving)
    if not folder.is_dir():
        return []
    return [Version(path.stem, path) for path in sorted(folder.glob("*.duckdb"))]


def current_version(serving: Path) -> Version | None:
    """The version the serving file is (the same file, by inode)."""
    if not serving.exists():
        return None
    inode = serving.stat().st_ino
    return next((v for v in versions(serving) if v.path.stat().st_ino == inode), None)


def prepare_build(serving: Path, say: Callable[[str], None]) -> Path:
    """The build database, carried over from the last build; when there is none yet but a
    published version exists, a copy of that one (so incremental state survives)."""
    build = build_path(serving)
    files.make_dir(serving.parent)
    files.own_dir(build.parent)
    if not build.exists() and serving.exists():
        say(f"no build database yet: starting from a copy of the serving file {serving}")
        with files.private_umask():
            shutil.copyfile(serving, build)
    secure_build(build)
    return build


def secure_build(build: Path) -> None:
    """Give the build database (and its write-ahead log) the file mode: dbt creates it."""
    for path in (build, Path(str(build) + ".wal")):
        if path.exists():
            files.restrict(path)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read_results(run_results: Path) -> dict:
    """The last dbt command's run_results.json."""
    if not run_results.exists():
        raise PublishError(f"{run_results} is missing: run `dbt build` first; nothing published.")
    return json.loads(run_results.read_text(encoding="utf-8"))


def test_summary(document: dict) -> dict[str, int]:
    """Counts by status of the last dbt command's results; raises PublishError if any failed."""
    counts: dict[str, int] = {}
    failed = []
    for result in document.get("results", []):
        status = str(result.get("status", "")).lower()
        counts[status] = counts.get(status, 0) + 1
        if status in FAILED:
            failed.append(f"{result.get('unique_id')} ({status})")
    if failed:
        more = f" and {len(failed) - 5} more" if len(failed) > 5 else ""
        raise PublishError(
            f"the last dbt command did not pass ({len(failed)} failed or skipped: "
            f"{', '.join(failed[:5])}{more}); nothing published."
        )
    return counts


def _git_commit(project_dir: Path) -> str | None:
    try:
        result = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=project_dir, capture_output=True, text=True,
            check=False,
        )  # fmt: skip
    except OSError:
        return None
    return result.stdout.strip() or None


def _new_version_id(serving: Path) -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    taken = {v.version_id for v in versions(serving)}
    version_id, n = stamp, 1
    while version_id in taken:
        n += 1
        version_id = f"{stamp}-{n}"
    return version_id


def mart_tables(connection) -> list[str]:
    """The tables of schema `marts` in a DuckDB database."""
    return [
        row[0]
        for row in connection.execute(
            "select table_name from information_schema.tables where table_schema = 'marts' "
            "and table_type = 'BASE TABLE' order by table_name"
        ).fetchall()
    ]


def _write_info(connection, version_id: str, info: dict, summary: dict[str, int]) -> None:
    """`marts.warehouse_info`: one row per mart with its row count and what this version is."""
    import dbt.version
    import duckdb

    marts = [mart for mart in mart_tables(connection) if mart != INFO_TABLE]
    counts = {
        m: connection.execute(f'select count(*) from marts."{m}"').fetchone()[0] for m in marts
    }
    passed = summary.get("pass", 0) + summary.get("success", 0)
    connection.execute(
        f"""
        create or replace table marts.{INFO_TABLE} (
            version_id varchar not null, published_at timestamp with time zone not null,
            as_of_date date, raw_data_location varchar, git_commit varchar,
            dbt_version varchar, duckdb_version varchar,
            nodes_passed integer, nodes_warned integer, nodes_failed integer,
            mart_name varchar not null, mart_rows bigint not null
        )
        """
    )
    published_at = datetime.now(UTC)
    connection.executemany(
        f"insert into marts.{INFO_TABLE} values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
        [
            [
                version_id, published_at, info.get("as_of_date"), info.get("raw_data_location"),
                info.get("git_commit"), dbt.version.__version__, duckdb.__version__,
                passed, summary.get("warn", 0), mart, rows,
            ]
            for mart, rows in counts.items()
        ],
    )  # fmt: skip


def _as_of_date(project_dir: Path, document: dict) -> str:
    """The as-of date the build used: its --vars, else dbt_project.yml, else today."""
    from kundenstamm.project import project_vars

    overrides = (document.get("args") or {}).get("vars") or {}
    value = overrides.get("as_of_date") if isinstance(overrides, dict) else None
    if value is None:
        value = project_vars(project_dir).get("as_of_date")
    return str(value) if value else datetime.now(UTC).date().isoformat()


def _link_serving(version: Path, serving: Path) -> None:
    """Make `serving` the file `version` in one atomic step (a hard link renamed over it)."""
    temporary = serving.with_name(f".{serving.name}.{version.stem}.tmp")
    temporary.unlink(missing_ok=True)
    os.link(version, temporary)
    wal = serving.with_name(serving.name + ".wal")
    if wal.exists():
        # a write-ahead log belongs to the file it was written for, never to a new version
        wal.unlink()
    os.replace(temporary, serving)
    _fsync(serving.parent)


def _export_parquet(version: Path, serving: Path, keep: int) -> Path:
    """Every mart of `version` as Parquet in parquet/<version>/, then `parquet/current` swapped
    to it in one atomic step (a new symbolic link renamed over the old one)."""
    import duckdb

    root = _parquet_dir(serving)
    folder = root / version.stem
    staging = root / f".{version.stem}.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    files.own_dir(root)
    files.own_dir(staging)
    with duckdb.connect(str(version), read_only=True) as connection, files.private_umask():
        for mart in mart_tables(connection):
            target = staging / f"{mart}.parquet"
            quoted = str(target).replace("'", "''")
            connection.execute(f"copy marts.\"{mart}\" to '{quoted}' (format parquet)")
            files.restrict(target, files.read_only_mode())
    os.replace(staging, folder)
    link = root / "current"
    temporary = root / f".current.{version.stem}.tmp"
    temporary.unlink(missing_ok=True)
    os.symlink(version.stem, temporary)
    os.replace(temporary, link)
    _fsync(root)
    kept = sorted(p for p in root.iterdir() if p.is_dir() and not p.is_symlink())
    for old in kept[:-keep]:
        if old.name != version.stem:
            shutil.rmtree(old, ignore_errors=True)
    return link


def _recorded_raw_path(connection) -> str | None:
    """The raw folder the build read, as it recorded it in meta.build_state (empty or None: the
    seeds, or a build that did not record it)."""
    import duckdb

    try:
        return connection.execute("select raw_data_path from meta.build_state").fetchone()[0]
    except duckdb.BinderException:
        return None


def publish(
    project_dir: Path,
    serving: Path,
    *,
    run_results: Path | None = None,
    keep: int = DEFAULT_KEEP,
    parquet: bool = False,
    raw_data_location: str | None = None,
    say: Callable[[str], None] = print,
) -> Version:
    """Publish the build database as a new version and make it the serving file."""
    import duckdb

    if keep < 1:
        raise PublishError("keep at least one version (--keep 1 or more)")
    started = time.monotonic()
    results = (
        run_results
        or project_dir / os.environ.get("DBT_TARGET_PATH", "target") / "run_results.json"
    )
    document = read_results(results)
    summary = test_summary(document)
    build = build_path(serving)
    if not build.exists():
        raise PublishError(f"no build database at {build}: run the build first; nothing published.")
    invocation = document["metadata"]["invocation_id"]
    # the build must have finished, and the results must be its own; then flush its write-ahead
    # log into the file, so the copy is complete on its own
    try:
        with duckdb.connect(str(build)) as connection:
            state = connection.execute(
                "select state, invocation_id from meta.build_state"
            ).fetchone()
            recorded = _recorded_raw_path(connection)
            connection.execute("checkpoint")
    except duckdb.IOException as error:
        raise PublishError(
            f"the build database {build} is in use ({error}); nothing published."
        ) from error
    except duckdb.CatalogException as error:
        raise PublishError(f"{build} was not made by a dbt build; nothing published.") from error
    if state[0] != "finished":
        raise PublishError(
            f"the last dbt command on {build} did not finish (killed or interrupted); "
            "nothing published."
        )
    if state[1] != invocation:
        raise PublishError(
            f"{results} is not from the last dbt command on {build}; run the build again; "
            "nothing published."
        )
    secure_build(build)
    version_id = _new_version_id(serving)
    folder = files.own_dir(_versions_dir(serving))
    temporary = folder / f".{version_id}.duckdb.tmp"
    final = folder / f"{version_id}.duckdb"
    try:
        with files.private_umask():
            shutil.copyfile(build, temporary)
        files.restrict(temporary)
        with duckdb.connect(str(temporary)) as connection:
            info = {
                "as_of_date": _as_of_date(project_dir, document),
                "raw_data_location": raw_data_location or recorded or "seeds (schema raw)",
                "git_commit": _git_commit(project_dir),
            }
            _write_info(connection, version_id, info, summary)
        Path(str(temporary) + ".wal").unlink(missing_ok=True)
        files.restrict(temporary, files.read_only_mode())
        _fsync(temporary)
        os.replace(temporary, final)
        _fsync(folder)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _link_serving(final, serving)
    size = final.stat().st_size / 1e9
    say(
        f"published version {version_id} ({size:.2f} GB, {time.monotonic() - started:.1f} s): "
        f"{serving}; readers that have the previous version open keep it"
    )
    if parquet:
        link = _export_parquet(final, serving, keep)
        say(f"marts as Parquet: {link}/<mart>.parquet")
    prune(serving, keep)
    return Version(version_id, final)


def prune(serving: Path, keep: int) -> None:
    """Delete all but the newest `keep` versions (never the one serving). A reader that has an
    old version open keeps reading it: the file goes when its last reader closes it."""
    current = current_version(serving)
    for version in versions(serving)[:-keep]:
        if current is None or version.version_id != current.version_id:
            version.path.unlink(missing_ok=True)
    for version in versions(serving):
        # versions published under an earlier file mode get the one set now
        files.restrict(version.path, files.read_only_mode())


def rollback(serving: Path, say: Callable[[str], None] = print) -> Version:
    """Serve the version before the current one."""
    published = versions(serving)
    current = current_version(serving)
    if current is None:
        raise PublishError(f"{serving} is not a published version; nothing to roll back.")
    index = [v.version_id for v in published].index(current.version_id)
    if index == 0:
        raise PublishError(
            f"version {current.version_id} is the oldest kept; nothing to roll back to."
        )
    previous = published[index - 1]
    _link_serving(previous.path, serving)
    say(f"rolled back: {serving} is version {previous.version_id} again (was {current.version_id})")
    return previous
