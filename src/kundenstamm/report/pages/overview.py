"""The overview page: the month's headline KPIs against the prior month, the customer pyramid of
the ABC sub-classes and the RFM segments with their recommended action."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from markupsafe import Markup

from kundenstamm.report import charts
from kundenstamm.report.locale import DASH
from kundenstamm.report.pages.abc import class_rows
from kundenstamm.report.tables import Column, as_float, as_share, format_cell, slugify

if TYPE_CHECKING:
    from kundenstamm.report.core import Report


@dataclass(frozen=True)
class HeadlineKpi:
    """A headline KPI of the overview: its rpt_kpis_monthly column, how it is formatted, and the
    semantic layer's metric with the same value (saved query `headline_kpis_monthly`)."""

    column: str
    kind: str
    metric: str


HEADLINE_KPIS = (
    HeadlineKpi("new_customers", "number", "new_customers"),
    HeadlineKpi("active_customers", "number", "active_customers"),
    HeadlineKpi("purchasing_customers", "number", "purchasing_customers"),
    HeadlineKpi("revenue_eur", "money", "revenue"),
    HeadlineKpi("margin_eur", "money", "margin"),
    HeadlineKpi("churn_rate", "percent", "churn_rate"),
    HeadlineKpi("repeat_purchase_rate", "percent", "repeat_purchase_rate"),
    HeadlineKpi("lead_conversion_rate", "percent", "lead_conversion_rate"),
    HeadlineKpi("lead_conversion_rate_matured", "percent", "lead_conversion_rate_matured"),
)


def headline_kpis(connection, month: date) -> tuple[dict, dict]:
    """The KPI rows (all customers) of `month` and of the month before it, as the overview shows
    them (empty dicts where there is none)."""
    cursor = connection.execute(
        "select * from marts.rpt_kpis_monthly where segment_type = 'all' "
        "and month_start <= ? order by month_start desc limit 2",
        [month],
    )
    names = [column[0] for column in cursor.description]
    rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    return (rows[0] if rows else {}), (rows[1] if len(rows) > 1 else {})


def _kpi_cards(report: Report, month: date) -> list[dict]:
    fmt = report.fmt
    current, prior = headline_kpis(report.db, month)
    cards = []
    for kpi in HEADLINE_KPIS:
        name, kind = kpi.column, kpi.kind
        now, before = current.get(name), prior.get(name)
        change = None
        if now is not None and before not in (None, 0):
            if kind == "percent":
                change = fmt.signed((float(now) - float(before)) * 100, 1)
                change += "\u00a0" + fmt.text("change_points")
            else:
                change = fmt.signed_percent((float(now) - float(before)) / abs(float(before)))
        cards.append(
            {
                "label": fmt.text(f"kpi_{name}"),
                "value": format_cell(fmt, Column(name, kind), now)["text"],
                "prior": format_cell(fmt, Column(name, kind), before)["text"],
                "change": change or DASH,
                "id": name,
            }
        )
    return cards


def render(report: Report) -> None:
    fmt = report.fmt
    month = report.as_of.replace(day=1)
    abc = report.rows("select * from marts.rpt_abc_summary order by sort_order")
    basis = report.basis(abc)
    levels = [
        (
            fmt.code("abc_subclass", row["abc_subclass"]),
            fmt.plural("n_customers", row["customers"])
            + " · "
            + fmt.money(as_float(row["basis_value_eur"]), 0),
            float(row["customers"]),
        )
        for row in abc
    ]
    rfm = report.rows("select * from marts.rpt_rfm_segments order by segment_priority")
    action = "recommended_action_de" if report.lang == "de" else "recommended_action_en"
    head = abc[0] if abc else {}
    report.write(
        "index.html.j2",
        "index.html",
        intro=fmt.text("intro_overview"),
        title=fmt.text("overview"),
        month=fmt.month(month),
        basis_label=fmt.text(f"abc_basis_{basis}"),
        kpis=_kpi_cards(report, month),
        pyramid=Markup(charts.pyramid(levels, fmt.text("pyramid"))),
        inactive_note=fmt.text(
            "inactive_note",
            active=fmt.number(head.get("active_window_days")),
            lookback=fmt.number(head.get("abc_lookback_days")),
        )
        if head
        else None,
        abc=class_rows(report, abc),
        rfm=[
            {
                "name": fmt.code("rfm_segment", row["rfm_segment"]),
                "slug": slugify(row["rfm_segment"]),
                "customers": fmt.number(row["customers"]),
                "customer_share": fmt.percent(as_share(row["customer_share_pct"])),
                "revenue_share": fmt.percent(as_share(row["revenue_share_pct"])),
                "action": row[action],
            }
            for row in rfm
        ],
    )
