"""One page per RFM segment: its figures, the recommended action and its largest customers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kundenstamm.report.actions import NAME, OWNER
from kundenstamm.report.tables import Column, as_float, as_share, slugify

if TYPE_CHECKING:
    from kundenstamm.report.core import Report

RFM_MEMBER_COLUMNS = (
    Column("account_id"),
    NAME,
    OWNER,
    Column("r_score", "number"),
    Column("f_score", "number"),
    Column("m_score", "number"),
    Column("monetary_eur", "money"),
    Column("lifetime_revenue_eur", "money"),
    Column("predicted_clv_eur", "money"),
    Column("p_alive", "percent"),
)


def _page_columns(report: Report) -> tuple[Column, ...]:
    """The member columns of the pages: without lifetime revenue when the RFM window is the whole
    history (var rfm_window_days null, the default), where it equals the RFM revenue on every row
    (the CSV files keep both)."""
    same = report.rows(
        "select coalesce(bool_and(monetary_eur is not distinct from lifetime_revenue_eur), true) "
        "as same from marts.dim_customers where rfm_segment is not null"
    )[0]["same"]
    if not same:
        return RFM_MEMBER_COLUMNS
    return tuple(c for c in RFM_MEMBER_COLUMNS if c.name != "lifetime_revenue_eur")


def render(report: Report) -> None:
    fmt = report.fmt
    action = "recommended_action_de" if report.lang == "de" else "recommended_action_en"
    page_columns = _page_columns(report)
    for segment in report.rows("select * from marts.rpt_rfm_segments"):
        slug = slugify(segment["rfm_segment"])
        literal = "'" + segment["rfm_segment"].replace("'", "''") + "'"
        members = report.members(
            f"rfm_{slug}",
            f"marts.dim_customers where rfm_segment = {literal}",
            RFM_MEMBER_COLUMNS,
            "monetary_eur desc nulls last, account_id",
            page_columns=page_columns,
        )
        facts = [
            ("customers", fmt.number(segment["customers"])),
            ("customer_share", fmt.percent(as_share(segment["customer_share_pct"]))),
            ("revenue", fmt.money(as_float(segment["revenue_eur"]))),
            ("revenue_share", fmt.percent(as_share(segment["revenue_share_pct"]))),
            ("avg_r", fmt.number(as_float(segment["avg_r_score"]), 2)),
            ("avg_f", fmt.number(as_float(segment["avg_f_score"]), 2)),
            ("avg_m", fmt.number(as_float(segment["avg_m_score"]), 2)),
            ("avg_recency_days", fmt.number(as_float(segment["avg_recency_days"]), 0)),
            ("avg_frequency", fmt.number(as_float(segment["avg_frequency"]), 2)),
            ("avg_monetary", fmt.money(as_float(segment["avg_monetary_eur"]))),
        ]
        report.write(
            "segment.html.j2",
            f"rfm/{slug}.html",
            intro=fmt.text("intro_segment"),
            title=fmt.code("rfm_segment", segment["rfm_segment"]),
            facts=[(fmt.text(key), value) for key, value in facts],
            action=segment[action],
            members=members,
        )
