"""Reading vendor exports and writing raw tables: the parts every import preset shares.

An export is read as text, row by row; each value is parsed by a function that raises
`PresetError` naming the file, the row (counted as a spreadsheet shows it: the header is row 1)
and the column. Raw tables are collected per identifier and written as the raw contract's CSV
files; a table that is already in the output folder is merged by its key, so several exports
(orders, then customers, then a survey) can be imported into one folder one after the other.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_CEILING, Decimal, InvalidOperation
from pathlib import Path

from kundenstamm.raw_contract import RawTable

CENT = Decimal("0.01")


class PresetError(ValueError):
    """An export cannot be imported. The message names the file, row and column and what to do."""


@dataclass(frozen=True)
class ImportOptions:
    """What the command line passes to a preset besides the files."""

    cost_share: Decimal = Decimal(0)
    mapping: Path | None = None
    score_column: str | None = None
    comment_column: str | None = None


@dataclass
class ExportRow:
    """One data row of an export: its values by column name, where it came from."""

    file: str
    row: int
    values: dict[str, str]

    def where(self, column: str) -> str:
        return f"{self.file}, row {self.row}, column {column!r}"

    def get(self, column: str, default: str = "") -> str:
        value = self.values.get(column)
        return default if value is None else value.strip()

    def require(self, column: str) -> str:
        value = self.get(column)
        if not value:
            raise PresetError(f"{self.where(column)}: empty, but every row needs it.")
        return value


def read_export(
    path: Path,
    required: list[str],
    delimiter: str | None = None,
    header_rows: int = 1,
    fieldnames: list[str] | None = None,
) -> Iterator[ExportRow]:
    """The data rows of a CSV export. `delimiter` None: comma or semicolon, whichever the header
    uses. `header_rows` 2 for exports with a second header row (SurveyMonkey); `fieldnames` for
    files without a header. Missing columns are named with the columns that were found."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252")  # Excel on Windows saves "CSV" in the ANSI code page
    if not text.strip():
        raise PresetError(f"{path.name}: the file is empty.")
    first_line = text.splitlines()[0]
    if delimiter is None:
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    if delimiter == "whitespace":
        lines = [line.split() for line in text.splitlines()]
        reader: Iterator[list[str]] = iter(line for line in lines)
    else:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"')
    if fieldnames is None:
        header = [name.strip() for name in next(reader)]
        for _ in range(header_rows - 1):
            next(reader, None)
    else:
        header = fieldnames
        header_rows = 0
    missing = [name for name in required if name not in header]
    if missing:
        raise PresetError(
            f"{path.name}, row 1: missing column(s) {', '.join(repr(m) for m in missing)}; "
            f"found {', '.join(repr(h) for h in header)}. Export the file again with these "
            f"columns, or map them with --preset generic-orders --mapping FILE."
        )
    for number, record in enumerate(reader, start=header_rows + 1):
        if not any(value.strip() for value in record):
            continue
        if len(record) != len(header):
            raise PresetError(
                f"{path.name}, row {number}: {len(record)} fields, expected {len(header)} "
                f"(a stray {delimiter!r}, a missing field or an unclosed quote)."
            )
        yield ExportRow(path.name, number, dict(zip(header, record, strict=True)))


def parse_decimal(row: ExportRow, column: str, decimal: str = ".", default: str = "") -> Decimal:
    """A number as the export writes it: `1234.56`, or with `decimal=","` the German `1.234,56`.
    Currency signs and spaces are dropped; an empty cell is `default` (an error if none)."""
    text = row.get(column) or default
    if not text:
        raise PresetError(f"{row.where(column)}: empty, but every row needs a number.")
    cleaned = re.sub(r"[\s€$£]|EUR|CHF|USD", "", text).lstrip("'")
    if decimal == ",":
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif "," in cleaned:
        raise PresetError(
            f"{row.where(column)}: {text!r} has a comma; this export writes decimals with a "
            f"point (for a decimal comma use a mapping with `decimal: ','`)."
        )
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        raise PresetError(f"{row.where(column)}: {text!r} is not a number.") from None


def parse_time(row: ExportRow, column: str, formats: tuple[str, ...], required: bool = True) -> str:
    """A date or time in one of the vendor's `formats` (strptime), as the raw contract's local
    ISO time `YYYY-MM-DD HH:MM:SS`. A UTC offset (`+0100`) is dropped: the time as written is
    the local time. Empty: '' (or an error when `required`)."""
    text = row.get(column)
    if not text:
        if required:
            raise PresetError(f"{row.where(column)}: empty, but every row needs a date.")
        return ""
    plain = re.sub(r"\s*(?:[+-]\d{2}:?\d{2}|Z|UTC)$", "", text.replace("T", " ", 1))
    for fmt in formats:
        try:
            return datetime.strptime(plain, fmt).strftime("%Y-%m-%d %H:%M:%S")
        except ValueError:
            continue
    shown = " or ".join(datetime(2024, 3, 5, 14, 22, 10).strftime(f) for f in formats)
    raise PresetError(f"{row.where(column)}: {text!r} is not a date like {shown}.")


def money(value: Decimal) -> str:
    return str(value.quantize(CENT))


