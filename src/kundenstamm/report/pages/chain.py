"""The 4K chain page (mart rpt_4k_chain): orientation -> satisfaction -> loyalty -> value, read
left to right in one table per NPS class — what the customers experienced, how satisfied they
are, how loyal, what they are worth — for all customers and per ABC class, so promoters and
detractors stand row by row; and what promoters buy differently from detractors, per product
category (mart rpt_4k_chain_categories)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kundenstamm.report.tables import as_float, as_share

if TYPE_CHECKING:
    from kundenstamm.report.core import Report

# the rows of a block in the order the page reads them; the ABC blocks after 'all'
NPS_ORDER = ("promoter", "passive", "detractor", "no_answer")
ABC_ORDER = ("A", "B", "C", "none")

# the chain's stages left to right: (stage, the mart columns shown in it, how to format them)
STAGES = (
    (
        "orientation",
        (
            ("avg_complaints", "decimal"),
            ("avg_late_payment_share", "percent"),
            ("avg_discount_share", "percent"),
            ("avg_tenure_days", "days"),
        ),
    ),
    ("satisfaction", (("nps_class", "class"), ("customers", "number"))),
    (
        "loyalty",
        (
            ("repeat_purchase_rate", "percent"),
            ("retention_rate", "percent"),
            ("churn_rate", "percent"),
            ("avg_p_alive", "percent"),
        ),
    ),
    (
        "value",
        (
            ("avg_historical_clv_eur", "money"),
            ("avg_predicted_clv_eur", "money"),
            ("revenue_share_pct", "share"),
        ),
    ),
)

# the columns of the category table after the category: promoters, detractors, difference
CATEGORY_COLUMNS = (
    "promoter_buyers",
    "detractor_buyers",
    "buyers_difference",
    "promoter_revenue",
    "detractor_revenue",
    "revenue_difference",
)


def _cell(report: Report, kind: str, value) -> str:
    fmt = report.fmt
    if kind == "class":
        return fmt.code("nps_class", value)
    if kind == "number":
        return fmt.number(value)
    if kind == "decimal":
        return fmt.number(as_float(value), 2)
    if kind == "days":
        return fmt.number(as_float(value), 0)
    if kind == "money":
        return fmt.money(as_float(value), 0)
    if kind == "share":
        return fmt.percent(as_share(value))
    return fmt.percent(as_float(value))


def _block(report: Report, rows: list[dict], abc_class: str) -> dict:
    """One ABC class's rows (one per NPS class, in NPS_ORDER) as table rows."""
    ordered = sorted(
        (row for row in rows if row["abc_class"] == abc_class),
        key=lambda row: NPS_ORDER.index(row["nps_class"]),
    )
    return {
        "abc_class": abc_class,
        "label": report.fmt.code("abc_group", abc_class),
        "rows": [
            {
                "nps_class": row["nps_class"],
                "small": bool(row["is_too_small"]),
                "cells": [
                    {
                        "key": column,
                        "text": _cell(report, kind, row[column]),
                        "head": kind == "class",
                    }
                    for _, columns in STAGES
                    for column, kind in columns
                ],
            }
            for row in ordered
        ],
    }


def _categories(report: Report) -> list[dict]:
    """Per product category the promoters' and detractors' buyer and revenue shares and the
    difference the mart gives, the categories promoters buy most more than detractors first."""
    fmt = report.fmt
    rows = report.rows(
        "select * from marts.rpt_4k_chain_categories where nps_class in ('promoter', 'detractor')"
    )
    detractors = {row["category"]: row for row in rows if row["nps_class"] == "detractor"}
    promoters = sorted(
        (row for row in rows if row["nps_class"] == "promoter" and row["category"] in detractors),
        key=lambda row: (-float(row["buyer_share_vs_detractors_pp"]), row["category"]),
    )
    return [
        {
            "code": row["category"],
            "label": fmt.code("category", row["category"]),
            "cells": [
                fmt.percent(as_float(row["buyer_share"])),
                fmt.percent(as_float(detractors[row["category"]]["buyer_share"])),
                fmt.signed(as_float(row["buyer_share_vs_detractors_pp"])),
                fmt.percent(as_share(row["revenue_share_pct"])),
                fmt.percent(as_share(detractors[row["category"]]["revenue_share_pct"])),
                fmt.signed(as_float(row["revenue_share_vs_detractors_pp"])),
            ],
            "small": bool(row["is_too_small"] or detractors[row["category"]]["is_too_small"]),
        }
        for row in promoters
    ]


def render(report: Report) -> None:
    fmt = report.fmt
    rows = report.rows("select * from marts.rpt_4k_chain")
    settings = report.rows(
        "select chain_retention_months, min_group_size as min_size from marts.dim_settings"
    )[0]
    present = {row["abc_class"] for row in rows}
    report.write(
        "chain.html.j2",
        "chain.html",
        intro=fmt.text("intro_chain"),
        title=fmt.text("chain_title"),
        stages=[
            {
                "id": stage,
                "label": fmt.text(f"chain_stage_{stage}"),
                "note": fmt.text(f"chain_stage_{stage}_note"),
                "span": len(columns),
            }
            for stage, columns in STAGES
        ],
        headers=[
            {"key": column, "label": fmt.text(f"chain_{column}"), "numeric": kind != "class"}
            for _, columns in STAGES
            for column, kind in columns
        ],
        overall=_block(report, rows, "all"),
        by_abc=[_block(report, rows, abc) for abc in ABC_ORDER if abc in present],
        window_note=fmt.text(
            "chain_window_note", months=fmt.number(settings["chain_retention_months"])
        ),
        small_note=fmt.text("chain_small_note", size=fmt.number(settings["min_size"])),
        categories=_categories(report),
        category_headers=[fmt.text(f"chain_categories_{key}") for key in CATEGORY_COLUMNS],
    )
