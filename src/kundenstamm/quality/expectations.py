"""The great-expectations suites, defined in code and built once from the project: what is
checked on which table. `build_suites` reads the dbt YAML, the build's vars and the settings;
`checkpoint.run_checkpoint` runs what it built on the warehouse.

Four kinds of suites, each one per table so a failure always names its table:
- **raw loads** (one per raw table): loaded rows = clean + quarantined, quarantine share,
  row count against the previous run, never empty. The frame is a one-row summary computed in
  SQL; each quarantine reason names the raw columns it concerns, as the table's `base_` model
  declares them (meta `quarantine_columns`), so a failure says which column was bad.
- **staging and marts**: keys unique and present, referential integrity, allowed values, taken
  from the dbt YAML (`unique`, `not_null`, `accepted_values`, `relationships`) so the two never
  drift apart, plus the value ranges in `RANGES` and those that follow the build's vars
  (`var_ranges`: the RFM scores from `rfm_bins`) and the freshness columns of the settings.
- **distributions** on the marts: NPS promoter share and revenue per customer within settings.
- **plausibility** (`plausibility.py`): duplicate identities, extreme values and negative totals,
  each counted in SQL against a threshold of the settings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

import great_expectations as gx
import yaml

# Version of the suites, written into every GX suite and the summary: raise it when a check is
# added, removed or changed, so results of different runs say which checks they ran.
SUITES_VERSION = "1.3.0"

# Digits a row-count ratio and its bounds are rounded to, compared and printed with: the check
# judges the number it prints.
RATIO_DIGITS = 4

# Value ranges of mart and staging columns (inclusive; None = open). Ranges that follow a dbt var
# of the build are in `var_ranges`.
RANGES: dict[str, dict[str, tuple[float | None, float | None]]] = {
    "stg_survey__nps_responses": {"nps_score": (0, 10)},
    "stg_orders__order_lines": {"quantity": (1, None), "unit_price": (0, None)},
    "dim_customers": {
        "latest_nps_score": (0, 10),
        "p_alive": (0, 1),
        "churn_risk": (0, 1),
        "lifetime_revenue_eur": (0, None),
        "ambassador_score": (0, 100),
    },
    "fct_orders": {"revenue_eur": (0, None), "gross_revenue_eur": (0, None), "units": (1, None)},
    "fct_order_lines": {"revenue_eur": (0, None), "quantity": (1, None)},
    "fct_nps_responses": {"nps_score": (0, 10)},
    "rpt_rfm_segments": {"customer_share_pct": (0, 100), "revenue_share_pct": (0, 100)},
    "fct_abc_classes": {"cumulative_share": (0, 1)},
    "rpt_abc_summary": {
        "customer_share_pct": (0, 100),
        "basis_share_pct": (0, 100),
        "top1_share_pct": (0, 100),
        "gini": (0, 1),
        "hhi": (0, 1),
    },
    "rpt_nps": {
        "nps": (-100, 100),
        "promoters_pct": (0, 100),
        "passives_pct": (0, 100),
        "detractors_pct": (0, 100),
        "response_rate_pct": (0, 100),
    },
    "rpt_cancellation_reasons": {"share_of_cancellations_pct": (0, 100)},
    "rpt_kpis_monthly": {
        "churn_rate": (0, 1),
        "repeat_purchase_rate": (0, 1),
        "lead_conversion_rate": (0, 1),
        "revenue_share_pct": (0, 100),
    },
    "fct_customer_clv": {
        "p_alive": (0, 1),
        "churn_risk": (0, 1),
        "historical_clv_eur": (None, None),
    },
    "rpt_cohort_retention": {"retention_rate_pct": (0, 100)},
    "rpt_kpis_by_segment": {
        "churn_rate": (0, 1),
        "repeat_purchase_rate": (0, 1),
        "lead_conversion_rate": (0, 1),
        "revenue_share_pct": (0, 100),
    },
    "rpt_contact_base_monthly": {"permission_coverage": (0, 1)},
    "rpt_winback_vs_cold_leads": {"success_rate": (0, 1)},
}

_RFM_TABLES = ("dim_customers", "fct_rfm_scores")


def var_ranges(
    dbt_vars: dict, rfm: dict[str, tuple[int, int]] | None = None
) -> dict[str, dict[str, tuple[float | None, float | None]]]:
    """The ranges that follow the build's settings: R, F and M scores and their total in the
    ranges `rfm` of the warehouse's settings model (`build_info.read_rfm_ranges`), else
    1..rfm_bins and 3..3 x rfm_bins from `dbt_vars`."""
    if rfm is None:
        bins = dbt_vars.get("rfm_bins", 5)
        if isinstance(bins, bool) or not isinstance(bins, int) or bins < 1:
            raise ValueError(
                f"the build's var rfm_bins must be a whole number of 1 or more: {bins!r}"
            )
        rfm = {"score": (1, bins), "total": (3, 3 * bins)}
    scores = dict.fromkeys(("r_score", "f_score", "m_score"), rfm["score"])
    return {table: {**scores, "rfm_total": rfm["total"]} for table in _RFM_TABLES}


def ranges(
    dbt_vars: dict, rfm: dict[str, tuple[int, int]] | None = None
) -> dict[str, dict[str, tuple[float | None, float | None]]]:
    """`RANGES` with the ranges of a build with `dbt_vars` (and the RFM ranges `rfm`)."""
    result = {table: dict(columns) for table, columns in RANGES.items()}
    for table, columns in var_ranges(dbt_vars, rfm).items():
        result[table] = {**columns, **result.get(table, {})}
    return result


@dataclass
class TableSuite:
    """The expectations of one table, the relationships (column, parent model, parent column) its
    frame joins, its freshness setting (column, max_age_days), and the columns it must load."""

    schema: str
    table: str
    expectations: list = field(default_factory=list)
    relationships: list[tuple[str, str, str]] = field(default_factory=list)
    freshness: dict | None = None

    @property
    def name(self) -> str:
        return f"{self.schema}.{self.table}"

    def columns(self) -> list[str]:
        names = []
        for expectation in self.expectations:
            for key in ("column", "column_A", "column_B"):
                value = getattr(expectation, key, None)
                if value and value not in names:
                    names.append(value)
        return names

    def oldest_allowed(self, reference: date) -> date:
        """The oldest newest value the freshness setting allows on `reference`."""
        return reference - timedelta(days=int(self.freshness["max_age_days"]))

    def with_freshness(self, reference: date) -> TableSuite:
        """The suite with its freshness expectation for the reference day (the warehouse's
        as-of date or today, known when the check runs)."""
        if not self.freshness:
            return self
        expectation = gx.expectations.ExpectColumnMaxToBeBetween(
            column=self.freshness["column"], min_value=str(self.oldest_allowed(reference))
        )
        return replace(self, expectations=[*self.expectations, expectation])


@dataclass
class Distribution:
    """A mean that must stay within bounds: the suite, the query of its frame, and what it is."""

    table: str
    suite: TableSuite
    sql: str
    what: str


@dataclass
class Suites:
    """Everything the checkpoint validates, built once from the project by `build_suites`."""

    settings: dict
    models: list[TableSuite]
    # per staging table (`<source>__<table>`): the raw columns each quarantine reason concerns
    reason_columns: dict[str, dict[str, list[str]]]
    distributions: list[Distribution]
    version: str = SUITES_VERSION

    def raw_load(self, table: str, has_previous: bool) -> TableSuite:
        return raw_load_suite(table, self.settings, has_previous)


def build_suites(
    project: Path,
    settings: dict,
    dbt_vars: dict | None = None,
    rfm: dict[str, tuple[int, int]] | None = None,
) -> Suites:
    """The suites of a build with `dbt_vars` (default: the vars of dbt_project.yml) whose
    warehouse scored RFM in the ranges `rfm` (None: as `dbt_vars` say), from the models YAML of
    `project` and the quality `settings`."""
    from kundenstamm.project import project_vars

    dbt_vars = project_vars(project) if dbt_vars is None else dbt_vars
    models = {folder: _model_yaml(project, folder) for folder in ("staging", "marts")}
    return Suites(
        settings=settings,
        models=model_suites(models, settings, ranges(dbt_vars, rfm)),
        reason_columns=reason_columns(models["staging"]),
        distributions=distribution_suites(settings),
    )


def _model_yaml(project: Path, folder: str) -> dict[str, dict]:
    models = {}
    for path in sorted((project / "models" / folder).rglob("_*__models.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for model in document.get("models", []):
            models[model["name"]] = model
    return models


def _test_name_and_args(test) -> tuple[str, dict]:
    if isinstance(test, str):
        return test, {}
    name, config = next(iter(test.items()))
    config = config or {}
    return name, config.get("arguments", config)


def _from_dbt_tests(model: dict) -> tuple[list, list[tuple[str, str, str]]]:
    """GX expectations for the generic dbt tests of a model's columns, and the relationships
    (column, parent model, parent column) that need a join."""
    expectations, relationships = [], []
    for column in model.get("columns", []):
        name = column["name"]
        for test in column.get("data_tests", column.get("tests", [])) or []:
            kind, args = _test_name_and_args(test)
            if kind == "not_null":
                expectations.append(gx.expectations.ExpectColumnValuesToNotBeNull(column=name))
            elif kind == "unique":
                expectations.append(gx.expectations.ExpectColumnValuesToBeUnique(column=name))
            elif kind == "accepted_values":
                expectations.append(
                    gx.expectations.ExpectColumnValuesToBeInSet(
                        column=name, value_set=list(args["values"])
                    )
                )
            elif kind == "relationships":
                parent = re.search(r"ref\(['\"](\w+)['\"]\)", str(args.get("to", "")))
                if parent:
                    relationships.append((name, parent.group(1), args.get("field", name)))
    return expectations, relationships


def relationship_column(column: str) -> str:
    """Name of the computed column that says whether `column` finds its parent row."""
    return f"{column}__has_parent"


def model_suites(models: dict[str, dict], settings: dict, value_ranges: dict) -> list[TableSuite]:
    """Suites of the clean staging models and every mart (`models`: the models YAML of each
    folder, by model name), with the relationships to join, the freshness settings and the
    `value_ranges` of `ranges`."""
    suites = []
    for schema, folder in (("staging", "staging"), ("marts", "marts")):
        for name, model in models[folder].items():
            if schema == "staging" and not name.startswith("stg_"):
                continue
            expectations, relationships = _from_dbt_tests(model)
            suite = TableSuite(schema, name, expectations, relationships)
            suite.freshness = settings["freshness"].get(name)
            for column, (low, high) in value_ranges.get(name, {}).items():
                if low is None and high is None:
                    continue
                suite.expectations.append(
                    gx.expectations.ExpectColumnValuesToBeBetween(
                        column=column, min_value=low, max_value=high
                    )
                )
            for column, _, _ in relationships:
                suite.expectations.append(
                    gx.expectations.ExpectColumnValuesToBeInSet(
                        column=relationship_column(column), value_set=[True]
                    )
                )
            if suite.expectations:
                suites.append(suite)
    return suites


def distribution_suites(settings: dict) -> list[Distribution]:
    """The means of the marts that must stay within the bounds of the settings."""
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
    distributions = []
    for table, column, sql, bounds, what in checks:
        schema, name = table.split(".")
        suite = TableSuite(schema, f"{name}__{column}_distribution")
        suite.expectations.append(
            gx.expectations.ExpectColumnMeanToBeBetween(
                column=column, min_value=bounds["min"], max_value=bounds["max"]
            )
        )
        distributions.append(Distribution(table, suite, sql, what))
    return distributions


# --- raw loads ---------------------------------------------------------------------------------


def reason_columns(staging: dict[str, dict]) -> dict[str, dict[str, list[str]]]:
    """For every staging table (`<source>__<table>`), the raw columns each quarantine reason
    concerns, as its base model declares them in meta `quarantine_columns` (from the models YAML
    of `staging`, by model name)."""
    mapping = {}
    for name, model in sorted(staging.items()):
        if not name.startswith("base_"):
            continue
        meta = (model.get("config") or {}).get("meta") or model.get("meta") or {}
        if "quarantine_columns" not in meta:
            raise ValueError(
                f"model {name} declares no meta quarantine_columns (which raw columns each "
                "quarantine reason concerns): add it to its models YAML"
            )
        mapping[name.removeprefix("base_")] = {
            reason: list(columns or []) for reason, columns in meta["quarantine_columns"].items()
        }
    return mapping


def row_count_ratio(loaded: int, previous: int | None) -> float | None:
    """This run's row count against the previous run's, rounded to `RATIO_DIGITS`."""
    return round(loaded / previous, RATIO_DIGITS) if previous else None


def row_count_bounds(settings: dict) -> tuple[float, float]:
    """The allowed row-count ratios (inclusive), rounded like the ratio: a drop of exactly
    `max_row_drop` or a growth of exactly `max_row_growth` passes."""
    return (
        round(1 - settings["max_row_drop"], RATIO_DIGITS),
        round(1 + settings["max_row_growth"], RATIO_DIGITS),
    )


def raw_load_suite(table: str, settings: dict, has_previous: bool) -> TableSuite:
    """Expectations on the one-row load summary of a raw table."""
    suite = TableSuite("raw", table)
    suite.expectations += [
        gx.expectations.ExpectColumnPairValuesToBeEqual(
            column_A="loaded_rows", column_B="clean_plus_quarantined_rows"
        ),
        gx.expectations.ExpectColumnValuesToBeBetween(column="loaded_rows", min_value=1),
        gx.expectations.ExpectColumnValuesToBeBetween(
            column="quarantine_share", min_value=0, max_value=settings["max_quarantine_share"]
        ),
    ]
    if has_previous:
        low, high = row_count_bounds(settings)
        suite.expectations.append(
            gx.expectations.ExpectColumnValuesToBeBetween(
                column="row_count_ratio", min_value=low, max_value=high
            )
        )
    return suite
