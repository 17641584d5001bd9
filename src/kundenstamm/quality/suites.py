"""The great-expectations suites, defined in code: what is checked on which table.

Three kinds of suites, each one per table so a failure always names its table:
- **raw loads** (one per raw table): loaded rows = clean + quarantined, quarantine share,
  row count against the previous run, never empty. The frame is a one-row summary computed in
  SQL; the quarantine reasons are mapped to the raw columns they concern by reading the checks
  of the table's `base_` model, so a failure says which column was bad.
- **staging and marts**: keys unique and present, referential integrity, allowed values, taken
  from the dbt YAML (`unique`, `not_null`, `accepted_values`, `relationships`) so the two never
  drift apart, plus the value ranges in `RANGES` (the RFM score ranges from the build's
  `rfm_bins`) and the freshness columns of the settings.
- **distributions** on the marts: NPS promoter share and revenue per customer within settings.
- **plausibility** (`plausibility.py`): duplicate identities, extreme values and negative totals,
  each counted in SQL against a threshold of the settings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import great_expectations as gx
import yaml

# Version of the suites, written into every GX suite and the summary: raise it when a check is
# added, removed or changed, so results of different runs say which checks they ran.
SUITES_VERSION = "1.2.0"

# Digits a row-count ratio and its bounds are rounded to, compared and printed with: the check
# judges the number it prints.
RATIO_DIGITS = 4

# Value ranges of mart and staging columns (inclusive; None = open). Ranges that follow a dbt var
# of the build (the RFM scores) are set by `ranges`.
RANGES: dict[str, dict[str, tuple[float | None, float | None]]] = {
    "stg_survey__nps_responses": {"nps_score": (0, 10)},
    "stg_orders__order_lines": {"quantity": (1, None), "unit_price": (0, None)},
    "dim_customers": {
        "r_score": (1, 5),
        "f_score": (1, 5),
        "m_score": (1, 5),
        "rfm_total": (3, 15),
        "latest_nps_score": (0, 10),
        "p_alive": (0, 1),
        "churn_risk": (0, 1),
        "lifetime_revenue_eur": (0, None),
    },
    "fct_orders": {"revenue_eur": (0, None), "gross_revenue_eur": (0, None), "units": (1, None)},
    "fct_order_lines": {"revenue_eur": (0, None), "quantity": (1, None)},
    "fct_nps_responses": {"nps_score": (0, 10)},
    "fct_rfm_scores": {
        "r_score": (1, 5),
        "f_score": (1, 5),
        "m_score": (1, 5),
        "rfm_total": (3, 15),
    },
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
}

_RFM_TABLES = ("dim_customers", "fct_rfm_scores")


def ranges(dbt_vars: dict) -> dict[str, dict[str, tuple[float | None, float | None]]]:
    """`RANGES` for a build with `dbt_vars`: R, F and M scores 1..rfm_bins, their total
    3..3 x rfm_bins."""
    bins = dbt_vars.get("rfm_bins", 5)
    if isinstance(bins, bool) or not isinstance(bins, int) or bins < 1:
        raise ValueError(f"the build's var rfm_bins must be a whole number of 1 or more: {bins!r}")
    result = {table: dict(columns) for table, columns in RANGES.items()}
    for table in _RFM_TABLES:
        for score in ("r_score", "f_score", "m_score"):
            result[table][score] = (1, bins)
        result[table]["rfm_total"] = (3, 3 * bins)
    return result


@dataclass
class TableSuite:
    """The expectations of one table and the columns its frame must load."""

    schema: str
    table: str
    expectations: list = field(default_factory=list)

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


def model_suites(
    project: Path, settings: dict, dbt_vars: dict | None = None
) -> list[tuple[TableSuite, list]]:
    """Suites of the clean staging models and every mart, with the relationships to join; value
    ranges for a build with `dbt_vars` (default: the vars of dbt_project.yml)."""
    from kundenstamm.project import project_vars

    value_ranges = ranges(project_vars(project) if dbt_vars is None else dbt_vars)
    suites = []
    for schema, folder in (("staging", "staging"), ("marts", "marts")):
        for name, model in _model_yaml(project, folder).items():
            if schema == "staging" and not name.startswith("stg_"):
                continue
            suite = TableSuite(schema, name)
            expectations, relationships = _from_dbt_tests(model)
            suite.expectations += expectations
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
                suites.append((suite, relationships))
    return suites


# --- raw loads ---------------------------------------------------------------------------------

_CHECK = re.compile(r"\((.*?),\s*\"(\w+)\"\),?\s*$")


def reason_columns(project: Path) -> dict[str, dict[str, list[str]]]:
    """For every staging table (`<source>__<table>`), the raw columns each quarantine reason
    concerns, read from the checks in its base model; duplicate and missing keys concern the
    key column."""
    mapping: dict[str, dict[str, list[str]]] = {}
    for path in sorted((project / "models" / "staging").glob("*/base/base_*.sql")):
        table = path.stem.removeprefix("base_")
        reasons: dict[str, list[str]] = {}
        text = path.read_text(encoding="utf-8")
        for line in text.splitlines():
            match = _CHECK.search(line.strip())
            if not match:
                continue
            condition, reason = match.groups()
            columns = re.findall(r"\b(?:source|\w+s)\.(\w+)", condition)
            for column in columns:
                reasons.setdefault(reason, [])
                if column not in reasons[reason]:
                    reasons[reason].append(column)
        key = re.search(r"key_occurrence\('(\w+)'", text)
        if key:
            reasons["duplicate_key"] = [key.group(1)]
            reasons.setdefault("missing_key", [key.group(1)])
        mapping[table] = reasons
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
