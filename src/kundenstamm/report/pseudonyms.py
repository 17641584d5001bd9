"""Stable pseudonyms for names, e-mail addresses and phone numbers.

The same value always gets the same pseudonym (so a customer can be followed across pages and
CSV files), and the original cannot be read back without the key. The pseudonym is computed in
DuckDB SQL (`sql_pseudonym`) so that capped tables and full CSV exports use one definition;
`pseudonym` is the same function in Python, used by the tests.
The key comes from the environment variable KUNDENSTAMM_PSEUDONYM_KEY; set your own secret
before sharing pseudonymised reports outside the company.
"""

from __future__ import annotations

import hashlib
import os

DEFAULT_KEY = "kundenstamm"
KINDS = ("name", "email", "phone")


def key() -> str:
    return os.environ.get("KUNDENSTAMM_PSEUDONYM_KEY", DEFAULT_KEY)


def _digest(kind: str, value: str, secret: str) -> str:
    return hashlib.md5(f"{secret}|{kind}|{value}".encode()).hexdigest()


def pseudonym(kind: str, value: str | None, secret: str | None = None) -> str | None:
    """The pseudonym of `value` as a `kind` ('name', 'email' or 'phone')."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}")
    if value is None:
        return None
    digest = _digest(kind, value, key() if secret is None else secret)
    if kind == "name":
        return f"P-{digest[:8]}"
    if kind == "email":
        return f"p-{digest[:10]}@example.invalid"
    return "+00 " + str(int(digest[:12], 16) % 10**10).zfill(10)


def _sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def sql_pseudonym(kind: str, column: str, secret: str | None = None) -> str:
    """DuckDB SQL giving the same result as `pseudonym(kind, column value)`."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}")
    prefix = _sql_literal(f"{key() if secret is None else secret}|{kind}|")
    digest = f"md5({prefix} || {column})"
    if kind == "name":
        return f"case when {column} is null then null else 'P-' || left({digest}, 8) end"
    if kind == "email":
        return (
            f"case when {column} is null then null "
            f"else 'p-' || left({digest}, 10) || '@example.invalid' end"
        )
    return (
        f"case when {column} is null then null else '+00 ' || lpad(cast("
        f"cast(('0x' || left({digest}, 12)) as ubigint) % 10000000000 as varchar), 10, '0') end"
    )
