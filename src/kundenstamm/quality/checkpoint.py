"""Run the suites `expectations.build_suites` built over the warehouse: the great-expectations
checkpoint, its failures in plain words (`failures.explain`).

The staging and mart suites run on GX's SQL data source, so GX computes every metric in DuckDB
(through the dialect of `gx_sql`) instead of on a pandas copy of the table: each suite's query
selects only the columns its expectations need, holds the values as a pandas frame did (decimals
as doubles, NaN as missing, freshness columns as ISO dates), so results and messages are those of
a frame, and a query with relationships (joined in SQL) is staged once in the check's in-memory
database. The one-row summaries (raw loads, plausibility, distributions) are small pandas frames.
Results go to a GX project under the output folder whose stores are files; its Data Docs are
rebuilt on every run.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections.abc import Collection
from contextlib import contextmanager
from datetime import date
from functools import partial
from pathlib import Path

import duckdb
import pandas as pd

from kundenstamm.quality import gx_sql
from kundenstamm.quality.expectations import (
    SUITES_VERSION,
    Suites,
    relationship_column,
    row_count_ratio,
)
from kundenstamm.quality.failures import QualityResult, explain
from kundenstamm.quality.plausibility import plausibility_checks

# where the check stages the frames GX validates: the in-memory database of its connection
STAGE = "memory.main"
# the name the check gives the attached warehouse (its default catalog)
CATALOG = "warehouse"


# --- frames ---------------------------------------------------------------------------------


def _raw_frames(
    connection, mapping: dict[str, dict[str, list[str]]], previous: dict[str, int]
) -> list[dict]:
    """The one-row load summary of every staging table in `mapping` (with the raw columns each
    quarantine reason concerns), against the `previous` row counts."""
    rows = []
    for table in sorted(mapping):
        try:
            loaded = connection.execute(f"select count(*) from staging.base_{table}").fetchone()[0]
            clean = connection.execute(f"select count(*) from staging.stg_{table}").fetchone()[0]
            quarantined = connection.execute(
                f"select count(*) from staging.quarantine_{table}"
            ).fetchone()[0]
            reasons = connection.execute(
                f"select quarantine_reason, count(*) from staging.quarantine_{table} "
                "group by 1 order by 2 desc, 1"
            ).fetchall()
            identifier = connection.execute(
                f"select any_value(source_table) from staging.quarantine_{table}"
            ).fetchone()[0]
        except duckdb.CatalogException as error:
            raise RuntimeError(
                f"the warehouse has no staging models for {table}: run `kundenstamm build`"
            ) from error
        identifier = identifier or table.replace("__", "_")
        previous_rows = previous.get(identifier)
        # marked by register_raw_files (macros/absent_raw_table.sql) when the file was absent
        absent = connection.execute(
            "select count(*) from duckdb_tables() where schema_name = 'raw' and table_name = ? "
            "and comment = 'kundenstamm: not delivered'",
            [identifier],
        ).fetchone()[0]
        rows.append(
            {
                "table": identifier,
                "delivered": not absent,
                "frame": {
                    "loaded_rows": loaded,
                    "clean_rows": clean,
                    "quarantined_rows": quarantined,
                    "clean_plus_quarantined_rows": clean + quarantined,
                    "quarantine_share": quarantined / loaded if loaded else 0.0,
                    "previous_rows": previous_rows,
                    "row_count_ratio": row_count_ratio(loaded, previous_rows),
                },
                "reasons": [
                    {
                        "reason": reason,
                        "rows": count,
                        "columns": mapping[table].get(reason, []),
                    }
                    for reason, count in reasons
                ],
            }
        )
    return rows


def _frame_sql(schema: str, table: str, columns: list[str], relationships) -> str:
    """The query of a suite's frame: its columns and, per relationship, whether the row finds
    its parent (joined in SQL)."""
    select = [f"t.{c}" for c in columns if not c.endswith("__has_parent")]
    joins = []
    for index, (column, parent, parent_column) in enumerate(relationships):
        alias = f"p{index}"
        parent_schema = "staging" if parent.startswith(("stg_", "base_")) else "marts"
        joins.append(
            f"left join (select distinct {parent_column} as k from {parent_schema}.{parent}) "
            f"as {alias} on t.{column} = {alias}.k"
        )
        select.append(
            f"(t.{column} is null or {alias}.k is not null) as {relationship_column(column)}"
        )
    return f"select {', '.join(select)} from {schema}.{table} as t {' '.join(joins)}"


def _as_pandas_holds_it(connection, sql: str, date_text: str | None = None) -> str:
    """`sql` with its values as a pandas frame read from DuckDB holds them, so every result and
    message of an expectation is the one the frame gives: decimals as doubles, NaN as missing,
    the freshness column `date_text` as ISO date text."""
    exprs = []
    for column, kind, *_ in connection.execute(f"describe {sql}").fetchall():
        quoted = '"' + column.replace('"', '""') + '"'
        if column == date_text:
            expr = f"strftime(cast({quoted} as timestamp), '%Y-%m-%d')"
        elif kind.startswith("DECIMAL"):
            expr = f"cast({quoted} as double)"
        elif kind == "DOUBLE":
            expr = f"nullif({quoted}, 'nan'::double)"
        else:
            expr = quoted
        exprs.append(f"{expr} as {quoted}")
    return f"select {', '.join(exprs)} from ({sql}) as frame"


def _batch_query(connection, name: str, sql: str, joined: bool, date_text: str | None) -> str:
    """The query GX validates a suite on. A frame with relationships is staged once as table
    `name` of the check's in-memory database (GX runs several queries per expectation, and each
    would repeat the joins); any other frame is one scan, so GX reads the warehouse itself."""
    query = _as_pandas_holds_it(connection, sql, date_text)
    if not joined:
        return query
    connection.execute(f"create or replace table {STAGE}.{name} as {query}")
    return f"select * from {STAGE}.{name}"


# --- the checkpoint -------------------------------------------------------------------------


def _context(out_dir: Path):
    """A GX context whose suites, validation results and Data Docs are files under
    `out_dir/gx_project/gx` (Data Docs in `uncommitted/data_docs/local_site`), and its pandas
    source. The context itself lives in memory: a file-backed one rewrites and re-reads its
    whole configuration, every data asset included, whenever an asset is added."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        FilesystemStoreBackendDefaults,
        ProgressBarsConfig,
    )

    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    root = out_dir / "gx_project"
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    config = DataContextConfig(
        store_backend_defaults=FilesystemStoreBackendDefaults(
            root_directory=str((root / "gx").resolve())
        ),
        progress_bars=ProgressBarsConfig(globally=False),
        analytics_enabled=False,
    )
    context = gx.get_context(mode="ephemeral", project_config=config)
    return context, context.data_sources.add_pandas("warehouse")


