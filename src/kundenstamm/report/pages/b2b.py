"""The B2B page: the company accounts by industry, company size and culture tag (mart
rpt_b2b_segments), how well each account is covered by contacts (rpt_account_coverage: coverage
status, decision maker and C-level present, contacts who may be e-mailed; rpt_account_role_coverage:
which roles are known), the development of the contact base per month (rpt_contact_base_monthly)
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


def _segment_order(row: dict) -> tuple:
    """Segment types in page order; company sizes by size ('1-9' first), the others by accounts."""
    value = row["segment_value"]
    lowest = value.split("-")[0].rstrip("+")
    size = int(lowest) if row["segment_type"] == "company_size" and lowest.isdigit() else 0
    return (list(SEGMENT_CODES).index(row["segment_type"]), size, -row["accounts"], value)


def _coverage(report: Report) -> dict:
    """The company accounts' coverage in counts: mart columns counted, nothing derived."""
    return report.rows(
        "select count(*) as accounts, count_if(has_decision_maker) as with_decision_maker, "
        "count_if(has_c_level) as with_c_level, count_if(is_single_threaded) as single_threaded, "
        "count_if(emailable_contacts > 0) as with_emailable, "
        "coalesce(sum(emailable_contacts), 0) as emailable_contacts "
        "from marts.rpt_account_coverage"
    )[0]


def _statuses(report: Report) -> list[dict]:
    fmt = report.fmt
    counts = {
        row["coverage_status"]: row
        for row in report.rows(
            "select coverage_status, count(*) as accounts, "
            "count_if(abc_class in ('A', 'B')) as ab_accounts "
            "from marts.rpt_account_coverage group by coverage_status"
        )
    }
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
            "code": row["contact_role"],
            "label": fmt.code("contact_role", row["contact_role"]),
            "c_level": bool(row["is_c_level"]),
            "accounts": fmt.number(row["accounts"]),
            "contacts": fmt.number(row["contacts"]),
            "decision_makers": fmt.number(row["decision_makers"]),
            "emailable": fmt.number(row["emailable_contacts"]),
            "engaged": fmt.number(row["engaged_contacts"]),
        }
        for row in report.rows(
            "select contact_role, bool_or(is_c_level) as is_c_level, "
            "count_if(is_role_known) as accounts, sum(contacts) as contacts, "
            "sum(decision_makers) as decision_makers, sum(emailable_contacts) as emailable_contacts, "
            "sum(engaged_contacts) as engaged_contacts "
            "from marts.rpt_account_role_coverage group by contact_role "
            "order by accounts desc, contact_role"
        )
    ]


def _segment_value(report: Report, row: dict) -> str:
    code = SEGMENT_CODES[row["segment_type"]]
    return report.fmt.code(code, row["segment_value"]) if code else row["segment_value"]


def render(report: Report) -> None:
    fmt = report.fmt
    coverage = _coverage(report)
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
        facts=[
            (fmt.text("company_accounts"), fmt.number(coverage["accounts"])),
            (fmt.text("accounts_with_decision_maker"), fmt.number(coverage["with_decision_maker"])),
            (fmt.text("accounts_with_c_level"), fmt.number(coverage["with_c_level"])),
            (fmt.text("accounts_with_emailable"), fmt.number(coverage["with_emailable"])),
            (fmt.text("accounts_single_threaded"), fmt.number(coverage["single_threaded"])),
        ],
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
