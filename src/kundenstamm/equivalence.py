"""Do two builds of the warehouse hold the same numbers? Mart by mart, row by row.

Used to prove that DuckDB and Spark give the same answers on the same raw data (and, with the
same machinery, that any two builds agree). The tables are read as Arrow tables (DuckDB here,
Spark by `kundenstamm.spark.read_schema_in_child`); every table of a schema is found by listing it
on both sides; each is matched on its primary key (taken from the dbt manifest: the column tested
`unique` and `not_null`, or the columns of a `unique_combination` test) and compared column by
column:

- text, integers, dates, timestamps and booleans exactly;
- decimals to one unit of their last decimal place (money, `decimal(18,2)`: to the cent);
- floating-point numbers to a relative tolerance (`FLOAT_RELATIVE_TOLERANCE`, with an absolute
  floor for values near zero), NaN equal to NaN.

A difference is reported with the mart, the column, how many rows differ and up to five example
keys with both values.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

FLOAT_RELATIVE_TOLERANCE = 1e-9
FLOAT_ABSOLUTE_TOLERANCE = 1e-9
EXAMPLES = 5


@dataclass(frozen=True)
class Difference:
    """One way in which a table differs between the two sides."""

    table: str
    column: str | None
    message: str
    examples: tuple[str, ...] = ()

    def format(self, left: str, right: str) -> str:
        where = f"{self.table}.{self.column}" if self.column else self.table
        lines = [f"DIFF {where}: {self.message}"]
        lines += [f"    {example}" for example in self.examples]
        return "\n".join(lines).replace("{left}", left).replace("{right}", right)


@dataclass
class Comparison:
    """The outcome of comparing every table of a schema between two builds."""

    left: str
    right: str
    tables: dict[str, int] = field(default_factory=dict)  # table -> rows compared
    differences: list[Difference] = field(default_factory=list)

    @property
    def equal(self) -> bool:
        return not self.differences

    def format(self) -> str:
        rows = sum(self.tables.values())
        if self.equal:
            return (
                f"{self.left} = {self.right}: {len(self.tables)} tables, {rows:,} rows, "
                "every value equal"
            )
        different = sorted({difference.table for difference in self.differences})
        head = (
            f"{self.left} != {self.right}: {len(different)} of {len(self.tables)} tables differ "
            f"({', '.join(different)})"
        )
        return "\n".join(
            [head, *(difference.format(self.left, self.right) for difference in self.differences)]
        )


def primary_keys(manifest_path: Path, schema: str = "marts") -> dict[str, tuple[str, ...]]:
    """The primary key of every model built into `schema`, from the dbt manifest."""
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    models = {
        unique_id: node
        for unique_id, node in manifest["nodes"].items()
        if node["resource_type"] == "model" and node["schema"] == schema
    }
    column_tests: dict[tuple[str, str], set[str]] = {}
    keys: dict[str, tuple[str, ...]] = {}
    for node in manifest["nodes"].values():
        if node["resource_type"] != "test" or not node.get("test_metadata"):
            continue
        model = node.get("attached_node")
        if model not in models:
            continue
        name = node["test_metadata"]["name"]
        kwargs = node["test_metadata"].get("kwargs", {})
        if name in {"unique_combination", "unique_combination_of_columns"}:
            keys[models[model]["name"]] = tuple(kwargs["combination_of_columns"])
        elif node.get("column_name"):
            column_tests.setdefault((model, node["column_name"]), set()).add(name)
    for (model, column), tests in sorted(column_tests.items()):
        name = models[model]["name"]
        if {"unique", "not_null"} <= tests and name not in keys:
            keys[name] = (column,)
    return keys


def read_duckdb_schema(
    database: Path, schema: str = "marts", views: bool = False
) -> dict[str, pa.Table]:
    """Every table (with `views`, and view) of `schema` in a DuckDB file, as Arrow tables; in
    `marts` without the table that publishing adds (`warehouse_info`: what the version is)."""
    import duckdb

    from kundenstamm.serving import INFO_TABLE

    kinds = ["BASE TABLE", "VIEW"] if views else ["BASE TABLE"]

    with duckdb.connect(str(database), read_only=True) as connection:
        names = [
            row[0]
            for row in connection.execute(
                "select table_name from information_schema.tables "
                "where table_schema = ? and list_contains(?, table_type) order by table_name",
                [schema, kinds],
            ).fetchall()
        ]
        return {
            name: connection.sql(f'select * from "{schema}"."{name}"').to_arrow_table()
            for name in names
            if not (schema == "marts" and name == INFO_TABLE)
        }


FAMILIES = (
    (pa.types.is_floating, "float"),
    (pa.types.is_decimal, "decimal"),
    (pa.types.is_integer, "integer"),
    (pa.types.is_boolean, "boolean"),
    (pa.types.is_timestamp, "timestamp"),
    (pa.types.is_date, "date"),
)


def _family(data_type: pa.DataType) -> str:
    return next((family for test, family in FAMILIES if test(data_type)), "text")


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _mismatch(column: str, left: pa.DataType, right: pa.DataType) -> str:
    """SQL that is true where the column's values on the two sides are not equal."""
    a, b = f"l.{_quote(column)}", f"r.{_quote(column)}"
    families = {_family(left), _family(right)}
    either_null = f"({a} is null) <> ({b} is null)"
    if "float" in families and families <= {"float", "decimal", "integer"}:
        a, b = f"cast({a} as double)", f"cast({b} as double)"
        return (
            f"({either_null} or ({a} is not null and {b} is not null and not "
            f"(isnan({a}) and isnan({b})) and (isnan({a}) or isnan({b}) or "
            f"abs({a} - {b}) > greatest({FLOAT_ABSOLUTE_TOLERANCE}, "
            f"{FLOAT_RELATIVE_TOLERANCE} * greatest(abs({a}), abs({b}))))))"
        )
    if families <= {"decimal", "integer"} and "decimal" in families:
        scales = [t.scale for t in (left, right) if pa.types.is_decimal(t)]
        unit = 10.0 ** -min(scales)
        return (
            f"({either_null} or abs(cast({a} as double) - cast({b} as double)) >= {unit} - 1e-12)"
        )
    if len(families) == 1 or families <= {"integer", "decimal"}:
        return f"({a} is distinct from {b})"
    return f"(cast({a} as varchar) is distinct from cast({b} as varchar))"


