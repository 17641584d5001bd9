"""The CLV page: the three views side by side with their horizon and assumptions, the
distribution of each view (mart rpt_clv_distribution: the negative and zero customers said in
words by their reason code, the positive values in 1-2-5 bins), CLV against acquisition cost,
acquisition against retention spend per month (rpt_marketing_spend_purpose), and the fit and
backtest of the purchase and spend models (rpt_clv_model)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup

from kundenstamm.report import charts
from kundenstamm.report.tables import as_float, as_share

if TYPE_CHECKING:
    from kundenstamm.report.core import Report

VIEWS = ("historical", "formula", "predicted")
# months in the acquisition-vs-retention spend table, the as-of month first
SPEND_MONTHS = 12


def _bin_label(report: Report, row: dict) -> str:
    fmt = report.fmt
    lower, upper = as_float(row["lower_eur"]), as_float(row["upper_eur"])
    if not lower:
        return fmt.text("bin_below", upper=fmt.money(upper, 0))
    return fmt.text("bin_range", lower=fmt.number(lower), upper=fmt.money(upper, 0))


def _view(report: Report, view: str, rows: list[dict]) -> dict:
    """One CLV view: its figures, horizon and assumptions, histogram and the sentences for its
    negative and zero customers (chosen by the mart's reason code)."""
    fmt = report.fmt
    head = rows[0] if rows else {}
    money = {
        "cost": fmt.money(as_float(head.get("cost_to_serve_eur")), 0),
        "months": fmt.number(head.get("horizon_months")),
        "tenure": fmt.number(head.get("min_tenure_months")),
        "rate": fmt.percent(as_float(head.get("annual_discount_rate")), 0),
        "as_of": fmt.date(report.warehouse_as_of),
    }
    positive = [row for row in rows if row["bin_kind"] == "positive"]
    outside = [
        {
            "count": fmt.number(row["customers"]),
            "share": fmt.percent(as_share(row["customer_share_pct"])),
            "text": fmt.text(f"clv_reason_{row['reason_code']}", **money),
        }
        for row in rows
        if row["bin_kind"] != "positive" and row["customers"]
    ]
    histogram = charts.columns(
        [(_bin_label(report, row), [float(row["customers"])]) for row in positive],
        [fmt.text("customers")],
        fmt.text(f"{view}_distribution"),
        fmt.text("customers"),
        fmt.text(f"{view}_axis"),
        tick_format=fmt.number,
    )
    return {
        "id": view,
        "label": fmt.text(f"{view}_clv"),
        "title": fmt.text(f"{view}_distribution"),
        "customers": fmt.number(head.get("view_customers")),
        "total": fmt.money(as_float(head.get("view_total_eur")), 0),
        "average": fmt.money(as_float(head.get("view_average_eur"))),
        "median": fmt.money(as_float(head.get("view_median_eur"))),
        "horizon": fmt.text(f"{view}_horizon", **money),
        "assumption": fmt.text(f"{view}_assumption", **money),
        "histogram": Markup(histogram),
        "outside": outside,
    }


def _spend_purpose(report: Report) -> dict:
    """The last SPEND_MONTHS months of rpt_marketing_spend_purpose, formatted; the unmapped
    column only when one of them has unmapped spend."""
    fmt = report.fmt
    rows = report.rows(
        "select * from marts.rpt_marketing_spend_purpose where month_start <= ? "
        "order by month_start desc limit ?",
        [report.as_of, SPEND_MONTHS],
    )
    if not any(row["has_spend_data"] for row in rows):
        rows = []  # no spend data for these months (an orders-only folder): say so, no zeros
    unmapped = any(as_float(row["unmapped_spend_eur"]) for row in rows)
    return {
        "unmapped": unmapped,
        "months": [
            {
                "month": fmt.month(row["month_start"]),
                "acquisition": fmt.money(as_float(row["acquisition_spend_eur"]), 0),
                "retention": fmt.money(as_float(row["retention_spend_eur"]), 0),
                "unmapped": fmt.money(as_float(row["unmapped_spend_eur"]), 0),
                "acquisition_share": fmt.percent(as_share(row["acquisition_share_pct"])),
                "cpa": fmt.money(as_float(row["acquisition_cpa_eur"])),
                "per_active": fmt.money(as_float(row["retention_spend_per_active_customer_eur"])),
            }
            for row in rows
        ],
    }


def render(report: Report) -> None:
    fmt = report.fmt
    distribution = report.rows(
        "select * from marts.rpt_clv_distribution order by clv_view, bin_order"
    )
    views = [
        _view(report, view, [row for row in distribution if row["clv_view"] == view])
        for view in VIEWS
    ]
    cac = report.rows(
        "select * from marts.rpt_clv_cac where cohort = 'all' order by acquisition_channel"
    )
    parameters = report.rows(
        "select * from marts.rpt_clv_model where row_type = 'parameter' and fit_type = 'full' "
        "order by clv_segment, model, parameter"
    )
    deciles = report.rows(
        "select decile, sum(predicted_purchases) as predicted, sum(actual_purchases) as actual "
        "from marts.rpt_clv_model where row_type = 'backtest_decile' group by decile "
        "order by decile"
    )
    backtest_total = report.rows(
        "select sum(predicted_purchases) as predicted, sum(actual_purchases) as actual "
        "from marts.rpt_clv_model where row_type = 'backtest_total'"
    )[0]
    purchase_models = report.rows(
        "select clv_segment, model, bool_or(is_selected) as is_selected, "
        "max(holdout_log_likelihood) as holdout_log_likelihood, bool_and(converged) as converged "
        "from marts.rpt_clv_model where row_type = 'parameter' and fit_type = 'full' "
        "and model <> 'gamma_gamma' group by clv_segment, model order by clv_segment, model"
    )
    spend_exclusions = report.rows(
        "select clv_segment, max(excluded_customers) as excluded, max(customers) as fitted "
        "from marts.rpt_clv_model where row_type = 'parameter' and fit_type = 'full' "
        "and model = 'gamma_gamma' group by clv_segment order by clv_segment"
    )
    yes_no = {True: fmt.text("yes"), False: fmt.text("no"), None: fmt.text("no")}
    report.write(
        "clv.html.j2",
        "clv.html",
        intro=fmt.text("intro_clv"),
        title=fmt.text("clv_title"),
        views=views,
        cac=[
            {
                "channel": fmt.code("acquisition_channel", row["acquisition_channel"]),
                "new_customers": fmt.number(row["new_customers"]),
                "cpa": fmt.money(as_float(row["cpa_eur"])),
                "avg_clv": fmt.money(as_float(row["avg_clv_eur"])),
                "ratio": fmt.number(as_float(row["clv_to_cac"]), 1),
            }
            for row in cac
        ],
        parameters=[
            {
                "segment": fmt.code("clv_segment", row["clv_segment"]),
                "model": fmt.code("clv_model", row["model"]),
                "parameter": row["parameter"],
                "value": fmt.number(as_float(row["value"]), 4),
                "se": fmt.number(as_float(row["standard_error"]), 4),
                "converged": yes_no[row["converged"]],
                "customers": fmt.number(row["customers"]),
            }
            for row in parameters
        ],
        backtest=Markup(
            charts.columns(
                [
                    (str(row["decile"]), [as_float(row["predicted"]), as_float(row["actual"])])
                    for row in deciles
                ],
                [fmt.text("predicted"), fmt.text("actual")],
                fmt.text("backtest"),
                fmt.text("purchases"),
                fmt.text("backtest_axis"),
                tick_format=fmt.number,
            )
        ),
        backtest_total={
            "predicted": fmt.number(as_float(backtest_total["predicted"]), 0),
            "actual": fmt.number(as_float(backtest_total["actual"]), 0),
        },
        purchase_models=[
            {
                "segment": fmt.code("clv_segment", row["clv_segment"]),
                "model": fmt.code("clv_model", row["model"]),
                "holdout": fmt.number(as_float(row["holdout_log_likelihood"]), 1),
                "selected": yes_no[row["is_selected"]],
                "converged": yes_no[row["converged"]],
            }
            for row in purchase_models
        ],
        spend_purpose=_spend_purpose(report),
        spend_exclusions=[
            {
                "segment": fmt.code("clv_segment", row["clv_segment"]),
                "excluded": fmt.number(row["excluded"]),
                "fitted": fmt.number(row["fitted"]),
            }
            for row in spend_exclusions
        ],
    )
