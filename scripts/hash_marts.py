"""Fingerprint every table of a DuckDB warehouse schema, to show that a refactoring changed no number.

    python scripts/hash_marts.py warehouse/build/kundenstamm.duckdb --out before.json
    ... change the models, rebuild ...
    python scripts/hash_marts.py warehouse/build/kundenstamm.duckdb --compare before.json

Each table is hashed as a whole: every row cast to text (columns in name order, so a moved
column does not count as a change; doubles rounded to FLOAT_DIGITS decimals), the md5 of each row, the md5 of those sorted. Two builds
with the same rows in any order give the same hash. Exit 1 when --compare finds a table that
differs or is missing; a table new on one side is listed but not an error.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import duckdb

FLOAT_DIGITS = 9


def table_hashes(database: Path, schema: str) -> dict[str, dict]:
    """Rows and content hash of every table and view of `schema`."""
    con = duckdb.connect(str(database), read_only=True)
    try:
        names = [
            row[0]
            for row in con.execute(
                "select table_name from information_schema.tables "
                "where table_schema = ? order by table_name",
                [schema],
            ).fetchall()
        ]
        hashes = {}
        for name in names:
            typed = con.execute(
                "select column_name, data_type from information_schema.columns "
                "where table_schema = ? and table_name = ? order by column_name",
                [schema, name],
            ).fetchall()
            columns = [column for column, _ in typed]
            row_text = " || '|' || ".join(_as_text(column, kind) for column, kind in typed)
            rows, digest = con.execute(
                f"select count(*), md5(coalesce(string_agg(row_hash, '' order by row_hash), '')) "
                f"from (select md5({row_text}) as row_hash "
                f"from {_quoted(schema)}.{_quoted(name)})"
            ).fetchone()
            hashes[name] = {"rows": rows, "columns": columns, "md5": digest}
        return hashes
    finally:
        con.close()


def _as_text(column: str, kind: str) -> str:
    """A column as text; floating-point numbers rounded (a sum of doubles may differ in its last
    bits with the order a parallel engine adds them in)."""
    value = _quoted(column)
    if kind in ("DOUBLE", "FLOAT", "REAL"):
        value = f"round({value}, {FLOAT_DIGITS})"
    return f"coalesce(cast({value} as varchar), '<null>')"


def _quoted(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def compare(before: dict[str, dict], after: dict[str, dict]) -> list[str]:
    """One line per table: equal, differs (and how), missing or new."""
    lines = []
    for name in sorted(before.keys() | after.keys()):
        left, right = before.get(name), after.get(name)
        if right is None:
            lines.append(f"MISSING {name}")
        elif left is None:
            lines.append(f"NEW     {name} ({right['rows']:,} rows)")
        elif left["md5"] == right["md5"]:
            lines.append(f"equal   {name} ({right['rows']:,} rows)")
        else:
            added = sorted(set(right["columns"]) - set(left["columns"]))
            dropped = sorted(set(left["columns"]) - set(right["columns"]))
            detail = f"rows {left['rows']:,} -> {right['rows']:,}"
            detail += f", columns added {added}" if added else ""
            detail += f", columns dropped {dropped}" if dropped else ""
            lines.append(f"DIFFERS {name} ({detail})")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("database", type=Path, help="the DuckDB file (e.g. the build database)")
    parser.add_argument("--schema", default="marts")
    parser.add_argument("--out", type=Path, help="write the hashes to this JSON file")
    parser.add_argument("--compare", type=Path, help="compare with hashes written before")
    args = parser.parse_args(argv)
    hashes = table_hashes(args.database, args.schema)
    if args.out:
        args.out.write_text(json.dumps(hashes, indent=1, sort_keys=True) + "\n")
        print(f"{len(hashes)} tables of schema {args.schema} hashed -> {args.out}")
    if args.compare:
        lines = compare(json.loads(args.compare.read_text()), hashes)
        print("\n".join(lines))
        return 1 if any(line.startswith(("DIFFERS", "MISSING")) for line in lines) else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
