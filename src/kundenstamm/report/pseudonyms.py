"""Stable pseudonyms for names, e-mail addresses and phone numbers.

The same value always gets the same pseudonym under the same key (so a customer can be followed
across pages, CSV files and report runs), and the original cannot be read back or guessed from a
list of names without the key: the pseudonym is a SHA-256 hash of key, kind and value.
Each pseudonym carries 64 bits of that hash (16 hex digits; a phone pseudonym the same 64 bits
as 20 decimal digits), so among a million distinct names a collision has a chance of about
1 in 37 million (with 32 bits it was about 116 colliding pairs).
It is computed in DuckDB SQL (`sql_pseudonym`) so that capped tables and full CSV exports use
one definition; `pseudonym` is the same function in Python, used by the tests.

The key (`resolve_key`) is KUNDENSTAMM_PSEUDONYM_KEY when set; otherwise a random key is made
once and kept in `pseudonym.key` beside the warehouse file, so pseudonyms stay stable for that
warehouse and no key is built into the code. The key file gets the mode of `kundenstamm.files`
(owner-only by default).
"""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

from kundenstamm import files

KINDS = ("name", "email", "phone")
KEY_VARIABLE = "KUNDENSTAMM_PSEUDONYM_KEY"
KEY_FILE = "pseudonym.key"
HEX_DIGITS = 16  # 64 bits of the hash in every pseudonym


def resolve_key(database: Path) -> str:
    """The pseudonym key: the environment variable, else the key file beside `database`
    (created with a random key on first use, readable by its owner only)."""
    given = os.environ.get(KEY_VARIABLE, "").strip()
    if given:
        return given
    path = Path(database).resolve().parent / KEY_FILE
    if not path.exists():
        _write_new_key(path)
    key = path.read_text(encoding="utf-8").strip()
    if not key:
        raise ValueError(f"the pseudonym key file {path} is empty; delete it or set {KEY_VARIABLE}")
    return key


def _write_new_key(path: Path) -> None:
    """A random key, created readable by its owner only from the first byte, then given the
    file mode (a key file made meanwhile by another run is kept)."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    except OSError as error:
        raise PermissionError(
            f"cannot write the pseudonym key {path} ({error}); "
            f"set {KEY_VARIABLE} to a secret of your own instead"
        ) from error
    os.fchmod(descriptor, files.file_mode())
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(secrets.token_hex(32) + "\n")


def _check(kind: str, secret: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    if not secret:
        raise ValueError("a pseudonym needs a non-empty key")


def pseudonym(kind: str, value: str | None, secret: str) -> str | None:
    """The pseudonym of `value` as a `kind` ('name', 'email' or 'phone') under `secret`."""
    _check(kind, secret)
    if value is None:
        return None
    digest = hashlib.sha256(f"{secret}|{kind}|{value}".encode()).hexdigest()
    bits = digest[:HEX_DIGITS]
    if kind == "name":
        return f"P-{bits}"
    if kind == "email":
        return f"p-{bits}@example.invalid"
    return "+00 " + str(int(bits, 16)).zfill(20)


def _sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def sql_pseudonym(kind: str, column: str, secret: str) -> str:
    """DuckDB SQL giving the same result as `pseudonym(kind, column value, secret)`."""
    _check(kind, secret)
    bits = f"left(sha256({_sql_literal(f'{secret}|{kind}|')} || {column}), {HEX_DIGITS})"
    if kind == "name":
        return f"case when {column} is null then null else 'P-' || {bits} end"
    if kind == "email":
        return f"case when {column} is null then null else 'p-' || {bits} || '@example.invalid' end"
    return (
        f"case when {column} is null then null else '+00 ' || lpad(cast("
        f"cast(('0x' || {bits}) as ubigint) as varchar), 20, '0') end"
    )
