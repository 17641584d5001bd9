"""The project's dbt-score rules (src/kundenstamm/lint_rules.py): each passes a well-made model
and reports the violation it exists for."""

from __future__ import annotations

import pytest
from dbt_score import Model, Seed, Source

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
        lint_rules.intermediate_reads_no_mart,
        lint_rules.staging_reads_own_source,
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


def _source(source_name: str, table: str) -> Source:
    return Source.from_node(
        {
            "unique_id": f"source.kundenstamm.{source_name}.{table}",
            "name": table,
            "description": "A raw table.",
            "source_name": source_name,
            "source_description": "",
            "original_file_path": f"models/staging/{source_name}/_{source_name}__sources.yml",
            "config": {},
            "meta": {},
            "package_name": "kundenstamm",
            "database": "kundenstamm",
            "schema": "raw",
            "identifier": f"{source_name}_{table}",
            "loader": "",
            "tags": [],
        },
        [],
    )


def _seed(name: str, folder: str) -> Seed:
    return Seed.from_node(
        {
            "unique_id": f"seed.kundenstamm.{name}",
            "name": name,
            "description": "A seed.",
            "original_file_path": f"seeds/{folder}/{name}.csv",
            "config": {},
            "meta": {},
            "package_name": "kundenstamm",
            "database": "kundenstamm",
            "schema": "raw",
            "alias": name,
            "tags": [],
        },
        [],
    )


def _reading(model: Model, *parents) -> Model:
    model.parents = list(parents)
    return model


def test_an_intermediate_model_reading_a_mart_fails():
    reads_mart = _reading(
        _model("int_winback_customers_evaluated", "models/intermediate/actions"),
        _model("dim_customers", "models/marts/core"),
        _model("int_customers_habits_flagged", "models/intermediate/customers"),
    )
    message = _violation(lint_rules.intermediate_reads_no_mart, reads_mart)
    assert "dim_customers" in message
    assert "int_customers_habits_flagged" not in message
    reads_intermediate = _reading(
        _model("int_winback_customers_evaluated", "models/intermediate/actions"),
        _model("int_customers_habits_flagged", "models/intermediate/customers"),
        _model("stg_crm__accounts", "models/staging/crm"),
    )
    assert _violation(lint_rules.intermediate_reads_no_mart, reads_intermediate) is None
    # a mart reading a mart is no concern of this rule
    mart = _reading(_model("dim_contacts"), _model("dim_customers", "models/marts/core"))
    assert _violation(lint_rules.intermediate_reads_no_mart, mart) is None


def test_a_staging_model_reading_its_own_source_passes():
    model = _reading(
        _model("base_orders__order_lines", "models/staging/orders/base"),
        _source("orders", "order_lines"),
        _seed("orders_order_lines", "demo"),
        _seed("quarantine_reasons", "mappings"),
        _model("stg_orders__orders", "models/staging/orders"),
    )
    assert _violation(lint_rules.staging_reads_own_source, model) is None


@pytest.mark.parametrize(
    ("parent", "named"),
    [
        (_source("crm", "accounts"), "crm.accounts"),
        (_seed("crm_accounts", "demo"), "crm_accounts"),
        (_model("stg_crm__accounts", "models/staging/crm"), "stg_crm__accounts"),
    ],
)
def test_a_staging_model_reading_another_source_fails(parent, named):
    model = _reading(
        _model("base_orders__orders", "models/staging/orders/base"),
        _source("orders", "orders"),
        parent,
    )
    assert named in _violation(lint_rules.staging_reads_own_source, model)


def test_a_documented_lookup_allows_exactly_the_model_it_names():
    def lookup(*parents) -> Model:
        model = _reading(_model("base_orders__orders", "models/staging/orders/base"), *parents)
        model.meta = {lint_rules.READS_OTHER_STAGING: ["stg_crm__accounts"]}
        return model

    named = lookup(_model("stg_crm__accounts", "models/staging/crm"))
    assert _violation(lint_rules.staging_reads_own_source, named) is None
    unnamed = lookup(
        _model("stg_crm__accounts", "models/staging/crm"),
        _model("stg_crm__contacts", "models/staging/crm"),
    )
    message = _violation(lint_rules.staging_reads_own_source, unnamed)
    assert "stg_crm__contacts" in message
    assert "stg_crm__accounts" not in message
