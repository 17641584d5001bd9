"""When an incremental build may reuse the tables of the last one, and when it must rebuild.

The incremental models (fct_order_lines, int_customers_monthly_activity, int_customer_months_state) rebuild only the months that new or changed raw rows can reach. That is
right only while everything else the tables were built with stays the same: the project's models,
macros and seeds, every var except the as-of and load dates, and the raw folder. `kundenstamm
build` records a fingerprint of those after each successful build, beside the database it built,
and passes `--full-refresh` to dbt whenever the next build differs (or the as-of date goes back,
or the last build did not finish).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kundenstamm.project import project_vars

# Vars that move with every nightly run: a change of these is what an incremental run handles.
MOVING_VARS = ("as_of_date", "load_date")
FINGERPRINTED_DIRS = ("models", "macros", "seeds")


@dataclass(frozen=True)
class BuildState:
    """What the last successful build was built from."""

    fingerprint: str
    as_of_date: str


def fingerprint(
    project: Path, vars_text: str | None, raw_path: str | None, raw_format: str, target: str
) -> str:
    """A hash of the project's code and seeds, the settings and the raw folder of a build."""
    digest = hashlib.sha256()
    settings = {
        name: value
        for name, value in project_vars(project, vars_text).items()
        if name not in MOVING_VARS
    }
    head = {"vars": settings, "raw": raw_path or "", "format": raw_format, "target": target}
    digest.update(json.dumps(head, sort_keys=True, default=str).encode())
    digest.update((project / "dbt_project.yml").read_bytes())
    for folder in FINGERPRINTED_DIRS:
        for path in sorted((project / folder).rglob("*")):
            if path.is_file():
                digest.update(str(path.relative_to(project)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def as_of_date(project: Path, vars_text: str | None) -> str:
    """The build's as-of date as ISO text (the var, else today, as the models read it)."""
    value = project_vars(project, vars_text).get("as_of_date") or ""
    return str(value) if str(value) else date.today().isoformat()


def read_state(path: Path) -> BuildState | None:
    if not path.exists():
        return None
    document = json.loads(path.read_text(encoding="utf-8"))
    return BuildState(document["fingerprint"], document["as_of_date"])


def full_refresh_reason(path: Path, current: BuildState) -> str | None:
    """Why the next build must rebuild everything, or None when it can be incremental."""
    last = read_state(path)
    if last is None:
        return "no finished build to continue from"
    if last.fingerprint != current.fingerprint:
        return "the models, seeds, settings or raw folder changed since the last build"
    if current.as_of_date < last.as_of_date:
        return f"the as-of date {current.as_of_date} is before the last build's {last.as_of_date}"
    return None


def forget_state(path: Path) -> None:
    """Called before a build: until it finishes, there is no state to continue from."""
    path.unlink(missing_ok=True)


def record_state(path: Path, state: BuildState) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {"fingerprint": state.fingerprint, "as_of_date": state.as_of_date}
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")


# Identity resolution can move a record that was already in the warehouse to another customer
# (a new or changed record links two customers, or parts them). The incremental tables keep each
# customer's past under the key it had; such a build rebuilds them from scratch.
IDENTITIES = "marts.dim_customer_identities"
BEFORE = "meta.identities_before_build"
# The incremental models and everything built from them.
INCREMENTAL_SELECTION = (
    "int_customers_monthly_activity+",
    "int_customer_months_state+",
    "fct_order_lines+",
)


def keep_identities(database: Path) -> None:
    """Before a build: keep which customer each record belonged to (DuckDB build database)."""
    import duckdb

    if not database.exists():
        return
    with duckdb.connect(str(database)) as connection:
        connection.execute(f"drop table if exists {BEFORE}")
        exists = connection.execute(
            "select count(*) from information_schema.tables "
            "where table_schema = 'marts' and table_name = 'dim_customer_identities'"
        ).fetchone()[0]
        if exists:
            connection.execute("create schema if not exists meta")
            connection.execute(
                f"create table {BEFORE} as select record_type, record_id, account_id "
                f"from {IDENTITIES}"
            )


def moved_records(database: Path) -> int:
    """After a build: how many records kept before now belong to another customer."""
    import duckdb

    with duckdb.connect(str(database)) as connection:
        kept = connection.execute(
            "select count(*) from information_schema.tables "
            "where table_schema = 'meta' and table_name = 'identities_before_build'"
        ).fetchone()[0]
        if not kept:
            return 0
        moved = connection.execute(
            f"select count(*) from {BEFORE} as before inner join {IDENTITIES} as now "
            "using (record_type, record_id) where before.account_id <> now.account_id"
        ).fetchone()[0]
        connection.execute(f"drop table {BEFORE}")
    return int(moved)
