"""Pre-flight checks of raw files before they are loaded.

Malformed files (missing column, wrong delimiter, wrong encoding, ragged rows, unreadable
Parquet) stop the load with an error that names the file, the line and what is wrong. Bad
*values* are not checked here: those rows load and are quarantined by the staging models.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from kundenstamm.raw_contract import RawTable

OTHER_DELIMITERS = (";", "\t", "|")


class RawFileError(ValueError):
    """A raw file cannot be loaded. The message says which file, where and what to do."""


@dataclass
class ValidationReport:
    """What was checked: files and data rows seen, and warnings that did not stop the load."""

    files: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)

    def notes(self) -> list[str]:
        """One line per raw table that was not delivered (read as an empty table)."""
        return [
            f"{name} not delivered: read as an empty table (what stays empty without it: "
            f"meta.if_absent in models/staging/*/_*__sources.yml)"
            for name in self.absent
        ]


def validate_raw_dir(folder: Path, contract: dict[str, RawTable], fmt: str) -> ValidationReport:
    """Check every raw file in `folder` (`<identifier>.<fmt>`); raise RawFileError on the first
    malformed one. A file that is not there is an optional table (listed in `absent`, read as an
    empty table), but a folder with none of the files is an error."""
    if fmt not in ("csv", "parquet"):
        raise RawFileError(f"Unknown raw file format {fmt!r}: use csv or parquet.")
    if not folder.is_dir():
        raise RawFileError(f"Raw data folder {folder} does not exist.")
    report = ValidationReport()
    for identifier, table in sorted(contract.items()):
        path = folder / f"{identifier}.{fmt}"
        if not path.is_file():
            report.absent.append(path.name)
            continue
        if fmt == "csv":
            rows = validate_csv(path, table, report)
        else:
            rows = validate_parquet(path, table, report)
        report.files[path.name] = rows
    if not report.files:
        raise RawFileError(
            f"{folder}: none of the raw files is there (expected e.g. "
            f"{', '.join(f'{name}.{fmt}' for name in sorted(contract)[:3])}, ...). Point "
            f"--raw-path at the folder `kundenstamm import` or `kundenstamm generate` wrote."
        )
    return report


def validate_csv(path: Path, table: RawTable, report: ValidationReport | None = None) -> int:
    """Check encoding, delimiter, header and field counts of one CSV file; return its data rows."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise RawFileError(
            f"{path.name}, line {line}, character {column}: not valid UTF-8 "
            f"(byte 0x{data[error.start]:02x}). The file is probably in another encoding "
            f"(e.g. Windows-1252/Latin-1): save or export it as UTF-8."
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise RawFileError(f"{path.name}: the file is empty; it needs at least the header row.")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=",", quotechar='"', strict=True)
    try:
        header = [name.strip() for name in next(reader)]
    except csv.Error as error:
        raise RawFileError(f"{path.name}, line 1: unreadable header ({error}).") from None
    expected = list(table.columns)
    if len(header) == 1 and len(expected) > 1:
        for other in OTHER_DELIMITERS:
            if other in header[0]:
                shown = "tab" if other == "\t" else repr(other)
                raise RawFileError(
                    f"{path.name}, line 1: wrong delimiter: the header is separated by {shown}, "
                    f"expected ','. Export the file as comma-separated CSV."
                )
    missing = [name for name in expected if name not in header]
    if missing:
        raise RawFileError(
            f"{path.name}, line 1: missing column(s) {', '.join(missing)}. "
            f"Expected the columns {', '.join(expected)}; found {', '.join(header)}."
        )
    duplicates = sorted({name for name in header if header.count(name) > 1})
    if duplicates:
        raise RawFileError(f"{path.name}, line 1: duplicate column(s) {', '.join(duplicates)}.")
    extra = [name for name in header if name not in expected]
    if extra and report is not None:
        report.warnings.append(
            f"{path.name}: column(s) {', '.join(extra)} are not part of the raw contract "
            f"and are not loaded."
        )
    rows = 0
    try:
        for record in reader:
            if not record:
                continue
            rows += 1
            if len(record) != len(header):
                raise RawFileError(
                    f"{path.name}, line {reader.line_num}: {len(record)} fields, expected "
                    f"{len(header)} (a stray delimiter, a missing field or an unclosed quote)."
                )
    except csv.Error as error:
        raise RawFileError(f"{path.name}, line {reader.line_num}: {error}.") from None
    return rows


def validate_parquet(path: Path, table: RawTable, report: ValidationReport | None = None) -> int:
    """Check that a Parquet file is readable and has every contract column; return its rows."""
    import pyarrow.parquet as pq

    try:
        metadata = pq.read_metadata(path)
        schema = pq.read_schema(path)
    except Exception as error:  # pyarrow raises several types for corrupt files
        raise RawFileError(f"{path.name}: not a readable Parquet file ({error}).") from None
    names = list(schema.names)
    missing = [name for name in table.columns if name not in names]
    if missing:
        raise RawFileError(
            f"{path.name}: missing column(s) {', '.join(missing)}. "
            f"Expected {', '.join(table.columns)}; found {', '.join(names)}."
        )
    extra = [name for name in names if name not in table.columns]
    if extra and report is not None:
        report.warnings.append(
            f"{path.name}: column(s) {', '.join(extra)} are not part of the raw contract "
            f"and are not loaded."
        )
    return metadata.num_rows
