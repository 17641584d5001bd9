"""Great-expectations' SQL data source on the check's own DuckDB connection.

GX 1.x has no DuckDB data source. Its generic SQL source works through SQLAlchemy and the
duckdb-engine dialect but for one thing: GX fetches a query's rows after it has handed the
connection back to the pool, and duckdb-engine runs every statement of a pooled connection on one
DuckDB connection, so the ROLLBACK of the hand-back discards the rows (every metric then fails with
"list index out of range"; GX issue 11579). The dialect registered here, `duckdb+kundenstamm`,
runs each statement on its own cursor of the check's connection (a DuckDB cursor is a connection
of its own to the same database) and never begins or ends a transaction (the check only reads),
so the rows wait until GX fetches them. Its URL names a connection registered with `register`:
GX's queries see exactly what the check's connection sees, the attached warehouse and the tables
the check staged in its in-memory database, and no second connection opens the warehouse file.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import duckdb
from duckdb_engine import ConnectionWrapper, CursorWrapper, Dialect
from sqlalchemy.dialects import registry

SCHEME = "duckdb+kundenstamm"
_CONNECTIONS: dict[str, tuple[duckdb.DuckDBPyConnection, str]] = {}
_NUMBERS = itertools.count(1)


class _Cursor(CursorWrapper):
    """A statement on a cursor of its own; closing it closes that cursor only."""

    def __init__(self, cursor: duckdb.DuckDBPyConnection, connection: _Connection) -> None:
        super().__init__(cursor, connection)
        self._cursor = cursor

    def close(self) -> None:
        self._cursor.close()


class _Connection(ConnectionWrapper):
    """The check's DuckDB connection as SQLAlchemy sees it: each cursor a new DuckDB cursor."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, catalog: str) -> None:
        super().__init__(connection)
        self._connection = connection
        self._catalog = catalog

    def cursor(self) -> _Cursor:
        cursor = self._connection.cursor()
        # a new cursor starts in the in-memory database: resolve names like the check does
        cursor.execute(f"use {self._catalog}")
        return _Cursor(cursor, self)

    def close(self) -> None:
        # the connection belongs to the check, which closes it when it is done
        self.closed = True


class CheckDialect(Dialect):
    """duckdb-engine on a registered connection, one cursor per statement, no transactions."""

    supports_statement_cache = False

    def connect(self, *cargs: Any, **cparams: Any) -> _Connection:
        key = cparams.get("database") or (cargs[0] if cargs else "")
        if key not in _CONNECTIONS:
            raise RuntimeError(f"no DuckDB connection is registered for the check as {key!r}")
        return _Connection(*_CONNECTIONS[key])

    def do_begin(self, connection: Any) -> None:
        pass

    def do_commit(self, connection: Any) -> None:
        pass

    def do_rollback(self, connection: Any) -> None:
        pass


registry.register(SCHEME.replace("+", "."), __name__, "CheckDialect")


@contextmanager
def register(connection: duckdb.DuckDBPyConnection, catalog: str) -> Iterator[str]:
    """Make `connection` reachable for GX, its statements resolving names in `catalog`: yields
    the SQLAlchemy URL of it, valid until the end of the block."""
    key = f"check-{next(_NUMBERS)}"
    _CONNECTIONS[key] = (connection, catalog)
    try:
        yield f"{SCHEME}:///{key}"
    finally:
        del _CONNECTIONS[key]
