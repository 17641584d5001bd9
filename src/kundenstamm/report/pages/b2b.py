"""The B2B page: the company accounts by industry, company size and culture tag (mart
rpt_b2b_segments), how well the accounts are covered by contacts (rpt_account_coverage_summary:
the accounts per coverage status, with a decision maker, C-level and contacts who may be e-mailed,
and which roles are known), the development of the contact base per month (rpt_contact_base_monthly)
and the action list of the single-threaded accounts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kundenstamm.report.tables import as_float

if TYPE_CHECKING:
    from kundenstamm.report.core import Report

# months in the contact-base table, the as-of month first
TABLE_MONTHS = 12
# coverage statuses of rpt_account_coverage, the weakest first
STATUSES = ("no_contacts", "not_engaged", "single_threaded", "multi_threaded")
# segment types of rpt_b2b_segments in page order, and the code list of their values (None: as is)
SEGMENT_CODES = {"industry": "industry", "company_size": None, "culture_tag": "culture_tag"}
# the key figures on top: (label, column of the 'all' row of rpt_account_coverage_summary)
FACTS = (
    ("company_accounts", "accounts"),
    ("accounts_with_decision_maker", "accounts_with_decision_maker"),
    ("accounts_with_c_level", "accounts_with_c_level"),
    ("accounts_with_emailable", "accounts_with_emailable"),
    ("accounts_single_threaded", "single_threaded_accounts"),
)


def _segment_order(row: dict) -> tuple:
    """Segment types in page order; company sizes by size ('1-9' first), the others by accounts."""
    value = row["segment_value"]
    lowest = value.split("-")[0].rstrip("+")
    size = int(lowest) if row["segment_type"] == "company_size" and lowest.isdigit() else 0
    return (list(SEGMENT_CODES).index(row["segment_type"]), size, -row["accounts"], value)


def _summary(report: Report, summary_type: str, order: str = "summary_value") -> list[dict]:
    """The rows of one summary type of rpt_account_coverage_summary (the counts are the mart's)."""
    return report.rows(
        f"select * from marts.rpt_account_coverage_summary where summary_type = ? order by {order}",
        [summary_type],
    )


def _statuses(report: Report) -> list[dict]:
    fmt = report.fmt
    counts = {row["summary_value"]: row for row in _summary(report, "coverage_status")}
    return [
        {
            "code": status,
            "label": fmt.code("coverage_status", status),
            "note": fmt.text(f"coverage_{status}_note"),
            "accounts": fmt.number(counts[status]["accounts"] if status in counts else 0),
            "ab_accounts": fmt.number(counts[status]["ab_accounts"] if status in counts else 0),
        }
        for status in STATUSES
    ]


def _roles(report: Report) -> list[dict]:
    fmt = report.fmt
    return [
        {
            "code": row["summary_value"],
            "label": fmt.code("contact_role", row["summary_value"]),
            "c_level": bool(row["is_c_level"]),
            "accounts": fmt.number(row["accounts"]),
            "contacts": fmt.number(row["contacts"]),
            "decision_makers": fmt.number(row["decision_makers"]),
            "emailable": fmt.number(row["emailable_contacts"]),
            "engaged": fmt.number(row["engaged_contacts"]),
        }
        for row in _summary(report, "contact_role", "accounts desc, summary_value")
    ]


def _segment_value(report: Report, row: dict) -> str:
    code = SEGMENT_CODES[row["segment_type"]]
    return report.fmt.code(code, row["segment_value"]) if code else row["segment_value"]


def render(report: Report) -> None:
    fmt = report.fmt
    summary = _summary(report, "all")
    coverage = summary[0] if summary else {}
    settings = report.rows(
        "select account_coverage_engaged_days as days, min_group_size as min_size "
        "from marts.dim_settings"
    )[0]
    segments = sorted(
        report.rows("select * from marts.rpt_b2b_segments"),
        key=_segment_order,
    )
    months = report.rows(
        "select * from marts.rpt_contact_base_monthly where segment_type = 'all' "
        "and month_start <= ? order by month_start desc limit ?",
        [report.as_of, TABLE_MONTHS],
    )
    report.write(
        "b2b.html.j2",
        "b2b.html",
        intro=fmt.text("intro_b2b"),
        title=fmt.text("b2b_title"),
        facts=[(fmt.text(label), fmt.number(coverage.get(column, 0))) for label, column in FACTS],
        engaged_note=fmt.text("coverage_engaged_note", days=fmt.number(settings["days"])),
        statuses=_statuses(report),
        roles=_roles(report),
        b2b_segments=[
            {
                "key": f"{row['segment_type']}:{row['segment_value']}",
                "type": fmt.code("segment_type", row["segment_type"]),
                "value": _segment_value(report, row),
                "accounts": fmt.number(row["accounts"]),
                "customers": fmt.number(row["customers"]),
                "ab_customers": fmt.number(row["ab_customers"]),
                "revenue": fmt.money(as_float(row["lifetime_revenue_eur"]), 0),
                "margin": fmt.money(as_float(row["lifetime_margin_eur"]), 0),
                "small": bool(row["is_too_small"]),
            }
            for row in segments
        ],
        small_note=fmt.text("b2b_small_note", size=fmt.number(settings["min_size"])),
        months=[
            {
                "month": fmt.month(row["month_start"]),
                "new": fmt.number(row["new_contacts"]),
                "contacts": fmt.number(row["contacts"]),
                "emailable": fmt.number(row["emailable_contacts"]),
                "new_permissions": fmt.number(row["new_permissions"]),
                "coverage": fmt.percent(as_float(row["permission_coverage"])),
            }
            for row in months
        ],
        list_label=fmt.text("action_single_threaded"),
        list_intro=fmt.text("intro_single_threaded"),
    )
