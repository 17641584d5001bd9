"""Project rules for the dbt metadata linter (dbt-score), enabled in pyproject.toml.

Every model has a primary-key test, every mart column is documented, model names follow their
layer, and no mart reads a source directly (marts read staging or intermediate models).
"""

from dbt_score import Model, RuleViolation, rule

LAYER_PREFIXES = {
    "models/staging/": ("base_", "stg_", "quarantine_"),
    "models/intermediate/": ("int_",),
    "models/marts/": ("fct_", "dim_", "rpt_"),
}
KEY_TESTS = {"unique_combination", "unique_combination_of_columns"}


def _layer(model: Model) -> str | None:
    return next((p for p in LAYER_PREFIXES if model.original_file_path.startswith(p)), None)


@rule
def has_primary_key_test(model: Model) -> RuleViolation | None:
    """A model has a primary key: a column tested unique and not null, or a combination test."""
    if any(test.type in KEY_TESTS for test in model.tests):
        return None
    for column in model.columns:
        kinds = {test.type for test in column.tests}
        if {"unique", "not_null"} <= kinds:
            return None
    return RuleViolation(
        "No primary-key test: add unique + not_null on the key column or unique_combination."
    )


@rule
def mart_columns_documented(model: Model) -> RuleViolation | None:
    """Every column of a mart is declared and described."""
    if _layer(model) != "models/marts/":
        return None
    if not model.columns:
        return RuleViolation("The mart documents no columns.")
    missing = [column.name for column in model.columns if not (column.description or "").strip()]
    if missing:
        return RuleViolation(f"Columns without a description: {', '.join(missing)}.")
    return None


@rule
def named_by_layer(model: Model) -> RuleViolation | None:
    """Model names follow their layer: base_/stg_/quarantine_, int_, fct_/dim_/rpt_."""
    layer = _layer(model)
    if layer is None:
        return RuleViolation(
            f"Model outside the staging/intermediate/marts folders: {model.original_file_path}."
        )
    prefixes = LAYER_PREFIXES[layer]
    if not model.name.startswith(prefixes):
        return RuleViolation(f"A model in {layer} must start with {' or '.join(prefixes)}.")
    return None


@rule
def mart_reads_no_source(model: Model) -> RuleViolation | None:
    """A mart reads staging or intermediate models, never a source."""
    if _layer(model) != "models/marts/":
        return None
    sources = [node for node in model.depends_on.get("nodes", []) if node.startswith("source.")]
    if sources:
        return RuleViolation(f"The mart reads sources directly: {', '.join(sources)}.")
    return None