def _sql_source(context, url: str):
    """GX's SQL data source on the check's DuckDB connection (see `gx_sql`)."""
    return context.data_sources.add_sql("warehouse_sql", connection_string=url)


def _validate(context, source, suite, frame=None, query: str | None = None) -> list:
    """Validate `suite` on a pandas `frame` (a pandas source) or on the rows of `query` (the
    SQL source); the outcomes, one per expectation."""
    import great_expectations as gx

    safe = suite.name.replace(".", "__")
    if query is None:
        asset = source.add_dataframe_asset(safe)
        batch = asset.add_batch_definition_whole_dataframe("all")
    else:
        asset = source.add_query_asset(safe, query=query)
        batch = asset.add_batch_definition_whole_table("all")
    # the suite is stored once, with its expectations (adding them one by one stores it each time)
    gx_suite = context.suites.add(
        gx.ExpectationSuite(
            name=safe,
            expectations=list(suite.expectations),
            meta={"suites_version": SUITES_VERSION},
        )
    )
    definition = context.validation_definitions.add(
        gx.ValidationDefinition(data=batch, suite=gx_suite, name=safe)
    )
    # results are stored by the checkpoint; Data Docs are built once at the end
    checkpoint = context.checkpoints.add(
        gx.Checkpoint(name=safe, validation_definitions=[definition], actions=[])
    )
    result = checkpoint.run(batch_parameters={"dataframe": frame} if query is None else None)
    return [outcome for run in result.run_results.values() for outcome in run.results]


@contextmanager
def _warehouse(database: Path):
    """The check's DuckDB connection: an in-memory database (where the suites' frames are
    staged) with the warehouse attached read-only as its default catalog."""
    memory = os.environ.get("KUNDENSTAMM_DUCKDB_MEMORY", "8GB")
    with duckdb.connect(config={"memory_limit": memory}) as connection:
        path = str(database).replace("'", "''")
        connection.execute(f"attach '{path}' as {CATALOG} (read_only)")
        connection.execute(f"use {CATALOG}")
        yield connection


def _as_of_date(connection) -> date:
    """The day the warehouse describes: `as_of_date` of its settings model `marts.dim_settings`,
    or of the lifecycle stages in a warehouse built before the settings model existed."""
    has_settings = connection.execute(
        "select count(*) from information_schema.columns where table_schema = 'marts'"
        " and table_name = 'dim_settings' and column_name = 'as_of_date'"
    ).fetchone()[0]
    table = "marts.dim_settings" if has_settings else "marts.fct_lifecycle_stages"
    return connection.execute(f"select max(as_of_date) from {table}").fetchone()[0]