def unit_price_and_discount(
    total: Decimal, quantity: Decimal, discount: Decimal = Decimal(0)
) -> tuple[str, str]:
    """Unit price and line discount such that quantity x unit price - discount is exactly the
    line's net `total` (its gross is `total + discount`): a unit price that is not a whole number
    of cents is rounded up and the difference added to the discount (29.33 for 2 CDs: 2 x 14.67
    - 0.01)."""
    gross = total + discount
    if quantity == 0:
        return money(gross), money(discount)
    unit = (gross / abs(quantity)).quantize(CENT, rounding=ROUND_CEILING)
    return money(unit), money(unit * abs(quantity) - abs(gross) + discount)


def allocate(amount: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """Split `amount` over lines in proportion to `weights`, in cents, adding up exactly (the
    rounding remainder goes to the largest line)."""
    total = sum(weights)
    if not weights or total <= 0:
        return [Decimal(0)] * len(weights)
    shares = [(amount * weight / total).quantize(CENT) for weight in weights]
    shares[weights.index(max(weights))] += amount - sum(shares)
    return shares


def slug(text: str) -> str:
    """A readable key part: lower case letters, digits and dashes (`Tonkübel 40 cm` ->
    `tonkuebel-40-cm`)."""
    text = text.lower()
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, plain)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "unnamed"


def code(text: str) -> str:
    """A label as a code of the raw contract: `Computer Software` -> `computer_software`, ''
    for ''."""
    return slug(text).replace("-", "_") if text.strip() else ""


def normalize_email(text: str) -> str:
    return text.strip().lower()


# Country names as exports write them (English and German) -> ISO 3166-1 alpha-2
COUNTRIES = {
    "germany": "DE", "deutschland": "DE", "austria": "AT", "österreich": "AT",
    "switzerland": "CH", "schweiz": "CH", "suisse": "CH", "netherlands": "NL",
    "niederlande": "NL", "belgium": "BE", "belgien": "BE", "france": "FR", "frankreich": "FR",
    "italy": "IT", "italien": "IT", "spain": "ES", "spanien": "ES", "poland": "PL", "polen": "PL",
    "denmark": "DK", "dänemark": "DK", "luxembourg": "LU", "luxemburg": "LU",
    "united kingdom": "GB", "vereinigtes königreich": "GB", "united states": "US",
    "usa": "US", "vereinigte staaten": "US", "czech republic": "CZ", "tschechien": "CZ",
}  # fmt: skip


def country_code(row: ExportRow, column: str) -> str:
    """An ISO country code from a code (`de`) or a country name (`Deutschland`, `Germany`)."""
    text = row.get(column)
    if not text or len(text) == 2:
        return text.upper()
    code = COUNTRIES.get(text.lower())
    if code is None:
        raise PresetError(
            f"{row.where(column)}: unknown country {text!r}; write its ISO code (e.g. DE) "
            f"in the export."
        )
    return code


@dataclass
class RawTables:
    """The raw rows an import makes, per identifier, in the contract's columns."""

    contract: dict[str, RawTable]
    out: Path | None = None
    rows: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def known(self, identifier: str) -> dict[str, dict[str, str]]:
        """The rows of a table so far: those already in the output folder and this import's."""
        known = {}
        if self.out is not None:
            known = read_raw_table(
                self.out / f"{identifier}.csv", self.contract[identifier].columns
            )
        for key, values in self.rows.get(identifier, {}).items():
            known[key] = merge_row(known.get(key), values)
        return known

    def add(self, identifier: str, **values: str) -> None:
        """Add a row by its key (the first contract column). A second row with the same key
        fills the columns the first left empty and replaces the others."""
        columns = self.contract[identifier].columns
        unknown = set(values) - set(columns)
        if unknown:
            raise KeyError(f"{identifier} has no column(s) {sorted(unknown)}")
        key = values[columns[0]]
        table = self.rows.setdefault(identifier, {})
        table[key] = merge_row(table.get(key), values)

    def get(self, identifier: str, key: str) -> dict[str, str] | None:
        return self.rows.get(identifier, {}).get(key)

    def write(self, out: Path) -> dict[str, tuple[int, int]]:
        """Write each table as `<out>/<identifier>.csv`, merged with a file already there (by
        key: the new values win where they are not empty). Returns new and total rows."""
        out.mkdir(parents=True, exist_ok=True)
        written = {}
        for identifier, table in sorted(self.rows.items()):
            columns = self.contract[identifier].columns
            path = out / f"{identifier}.csv"
            merged = read_raw_table(path, columns)
            for key, values in table.items():
                merged[key] = merge_row(merged.get(key), values)
            with path.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle, lineterminator="\n")
                writer.writerow(columns)
                for values in merged.values():
                    writer.writerow([values.get(column, "") for column in columns])
            written[identifier] = (len(table), len(merged))
        return written


def merge_row(old: dict[str, str] | None, new: dict[str, str]) -> dict[str, str]:
    merged = dict(old or {})
    merged.update({column: value for column, value in new.items() if value not in ("", None)})
    for column, value in new.items():
        merged.setdefault(column, value or "")
    return merged


def read_raw_table(path: Path, columns: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """The rows of a raw table file already in the output folder, by key (empty if none)."""
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None or reader.fieldnames[: len(columns)] != list(columns):
            raise PresetError(
                f"{path}: is not a raw table written by `kundenstamm import` (its header is not "
                f"{', '.join(columns)}); import into an empty folder."
            )
        return {record[columns[0]]: dict(record) for record in reader}
