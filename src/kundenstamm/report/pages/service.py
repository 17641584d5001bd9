"""The service page: tickets opened and closed per month with the median and 90th percentile of
the days to resolve (mart rpt_service_kpis), the segments compared over the last months
(rpt_service_segments: ticket type, category, severity, ABC class) and the open backlog by age
band (rpt_service_backlog)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup

from kundenstamm.report import charts
from kundenstamm.report.tables import as_float, as_share

if TYPE_CHECKING:
    from kundenstamm.report.core import Report

# months in the chart and in the monthly table, the as-of month last
CHART_MONTHS = 24
TABLE_MONTHS = 12
# segment types in the order the page lists them
SEGMENT_TYPES = ("all", "ticket_type", "ticket_category", "severity", "abc_class")


def _segment(report: Report, row: dict) -> dict:
    fmt = report.fmt
    return {
        "key": f"{row['segment_type']}:{row['segment_value']}",
        "type": fmt.code("segment_type", row["segment_type"]),
        "value": fmt.segment_value(row["segment_type"], row["segment_value"]),
    }


# values listed in this order where it means something (others alphabetically, unknown last)
VALUE_ORDER = ("all", "low", "medium", "high", "A", "B", "C", "none", "unknown")


def _order(row: dict) -> tuple:
    value = row["segment_value"]
    rank = VALUE_ORDER.index(value) if value in VALUE_ORDER else VALUE_ORDER.index("none")
    return (SEGMENT_TYPES.index(row["segment_type"]), rank, value)


def _band_label(report: Report, row: dict) -> str:
    fmt = report.fmt
    if row["max_age_days"] is None:
        return fmt.text("age_band_over", days=fmt.number(row["min_age_days"] - 1))
    return fmt.text(
        "age_band_range", low=fmt.number(row["min_age_days"]), high=fmt.number(row["max_age_days"])
    )


def render(report: Report) -> None:
    fmt = report.fmt
    months = report.rows(
        "select * from marts.rpt_service_kpis where segment_type = 'all' and month_start <= ? "
        "order by month_start desc limit ?",
        [report.as_of, CHART_MONTHS],
    )[::-1]
    segments = sorted(report.rows("select * from marts.rpt_service_segments"), key=_order)
    backlog = sorted(
        report.rows("select * from marts.rpt_service_backlog order by band_order"), key=_order
    )
    bands = [row for row in backlog if row["segment_type"] == "all"]
    overall = next((row for row in segments if row["segment_type"] == "all"), None)
    window = overall["window_months"] if overall else None
    rows_by_segment: dict[str, dict] = {}
    for row in backlog:
        entry = rows_by_segment.setdefault(
            f"{row['segment_type']}:{row['segment_value']}", {**_segment(report, row), "bands": []}
        )
        entry["bands"].append(
            {
                "count": fmt.number(row["open_tickets"]),
                "share": fmt.percent(as_share(row["open_share_pct"])),
            }
        )
    report.write(
        "service.html.j2",
        "service.html",
        intro=fmt.text("intro_service"),
        title=fmt.text("service_title"),
        facts=[
            (fmt.text("open_tickets_now"), fmt.number(overall["open_tickets"])),
            (fmt.text("tickets_opened_window"), fmt.number(overall["tickets_opened"])),
            (fmt.text("tickets_closed_window"), fmt.number(overall["tickets_closed"])),
            (
                fmt.text("median_days_window"),
                fmt.number(as_float(overall["median_days_to_resolve"]), 1),
            ),
            (fmt.text("p90_days_window"), fmt.number(as_float(overall["p90_days_to_resolve"]), 1)),
        ]
        if overall
        else [],
        window=fmt.number(window),
        volume=Markup(
            charts.columns(
                [
                    (
                        fmt.month(row["month_start"]),
                        [float(row["tickets_opened"]), float(row["tickets_closed"])],
                    )
                    for row in months
                ],
                [fmt.text("tickets_opened"), fmt.text("tickets_closed")],
                fmt.text("ticket_volume"),
                fmt.text("tickets"),
                fmt.text("month"),
                tick_format=fmt.number,
            )
        ),
        months=[
            {
                "month": fmt.month(row["month_start"]),
                "opened": fmt.number(row["tickets_opened"]),
                "closed": fmt.number(row["tickets_closed"]),
                "median": fmt.number(as_float(row["median_days_to_resolve"]), 1),
                "p90": fmt.number(as_float(row["p90_days_to_resolve"]), 1),
                "open": fmt.number(row["open_tickets"]),
            }
            for row in months[::-1][:TABLE_MONTHS]
        ],
        segment_rows=[
            {
                **_segment(report, row),
                "opened": fmt.number(row["tickets_opened"]),
                "closed": fmt.number(row["tickets_closed"]),
                "median": fmt.number(as_float(row["median_days_to_resolve"]), 1),
                "p90": fmt.number(as_float(row["p90_days_to_resolve"]), 1),
                "open": fmt.number(row["open_tickets"]),
                "small": bool(row["is_too_small"]),
            }
            for row in segments
            if row["segment_type"] != "all"
        ],
        band_labels=[_band_label(report, row) for row in bands],
        backlog=list(rows_by_segment.values()),
    )
