"""What a failed check says: the table, the column, the rule and what was found, in plain words.

Every part of `kundenstamm check` (dbt's tests, the great-expectations suites, the plausibility
checks) reports a `Failure`; `explain` turns a failed expectation into one.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from kundenstamm.quality.expectations import RATIO_DIGITS


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
            f"{', '.join(r['columns']) or 'any column'}: {r['reason']} ({r['rows']} rows)"
            for r in reasons
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
