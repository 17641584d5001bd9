"""Project rules for the dbt metadata linter (dbt-score), enabled in pyproject.toml.

Every model has a primary-key test, every mart column is documented, model names follow their
layer, and data flows one way: no mart reads a source directly (marts read staging or
intermediate models), no intermediate model reads a mart, and a staging model reads only its own
source (its raw tables, the staging models of the same source and the mapping seeds), except for
the staging models a model names in its meta `reads_other_staging` (DECISIONLOG "Staging").
"""

from dbt_score import Model, RuleViolation, Seed, Source, rule

LAYER_PREFIXES = {
    "models/staging/": ("base_", "stg_", "quarantine_"),
    "models/intermediate/": ("int_",),
    "models/marts/": ("fct_", "dim_", "rpt_"),
}
KEY_TESTS = {"unique_combination", "unique_combination_of_columns"}
STAGING = "models/staging/"
MAPPING_SEEDS = "seeds/mappings/"
# meta key of a staging model: the other sources' staging models it may read (a documented lookup)
READS_OTHER_STAGING = "reads_other_staging"


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


@rule
def intermediate_reads_no_mart(model: Model) -> RuleViolation | None:
    """An intermediate model reads staging and intermediate models, never a mart."""
    if _layer(model) != "models/intermediate/":
        return None
    marts = sorted(
        parent.name
        for parent in model.parents
        if isinstance(parent, Model) and parent.original_file_path.startswith("models/marts/")
    )
    if marts:
        return RuleViolation(
            f"The intermediate model reads marts: {', '.join(marts)}. Read the intermediate "
            "models the mart is made of."
        )
    return None


@rule
def staging_reads_own_source(model: Model) -> RuleViolation | None:
    """A staging model reads only its own source: its raw tables (sources or demo seeds named
    `<source>_...`), staging models of the same source and mapping seeds; another source's
    staging model only where the model's meta `reads_other_staging` names it."""
    if _layer(model) != STAGING:
        return None
    own = model.original_file_path[len(STAGING) :].split("/", 1)[0]
    meta = model.meta or (model.config or {}).get("meta") or {}
    allowed = set(meta.get(READS_OTHER_STAGING) or [])
    foreign = []
    for parent in model.parents:
        if isinstance(parent, Source):
            ok = parent.source_name == own
        elif isinstance(parent, Seed):
            ok = parent.original_file_path.startswith(MAPPING_SEEDS) or parent.name.startswith(
                f"{own}_"
            )
        elif isinstance(parent, Model):
            ok = parent.original_file_path.startswith(f"{STAGING}{own}/") or parent.name in allowed
        else:
            ok = False
        if not ok:
            foreign.append(
                f"{parent.source_name}.{parent.name}" if isinstance(parent, Source) else parent.name
            )
    if foreign:
        return RuleViolation(
            f"The staging model of source {own} reads {', '.join(sorted(foreign))}. Staging "
            f"reads only its own source; a deliberate lookup is named in meta "
            f"{READS_OTHER_STAGING} and recorded in DECISIONLOG.md."
        )
    return None
