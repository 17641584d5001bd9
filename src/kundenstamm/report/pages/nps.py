"""The NPS page: whether NPS is measured often enough (rpt_nps_cadence), the monthly trend with
its 95 % interval, the year per segment and the cancellation reasons (marts rpt_nps and
rpt_cancellation_reasons)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup

from kundenstamm.report import charts
from kundenstamm.report.locale import DASH
from kundenstamm.report.tables import as_float, as_share

if TYPE_CHECKING:
    from kundenstamm.report.core import Report


def _row(report: Report, row: dict) -> dict:
    fmt = report.fmt
    return {
        "segment_type": row["segment_type"],
        "segment_value": row["segment_value"],
        "type_label": fmt.code("segment_type", row["segment_type"]),
        "value_label": fmt.segment_value(row["segment_type"], row["segment_value"]),
        "responses": fmt.number(row["responses"]),
        "response_rate": fmt.percent(as_share(row["response_rate_pct"])),
        "promoters": fmt.percent(as_share(row["promoters_pct"])),
        "passives": fmt.percent(as_share(row["passives_pct"])),
        "detractors": fmt.percent(as_share(row["detractors_pct"])),
        "nps": fmt.number(as_float(row["nps"]), 1),
        "interval": fmt.text(
            "interval_range",
            lower=fmt.number(as_float(row["nps_lower"]), 1),
            upper=fmt.number(as_float(row["nps_upper"]), 1),
        ),
        "small": bool(row["is_too_small"]),
    }


def cadence(report: Report) -> dict | None:
    """The survey cadence at the as-of date: the last wave, its age against the allowed gap, the
    active customers invited and answering in that window, and whether the gap is exceeded."""
    fmt = report.fmt
    rows = report.rows("select * from marts.rpt_nps_cadence")
    if not rows:
        return None
    row = rows[0]
    months = fmt.number(row["max_months_between_waves"])
    return {
        "exceeded": bool(row["is_cadence_exceeded"]),
        "verdict": fmt.text(
            "cadence_exceeded"
            if row["is_cadence_exceeded"]
            else ("cadence_ok_now" if row["months_since_last_wave"] == 0 else "cadence_ok"),
            months=months,
            since=fmt.number(row["months_since_last_wave"]),
        ),
        "facts": [
            (fmt.text("last_survey_wave"), fmt.code("any", row["last_survey_wave"])),
            (fmt.text("last_invited_date"), fmt.date(row["last_invited_date"])),
            (fmt.text("months_since_last_wave"), fmt.number(row["months_since_last_wave"])),
            (fmt.text("active_customers"), fmt.number(row["active_customers"])),
            (
                fmt.text("invited_active", months=months),
                fmt.text(
                    "count_share",
                    count=fmt.number(row["invited_active_customers"]),
                    share=fmt.percent(as_float(row["invited_share"])),
                ),
            ),
            (
                fmt.text("answered_active", months=months),
                fmt.text(
                    "count_share",
                    count=fmt.number(row["answered_active_customers"]),
                    share=fmt.percent(as_float(row["answered_share"])),
                ),
            ),
            (fmt.text("response_rate"), fmt.percent(as_float(row["response_rate"]))),
        ],
    }


def render(report: Report) -> None:
    fmt = report.fmt
    trend = report.rows(
        "select * from marts.rpt_nps where period_type = 'month' and segment_type = 'all' "
        "and period_start <= ? order by period_start",
        [report.as_of],
    )
    points = [
        (
            fmt.month(row["period_start"]),
            as_float(row["nps"]),
            as_float(row["nps_lower"]),
            as_float(row["nps_upper"]),
            bool(row["is_too_small"]),
        )
        for row in trend
    ]
    year = report.rows(
        "select max(period_start) as period_start from marts.rpt_nps "
        "where period_type = 'year' and period_start <= ?",
        [report.as_of],
    )[0]["period_start"]
    by_segment = report.rows(
        "select * from marts.rpt_nps where period_type = 'year' and period_start = ? "
        "order by segment_type, segment_value",
        [year],
    )
    reasons = report.rows(
        "select * from marts.rpt_cancellation_reasons order by cancellation_year desc, "
        "cancellations desc"
    )
    report.write(
        "nps.html.j2",
        "nps.html",
        intro=fmt.text("intro_nps"),
        title=fmt.text("nps_title"),
        cadence=cadence(report),
        trend=Markup(
            charts.line_with_band(
                points,
                fmt.text("nps_trend"),
                "NPS",
                fmt.text("survey_month"),
                tick_format=lambda value: fmt.signed(value, 0).lstrip("+±"),
            )
        ),
        year=str(year.year) if year else DASH,
        overall=[_row(report, r) for r in by_segment if r["segment_type"] == "all"],
        segment_rows=[_row(report, r) for r in by_segment if r["segment_type"] != "all"],
        reasons=[
            {
                "year": fmt.code("any", row["cancellation_year"]),
                "reason": fmt.code("cancellation_reason", row["reason_code"]),
                "cancellations": fmt.number(row["cancellations"]),
                "share": fmt.percent(as_share(row["share_of_cancellations_pct"])),
                "revenue": fmt.money(as_float(row["lifetime_revenue_eur"])),
            }
            for row in reasons
        ],
    )
