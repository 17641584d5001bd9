"""The lifecycle page: customers per stage and task (mart rpt_lifecycle_stage_counts, whose stage
and task names come from the mapping seed) and the migration matrices between the last two
snapshots (rpt_lifecycle_migration)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup

from kundenstamm.report import charts
from kundenstamm.report.locale import DASH

if TYPE_CHECKING:
    from kundenstamm.report.core import Report


def _matrix(report: Report, dimension: str, snapshot, values: list[str], label) -> dict:
    cells = {
        (row["from_value"], row["to_value"]): row["customers"]
        for row in report.rows(
            "select from_value, to_value, customers from marts.rpt_lifecycle_migration "
            "where dimension = ? and snapshot_date = ?",
            [dimension, snapshot],
        )
    }
    present = [v for v in values if any(v in key for key in cells)]
    return {
        "labels": [label(v) for v in present],
        "rows": [[report.fmt.number(cells.get((a, b), 0)) for b in present] for a in present],
    }


def render(report: Report) -> None:
    fmt = report.fmt
    stages = report.stage_counts
    stage_bars = [
        (
            fmt.code("lifecycle_stage", row["lifecycle_stage"]),
            float(row["customers"]),
            fmt.number(row["customers"]),
        )
        for row in stages
    ]
    tasks = {}
    for row in sorted(stages, key=lambda r: r["task_order"]):
        tasks.setdefault(row["lifecycle_task"], row)
    task_bars = [
        (
            fmt.code("lifecycle_task", task),
            float(row["task_customers"]),
            fmt.number(row["task_customers"]),
        )
        for task, row in tasks.items()
    ]
    latest = report.rows(
        "select max(snapshot_date) as snapshot_date from marts.rpt_lifecycle_migration "
        "where snapshot_date <= ?",
        [report.as_of],
    )[0]["snapshot_date"]
    # the snapshot the latest movements start from (month ends, then the as-of date)
    previous = report.rows(
        "select max(snapshot_date) as snapshot_date from marts.rpt_lifecycle_migration "
        "where snapshot_date < ?",
        [latest],
    )[0]["snapshot_date"]
    period = fmt.text(
        "migration_period",
        start=fmt.date(previous) if previous else DASH,
        end=fmt.date(latest) if latest else DASH,
    )
    report.write(
        "lifecycle.html.j2",
        "lifecycle.html",
        intro=fmt.text("intro_lifecycle"),
        title=fmt.text("lifecycle_title"),
        stages=Markup(charts.bars(stage_bars, fmt.text("stage_sizes"), fmt.text("customers"))),
        tasks=Markup(charts.bars(task_bars, fmt.text("task_split"), fmt.text("customers"))),
        period=period,
        stage_matrix=_matrix(
            report,
            "lifecycle_stage",
            latest,
            [row["lifecycle_stage"] for row in stages],
            lambda v: fmt.code("lifecycle_stage", v),
        ),
        abc_matrix=_matrix(report, "abc_class", latest, ["A", "B", "C"], str),
    )
