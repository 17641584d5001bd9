"""Run the great-expectations checkpoint over the warehouse and explain failures in plain words.

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

import json
import logging
import os
import shutil
import time
from collections.abc import Collection
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path

import duckdb
import yaml

from kundenstamm.quality import gx_sql
from kundenstamm.quality.suites import RATIO_DIGITS, row_count_ratio

DEFAULT_SETTINGS = Path(__file__).with_name("settings.yml")
# where the check stages the frames GX validates: the in-memory database of its connection
STAGE = "memory.main"
# the name the check gives the attached warehouse (its default catalog)
CATALOG = "warehouse"


@dataclass
class Failure:
    """One failed check: where, which rule, and what was found."""

    table: str
    column: str
    rule: str
    message: str


@dataclass
class QualityResult:
    checks: int = 0
    failures: list[Failure] = field(default_factory=list)
    row_counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    data_docs: str = ""
    # raw tables whose file was not delivered (empty by design): their load checks are skipped
    not_delivered: list[str] = field(default_factory=list)

    @property
    def success(self) -> bool:
        return not self.failures

    def to_dict(self) -> dict:
        return {
            "success": self.success,
            "checks": self.checks,
            "failures": [asdict(f) for f in self.failures],
            "row_counts": self.row_counts,
            "seconds": self.seconds,
            "data_docs": self.data_docs,
            "not_delivered": self.not_delivered,
        }


def load_settings(path: Path | None = None) -> dict:
    """The default settings, updated with the values of `path` (if given)."""
    settings = yaml.safe_load(DEFAULT_SETTINGS.read_text(encoding="utf-8"))
    if path:
        overrides = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        unknown = set(overrides) - set(settings)
        if unknown:
            raise ValueError(f"unknown quality settings in {path}: {', '.join(sorted(unknown))}")
        settings.update(overrides)
    return settings


# --- plain words ----------------------------------------------------------------------------

RULES = {
    "expect_column_values_to_not_be_null": "not_null",
    "expect_column_values_to_be_unique": "unique",
    "expect_column_values_to_be_in_set": "accepted_values",
    "expect_column_values_to_be_between": "range",
    "expect_column_max_to_be_between": "freshness",
    "expect_column_mean_to_be_between": "distribution",
    "expect_column_pair_values_to_be_equal": "rows_reconcile",
}


def _examples(result: dict) -> str:
    values = result.get("partial_unexpected_list") or []
    shown = ", ".join(str(v) for v in list(dict.fromkeys(map(str, values)))[:3])
    return f" (e.g. {shown})" if shown else ""


def explain(table: str, outcome, context: dict) -> Failure:
    """A failed expectation as a sentence naming the table, the column and the rule."""
    config = outcome.expectation_config
    kwargs = dict(config.kwargs)
    result = outcome.result or {}
    column = kwargs.get("column") or kwargs.get("column_A") or ""
    rule = RULES.get(config.type, config.type)
    count = result.get("unexpected_count")
    if rule == "rows_reconcile":
        row = context.get("raw_row", {})
        message = (
            f"{row.get('loaded_rows')} rows loaded but {row.get('clean_rows')} clean + "
            f"{row.get('quarantined_rows')} quarantined = {row.get('clean_plus_quarantined_rows')}"
        )
        column = "*"
    elif column == "quarantine_share":
        row = context.get("raw_row", {})
        reasons = context.get("reasons", [])
        detail = "; ".join(
            f"{', '.join(r['columns']) or '?'}: {r['reason']} ({r['rows']} rows)" for r in reasons
        )
        message = (
            f"{row.get('quarantined_rows')} of {row.get('loaded_rows')} rows "
            f"({row.get('quarantine_share', 0):.1%}) quarantined, more than the allowed "
            f"{kwargs.get('max_value'):.1%}: {detail}"
        )
        rule = "quarantine_share"
        column = ", ".join(dict.fromkeys(c for r in reasons for c in r["columns"])) or "*"
    elif column == "row_count_ratio":
        row = context.get("raw_row", {})
        digits = RATIO_DIGITS
        message = (
            f"{row.get('loaded_rows')} rows loaded against {row.get('previous_rows')} in the "
            f"previous run (x{row.get('row_count_ratio', 0):.{digits}f}); allowed x"
            f"{kwargs.get('min_value'):.{digits}f} to x{kwargs.get('max_value'):.{digits}f}, "
            "bounds included (a sudden drop or a duplicated load?)"
        )
        rule = "row_count_change"
        column = "*"
    elif column == "loaded_rows":
        message = "the table is empty"
        rule = "not_empty"
        column = "*"
    elif rule == "not_null":
        message = f"{count} empty values"
    elif rule == "unique":
        message = f"{count} rows share a value with another row{_examples(result)}"
    elif rule == "accepted_values":
        if column.endswith("__has_parent"):
            column = column.removesuffix("__has_parent")
            rule = "relationships"
            parent = context.get("parents", {}).get(column, "its parent table")
            message = f"{count} values have no matching row in {parent}"
        else:
            message = f"{count} values not in {kwargs.get('value_set')}{_examples(result)}"
    elif rule == "range":
        low, high = kwargs.get("min_value"), kwargs.get("max_value")
        bounds = (
            f"between {low} and {high}"
            if low is not None and high is not None
            else f"at least {low}"
            if low is not None
            else f"at most {high}"
        )
        message = f"{count} values are not {bounds}{_examples(result)}"
    elif rule == "freshness":
        message = (
            f"the newest value is {result.get('observed_value')}, older than "
            f"{kwargs.get('min_value')} ({context.get('max_age_days')} days before "
            f"{context.get('reference')}): stale data"
        )
    elif rule == "distribution":
        message = (
            f"{context.get('what', 'mean')} is {result.get('observed_value')}, outside "
            f"{kwargs.get('min_value')} to {kwargs.get('max_value')}"
        )
    else:
        message = f"failed: {json.dumps(result, default=str)[:300]}"
    return Failure(table=table, column=column, rule=rule, message=message)


# --- frames ---------------------------------------------------------------------------------


def _raw_frames(connection, project: Path, previous: dict[str, int]) -> list[dict]:
    from kundenstamm.quality.suites import reason_columns

    mapping = reason_columns(project)
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
    from kundenstamm.quality.suites import relationship_column

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

    from kundenstamm.quality.suites import SUITES_VERSION

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


def run_quality_checks(
    database: Path,
    project: Path,
    out_dir: Path,
    settings: dict,
    previous_counts: dict[str, int] | None = None,
    today: date | None = None,
    only: Collection[str] | None = None,
    dbt_vars: dict | None = None,
) -> QualityResult:
    """Validate every raw load, staging model and mart (or only the tables named in `only`, e.g.
    `raw.orders_orders`, `marts.dim_customers`) of a build with `dbt_vars` (default: the vars the
    build recorded); return the failures in plain words."""
    import great_expectations as gx
    import pandas as pd

    from kundenstamm.project import project_vars
    from kundenstamm.quality.build_info import build_vars_text, read_build_info
    from kundenstamm.quality.plausibility import plausibility_checks
    from kundenstamm.quality.suites import model_suites, raw_load_suite

    if dbt_vars is None:
        dbt_vars = project_vars(project, build_vars_text(read_build_info(database), None))
    out_dir.mkdir(parents=True, exist_ok=True)
    result = QualityResult()
    started = time.perf_counter()
    context, source = _context(out_dir)
    result.seconds["set_up"] = time.perf_counter() - started
    with _warehouse(database) as connection, gx_sql.register(connection, CATALOG) as url:
        sql_source = _sql_source(context, url)
        as_of = connection.execute(
            "select max(as_of_date) from marts.fct_lifecycle_stages"
        ).fetchone()[0]
        reference = as_of if settings["freshness_reference"] == "as_of" else (today or date.today())

        step = time.perf_counter()
        for raw in _raw_frames(connection, project, previous_counts or {}):
            result.row_counts[raw["table"]] = raw["frame"]["loaded_rows"]
            if only is not None and f"raw.{raw['table']}" not in only:
                continue
            if not raw["delivered"]:  # optional and absent: empty by design, nothing to check
                result.not_delivered.append(raw["table"])
                continue
            suite = raw_load_suite(
                raw["table"], settings, raw["frame"]["previous_rows"] is not None
            )
            frame = pd.DataFrame([raw["frame"]])
            context_info = {"raw_row": raw["frame"], "reasons": raw["reasons"]}
            for outcome in _validate(context, source, suite, frame):
                result.checks += 1
                if not outcome.success:
                    result.failures.append(explain(f"raw.{raw['table']}", outcome, context_info))
        result.seconds["raw_loads"] = time.perf_counter() - step

        step = time.perf_counter()
        for suite, relationships in model_suites(project, settings, dbt_vars):
            if only is not None and suite.name not in only:
                continue
            freshness = settings["freshness"].get(suite.table)
            info = {"parents": {column: parent for column, parent, _ in relationships}}
            if freshness:
                oldest = reference - timedelta(days=int(freshness["max_age_days"]))
                suite.expectations.append(
                    gx.expectations.ExpectColumnMaxToBeBetween(
                        column=freshness["column"], min_value=str(oldest)
                    )
                )
                info.update(max_age_days=freshness["max_age_days"], reference=reference)
            name = suite.name.replace(".", "__")
            sql = _frame_sql(suite.schema, suite.table, suite.columns(), relationships)
            date_text = freshness["column"] if freshness else None
            query = _batch_query(connection, name, sql, bool(relationships), date_text)
            if connection.execute(f"select 1 from ({query}) as rows limit 1").fetchone():
                outcomes = _validate(context, sql_source, suite, query=query)
            else:
                # GX's SQL metrics count nothing as None where a frame counts 0: an empty table
                # is validated as the (empty) frame it was
                outcomes = _validate(context, source, suite, connection.execute(query).df())
            for outcome in outcomes:
                result.checks += 1
                if not outcome.success:
                    result.failures.append(explain(suite.name, outcome, info))
            connection.execute(f"drop table if exists {STAGE}.{name}")
        result.seconds["models"] = time.perf_counter() - step

        step = time.perf_counter()
        for failure, checks in _distributions(connection, context, source, settings, only):
            result.checks += checks
            result.failures += failure
        result.seconds["distributions"] = time.perf_counter() - step

        step = time.perf_counter()
        for failure, checks in plausibility_checks(connection, context, source, settings, only):
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


def _distributions(connection, context, source, settings, only=None):
    import great_expectations as gx

    from kundenstamm.quality.suites import TableSuite

    checks = [
        (
            "marts.rpt_nps",
            "promoter_share",
            "select promoters_pct / 100.0 as promoter_share from marts.rpt_nps "
            "where period_type = 'year' and segment_type = 'all' "
            "and responses > 0 order by period_start desc limit 1",
            settings["nps_promoter_share"],
            "the share of promoters in the latest year",
        ),
        (
            "marts.dim_customers",
            "lifetime_revenue_eur",
            "select cast(lifetime_revenue_eur as double) as lifetime_revenue_eur "
            "from marts.dim_customers where lifetime_purchases > 0",
            settings["revenue_per_customer_eur"],
            "the average revenue per buying customer",
        ),
    ]
    for table, column, sql, bounds, what in checks:
        if only is not None and table not in only:
            continue
        schema, name = table.split(".")
        suite = TableSuite(schema, f"{name}__{column}_distribution")
        suite.expectations.append(
            gx.expectations.ExpectColumnMeanToBeBetween(
                column=column, min_value=bounds["min"], max_value=bounds["max"]
            )
        )
        frame = connection.execute(sql).df()
        failures = [
            explain(table, outcome, {"what": what})
            for outcome in _validate(context, source, suite, frame)
            if not outcome.success
        ]
        yield failures, len(suite.expectations)
