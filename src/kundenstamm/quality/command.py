"""`kundenstamm check`: dbt source freshness, dbt tests and the great-expectations checkpoint,
one JSON summary, failures in plain words, a non-zero exit code when anything failed.

The path is one way: the build's vars are read from the warehouse (`build_info`), the suites are
built once from the project with them (`expectations.build_suites`), and the checkpoint runs
them on the warehouse (`checkpoint.run_checkpoint`), which never reads the project.

dbt's own results (`sources.json`, `run_results.json`) are explained with the manifest, so a
failed dbt test names its table, column and rule just like a failed expectation.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable, Collection, Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from kundenstamm.project import project_vars, run_dbt
from kundenstamm.quality.build_info import (
    build_vars_text,
    raw_source_env,
    read_build_info,
    read_rfm_ranges,
)
from kundenstamm.quality.checkpoint import run_checkpoint
from kundenstamm.quality.expectations import SUITES_VERSION, build_suites
from kundenstamm.quality.failures import Failure, QualityResult
from kundenstamm.quality.settings import load_settings


def _dbt_target_dir(project: Path) -> Path:
    path = Path(os.environ.get("DBT_TARGET_PATH", "target"))
    return path if path.is_absolute() else project / path


def _read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _relation(manifest: dict, unique_id: str | None) -> str:
    """`schema.table` of a model, seed or source in the manifest (else the id's last part)."""
    if not unique_id:
        return "*"
    node = manifest.get("nodes", {}).get(unique_id) or manifest.get("sources", {}).get(unique_id)
    if not node:
        return unique_id.split(".")[-1]
    return f"{node.get('schema')}.{node.get('identifier') or node.get('alias') or node['name']}"


def freshness_failures(path: Path, manifest: dict) -> tuple[list[Failure], list[str]]:
    """Failures (error_after passed) and warnings (warn_after passed) of `dbt source freshness`."""
    failures, warnings = [], []
    for result in _read_json(path).get("results", []):
        status = result.get("status")
        if status not in ("error", "runtime error", "warn"):
            continue
        unique_id = result.get("unique_id", "")
        source = manifest.get("sources", {}).get(unique_id, {})
        column = re.search(r"cast\((\w+)", source.get("loaded_at_field") or "")
        criteria = result.get("criteria") or {}
        limit = criteria.get("warn_after" if status == "warn" else "error_after") or {}
        age = result.get("max_loaded_at_time_ago_in_s")
        words = (
            f"the newest row is {age / 86400:.1f} days older than the as-of date, "
            f"allowed {limit.get('count')} {limit.get('period')}(s)"
            if age is not None and limit
            else result.get("message") or "freshness could not be measured"
        )
        table = _relation(manifest, unique_id)
        if status == "warn":
            warnings.append(f"{table}: {words} (freshness warning)")
        else:
            failures.append(
                Failure(table, column.group(1) if column else "*", "source_freshness", words)
            )
    return failures, warnings


def _explain_test(result: dict, manifest: dict) -> Failure:
    unique_id = result["unique_id"]
    if unique_id.startswith("unit_test."):
        unit = manifest.get("unit_tests", {}).get(unique_id, {})
        model = f"model.{unit.get('package_name')}.{unit.get('model')}"
        words = (result.get("message") or "").splitlines()
        return Failure(
            _relation(manifest, model),
            "*",
            f"unit_test:{unit.get('name', unique_id.split('.')[-1])}",
            " ".join(words[:3]) or "the model's output differs from the expected rows",
        )
    node = manifest.get("nodes", {}).get(unique_id, {})
    metadata = node.get("test_metadata") or {}
    parents = node.get("depends_on", {}).get("nodes", [])
    table = _relation(manifest, node.get("attached_node")) if node.get("attached_node") else ""
    table = table or ", ".join(_relation(manifest, p) for p in parents) or "*"
    details = {
        k: v for k, v in (metadata.get("kwargs") or {}).items() if k not in ("model", "column_name")
    }
    rule = metadata.get("name") or node.get("name") or unique_id.split(".")[-1]
    if result.get("status") == "error":
        message = f"the test could not run: {(result.get('message') or '').strip()[:300]}"
    else:
        message = f"{result.get('failures')} rows break the rule (expected 0)"
    if details:
        message += " — " + ", ".join(f"{key}: {value}" for key, value in details.items())
    return Failure(table, node.get("column_name") or "*", rule, message)


def test_failures(path: Path, manifest: dict) -> list[Failure]:
    """The failed and erroring dbt data and unit tests of `run_results.json`, explained."""
    results = _read_json(path).get("results")
    if results is None:
        return [Failure("*", "*", "dbt_test", "dbt test wrote no results")]
    return [_explain_test(r, manifest) for r in results if r.get("status") in ("fail", "error")]


def baseline_counts(history: Path) -> dict[str, int]:
    """Row counts to compare this run with: those of the previous run when it passed, else the
    baseline that run used (a failed load, e.g. a duplicated one, never becomes the baseline)."""
    previous = _read_json(history)
    if not previous:
        return {}
    if previous.get("success", True):
        return previous.get("row_counts", {})
    return previous.get("baseline_row_counts") or {}


def dbt_checks(
    project: Path,
    database: Path,
    out_dir: Path,
    dbt_vars: str | None = None,
    test_args: Sequence[str] = (),
    raw_env: dict[str, str] | None = None,
) -> tuple[list[Failure], list[str], dict[str, str]]:
    """`dbt source freshness` and `dbt test` (with `test_args`, e.g. a selection) on `database`
    with the build's `dbt_vars` and raw files (`raw_env`: KUNDENSTAMM_RAW_PATH and _FORMAT);
    their failures explained, the warnings, the state of each step."""
    from kundenstamm.serving import build_path

    # dbt writes to the database it tests (run state, temporary objects): the build database of
    # a published warehouse, never the file readers read; an unpublished file is tested itself
    build = build_path(database.resolve())
    env = {
        "KUNDENSTAMM_DUCKDB_PATH": str(database.resolve()),
        "KUNDENSTAMM_BUILD_PATH": str(build if build.exists() else database.resolve()),
        "KUNDENSTAMM_TARGET": "duckdb",
        **(raw_env or {}),
    }
    extra = ["--vars", dbt_vars] if dbt_vars else []
    target = _dbt_target_dir(project)
    (target / "sources.json").unlink(missing_ok=True)
    code = run_dbt(project, ["source", "freshness", *extra], check=False, env=env)
    freshness_file = out_dir / "sources.json"
    freshness_file.unlink(missing_ok=True)
    if (target / "sources.json").exists():
        shutil.copyfile(target / "sources.json", freshness_file)
    manifest = _read_json(target / "manifest.json")
    failures, warnings = freshness_failures(freshness_file, manifest)
    if code != 0 and not failures:
        failures.append(Failure("*", "*", "source_freshness", f"dbt exited with {code}"))
    steps = {"dbt_source_freshness": "ok" if code == 0 else "failed"}
    code = run_dbt(project, ["test", *extra, *test_args], check=False, env=env)
    manifest = _read_json(target / "manifest.json")
    tests = test_failures(target / "run_results.json", manifest)
    if code != 0 and not tests:
        tests = [Failure("*", "*", "dbt_test", f"dbt test exited with {code}")]
    steps["dbt_test"] = "ok" if code == 0 else "failed"
    return failures + tests, warnings, steps


def run_quality_checks(
    database: Path,
    project: Path,
    out_dir: Path,
    settings: dict,
    previous_counts: dict[str, int] | None = None,
    today: date | None = None,
    only: Collection[str] | None = None,
    dbt_vars: dict | None = None,
) -> QualityResult:
    """The great-expectations part of the check: the suites of `project` for a build with
    `dbt_vars` (default: the vars `database` recorded) and the RFM ranges of its settings model,
    run on `database` (or on the tables named in `only`); the failures in plain words."""
    if dbt_vars is None:
        dbt_vars = project_vars(project, build_vars_text(read_build_info(database), None))
    suites = build_suites(project, settings, dbt_vars, read_rfm_ranges(database))
    return run_checkpoint(database, suites, out_dir, previous_counts, today, only)


def run_check(
    project: Path,
    database: Path,
    out_dir: Path,
    settings_path: Path | None = None,
    run_dbt_steps: bool = True,
    baseline: Path | None = None,
    dbt_vars: str | None = None,
    say: Callable[[str], None] = print,
) -> int:
    """Run every check, write `summary.json` and the Data Docs to `out_dir`, print the failures;
    return 1 when anything failed, else 0.

    Without `dbt_vars` the check uses the `--vars` the build recorded, and without a raw path in
    the environment (`check --raw-path`) the raw folder the build recorded, so dbt reads the
    sources the warehouse was built from and the suites expect the ranges of its settings."""
    settings = load_settings(settings_path)
    # read before dbt runs: dbt's own run hooks rewrite the build state of an unpublished file
    build = read_build_info(database)
    # only dbt reads the raw sources; the checkpoint reads the warehouse
    raw_env, warnings = raw_source_env(build, dict(os.environ)) if run_dbt_steps else ({}, [])
    dbt_vars = build_vars_text(build, dbt_vars)
    out_dir.mkdir(parents=True, exist_ok=True)
    summary_path = out_dir / "summary.json"
    previous = (
        _read_json(baseline).get("row_counts", {}) if baseline else baseline_counts(summary_path)
    )
    failures: list[Failure] = []
    steps: dict[str, str] = {}
    if run_dbt_steps:
        failures, dbt_warnings, steps = dbt_checks(
            project, database, out_dir, dbt_vars, raw_env=raw_env
        )
        warnings += dbt_warnings
    result = run_quality_checks(
        database, project, out_dir, settings, previous, dbt_vars=project_vars(project, dbt_vars)
    )
    failures += result.failures
    steps["great_expectations"] = "ok" if result.success else "failed"
    summary = {
        "checked_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": database.name,
        "suites_version": SUITES_VERSION,
        "success": not failures,
        "steps": steps,
        "warnings": warnings,
        "failures": [failure.__dict__ for failure in failures],
        "great_expectations": result.to_dict(),
        "row_counts": result.row_counts,
        "baseline_row_counts": previous,
        "settings": settings,
        "build": {
            "recorded_in": build.recorded_in,
            "raw_data_path": raw_env.get("KUNDENSTAMM_RAW_PATH")
            or os.environ.get("KUNDENSTAMM_RAW_PATH")
            or build.raw_data_path,
            "dbt_vars": dbt_vars,
        },
    }
    summary_path.write_text(json.dumps(summary, indent=2, default=str) + "\n", encoding="utf-8")
    _report(say, warnings, failures, result, summary_path)
    return 1 if failures else 0


def _report(say, warnings: list[str], failures: list[Failure], result, summary: Path) -> None:
    for warning in warnings:
        say(f"warning: {warning}")
    say(
        f"{result.checks} great-expectations checks in {result.seconds['total']:.1f} s; "
        f"Data Docs: {result.data_docs}; summary: {summary}"
    )
    if not failures:
        say("all checks passed")
        return
    say(f"{len(failures)} check(s) failed:")
    for failure in failures:
        say(f"  FAIL {failure.table} [{failure.column}] {failure.rule}: {failure.message}")
