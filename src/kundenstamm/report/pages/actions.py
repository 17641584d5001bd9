"""The action-list pages: the first `--max-rows` rows by each list's priority, the cap and the
priority said on the page, and one CSV file per account owner with that owner's whole list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kundenstamm.report.actions import ACTION_LISTS, OWNER, ActionList
from kundenstamm.report.locale import DASH
from kundenstamm.report.tables import slugify

if TYPE_CHECKING:
    from kundenstamm.report.core import Report


def owner_lists(report: Report, action: ActionList, shown: list[str]) -> list[dict]:
    """One CSV file per account owner with that owner's whole list in priority order, named by
    the owner (the pseudonym when pseudonymised), and how many of their rows the page shows
    (`shown`: the owner cells of the page's rows)."""
    mart = action.source
    owner = report.select_list((OWNER,)).removesuffix(f" as {OWNER.name}")
    owners = report.rows(
        f"select {OWNER.name} as stored, {owner} as owner, count(*) as entries "
        f"from {mart} group by all order by owner nulls last"
    )
    on_page: dict[str, int] = {}
    for text in shown:
        on_page[text] = on_page.get(text, 0) + 1
    used: set[str] = set()
    lists = []
    for row in owners:
        label = row["owner"] or report.fmt.text("no_owner")
        slug = slugify(label)
        while slug in used:
            slug += "-2"
        used.add(slug)
        condition = (
            f"{OWNER.name} is null"
            if row["stored"] is None
            else f"{OWNER.name} = '" + str(row["stored"]).replace("'", "''") + "'"
        )
        path = report.export(
            f"select {report.select_list(action.columns)} from {mart} where {condition} "
            f"order by {action.order_by}",
            f"{action.slug}/{slug}.csv",
            action.columns,
        )
        lists.append(
            {
                "owner": label,
                "entries": report.fmt.number(row["entries"]),
                "on_page": report.fmt.number(on_page.get(row["owner"] or DASH, 0)),
                "csv": path,
            }
        )
    return lists


def render(report: Report) -> None:
    fmt = report.fmt
    for action in ACTION_LISTS:
        members = report.members(
            action.slug,
            action.source,
            action.columns,
            action.order_by,
            action.sentence,
            action.page_columns,
        )
        at = [c.name for c in action.page_columns].index(OWNER.name)
        report.write(
            "action.html.j2",
            f"actions/{action.slug}.html",
            intro=fmt.text(f"intro_{action.slug}"),
            title=fmt.text(f"action_{action.slug}"),
            priority=fmt.text(action.priority_key),
            cap=report.max_rows,
            members=members,
            owners=owner_lists(report, action, [row[at]["text"] for row in members["rows"]]),
        )
