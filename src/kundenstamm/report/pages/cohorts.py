"""The cohort page (mart rpt_cohort_retention): per acquisition month, the share of its customers
who bought again 1, 2, 3, 6, 12 and 24 months after the first purchase, shaded by the share, and
the revenue per customer the cohort brought by then. Cohorts newest first; a month not reached
yet stays empty."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kundenstamm.report.locale import DASH
from kundenstamm.report.tables import as_float, as_share

if TYPE_CHECKING:
    from kundenstamm.report.core import Report

# the months since the first purchase the table shows (the mart has every month)
MONTHS = (1, 2, 3, 6, 12, 24)
# the cumulative revenue per customer shown at these months
REVENUE_MONTHS = (12, 24)
# a retention share at or above this is drawn in the darkest shade
FULL_SHADE = 0.5


def render(report: Report) -> None:
    fmt = report.fmt
    shown = sorted({0, *MONTHS, *REVENUE_MONTHS})  # month 0: every cohort, its size
    rows = report.rows(
        "select cohort_month, cohort_size, months_since_first_purchase, retention_rate_pct, "
        "cumulative_revenue_per_customer_eur from marts.rpt_cohort_retention "
        f"where months_since_first_purchase in ({', '.join(str(m) for m in shown)}) "
        "and cohort_month <= ? order by cohort_month desc",
        [report.as_of],
    )
    cohorts: dict = {}
    for row in rows:
        cohorts.setdefault(row["cohort_month"], {"size": row["cohort_size"], "at": {}})
        cohorts[row["cohort_month"]]["at"][row["months_since_first_purchase"]] = row

    def retention(row: dict | None) -> dict:
        if row is None:
            return {"text": DASH, "shade": 0}
        share = as_share(row["retention_rate_pct"])
        return {"text": fmt.percent(share), "shade": round(min(1.0, share / FULL_SHADE) * 0.45, 3)}

    def revenue(row: dict | None) -> str:
        return (
            DASH
            if row is None
            else fmt.money(as_float(row["cumulative_revenue_per_customer_eur"]), 0)
        )

    report.write(
        "cohorts.html.j2",
        "cohorts.html",
        intro=fmt.text("intro_cohorts"),
        title=fmt.text("cohorts_title"),
        months=[fmt.text("after_months", months=m) for m in MONTHS],
        revenue_months=[fmt.text("revenue_after_months", months=m) for m in REVENUE_MONTHS],
        cohorts=[
            {
                "month": fmt.month(month),
                "size": fmt.number(cohort["size"]),
                "retention": [retention(cohort["at"].get(m)) for m in MONTHS],
                "revenue": [revenue(cohort["at"].get(m)) for m in REVENUE_MONTHS],
            }
            for month, cohort in cohorts.items()
        ],
    )
