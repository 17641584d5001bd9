"""`kundenstamm check`: dbt source freshness, dbt tests and the great-expectations checkpoint,
one JSON summary, failures in plain words, a non-zero exit code when anything failed."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

from kundenstamm.project import run_dbt
from kundenstamm.quality.run import Failure, load_settings, run_quality_checks


def _dbt_target_dir(project: Path) -> Path:
    path = Path(os.environ.get("DBT_TARGET_PATH", "target"))
    return path if path.is_absolute() else project / path


def _freshness_failures(path: Path) -> tuple[list[Failure], list[str]]:
    if not path.exists():
        return [], []
    failures, warnings = [], []
    for result in json.loads(path.read_text(encoding="utf-8")).get("results", []):
        table = result.get("unique_id", "").removeprefix("source.kundenstamm.")
        status = result.get("status")
        age = result.get("max_loaded_at_time_ago_in_s")
        words = f"newest row loaded {age / 86400:.1f} days ago" if age else "no rows"
        if status in ("error", "runtime error"):
            failures.append(Failure(f"raw.{table}", "*", "source_freshness", words))
        elif status == "warn":
            warnings.append(f"raw.{table}: {words} (freshness warning)")
    return failures, warnings


def _test_failures(project: Path) -> list[Failure]:
    path = _dbt_target_dir(project) / "run_results.json"
    if not path.exists():
        return [Failure("*", "*", "dbt_test", "dbt test wrote no results")]
    failures = []
    for result in json.loads(path.read_text(encoding="utf-8")).get("results", []):
        if result.get("status") in ("fail", "error"):
            name = result["unique_id"].split(".")[-2] if "." in result["unique_id"] else ""
            message = result.get("message") or result.get("status")
            failures.append(Failure("*", "*", f"dbt_test:{name}", str(message)))
    return failures


def run_check(
    project: Path,
    database: Path,
    out_dir: Path,
    settings_path: Path | None = None,
    run_dbt_steps: bool = True,
    baseline: Path | None = None,
    say=print,
) -> int:
    settings = load_settings(settings_path)
    out_dir.mkdir(parents=True, exist_ok=True)
    summary_path = out_dir / "summary.json"
    history = baseline or summary_path
    previous = {}
    if history.exists():
        previous = json.loads(history.read_text(encoding="utf-8")).get("row_counts", {})
    failures: list[Failure] = []
    warnings: list[str] = []
    steps: dict[str, str] = {}
    if run_dbt_steps:
        freshness_file = out_dir / "sources.json"
        freshness_file.unlink(missing_ok=True)
        code = run_dbt(project, ["source", "freshness", "-o", str(freshness_file)], check=False)
        fresh_failures, fresh_warnings = _freshness_failures(freshness_file)
        failures += fresh_failures
        warnings += fresh_warnings
        if code != 0 and not fresh_failures:
            failures.append(Failure("*", "*", "source_freshness", f"dbt exited with {code}"))
        steps["dbt_source_freshness"] = "ok" if code == 0 else "failed"
        code = run_dbt(project, ["test"], check=False)
        test_failures = _test_failures(project) if code != 0 else []
        if code != 0 and not test_failures:
            test_failures = [Failure("*", "*", "dbt_test", f"dbt test exited with {code}")]
        failures += test_failures
        steps["dbt_test"] = "ok" if code == 0 else "failed"
    result = run_quality_checks(database, project, out_dir, settings, previous)
    failures += result.failures
    steps["great_expectations"] = "ok" if result.success else "failed"
    summary = {
        "checked_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": database.name,
        "success": not failures,
        "steps": steps,
        "warnings": warnings,
        "failures": [failure.__dict__ for failure in failures],
        "great_expectations": result.to_dict(),
        "row_counts": result.row_counts,
        "settings": settings,
    }
    summary_path.write_text(json.dumps(summary, indent=2, default=str) + "\n", encoding="utf-8")
    for warning in warnings:
        say(f"warning: {warning}")
    say(
        f"{result.checks} great-expectations checks in {result.seconds['total']:.1f} s; "
        f"Data Docs: {result.data_docs}; summary: {summary_path}"
    )
    if failures:
        say(f"{len(failures)} check(s) failed:")
        for failure in failures:
            say(f"  FAIL {failure.table} [{failure.column}] {failure.rule}: {failure.message}")
        return 1
    say("all checks passed")
    return 0
