"""Render the HTML report set from the marts of a DuckDB warehouse.

Every figure is aggregated in SQL (so a 1M-customer warehouse renders in about a minute); member
tables are capped at `max_rows` rows with a note, and the full lists are written as CSV beside
the page by `exports.export_csv` (DuckDB's COPY, formula cells neutralised, in the page
language's spreadsheet dialect). Pages are self-contained: CSS, script and charts are inline.
Pages, CSV files and their folders get the modes of `kundenstamm.files` (owner-only by default).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from kundenstamm import files
from kundenstamm.report import charts
from kundenstamm.report.exports import DIALECTS, default_dialect, export_csv
from kundenstamm.report.locale import DASH, Formatter
from kundenstamm.report.pseudonyms import resolve_key, sql_pseudonym


class ReportError(RuntimeError):
    """The report cannot be made from this warehouse (missing marts, bad as-of date)."""


@dataclass(frozen=True)
class Column:
    """A member-table column: mart column, label key, how to format it, and whether it is
    personal data (pseudonymised as 'name', 'email' or 'phone')."""

    name: str
    kind: str = "text"  # text, code, money, number, decimal, percent, date, bool
    personal: str | None = None
    code: str | None = None  # the code list of a 'code' column (see locale.CODES)

    @property
    def label_key(self) -> str:
        return f"col_{self.name}"


@dataclass(frozen=True)
class Sentence:
    """A free-text column of a list, written by the report in the page's language from the row's
    own values (the mart holds the same sentence in English, for BI tools and the CSV file):
    `key(row)` picks the label, `fields` are the mart columns it fills in, formatted like cells."""

    column: str
    key: Callable[[dict], str]
    fields: tuple[Column, ...]


@dataclass(frozen=True)
class ActionList:
    slug: str
    mart: str
    order_by: str
    columns: tuple[Column, ...]
    sentence: Sentence


OWNER = Column("account_owner", personal="name")
NAME = Column("account_name", personal="name")
EMAIL = Column("contact_email", personal="email")
MAY_EMAIL = Column("may_email", "bool")
REASON = Column("reason")

ACTION_LISTS = (
    ActionList(
        "winback",
        "rpt_winback_candidates",
        "priority_rank",
        (
            Column("priority_rank", "number"),
            Column("account_id"),
            NAME,
            OWNER,
            Column("contact_name", personal="name"),
            EMAIL,
            Column("contact_phone", personal="phone"),
            MAY_EMAIL,
            Column("value_at_stake_eur", "money"),
            Column("lifetime_margin_eur", "money"),
            Column("last_purchase_date", "date"),
            REASON,
        ),
        Sentence(
            "reason",
            lambda row: "sentence_winback_cancelled" if row["is_cancelled"] else "sentence_winback",
            (
                Column("lifetime_purchases", "number"),
                Column("lifetime_revenue_eur", "money"),
                Column("value_at_stake_eur", "money"),
                Column("days_since_last_purchase", "number"),
                Column("is_cancelled", "bool"),
            ),
        ),
    ),
    ActionList(
        "more_sell",
        "rpt_more_sell_due",
        "days_until_due, account_id, product_id",
        (
            Column("account_id"),
            NAME,
            OWNER,
            EMAIL,
            MAY_EMAIL,
            Column("product_name"),
            Column("category", "code", code="category"),
            Column("due_date", "date"),
            Column("days_until_due", "number"),
            REASON,
        ),
        Sentence(
            "reason",
            lambda row: (
                "sentence_more_sell_overdue"
                if row["days_until_due"] < 0
                else "sentence_more_sell_due"
            ),
            (
                Column("product_name"),
                Column("last_bought_date", "date"),
                Column("replenishment_cycle_days", "number"),
                Column("due_date", "date"),
                Column("days_until_due", "number"),
            ),
        ),
    ),
    ActionList(
        "cross_sell",
        "rpt_cross_sell",
        "confidence desc, account_id, suggestion_rank",
        (
            Column("account_id"),
            NAME,
            OWNER,
            EMAIL,
            MAY_EMAIL,
            Column("suggested_category", "code", code="category"),
            Column("because_of_category", "code", code="category"),
            Column("confidence", "percent"),
            Column("lift", "decimal"),
            REASON,
        ),
        Sentence(
            "reason",
            lambda row: "sentence_cross_sell",
            (
                Column("confidence", "percent"),
                Column("because_of_category", "code", code="category"),
                Column("suggested_category", "code", code="category"),
                Column("lift", "decimal"),
            ),
        ),
    ),
    ActionList(
        "up_sell",
        "rpt_up_sell",
        "standard_revenue_eur desc, account_id, category",
        (
            Column("account_id"),
            NAME,
            OWNER,
            EMAIL,
            MAY_EMAIL,
            Column("category", "code", code="category"),
            Column("m_score", "number"),
            Column("standard_revenue_eur", "money"),
            REASON,
        ),
        Sentence(
            "reason",
            lambda row: "sentence_up_sell",
            (
                Column("m_score", "number"),
                Column("category", "code", code="category"),
                Column("standard_revenue_eur", "money"),
            ),
        ),
    ),
    ActionList(
        "quarterly_review",
        "rpt_quarterly_review",
        "account_owner, review_reason, account_id",
        (
            OWNER,
            Column("review_reason", "code", code="review_reason"),
            Column("account_id"),
            NAME,
            Column("contact_name", personal="name"),
            Column("contact_phone", personal="phone"),
            EMAIL,
            MAY_EMAIL,
            Column("lifecycle_stage", "code", code="lifecycle_stage"),
            Column("abc_class"),
            Column("detail"),
        ),
        Sentence(
            "detail",
            lambda row: (
                "sentence_review_"
                + (row["add_on_type"] if row["review_reason"] == "add_on" else row["review_reason"])
            ),
            (
                Column("review_reason"),
                Column("days_since_last_purchase", "number"),
                Column("last_purchase_date", "date"),
                Column("inquiry_channel", "code", code="acquisition_channel"),
                Column("last_inquiry_date", "date"),
                Column("inquiries", "number"),
                Column("add_on_type"),
                Column("add_on_category", "code", code="category"),
            ),
        ),
    ),
    ActionList(
        "detractor_recovery",
        "rpt_detractor_recovery",
        "lifetime_margin_eur desc, account_id",
        (
            Column("account_id"),
            NAME,
            OWNER,
            Column("contact_name", personal="name"),
            Column("contact_phone", personal="phone"),
            MAY_EMAIL,
            Column("latest_nps_score", "number"),
            Column("open_complaints", "number"),
            Column("lifetime_margin_eur", "money"),
            REASON,
        ),
        Sentence(
            "reason",
            lambda row: "sentence_detractor_recovery",
            (
                Column("latest_nps_score", "number"),
                Column("latest_nps_date", "date"),
                Column("open_complaints", "number"),
                Column("oldest_open_complaint_date", "date"),
            ),
        ),
    ),
)

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

# free-text columns, shown wide; the report writes them from the row's values (see Sentence)
FREE_TEXT = ("reason", "detail")
# NPS segment type -> the code list of its values
SEGMENT_CODES = {
    "abc_class": "abc_subclass",
    "rfm_segment": "rfm_segment",
    "lifecycle_stage": "lifecycle_stage",
    "industry": "industry",
    "acquisition_channel": "acquisition_channel",
}

STAGES = ("prospect", "new", "mature", "at_risk", "lapsed")
TASKS = ("get", "keep_and_grow", "win_back")


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


@dataclass
class ReportResult:
    out_dir: Path
    pages: list[Path] = field(default_factory=list)
    csv_files: list[Path] = field(default_factory=list)
    seconds: float = 0.0


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "segment"


def format_cell(fmt: Formatter, column: Column, value) -> dict:
    """A member-table cell: its text in the page's language and a key to sort by."""
    if value is None:
        return {"text": DASH, "sort": ""}
    if column.kind == "money":
        return {"text": fmt.money(float(value)), "sort": f"{float(value):.4f}"}
    if column.kind == "number":
        return {"text": fmt.number(value), "sort": str(value)}
    if column.kind == "decimal":
        return {"text": fmt.number(float(value), 2), "sort": f"{float(value):.6f}"}
    if column.kind == "percent":
        return {"text": fmt.percent(float(value)), "sort": f"{float(value):.6f}"}
    if column.kind == "date":
        return {"text": fmt.date(value), "sort": str(value)}
    if column.kind == "code":
        text = fmt.code(column.code, value)
        return {"text": text, "sort": text}
    if column.kind == "bool":
        return {"text": fmt.text("yes" if value else "no"), "sort": "1" if value else "0"}
    return {"text": str(value), "sort": str(value)}


