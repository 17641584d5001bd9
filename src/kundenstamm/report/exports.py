"""The CSV files beside the report pages, written by one function (`export_csv`).

Formula cells are neutralised (the OWASP CSV-injection rule): a text cell that starts with
`=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so a spreadsheet shows it as
text and never runs it. Phone columns get the `'` on every non-empty cell, so that a whole
column reads alike and no spreadsheet turns `+49 30 1234` or `030 1234` into a formula or a
number. Numbers stay numbers (a negative revenue is written `-12.50`, not `'-12.50`): only
columns whose SQL type is text are touched.

Two dialects: `standard` (comma, decimal point, UTF-8) and `excel-de`, which German Excel opens
as columns with a double click (semicolon, decimal comma, UTF-8 with byte-order mark). German
pages write `excel-de` unless told otherwise.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Collection
from pathlib import Path

from kundenstamm import files

DIALECTS = ("standard", "excel-de")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff".encode()
_DECIMAL_TYPES = ("DECIMAL", "DOUBLE", "FLOAT", "REAL")


def default_dialect(lang: str) -> str:
    """The dialect of a page language's CSV files: German Excel's for German pages."""
    return "excel-de" if lang == "de" else "standard"


def _quote_name(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def neutralised(expression: str, always: bool = False) -> str:
    """DuckDB SQL for a text cell as written to CSV: with a leading `'` when it starts like a
    formula (or, with `always`, when it is not empty)."""
    if always:
        condition = f"{expression} <> ''"
    else:
        starts = ", ".join(
            "chr(9)" if c == "\t" else "chr(13)" if c == "\r" else f"'{c}'" for c in FORMULA_START
        )
        condition = f"left({expression}, 1) in ({starts})"
    return f"case when {condition} then '''' || {expression} else {expression} end"


def export_csv(
    connection,
    query: str,
    path: Path,
    dialect: str = "standard",
    as_text: Collection[str] = (),
) -> Path:
    """Write the rows of `query` as CSV to `path` (with a header, in `dialect`, formula cells
    neutralised; columns named in `as_text` always marked as text), with the file mode of
    `kundenstamm.files`."""
    if dialect not in DIALECTS:
        raise ValueError(f"CSV dialect must be one of {', '.join(DIALECTS)}, not {dialect!r}")
    path = Path(path)
    cells = []
    for name, sql_type, *_ in connection.execute(f"describe {query}").fetchall():
        column = _quote_name(name)
        if sql_type.upper().startswith("VARCHAR"):
            expression = neutralised(column, always=name in as_text)
        elif dialect == "excel-de" and sql_type.upper().startswith(_DECIMAL_TYPES):
            expression = f"replace(cast({column} as varchar), '.', ',')"
        else:
            expression = column
        cells.append(f"{expression} as {column}")
    delimiter = ";" if dialect == "excel-de" else ","
    temporary = path.with_name(f".{path.name}.tmp")
    target = temporary.as_posix().replace("'", "''")
    try:
        with files.private_umask():
            connection.execute(
                f"copy (select {', '.join(cells)} from ({query})) "
                f"to '{target}' (header, delimiter '{delimiter}')"
            )
        files.restrict(temporary)
        if dialect == "excel-de":
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.fchmod(descriptor, files.file_mode())
            with os.fdopen(descriptor, "wb") as out, temporary.open("rb") as rows:
                out.write(BOM)
                shutil.copyfileobj(rows, out, 1 << 20)
        else:
            os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return path
