"""The project's dbt-score rules (src/kundenstamm/lint_rules.py): each passes a well-made model
and reports the violation it exists for."""

from __future__ import annotations

from dbt_score import Model

from kundenstamm import lint_rules


def _column(name: str, description: str) -> dict:
    return {"name": name, "description": description, "meta": {}, "constraints": [], "tags": []}


def _node(name: str, path: str, described: bool = True, reads: str = "model.kundenstamm.x"):
    return {
        "unique_id": f"model.kundenstamm.{name}",
        "name": name,
        "relation_name": f"marts.{name}",
        "description": "A model.",
        "original_file_path": f"{path}/{name}.sql",
        "config": {},
        "meta": {},
        "columns": {
            "order_id": _column("order_id", "Key." if described else ""),
            "revenue_eur": _column("revenue_eur", "Revenue in EUR."),
        },
        "package_name": "kundenstamm",
        "database": "kundenstamm",
        "schema": "marts",
        "raw_code": "select 1",
        "language": "sql",
        "access": "protected",
        "alias": name,
        "tags": [],
        "depends_on": {"nodes": [reads], "macros": []},
        "constraints": [],
    }


def _test(kind: str, model: str, column: str | None = "order_id") -> dict:
    kwargs = {"column_name": column} if column else {}
    return {
        "name": f"{kind}_{model}",
        "unique_id": f"test.kundenstamm.{kind}_{model}",
        "attached_node": f"model.kundenstamm.{model}",
        "column_name": column,
        "test_metadata": {"name": kind, "kwargs": kwargs},
        "tags": [],
        "meta": {},
    }


def _model(name: str = "fct_orders", path: str = "models/marts/core", **kwargs) -> Model:
    tests = [_test("unique", name), _test("not_null", name)]
    return Model.from_node(_node(name, path, **kwargs), tests)


def _violation(rule, model: Model) -> str | None:
    result = rule().evaluate(model)
    return result.message if result else None


def test_a_well_made_mart_passes_every_rule():
    model = _model()
    for rule in (
        lint_rules.has_primary_key_test,
        lint_rules.mart_columns_documented,
        lint_rules.named_by_layer,
        lint_rules.mart_reads_no_source,
    ):
        assert _violation(rule, model) is None, rule


def test_a_model_without_a_primary_key_test_fails():
    model = Model.from_node(_node("fct_orders", "models/marts/core"), [])
    assert "primary-key" in _violation(lint_rules.has_primary_key_test, model)


def test_an_undocumented_mart_column_fails():
    message = _violation(lint_rules.mart_columns_documented, _model(described=False))
    assert "order_id" in message


def test_names_follow_the_layer():
    assert "fct_" in _violation(lint_rules.named_by_layer, _model("orders_summary"))
    assert "int_" in _violation(
        lint_rules.named_by_layer, _model("stg_orders", "models/intermediate/orders")
    )
    assert (
        _violation(lint_rules.named_by_layer, _model("quarantine_x", "models/staging/crm")) is None
    )


def test_a_mart_reading_a_source_fails():
    model = _model(reads="source.kundenstamm.orders.orders")
    assert "source.kundenstamm.orders.orders" in _violation(lint_rules.mart_reads_no_source, model)
