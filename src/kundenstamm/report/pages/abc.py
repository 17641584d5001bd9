"""The ABC page: the Lorenz curve (mart rpt_abc_lorenz) with the 80/20 point, the concentration
figures and the dependency warning, and the sub-classes (rpt_abc_summary)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup

from kundenstamm.report import charts
from kundenstamm.report.core import ReportError
from kundenstamm.report.tables import as_float, as_share

if TYPE_CHECKING:
    from kundenstamm.report.core import Report


def class_rows(report: Report, summary: list[dict]) -> list[dict]:
    """The ABC sub-classes of rpt_abc_summary as table rows (on this page and the overview)."""
    fmt = report.fmt
    return [
        {
            "class": row["abc_class"],
            "code": row["abc_subclass"],
            "subclass": fmt.code("abc_subclass", row["abc_subclass"]),
            "customers": fmt.number(row["customers"]),
            "customer_share": fmt.percent(as_share(row["customer_share_pct"])),
            "basis": fmt.money(as_float(row["basis_value_eur"])),
            "basis_share": fmt.percent(as_share(row["basis_share_pct"])),
        }
        for row in summary
    ]


def render(report: Report) -> None:
    fmt = report.fmt
    summary = report.rows("select * from marts.rpt_abc_summary order by sort_order")
    if not summary:
        raise ReportError("marts.rpt_abc_summary is empty")
    head = summary[0]
    basis = report.basis(summary)
    curve = [
        (float(p["customer_share"]), float(p["cumulative_share"]))
        for p in report.rows(
            "select customer_share, cumulative_share from marts.rpt_abc_lorenz order by percentile"
        )
    ]
    top = as_share(head["pareto_top_customers_pct"])
    top_share = as_share(head["pareto_top_basis_share_pct"])
    shares = ("top1_share", "top5_share", "top10_share")
    report.write(
        "abc.html.j2",
        "abc.html",
        intro=fmt.text("intro_abc"),
        title=fmt.text("abc_title"),
        basis_label=fmt.text(f"abc_basis_{basis}"),
        basis_share_label=fmt.text(f"abc_basis_share_{basis}"),
        lorenz=Markup(
            charts.lorenz(
                curve,
                fmt.text("lorenz"),
                fmt.text("lorenz_x"),
                fmt.text(f"lorenz_y_{basis}"),
                marker=(top, top_share),
                tick_format=lambda share: fmt.percent(share, 0),
            )
        ),
        pareto=fmt.text(
            f"pareto_sentence_{basis}", top=fmt.percent(top, 0), share=fmt.percent(top_share)
        ),
        concentration=[
            *((fmt.text(key), fmt.percent(as_share(head[f"{key}_pct"]))) for key in shares),
            (fmt.text("gini"), fmt.number(as_float(head["gini"]), 3)),
            (fmt.text("hhi"), fmt.number(as_float(head["hhi"]), 4)),
        ],
        warning=fmt.text(
            "sentence_dependency",
            top1=fmt.percent(as_share(head["top1_share_pct"])),
            top5=fmt.percent(as_share(head["top5_share_pct"])),
            hhi=fmt.number(as_float(head["hhi"]), 4),
        )
        if head["has_dependency_warning"]
        else None,
        classes=class_rows(report, summary),
    )
