"""Member tables of the report pages: their columns, cells formatted in the page's language and
the free-text sentences the report writes from a row's values."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from kundenstamm.report.locale import DASH, Formatter


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


# free-text columns, shown wide; the report writes them from the row's values (see Sentence)
FREE_TEXT = ("reason", "reason_code", "detail", "coverage_status")


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


def as_float(value) -> float | None:
    return None if value is None else float(value)


def as_share(percent) -> float | None:
    """A mart's 0-100 percentage as the 0-1 share the formatter takes."""
    return None if percent is None else float(percent) / 100