def write_sentence(fmt: Formatter, sentence: Sentence, row: dict) -> str:
    """The sentence for one row, in the formatter's language."""
    values = {f.name: format_cell(fmt, f, row[f.name])["text"] for f in sentence.fields}
    return fmt.text(sentence.key(row), **values)


class _Report:
    def __init__(
        self, connection, out_dir: Path, lang: str, as_of, pseudonym_key, max_rows, csv_dialect
    ):
        self.db = connection
        self.out = out_dir
        self.fmt = Formatter(lang)
        self.lang = lang
        self.pseudonym_key = pseudonym_key  # None: names, e-mails and phones as stored
        self.pseudonymize = pseudonym_key is not None
        self.max_rows = max_rows
        self.csv_dialect = csv_dialect
        self.env = Environment(
            loader=PackageLoader("kundenstamm", "templates/report"),
            autoescape=select_autoescape(["html", "j2"]),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.globals.update(t=self.fmt.text, fmt=self.fmt, lang=lang)
        self.warehouse_as_of = self._warehouse_as_of()
        self.as_of = as_of or self.warehouse_as_of
        if self.as_of > self.warehouse_as_of:
            raise ReportError(
                f"--as-of {self.as_of} is after the warehouse's as-of date "
                f"{self.warehouse_as_of}; rebuild the warehouse with that as_of_date first"
            )
        self.result = ReportResult(out_dir)
        self.segments = self._rows(
            "select rfm_segment from marts.rpt_rfm_segments order by segment_priority"
        )

    # --- data -----------------------------------------------------------------------------

    def _rows(self, sql: str, parameters: list | None = None) -> list[dict]:
        cursor = self.db.execute(sql, parameters or [])
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def _warehouse_as_of(self) -> date:
        try:
            value = self.db.execute("select max(as_of_date) from marts.fct_lifecycle_stages")
            as_of = value.fetchone()[0]
        except duckdb.CatalogException as error:
            raise ReportError(
                "the warehouse has no marts: run `kundenstamm build` first"
            ) from error
        if as_of is None:
            raise ReportError("the warehouse is empty: no lifecycle snapshot found")
        return as_of

    def _select_list(self, columns: tuple[Column, ...], alias: str = "") -> str:
        prefix = f"{alias}." if alias else ""
        parts = []
        for column in columns:
            expression = f"{prefix}{column.name}"
            if self.pseudonymize and column.personal:
                expression = sql_pseudonym(column.personal, expression, self.pseudonym_key)
            parts.append(f"{expression} as {column.name}")
        return ", ".join(parts)

    # --- formatting helpers ------------------------------------------------------------------

    def _table(
        self, columns: tuple[Column, ...], rows: list[dict], sentence: Sentence | None = None
    ) -> dict:
        def cell(column: Column, row: dict) -> dict:
            if sentence and column.name == sentence.column:
                text = write_sentence(self.fmt, sentence, row)
                return {"text": text, "sort": text}
            return format_cell(self.fmt, column, row[column.name])

        labels = []
        for column in columns:
            key = column.label_key
            labels.append(self.fmt.text(key) if self.fmt.has_text(key) else column.name)
        return {
            "headers": labels,
            "numeric": [c.kind not in ("text", "code", "bool", "date") for c in columns],
            "wide": [c.name in FREE_TEXT for c in columns],
            "rows": [[cell(c, row) for c in columns] for row in rows],
        }

    def _members(
        self, name: str, sql_from: str, columns, order_by: str, sentence: Sentence | None = None
    ) -> dict:
        """Capped member table of a list and the full list as CSV next to the page (with the
        mart's columns as they are)."""
        select = self._select_list(columns)
        shown = {c.name for c in columns}
        hidden = tuple(f for f in (sentence.fields if sentence else ()) if f.name not in shown)
        total = self.db.execute(f"select count(*) from {sql_from}").fetchone()[0]
        rows = self._rows(
            f"select {self._select_list(columns + hidden)} from {sql_from} "
            f"order by {order_by} limit {int(self.max_rows)}"
        )
        csv_path = files.own_dir(self.out / "csv") / f"{name}.csv"
        export_csv(
            self.db,
            f"select {select} from {sql_from} order by {order_by}",
            csv_path,
            self.csv_dialect,
            as_text={c.name for c in columns if c.personal == "phone"},
        )
        self.result.csv_files.append(csv_path)
        table = self._table(columns, rows, sentence)
        table.update(
            total=total,
            shown=len(rows),
            capped=total > len(rows),
            csv=f"csv/{csv_path.name}",
            id=name,
        )
        return table

    # --- pages -------------------------------------------------------------------------------

    def _write(self, template: str, path: str, **context) -> None:
        depth = path.count("/")
        html = self.env.get_template(template).render(
            root="../" * depth,
            as_of=self.fmt.date(self.warehouse_as_of),
            period_note=self._period_note(),
            pseudonymized=self.pseudonymize,
            segments=[
                (self.fmt.code("rfm_segment", s["rfm_segment"]), slugify(s["rfm_segment"]))
                for s in self.segments
            ],
            action_slugs=[a.slug for a in ACTION_LISTS],
            **context,
        )
        target = self.out / path
        if target.parent != self.out:
            files.own_dir(target.parent)
        files.write_text(target, html)
        self.result.pages.append(target)

    def _period_note(self) -> str | None:
        """Said on every page when --as-of ends the KPIs and trends before the warehouse's
        as-of date (segments, lists and the pyramid are always the warehouse's state)."""
        if self.as_of == self.warehouse_as_of:
            return None
        return self.fmt.text(
            "kpis_until",
            month=self.fmt.month(self.as_of),
            as_of=self.fmt.date(self.warehouse_as_of),
        )

    def overview(self) -> None:
        month = self.as_of.replace(day=1)
        current, prior = headline_kpis(self.db, month)
        kpis = []
        for kpi in HEADLINE_KPIS:
            name, kind = kpi.column, kpi.kind
            now, before = current.get(name), prior.get(name)
            change = None
            if now is not None and before not in (None, 0):
                if kind == "percent":
                    change = self.fmt.signed((float(now) - float(before)) * 100, 1)
                    change += "\u00a0" + self.fmt.text("change_points")
                else:
                    relative = (float(now) - float(before)) / abs(float(before))
                    change = self.fmt.signed_percent(relative)
            cell = format_cell(self.fmt, Column(name, kind), now)
            kpis.append(
                {
                    "label": self.fmt.text(f"kpi_{name}"),
                    "value": cell["text"],
                    "prior": format_cell(self.fmt, Column(name, kind), before)["text"],
                    "change": change or DASH,
                    "id": name,
                }
            )
        abc = self._rows(
            "select abc_subclass, customers, basis_value_eur, abc_basis "
            "from marts.rpt_abc_summary order by sort_order"
        )
        basis = self._basis(abc)
        levels = [
            (
                self.fmt.code("abc_subclass", row["abc_subclass"]),
                self.fmt.text("n_customers", n=self.fmt.number(row["customers"])),
                self.fmt.money(_float(row["basis_value_eur"]), 0),
            )
            for row in abc
        ]
        rfm = self._rows("select * from marts.rpt_rfm_segments order by segment_priority")
        action = "recommended_action_de" if self.lang == "de" else "recommended_action_en"
        self._write(
            "index.html.j2",
            "index.html",
            intro=self.fmt.text("intro_overview"),
            title=self.fmt.text("overview"),
            month=self.fmt.month(month),
            basis_label=self.fmt.text(f"abc_basis_{basis}"),
            kpis=kpis,
            pyramid=Markup(charts.pyramid(levels, self.fmt.text("pyramid"))),
            abc=[
                {
                    "subclass": row["abc_subclass"],
                    "label": self.fmt.code("abc_subclass", row["abc_subclass"]),
                    "customers": self.fmt.number(row["customers"]),
                    "basis": self.fmt.money(_float(row["basis_value_eur"])),
                }
                for row in abc
            ],
            rfm=[
                {
                    "name": self.fmt.code("rfm_segment", row["rfm_segment"]),
                    "slug": slugify(row["rfm_segment"]),
                    "customers": self.fmt.number(row["customers"]),
                    "revenue_share": self.fmt.percent(_share(row["revenue_share_pct"])),
                    "action": row[action],
                }
                for row in rfm
            ],
        )

    def rfm_pages(self) -> None:
        action = "recommended_action_de" if self.lang == "de" else "recommended_action_en"
        for segment in self._rows("select * from marts.rpt_rfm_segments"):
            slug = slugify(segment["rfm_segment"])
            literal = "'" + segment["rfm_segment"].replace("'", "''") + "'"
            members = self._members(
                f"rfm_{slug}",
                f"marts.dim_customers where rfm_segment = {literal}",
                RFM_MEMBER_COLUMNS,
                "monetary_eur desc nulls last, account_id",
            )
            facts = [
                (self.fmt.text("customers"), self.fmt.number(segment["customers"])),
                (
                    self.fmt.text("customer_share"),
                    self.fmt.percent(_share(segment["customer_share_pct"])),
                ),
                (self.fmt.text("revenue"), self.fmt.money(_float(segment["revenue_eur"]))),
                (
                    self.fmt.text("revenue_share"),
                    self.fmt.percent(_share(segment["revenue_share_pct"])),
                ),
                (self.fmt.text("avg_r"), self.fmt.number(_float(segment["avg_r_score"]), 2)),
                (self.fmt.text("avg_f"), self.fmt.number(_float(segment["avg_f_score"]), 2)),
                (self.fmt.text("avg_m"), self.fmt.number(_float(segment["avg_m_score"]), 2)),
                (
                    self.fmt.text("avg_recency_days"),
                    self.fmt.number(_float(segment["avg_recency_days"]), 0),
                ),
                (
                    self.fmt.text("avg_frequency"),
                    self.fmt.number(_float(segment["avg_frequency"]), 2),
                ),
                (
                    self.fmt.text("avg_monetary"),
                    self.fmt.money(_float(segment["avg_monetary_eur"])),
                ),
            ]
            self._write(
                "segment.html.j2",
                f"rfm/{slug}.html",
                intro=self.fmt.text("intro_segment"),
                title=self.fmt.code("rfm_segment", segment["rfm_segment"]),
                facts=facts,
                action=segment[action],
                members=members,
            )

    @staticmethod
    def _basis(summary: list[dict]) -> str:
        """What the ABC classes rank by (var abc_basis): 'revenue' or 'margin'."""
        basis = summary[0]["abc_basis"] if summary else "revenue"
        if basis not in ("revenue", "margin"):
            raise ReportError(
                f"marts.rpt_abc_summary has abc_basis {basis!r}; expected revenue or margin"
            )
        return basis

    def abc_page(self) -> None:
        summary = self._rows("select * from marts.rpt_abc_summary order by sort_order")
        if not summary:
            raise ReportError("marts.rpt_abc_summary is empty")
        head = summary[0]
        basis = self._basis(summary)
        # the Lorenz curve at 100 points: cumulative share at each percentile of all ranked
        # customers (those without revenue too), the population of the 80/20 check
        points = self._rows(
            """
            with ranked as (
                select cumulative_share,
                    row_number() over (order by abc_rank, account_id) as position,
                    count(*) over () as customers
                from marts.fct_abc_classes
            )
            select ceil(position * 100.0 / customers) as percentile,
                max(cumulative_share) as cumulative_share,
                max(customers) as customers
            from ranked
            group by 1
            order by 1
            """
        )
        curve = [(float(p["percentile"]) / 100, float(p["cumulative_share"])) for p in points]
        top = _share(head["pareto_top_customers_pct"])
        top_share = _share(head["pareto_top_basis_share_pct"])
        classes = [
            {
                "class": row["abc_class"],
                "subclass": self.fmt.code("abc_subclass", row["abc_subclass"]),
                "customers": self.fmt.number(row["customers"]),
                "customer_share": self.fmt.percent(_share(row["customer_share_pct"])),
                "basis": self.fmt.money(_float(row["basis_value_eur"])),
                "basis_share": self.fmt.percent(_share(row["basis_share_pct"])),
            }
            for row in summary
        ]
        self._write(
            "abc.html.j2",
            "abc.html",
            intro=self.fmt.text("intro_abc"),
            title=self.fmt.text("abc_title"),
            basis_label=self.fmt.text(f"abc_basis_{basis}"),
            basis_share_label=self.fmt.text(f"abc_basis_share_{basis}"),
            lorenz=Markup(
                charts.lorenz(
                    curve,
                    self.fmt.text("lorenz"),
                    self.fmt.text("lorenz_x"),
                    self.fmt.text(f"lorenz_y_{basis}"),
                    marker=(top, top_share),
                    tick_format=lambda share: self.fmt.percent(share, 0),
                )
            ),
            pareto=self.fmt.text(
                f"pareto_sentence_{basis}",
                top=self.fmt.percent(top, 0),
                share=self.fmt.percent(top_share),
            ),
            concentration=[
                (
                    self.fmt.text("top1_share"),
                    self.fmt.percent(_share(head["top1_share_pct"])),
                ),
                (
                    self.fmt.text("top5_share"),
                    self.fmt.percent(_share(head["top5_share_pct"])),
                ),
                (
                    self.fmt.text("top10_share"),
                    self.fmt.percent(_share(head["top10_share_pct"])),
                ),
                (self.fmt.text("gini"), self.fmt.number(_float(head["gini"]), 3)),
                (self.fmt.text("hhi"), self.fmt.number(_float(head["hhi"]), 4)),
            ],
            warning=self.fmt.text(
                "sentence_dependency",
                top1=self.fmt.percent(_share(head["top1_share_pct"])),
                top5=self.fmt.percent(_share(head["top5_share_pct"])),
                hhi=self.fmt.number(_float(head["hhi"]), 4),
            )
            if head["has_dependency_warning"]
            else None,
            classes=classes,
        )

    def nps_page(self) -> None:
        trend = self._rows(
            "select * from marts.rpt_nps where period_type = 'month' and segment_type = 'all' "
            "and period_start <= ? order by period_start",
            [self.as_of],
        )
        points = [
            (
                self.fmt.month(row["period_start"]),
                None if row["nps"] is None else float(row["nps"]),
                None if row["nps_lower"] is None else float(row["nps_lower"]),
                None if row["nps_upper"] is None else float(row["nps_upper"]),
                bool(row["is_too_small"]),
            )
            for row in trend
        ]
        year = self._rows(
            "select max(period_start) as period_start from marts.rpt_nps "
            "where period_type = 'year' and period_start <= ?",
            [self.as_of],
        )[0]["period_start"]
        by_segment = self._rows(
            "select * from marts.rpt_nps where period_type = 'year' and period_start = ? "
            "order by segment_type, segment_value",
            [year],
        )
        reasons = self._rows(
            "select * from marts.rpt_cancellation_reasons order by cancellation_year desc, "
            "cancellations desc"
        )

        def nps_row(row: dict) -> dict:
            return {
                "segment_type": row["segment_type"],
                "segment_value": row["segment_value"],
                "type_label": self.fmt.code("segment_type", row["segment_type"]),
                "value_label": self.fmt.code(
                    SEGMENT_CODES.get(row["segment_type"], "any"), row["segment_value"]
                ),
                "responses": self.fmt.number(row["responses"]),
                "response_rate": self.fmt.percent(_share(row["response_rate_pct"])),
                "promoters": self.fmt.percent(_share(row["promoters_pct"])),
                "passives": self.fmt.percent(_share(row["passives_pct"])),
                "detractors": self.fmt.percent(_share(row["detractors_pct"])),
                "nps": self.fmt.number(_float(row["nps"]), 1),
                "margin": self.fmt.number(_float(row["margin_of_error"]), 1),
                "small": bool(row["is_too_small"]),
            }

        self._write(
            "nps.html.j2",
            "nps.html",
            intro=self.fmt.text("intro_nps"),
            title=self.fmt.text("nps_title"),
            trend=Markup(
                charts.line_with_band(
                    points,
                    self.fmt.text("nps_trend"),
                    "NPS",
                    tick_format=lambda value: self.fmt.signed(value, 0).lstrip("+±"),
                )
            ),
            year=str(year.year) if year else DASH,
            overall=[nps_row(r) for r in by_segment if r["segment_type"] == "all"],
            segment_rows=[nps_row(r) for r in by_segment if r["segment_type"] != "all"],
            reasons=[
                {
                    "year": self.fmt.code("any", row["cancellation_year"]),
                    "reason": self.fmt.code("cancellation_reason", row["reason_code"]),
                    "cancellations": self.fmt.number(row["cancellations"]),
                    "share": self.fmt.percent(_share(row["share_of_cancellations_pct"])),
                    "revenue": self.fmt.money(_float(row["lifetime_revenue_eur"])),
                }
                for row in reasons
            ],
        )

    def lifecycle_page(self) -> None:
        sizes = {
            row["lifecycle_stage"]: row
            for row in self._rows(
                "select lifecycle_stage, lifecycle_task, count(*) as customers "
                "from marts.fct_lifecycle_stages group by all"
            )
        }
        stage_bars = [
            (
                self.fmt.text(f"stage_{stage}"),
                float(sizes[stage]["customers"]) if stage in sizes else 0.0,
                self.fmt.number(sizes[stage]["customers"] if stage in sizes else 0),
            )
            for stage in STAGES
        ]
        tasks = {task: 0 for task in TASKS}
        for row in sizes.values():
            tasks[row["lifecycle_task"]] = tasks.get(row["lifecycle_task"], 0) + row["customers"]
        task_bars = [
            (self.fmt.text(f"task_{task}"), float(count), self.fmt.number(count))
            for task, count in tasks.items()
        ]
        latest = self._rows(
            "select max(snapshot_date) as snapshot_date from marts.rpt_lifecycle_migration "
            "where snapshot_date <= ?",
            [self.as_of],
        )[0]["snapshot_date"]

        def matrix(dimension: str, values: tuple[str, ...], label) -> dict:
            cells = {
                (row["from_value"], row["to_value"]): row["customers"]
                for row in self._rows(
                    "select from_value, to_value, customers from marts.rpt_lifecycle_migration "
                    "where dimension = ? and snapshot_date = ?",
                    [dimension, latest],
                )
            }
            present = [v for v in values if any(v in key for key in cells)]
            return {
                "labels": [label(v) for v in present],
                "rows": [[self.fmt.number(cells.get((a, b), 0)) for b in present] for a in present],
            }

        self._write(
            "lifecycle.html.j2",
            "lifecycle.html",
            intro=self.fmt.text("intro_lifecycle"),
            title=self.fmt.text("lifecycle_title"),
            stages=Markup(charts.bars(stage_bars, self.fmt.text("stage_sizes"))),
            tasks=Markup(charts.bars(task_bars, self.fmt.text("task_split"))),
            snapshot=self.fmt.date(latest) if latest else DASH,
            stage_matrix=matrix("lifecycle_stage", STAGES, lambda v: self.fmt.text(f"stage_{v}")),
            abc_matrix=matrix("abc_class", ("A", "B", "C"), str),
        )

    def clv_page(self) -> None:
        totals = self._rows(
            """
            select count(*) as customers,
                sum(historical_clv_eur) as historical_total, avg(historical_clv_eur) as historical_avg,
                median(historical_clv_eur) as historical_median,
                sum(formula_clv_eur) as formula_total, avg(formula_clv_eur) as formula_avg,
                median(formula_clv_eur) as formula_median,
                sum(predicted_clv_eur) as predicted_total, avg(predicted_clv_eur) as predicted_avg,
                median(predicted_clv_eur) as predicted_median
            from marts.fct_customer_clv
            """
        )[0]
        views = [
            {
                "label": self.fmt.text(f"{view}_clv"),
                "total": self.fmt.money(_float(totals[f"{view}_total"]), 0),
                "average": self.fmt.money(_float(totals[f"{view}_avg"])),
                "median": self.fmt.money(_float(totals[f"{view}_median"])),
            }
            for view in ("historical", "formula", "predicted")
        ]
        histograms = {}
        for column in ("predicted_clv_eur", "historical_clv_eur"):
            bins = self._rows(
                f"""
                with bounds as (
                    select quantile_cont({column}, 0.99) as high from marts.fct_customer_clv
                    where {column} is not null
                )
                select least(19, greatest(0, floor({column} / nullif(high, 0) * 20)))::int as bin,
                    count(*) as customers, max(high) as high
                from marts.fct_customer_clv, bounds
                where {column} is not null
                group by 1 order by 1
                """
            )
            high = float(bins[0]["high"] or 0) if bins else 0.0
            counts = {row["bin"]: row["customers"] for row in bins}
            histograms[column] = Markup(
                charts.columns(
                    [
                        (self.fmt.money(high * b / 20, 0) if b % 4 == 0 else "", [counts.get(b, 0)])
                        for b in range(20)
                    ],
                    [self.fmt.text("customers")],
                    self.fmt.text(
                        "clv_distribution"
                        if column == "predicted_clv_eur"
                        else "historical_distribution"
                    ),
                    self.fmt.text("customers"),
                    tick_format=self.fmt.number,
                )
            )
        cac = self._rows(
            "select * from marts.rpt_clv_cac where cohort = 'all' order by acquisition_channel"
        )
        parameters = self._rows(
            "select * from marts.rpt_clv_model where row_type = 'parameter' and fit_type = 'full' "
            "order by clv_segment, model, parameter"
        )
        deciles = self._rows(
            "select decile, sum(predicted_purchases) as predicted, sum(actual_purchases) as actual "
            "from marts.rpt_clv_model where row_type = 'backtest_decile' group by decile "
            "order by decile"
        )
        backtest_total = self._rows(
            "select sum(predicted_purchases) as predicted, sum(actual_purchases) as actual "
            "from marts.rpt_clv_model where row_type = 'backtest_total'"
        )[0]
        purchase_models = self._rows(
            "select clv_segment, model, bool_or(is_selected) as is_selected, "
            "max(holdout_log_likelihood) as holdout_log_likelihood, bool_and(converged) as converged "
            "from marts.rpt_clv_model where row_type = 'parameter' and fit_type = 'full' "
            "and model <> 'gamma_gamma' group by clv_segment, model order by clv_segment, model"
        )
        spend_exclusions = self._rows(
            "select clv_segment, max(excluded_customers) as excluded, max(customers) as fitted "
            "from marts.rpt_clv_model where row_type = 'parameter' and fit_type = 'full' "
            "and model = 'gamma_gamma' group by clv_segment order by clv_segment"
        )
        floor = self._rows(
            "select max(formula_min_tenure_months) as months from marts.fct_customer_clv"
        )
        floor_months = floor[0]["months"] if floor and floor[0]["months"] is not None else None
        self._write(
            "clv.html.j2",
            "clv.html",
            intro=self.fmt.text("intro_clv"),
            title=self.fmt.text("clv_title"),
            views=views,
            predicted_histogram=histograms["predicted_clv_eur"],
            historical_histogram=histograms["historical_clv_eur"],
            cac=[
                {
                    "channel": self.fmt.code("acquisition_channel", row["acquisition_channel"]),
                    "new_customers": self.fmt.number(row["new_customers"]),
                    "cpa": self.fmt.money(_float(row["cpa_eur"])),
                    "avg_clv": self.fmt.money(_float(row["avg_clv_eur"])),
                    "ratio": self.fmt.number(_float(row["clv_to_cac"]), 1),
                }
                for row in cac
            ],
            parameters=[
                {
                    "segment": self.fmt.code("clv_segment", row["clv_segment"]),
                    "model": self.fmt.code("clv_model", row["model"]),
                    "parameter": row["parameter"],
                    "value": self.fmt.number(_float(row["value"]), 4),
                    "se": self.fmt.number(_float(row["standard_error"]), 4),
                    "converged": self.fmt.text("yes" if row["converged"] else "no"),
                    "customers": self.fmt.number(row["customers"]),
                }
                for row in parameters
            ],
            backtest=Markup(
                charts.columns(
                    [
                        (str(row["decile"]), [_float(row["predicted"]), _float(row["actual"])])
                        for row in deciles
                    ],
                    [self.fmt.text("predicted"), self.fmt.text("actual")],
                    self.fmt.text("backtest"),
                    self.fmt.text("purchases"),
                    tick_format=self.fmt.number,
                )
            ),
            backtest_total={
                "predicted": self.fmt.number(_float(backtest_total["predicted"]), 0),
                "actual": self.fmt.number(_float(backtest_total["actual"]), 0),
            },
            formula_assumption=(
                self.fmt.text("formula_floor", months=self.fmt.number(floor_months))
                if floor_months
                else self.fmt.text("formula_no_floor")
            ),
            purchase_models=[
                {
                    "segment": self.fmt.code("clv_segment", row["clv_segment"]),
                    "model": self.fmt.code("clv_model", row["model"]),
                    "holdout": self.fmt.number(_float(row["holdout_log_likelihood"]), 1),
                    "selected": self.fmt.text("yes" if row["is_selected"] else "no"),
                    "converged": self.fmt.text("yes" if row["converged"] else "no"),
                }
                for row in purchase_models
            ],
            spend_exclusions=[
                {
                    "segment": self.fmt.code("clv_segment", row["clv_segment"]),
                    "excluded": self.fmt.number(row["excluded"]),
                    "fitted": self.fmt.number(row["fitted"]),
                }
                for row in spend_exclusions
            ],
        )

    def action_pages(self) -> None:
        for action in ACTION_LISTS:
            members = self._members(
                action.slug,
                f"marts.{action.mart}",
                action.columns,
                action.order_by,
                action.sentence,
            )
            self._write(
                "action.html.j2",
                f"actions/{action.slug}.html",
                intro=self.fmt.text(f"intro_{action.slug}"),
                title=self.fmt.text(f"action_{action.slug}"),
                members=members,
            )


def _float(value) -> float | None:
    return None if value is None else float(value)


def _share(percent) -> float | None:
    return None if percent is None else float(percent) / 100


def render_report(
    database: Path,
    out_dir: Path,
    lang: str = "de",
    as_of: date | None = None,
    pseudonymize: bool = False,
    max_rows: int = 500,
    pseudonym_key: str | None = None,
    csv_dialect: str | None = None,
) -> ReportResult:
    """Render every page of the report set into `out_dir`; return the pages and CSV files.

    With `pseudonymize`, names, e-mail addresses and phone numbers are replaced by pseudonyms
    under `pseudonym_key` (default: `pseudonyms.resolve_key` for this warehouse). The CSV files
    are in `csv_dialect` ('excel-de' or 'standard'; default: `exports.default_dialect(lang)`)."""
    started = time.perf_counter()
    database = Path(database)
    if not database.exists():
        raise ReportError(f"no warehouse at {database}: run `kundenstamm build` first")
    if max_rows < 1:
        raise ReportError(f"--max-rows must be at least 1, not {max_rows}")
    csv_dialect = csv_dialect or default_dialect(lang)
    if csv_dialect not in DIALECTS:
        raise ReportError(f"--csv-dialect must be one of {', '.join(DIALECTS)}, not {csv_dialect}")
    try:
        files.file_mode()
    except ValueError as error:
        raise ReportError(str(error)) from error
    if pseudonymize and not pseudonym_key:
        try:
            pseudonym_key = resolve_key(database)
        except (OSError, ValueError) as error:
            raise ReportError(str(error)) from error
    out_dir = Path(out_dir)
    files.make_dir(out_dir)
    with duckdb.connect(str(database), read_only=True) as connection:
        key = pseudonym_key if pseudonymize else None
        report = _Report(connection, out_dir, lang, as_of, key, max_rows, csv_dialect)
        report.overview()
        report.rfm_pages()
        report.abc_page()
        report.nps_page()
        report.lifecycle_page()
        report.clv_page()
        report.action_pages()
    report.result.seconds = time.perf_counter() - started
    return report.result