def run_checkpoint(
    database: Path,
    suites: Suites,
    out_dir: Path,
    previous_counts: dict[str, int] | None = None,
    today: date | None = None,
    only: Collection[str] | None = None,
) -> QualityResult:
    """Validate `suites` on every raw load, staging model and mart of `database` (or only the
    tables named in `only`, e.g. `raw.orders_orders`, `marts.dim_customers`); return the failures
    in plain words."""
    settings = suites.settings
    out_dir.mkdir(parents=True, exist_ok=True)
    result = QualityResult()
    started = time.perf_counter()
    context, source = _context(out_dir)
    result.seconds["set_up"] = time.perf_counter() - started
    with _warehouse(database) as connection, gx_sql.register(connection, CATALOG) as url:
        sql_source = _sql_source(context, url)
        if settings["freshness_reference"] == "as_of":
            reference = _as_of_date(connection)
        else:
            reference = today or date.today()

        step = time.perf_counter()
        raw_frames = _raw_frames(connection, suites.reason_columns, previous_counts or {})
        for raw in raw_frames:
            result.row_counts[raw["table"]] = raw["frame"]["loaded_rows"]
            if only is not None and f"raw.{raw['table']}" not in only:
                continue
            if not raw["delivered"]:  # optional and absent: empty by design, nothing to check
                result.not_delivered.append(raw["table"])
                continue
            suite = suites.raw_load(raw["table"], raw["frame"]["previous_rows"] is not None)
            frame = pd.DataFrame([raw["frame"]])
            context_info = {"raw_row": raw["frame"], "reasons": raw["reasons"]}
            for outcome in _validate(context, source, suite, frame):
                result.checks += 1
                if not outcome.success:
                    result.failures.append(explain(f"raw.{raw['table']}", outcome, context_info))
        result.seconds["raw_loads"] = time.perf_counter() - step

        step = time.perf_counter()
        for suite in suites.models:
            if only is not None and suite.name not in only:
                continue
            for outcome, info in _validate_model(
                connection, context, source, sql_source, suite, reference
            ):
                result.checks += 1
                if not outcome.success:
                    result.failures.append(explain(suite.name, outcome, info))
        result.seconds["models"] = time.perf_counter() - step

        step = time.perf_counter()
        for distribution in suites.distributions:
            if only is not None and distribution.table not in only:
                continue
            frame = connection.execute(distribution.sql).df()
            for outcome in _validate(context, source, distribution.suite, frame):
                result.checks += 1
                if not outcome.success:
                    what = {"what": distribution.what}
                    result.failures.append(explain(distribution.table, outcome, what))
        result.seconds["distributions"] = time.perf_counter() - step

        step = time.perf_counter()
        validate = partial(_validate, context, source)
        for failure, checks in plausibility_checks(connection, validate, settings, only):
            result.checks += checks
            result.failures += failure
        result.seconds["plausibility"] = time.perf_counter() - step
    step = time.perf_counter()
    context.build_data_docs()
    result.seconds["data_docs"] = time.perf_counter() - step
    result.data_docs = str(
        out_dir / "gx_project" / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html"
    )
    result.seconds["total"] = time.perf_counter() - started
    return result


def _validate_model(connection, context, source, sql_source, suite, reference: date):
    """The outcomes of a staging or mart suite (with its freshness on `reference`), each with
    what `explain` needs to word it."""
    info = {"parents": {column: parent for column, parent, _ in suite.relationships}}
    date_text = None
    if suite.freshness:
        info.update(max_age_days=suite.freshness["max_age_days"], reference=reference)
        date_text = suite.freshness["column"]
    suite = suite.with_freshness(reference)
    name = suite.name.replace(".", "__")
    sql = _frame_sql(suite.schema, suite.table, suite.columns(), suite.relationships)
    query = _batch_query(connection, name, sql, bool(suite.relationships), date_text)
    if connection.execute(f"select 1 from ({query}) as rows limit 1").fetchone():
        outcomes = _validate(context, sql_source, suite, query=query)
    else:
        # GX's SQL metrics count nothing as None where a frame counts 0: an empty table
        # is validated as the (empty) frame it was
        outcomes = _validate(context, source, suite, connection.execute(query).df())
    connection.execute(f"drop table if exists {STAGE}.{name}")
    return [(outcome, info) for outcome in outcomes]
