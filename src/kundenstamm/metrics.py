"""The semantic layer from Python: MetricFlow's engine over the published DuckDB file, read-only.

The metrics, their semantic models and the saved queries are defined once, in YAML beside the
marts (`models/marts/<domain>/_<domain>__semantic.yml`); `dbt parse` writes them to
`target/semantic_manifest.json`. This module loads that file into MetricFlow and runs the SQL it
generates on a read-only DuckDB connection to the serving file, so a query never waits for a
build and never locks one out (see README "BI tools and builds").
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb


class MetricsError(RuntimeError):
    """The semantic layer cannot answer: no manifest, no warehouse, or a query MetricFlow rejects."""


def semantic_manifest_path(project_dir: Path) -> Path:
    """`semantic_manifest.json` in dbt's target folder (DBT_TARGET_PATH, default `target`)."""
    return project_dir / os.environ.get("DBT_TARGET_PATH", "target") / "semantic_manifest.json"


def _manifest_catalog(manifest: dict) -> str:
    """The DuckDB catalog the manifest's relations name (the build file's name); a manifest
    parsed for Spark names `schema.table` only, which any catalog name resolves."""
    if not manifest.get("semantic_models"):
        raise MetricsError("the semantic manifest defines no semantic model: run `dbt parse`")
    for model in manifest["semantic_models"]:
        database = model.get("node_relation", {}).get("database")
        if database:
            return database
    return "warehouse"


class DuckDbSqlClient:
    """MetricFlow's SqlClient over one read-only DuckDB connection to `database`, attached under
    the catalog name the manifest uses (so any copy of a published file can be queried)."""

    def __init__(self, database: Path, catalog: str):
        from metricflow.protocols.sql_client import SqlEngine
        from metricflow.sql.render.duckdb_renderer import DuckDbSqlPlanRenderer

        if not database.exists():
            raise MetricsError(
                f"{database} does not exist: run `kundenstamm build` (or pass --database)"
            )
        self._engine = SqlEngine.DUCKDB
        self._renderer = DuckDbSqlPlanRenderer()
        self._connection = duckdb.connect(":memory:")
        quoted_path = str(database).replace("'", "''")
        quoted_catalog = catalog.replace('"', '""')
        self._connection.execute(f"attach '{quoted_path}' as \"{quoted_catalog}\" (read_only)")
        self._connection.execute(f'use "{quoted_catalog}"')

    @property
    def sql_engine_type(self):
        return self._engine

    @property
    def sql_plan_renderer(self):
        return self._renderer

    def query(self, stmt: str, sql_bind_parameter_set=None):
        from metricflow.data_table.mf_table import MetricFlowDataTable

        cursor = self._connection.execute(stmt, _parameters(sql_bind_parameter_set))
        names = [column[0] for column in cursor.description]
        rows = [tuple(_cell(value) for value in row) for row in cursor.fetchall()]
        return MetricFlowDataTable.create_from_rows(column_names=names, rows=rows)

    def execute(self, stmt: str, sql_bind_parameter_set=None) -> None:
        self._connection.execute(stmt, _parameters(sql_bind_parameter_set))

    def dry_run(self, stmt: str, sql_bind_parameter_set=None) -> None:
        self._connection.execute(f"explain {stmt}", _parameters(sql_bind_parameter_set))

    def close(self) -> None:
        self._connection.close()

    def render_bind_parameter_key(self, bind_parameter_key: str) -> str:
        return f"${bind_parameter_key}"


def _parameters(bind_parameter_set) -> dict:
    if bind_parameter_set is None:
        return {}
    return {key: value.value for key, value in bind_parameter_set.param_dict.items()}


