"""The profitability page: what the customers earn after the cost to serve them, for all and per
ABC class (mart rpt_profitability_summary, with the cost settings of dim_settings), how many are
unprofitable and why, and the lists that act on it: the unprofitable customers, the C1 offers and
the mailing suppression list (action lists of their own)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kundenstamm.report.tables import as_float, as_share

if TYPE_CHECKING:
    from kundenstamm.report.core import Report

REASONS = (
    ("negative_margin", "negative_margin_customers"),
    ("cost_to_serve_exceeds_margin", "cost_exceeds_margin_customers"),
    ("low_contribution", "low_contribution_customers"),
)
LISTS = ("unprofitable", "c1_offers", "mailing_suppression")


def _class_row(report: Report, row: dict) -> dict:
    fmt = report.fmt
    return {
        "code": row["abc_class"],
        "label": fmt.code("abc_group", row["abc_class"]),
        "customers": fmt.number(row["customers"]),
        "revenue": fmt.money(as_float(row["revenue_eur"]), 0),
        "discount": fmt.money(as_float(row["discount_eur"]), 0),
        "margin": fmt.money(as_float(row["margin_eur"]), 0),
        "order_cost": fmt.money(as_float(row["order_cost_eur"]), 0),
        "ticket_cost": fmt.money(as_float(row["ticket_cost_eur"]), 0),
        "cost": fmt.money(as_float(row["cost_to_serve_eur"]), 0),
        "per_customer": fmt.money(as_float(row["cost_to_serve_per_customer_eur"])),
        "cost_share": fmt.percent(as_share(row["cost_to_serve_share_pct"])),
        "contribution": fmt.money(as_float(row["contribution_after_service_eur"]), 0),
        "unprofitable": fmt.number(row["unprofitable_customers"]),
        "unprofitable_share": fmt.percent(as_share(row["unprofitable_share_pct"])),
        "reasons": [fmt.number(row[column]) for _, column in REASONS],
    }


def render(report: Report) -> None:
    fmt = report.fmt
    summary = report.rows("select * from marts.rpt_profitability_summary order by sort_order")
    settings = report.rows(
        "select profitability_cost_per_order_eur as per_order, "
        "profitability_cost_per_ticket_eur as per_ticket, "
        "profitability_min_contribution_eur as minimum from marts.dim_settings"
    )[0]
    overall = next((row for row in summary if row["abc_class"] == "all"), None)
    report.write(
        "profitability.html.j2",
        "profitability.html",
        intro=fmt.text("intro_profitability"),
        title=fmt.text("profitability_title"),
        cost_note=fmt.text(
            "cost_to_serve_note",
            per_order=fmt.money(as_float(settings["per_order"])),
            per_ticket=fmt.money(as_float(settings["per_ticket"])),
            minimum=fmt.money(as_float(settings["minimum"]), 0),
        ),
        overall=_class_row(report, overall) if overall else None,
        classes=[_class_row(report, row) for row in summary if row["abc_class"] != "all"],
        reasons=[fmt.code("unprofitable_reason", code) for code, _ in REASONS],
        lists=[
            {"slug": slug, "label": fmt.text(f"action_{slug}"), "intro": fmt.text(f"intro_{slug}")}
            for slug in LISTS
        ],
    )