def _literal(value) -> str:
    return "null" if value is None else repr(value) if isinstance(value, str) else str(value)


def compare_tables(
    name: str, left: pa.Table, right: pa.Table, key: Iterable[str]
) -> list[Difference]:
    """Every difference between two versions of one table, matched on `key`."""
    import duckdb

    key = tuple(key)
    left_columns, right_columns = set(left.column_names), set(right.column_names)
    differences = []
    for column in sorted(left_columns ^ right_columns):
        side = "{left}" if column in left_columns else "{right}"
        differences.append(Difference(name, column, f"the column exists only on {side}"))
    missing_key = [column for column in key if column not in left_columns & right_columns]
    if missing_key:
        differences.append(
            Difference(name, None, f"primary key column(s) {', '.join(missing_key)} missing")
        )
        return differences

    connection = duckdb.connect()
    connection.execute("set TimeZone = 'UTC'")
    connection.register("left_side", left)
    connection.register("right_side", right)
    for side, label in (("left_side", "{left}"), ("right_side", "{right}")):
        keys_sql = ", ".join(_quote(column) for column in key)
        duplicated = connection.execute(
            f"select count(*) from (select {keys_sql} from {side} group by all having count(*) > 1)"
        ).fetchone()[0]
        if duplicated:
            differences.append(
                Difference(name, None, f"{duplicated} key(s) occur more than once on {label}")
            )
    if differences:
        return differences

    join = " and ".join(f"l.{_quote(c)} is not distinct from r.{_quote(c)}" for c in key)
    key_text = " || ', ' || ".join(
        f"coalesce(cast(coalesce(l.{_quote(c)}, r.{_quote(c)}) as varchar), 'null')" for c in key
    )
    compared = [
        column for column in left.column_names if column in right_columns and column not in key
    ]
    types = {
        column: (left.schema.field(column).type, right.schema.field(column).type)
        for column in compared
    }
    connection.execute(
        f"""
        create temp table matched as
        select
            {key_text} as row_key,
            l.__present is null as only_right,
            r.__present is null as only_left
            {"".join(f", {_mismatch(c, *types[c])} as {_quote('differs_' + c)}" for c in compared)}
            {"".join(f", l.{_quote(c)} as {_quote('left_' + c)}, r.{_quote(c)} as {_quote('right_' + c)}" for c in compared)}
        from (select *, true as __present from left_side) as l
        full outer join (select *, true as __present from right_side) as r on {join}
        """
    )
    for flag, label in (("only_left", "{left}"), ("only_right", "{right}")):
        count, examples = _count_and_examples(connection, flag, "row_key")
        if count:
            differences.append(
                Difference(
                    name,
                    None,
                    f"{count} row(s) only on {label} (key {', '.join(key)})",
                    tuple(f"key {example[0]}" for example in examples),
                )
            )
    for column in compared:
        flag = f"not only_left and not only_right and {_quote('differs_' + column)}"
        count, examples = _count_and_examples(
            connection,
            flag,
            f"row_key, {_quote('left_' + column)}, {_quote('right_' + column)}",
        )
        if count:
            left_type, right_type = types[column]
            differences.append(
                Difference(
                    name,
                    column,
                    f"{count} row(s) differ ({left_type} vs {right_type})",
                    tuple(
                        f"key {row[0]}: {{left}} {_literal(row[1])}, {{right}} {_literal(row[2])}"
                        for row in examples
                    ),
                )
            )
    connection.close()
    return differences


def _count_and_examples(connection, condition: str, columns: str) -> tuple[int, list[tuple]]:
    count = connection.execute(f"select count(*) from matched where {condition}").fetchone()[0]
    if not count:
        return 0, []
    examples = connection.execute(
        f"select {columns} from matched where {condition} order by row_key limit {EXAMPLES}"
    ).fetchall()
    return count, examples


def compare_schemas(
    left: dict[str, pa.Table],
    right: dict[str, pa.Table],
    keys: dict[str, tuple[str, ...]],
    left_name: str = "duckdb",
    right_name: str = "spark",
    progress: Callable[[str], None] | None = None,
) -> Comparison:
    """Compare every table found on either side; a table on one side only is a difference."""
    comparison = Comparison(left_name, right_name)
    for table in sorted(set(left) | set(right)):
        if table not in left or table not in right:
            side = "{right}" if table in right else "{left}"
            comparison.differences.append(
                Difference(table, None, f"the table exists only on {side}")
            )
            continue
        if table not in keys:
            comparison.differences.append(
                Difference(table, None, "no primary-key test in the dbt project: cannot match rows")
            )
            continue
        comparison.tables[table] = max(left[table].num_rows, right[table].num_rows)
        if left[table].num_rows != right[table].num_rows:
            comparison.differences.append(
                Difference(
                    table,
                    None,
                    f"row counts differ: {{left}} {left[table].num_rows:,}, "
                    f"{{right}} {right[table].num_rows:,}",
                )
            )
        comparison.differences.extend(compare_tables(table, left[table], right[table], keys[table]))
        if progress:
            progress(f"compared {table}: {comparison.tables[table]:,} rows")
    return comparison
