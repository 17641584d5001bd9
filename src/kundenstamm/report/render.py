"""Render the HTML report set from the marts of a DuckDB warehouse.

Every figure comes from a mart (so a BI tool can draw the same, and a 1M-customer warehouse
renders in about a minute); member tables are capped at `max_rows` rows by each list's priority,
with a note, and the full lists are written as CSV beside the page by `exports.export_csv`
(DuckDB's COPY, formula cells neutralised, in the page language's spreadsheet dialect), the
action lists also one file per account owner. Pages are self-contained: CSS, script and charts
are inline. Pages, CSV files and their folders get the modes of `kundenstamm.files` (owner-only
by default). Each page is a module of `kundenstamm.report.pages`; `core.Report` holds what they
share.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import duckdb

from kundenstamm import files
from kundenstamm.report.actions import ACTION_LISTS
from kundenstamm.report.core import Report, ReportError, ReportResult
from kundenstamm.report.exports import DIALECTS, default_dialect
from kundenstamm.report.pages import PAGES
from kundenstamm.report.pages.overview import HEADLINE_KPIS, headline_kpis
from kundenstamm.report.pseudonyms import resolve_key
from kundenstamm.report.tables import write_sentence

__all__ = [
    "ACTION_LISTS",
    "HEADLINE_KPIS",
    "ReportError",
    "ReportResult",
    "headline_kpis",
    "render_report",
    "write_sentence",
]


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
        report = Report(connection, out_dir, lang, as_of, key, max_rows, csv_dialect)
        for page in PAGES:
            page(report)
    report.result.seconds = time.perf_counter() - started
    return report.result
