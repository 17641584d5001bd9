"""The report's shared state and helpers: the read-only warehouse connection, the formatter of
the page language, member tables with their CSV files, and page writing through the templates.
The pages themselves are the modules of `kundenstamm.report.pages`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
from jinja2 import Environment, PackageLoader, select_autoescape

from kundenstamm import files
from kundenstamm.report.actions import ACTION_LISTS
from kundenstamm.report.exports import export_csv
from kundenstamm.report.locale import Formatter
from kundenstamm.report.pseudonyms import sql_pseudonym
from kundenstamm.report.tables import (
    FREE_TEXT,
    Column,
    Sentence,
    format_cell,
    slugify,
    write_sentence,
)


class ReportError(RuntimeError):
    """The report cannot be made from this warehouse (missing marts, bad as-of date)."""


@dataclass
class ReportResult:
    out_dir: Path
    pages: list[Path] = field(default_factory=list)
    csv_files: list[Path] = field(default_factory=list)
    seconds: float = 0.0


class Report:
    """What every page needs: the warehouse connection, the formatter, the output folder and
    the helpers that read rows, build member tables (with their CSV files) and write pages."""

    def __init__(
        self, connection, out_dir: Path, lang: str, as_of, pseudonym_key, max_rows, csv_dialect
    ):
        self.db = connection
        self.out = out_dir
        self.lang = lang
        self.warehouse_as_of = self._warehouse_as_of()
        self.stage_counts = self._stage_counts()
        self.fmt = Formatter(lang, codes=self._seed_codes())
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
        self.as_of = as_of or self.warehouse_as_of
        if self.as_of > self.warehouse_as_of:
            raise ReportError(
                f"--as-of {self.as_of} is after the warehouse's as-of date "
                f"{self.warehouse_as_of}; rebuild the warehouse with that as_of_date first"
            )
        self.result = ReportResult(out_dir)
        self.segments = self.rows(
            "select rfm_segment from marts.rpt_rfm_segments order by segment_priority"
        )

    # --- data -----------------------------------------------------------------------------

    def rows(self, sql: str, parameters: list | None = None) -> list[dict]:
        cursor = self.db.execute(sql, parameters or [])
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def _stage_counts(self) -> list[dict]:
        try:
            return self.rows("select * from marts.rpt_lifecycle_stage_counts order by stage_order")
        except duckdb.CatalogException as error:
            raise ReportError(
                "the warehouse has no marts.rpt_lifecycle_stage_counts: run `kundenstamm build` "
                "first"
            ) from error

    def _seed_codes(self) -> dict:
        """The code lists whose words live in a mapping seed (lifecycle stages and tasks, from
        seeds/mappings/lifecycle_stages.csv through rpt_lifecycle_stage_counts), not in the
        label catalogue: one home for each label."""
        stages, tasks = {}, {}
        for row in self.stage_counts:
            stages[row["lifecycle_stage"]] = {
                "de": row["stage_name_de"],
                "en": row["stage_name_en"],
            }
            tasks[row["lifecycle_task"]] = {"de": row["task_name_de"], "en": row["task_name_en"]}
        return {"lifecycle_stage": stages, "lifecycle_task": tasks}

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

    def select_list(self, columns: tuple[Column, ...], alias: str = "") -> str:
        prefix = f"{alias}." if alias else ""
        parts = []
        for column in columns:
            expression = f"{prefix}{column.name}"
            if self.pseudonymize and column.personal:
                expression = sql_pseudonym(column.personal, expression, self.pseudonym_key)
            parts.append(f"{expression} as {column.name}")
        return ", ".join(parts)

    # --- formatting helpers ------------------------------------------------------------------

    def table(
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
            "nowrap": [
                c.kind == "date"
                or c.name in ("account_id", "visit_group", "postal_code", "city", "gift_preference")
                or c.personal == "phone"
                for c in columns
            ],
            "rows": [[cell(c, row) for c in columns] for row in rows],
        }

    def members(
        self,
        name: str,
        sql_from: str,
        columns,
        order_by: str,
        sentence: Sentence | None = None,
        page_columns=None,
    ) -> dict:
        """Capped member table of a list (the first `max_rows` rows by `order_by`, in
        `page_columns`) and the full list as CSV next to the page (in `columns`)."""
        page_columns = page_columns or columns
        select = self.select_list(columns)
        shown = {c.name for c in page_columns}
        hidden = tuple(f for f in (sentence.fields if sentence else ()) if f.name not in shown)
        total = self.db.execute(f"select count(*) from {sql_from}").fetchone()[0]
        rows = self.rows(
            f"select {self.select_list(page_columns + hidden)} from {sql_from} "
            f"order by {order_by} limit {int(self.max_rows)}"
        )
        csv = self.export(
            f"select {select} from {sql_from} order by {order_by}", f"{name}.csv", columns
        )
        table = self.table(page_columns, rows, sentence)
        table.update(total=total, shown=len(rows), capped=total > len(rows), csv=csv, id=name)
        return table

    def export(self, query: str, name: str, columns: tuple[Column, ...]) -> str:
        """Write the rows of `query` as the CSV file `csv/<name>` (phone columns as text); return
        its path relative to the report folder."""
        folder = files.own_dir(self.out / "csv")
        for part in name.split("/")[:-1]:
            folder = files.own_dir(folder / part)
        path = folder / name.split("/")[-1]
        export_csv(
            self.db,
            query,
            path,
            self.csv_dialect,
            as_text={c.name for c in columns if c.personal == "phone"},
        )
        self.result.csv_files.append(path)
        return f"csv/{name}"

    def basis(self, summary: list[dict]) -> str:
        """What the ABC classes rank by (var abc_basis): 'revenue', 'margin' or 'clv'."""
        basis = summary[0]["abc_basis"] if summary else "revenue"
        if basis not in ("revenue", "margin", "clv"):
            raise ReportError(
                f"marts.rpt_abc_summary has abc_basis {basis!r}; expected revenue, margin or clv"
            )
        return basis

    # --- pages -------------------------------------------------------------------------------

    def write(self, template: str, path: str, **context) -> None:
        depth = path.count("/")
        html = self.env.get_template(template).render(
            root="../" * depth,
            as_of=self.fmt.date(self.warehouse_as_of),
            period_note=self.period_note(),
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

    def period_note(self) -> str | None:
        """Said on every page when --as-of ends the KPIs and trends before the warehouse's
        as-of date (segments, lists and the pyramid are always the warehouse's state)."""
        if self.as_of == self.warehouse_as_of:
            return None
        return self.fmt.text(
            "kpis_until",
            month=self.fmt.month(self.as_of),
            as_of=self.fmt.date(self.warehouse_as_of),
        )