def _cell(value):
    """A DuckDB value as a type MetricFlow's data table holds (decimals become floats)."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    return value


@dataclass(frozen=True)
class MetricInfo:
    name: str
    kind: str
    label: str
    description: str


@dataclass(frozen=True)
class SavedQueryInfo:
    name: str
    description: str
    metrics: tuple[str, ...]
    group_by: tuple[str, ...]


@dataclass(frozen=True)
class QueryResult:
    columns: tuple[str, ...]
    rows: list[tuple]
    sql: str


class SemanticLayer:
    """The project's metrics, queried through MetricFlow against one DuckDB file."""

    def __init__(self, project_dir: Path, database: Path):
        try:
            from metricflow.engine.metricflow_engine import MetricFlowEngine
            from metricflow_semantics.model.dbt_manifest_parser import (
                parse_manifest_from_dbt_generated_manifest,
            )
            from metricflow_semantics.model.semantic_manifest_lookup import (
                SemanticManifestLookup,
            )
        except ImportError as error:
            raise MetricsError(
                "MetricFlow is not installed: run `bash scripts/setup.sh` (or "
                "`pip install -c constraints.txt -e '.[metrics]'`)"
            ) from error

        path = semantic_manifest_path(project_dir)
        if not path.exists():
            raise MetricsError(
                f"{path} is missing: run `dbt parse` (or `kundenstamm build`) first; it holds "
                "the metric definitions"
            )
        text = path.read_text()
        self.manifest = json.loads(text)
        self.database = database
        self.client = DuckDbSqlClient(database, _manifest_catalog(self.manifest))
        self.engine = MetricFlowEngine(
            semantic_manifest_lookup=SemanticManifestLookup(
                parse_manifest_from_dbt_generated_manifest(manifest_json_string=text)
            ),
            sql_client=self.client,
        )

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> SemanticLayer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def metrics(self) -> list[MetricInfo]:
        return sorted(
            (
                MetricInfo(
                    metric["name"],
                    metric["type"],
                    metric.get("label") or metric["name"],
                    " ".join((metric.get("description") or "").split()),
                )
                for metric in self.manifest["metrics"]
            ),
            key=lambda m: m.name,
        )

    def saved_queries(self) -> list[SavedQueryInfo]:
        found = []
        for saved in self.manifest.get("saved_queries", []):
            params = saved["query_params"]
            found.append(
                SavedQueryInfo(
                    saved["name"],
                    " ".join((saved.get("description") or "").split()),
                    tuple(params.get("metrics", [])),
                    tuple(params.get("group_by", [])),
                )
            )
        return sorted(found, key=lambda s: s.name)

    def dimensions(self, metric_names: Sequence[str]) -> list[str]:
        """The group-by names (dimensions and entities) every one of the metrics can be cut by."""
        self._check(metric_names)
        names = {d.dunder_name for d in self.engine.list_dimensions(list(metric_names))}
        names |= {e.name for e in self.engine.entities_for_metrics(list(metric_names))}
        return sorted(names)

    def query(
        self,
        metrics: Sequence[str] = (),
        group_by: Sequence[str] = (),
        saved_query: str | None = None,
        where: Sequence[str] = (),
        order_by: Sequence[str] = (),
        limit: int | None = None,
    ) -> QueryResult:
        """Run a metric query (or a saved query) and return its columns, rows and the SQL."""
        from metricflow.engine.metricflow_engine import MetricFlowQueryRequest

        if saved_query is None:
            if not metrics:
                raise MetricsError("name at least one metric (or a saved query)")
            self._check(metrics)
        elif saved_query not in {s.name for s in self.saved_queries()}:
            known = ", ".join(s.name for s in self.saved_queries())
            raise MetricsError(f"unknown saved query {saved_query!r}; known: {known}")
        request = MetricFlowQueryRequest.create(
            saved_query_name=saved_query,
            metric_names=list(metrics) or None,
            group_by_names=list(group_by) or None,
            where_constraints=list(where) or None,
            order_by_names=list(order_by) or None,
            limit=limit,
        )
        try:
            result = self.engine.query(request)
        except MetricsError:
            raise
        except Exception as error:  # MetricFlow's own errors say what is wrong with the query
            raise MetricsError(f"MetricFlow could not run the query: {error}") from error
        table = result.result_df
        columns = tuple(table.column_names)
        rows = [tuple(row) for row in table.rows]
        if not order_by:
            # in the order of the group-by columns (MetricFlow returns them unordered)
            metric_names = {m["name"] for m in self.manifest["metrics"]}
            keys = [i for i, name in enumerate(columns) if name not in metric_names]
            rows.sort(
                key=lambda row: [
                    (row[i] is None, row[i] if row[i] is not None else 0) for i in keys
                ]
            )
        return QueryResult(columns, rows, result.sql)

    def _check(self, metric_names: Sequence[str]) -> None:
        known = {m["name"] for m in self.manifest["metrics"]}
        unknown = [name for name in metric_names if name not in known]
        if unknown:
            raise MetricsError(
                f"unknown metric(s): {', '.join(unknown)}; `kundenstamm metrics list` shows them all"
            )


def format_table(result: QueryResult) -> str:
    """A query result as an aligned text table (numbers right-aligned, money to the cent)."""

    def text(value) -> str:
        if value is None:
            return ""
        if isinstance(value, datetime):
            return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
        if isinstance(value, float):
            return f"{value:,.2f}" if abs(value) >= 1 or value == 0 else f"{value:.4f}"
        return str(value)

    cells = [[text(v) for v in row] for row in result.rows]
    widths = [
        max([len(name)] + [len(row[i]) for row in cells]) for i, name in enumerate(result.columns)
    ]
    numeric = [
        all(isinstance(row[i], (int, float)) or row[i] is None for row in result.rows)
        and any(row[i] is not None for row in result.rows)
        for i in range(len(result.columns))
    ]

    def line(values: Sequence[str]) -> str:
        return "  ".join(
            v.rjust(w) if n else v.ljust(w) for v, w, n in zip(values, widths, numeric, strict=True)
        ).rstrip()

    out = [line(result.columns), line(["-" * w for w in widths])]
    out.extend(line(row) for row in cells)
    return "\n".join(out)
