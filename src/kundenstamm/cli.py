"""The `kundenstamm` command line: what each command does (the options are in cli_parser)."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kundenstamm import cli_parser, files, incremental
from kundenstamm.metrics import MetricsError
from kundenstamm.presets import PresetError
from kundenstamm.project import (
    DbtFailedError,
    ProjectNotFoundError,
    StepFailedError,
    find_project_dir,
    run_dbt,
)
from kundenstamm.raw_contract import load_contract
from kundenstamm.report.pseudonyms import KEY_FILE, KEY_VARIABLE
from kundenstamm.report.render import ReportError
from kundenstamm.serving import PublishError
from kundenstamm.validate import RawFileError, validate_raw_dir


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def cmd_generate(args: argparse.Namespace) -> int:
    from kundenstamm.generate import generate_dataset

    started = time.perf_counter()
    generate_dataset(
        out_dir=Path(args.out),
        customers=args.customers,
        seed=args.seed,
        fmt=args.format,
        start_date=args.start_date,
        end_date=args.end_date,
        dirty_rate=args.dirty_rate,
        progress=_say,
    )
    _say(
        f"done: {args.customers:,} customers in {time.perf_counter() - started:.1f}s -> {args.out}"
    )
    return 0


def cmd_validate_raw(args: argparse.Namespace) -> int:
    project = find_project_dir(args.project_dir)
    report = validate_raw_dir(Path(args.folder), load_contract(project), args.format)
    for warning in report.warnings:
        _say(f"warning: {warning}")
    for note in report.notes():
        _say(f"note: {note}")
    for name, rows in report.files.items():
        print(f"{name}: {rows:,} rows ok")
    return 0


def write_seed_properties(folder: Path, project: Path) -> Path:
    """Write the seeds YAML that loads every demo column as text, like any raw delivery."""
    import yaml

    contract = load_contract(project)
    seeds = []
    for identifier, table in sorted(contract.items()):
        seeds.append(
            {
                "name": identifier,
                "description": f"Demo data for source table `{table.source}.{table.name}` "
                f"(made by `kundenstamm demo-seeds`).",
                "config": {"column_types": {column: "string" for column in table.columns}},
            }
        )
    path = folder / "_demo__seeds.yml"
    header = (
        "# Written by `kundenstamm demo-seeds` from the sources YAML: every raw column is\n"
        "# loaded as text; staging casts, validates and quarantines.\n"
    )
    path.write_text(
        header + yaml.safe_dump({"version": 2, "seeds": seeds}, sort_keys=False, width=100),
        encoding="utf-8",
    )
    return path


def cmd_demo_seeds(args: argparse.Namespace) -> int:
    from kundenstamm.generate import generate_dataset

    project = find_project_dir(args.project_dir)
    contract = load_contract(project)
    target = project / "seeds" / "demo"
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        generate_dataset(
            out_dir=Path(tmp), customers=args.customers, seed=args.seed, fmt="csv", progress=_say
        )
        for identifier in contract:
            shutil.copyfile(Path(tmp) / f"{identifier}.csv", target / f"{identifier}.csv")
        shutil.copyfile(Path(tmp) / "metadata.json", target / "metadata.json")
    write_seed_properties(target, project)
    _say(f"demo seeds written to {target}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    project = find_project_dir(args.project_dir)
    contract = load_contract(project)
    args.target = args.target or os.environ.get("KUNDENSTAMM_TARGET", "duckdb")
    exclusions = list(args.exclude or [])
    if args.raw_path:
        raw = Path(args.raw_path).resolve()
        report = validate_raw_dir(raw, contract, args.format)
        os.environ["KUNDENSTAMM_RAW_PATH"] = str(raw)
        os.environ["KUNDENSTAMM_RAW_FORMAT"] = args.format
        exclusions.append("path:seeds/demo")
    else:
        report = validate_raw_dir(project / "seeds" / "demo", contract, "csv")
    for warning in report.warnings:
        _say(f"warning: {warning}")
    for note in report.notes():
        _say(f"note: {note}")
    _say(f"raw files ok: {sum(report.files.values()):,} rows in {len(report.files)} files")
    extra = ["--vars", args.vars] if args.vars else []
    state_file = _incremental_state_file(project, args.target)
    state = incremental.BuildState(
        incremental.fingerprint(project, args.vars, args.raw_path, args.format, args.target),
        incremental.as_of_date(project, args.vars),
    )
    reason = "--full-refresh given" if args.full_refresh else None
    reason = reason or incremental.full_refresh_reason(state_file, state)
    if reason:
        _say(f"full build: {reason}")
        extra.append("--full-refresh")
    else:
        _say("incremental build: the incremental models rebuild only the months that changed")
    incremental.forget_state(state_file)
    # with a selection, only the tests whose parents are all selected (a test of an unselected
    # mart would fail)
    selection = (
        ["--select", *args.select, "--indirect-selection", "cautious"] if args.select else []
    )

    def excluding(*more: str) -> list[str]:
        return ["--exclude", *exclusions, *more] if exclusions or more else []

    if args.target == "spark":
        # dbt-spark's session method cannot run dbt Python models: build what the Python steps
        # need, run them here, then build what depends on their output.
        from kundenstamm.python_steps import run_spark_steps_in_child

        with files.private_umask():  # the Spark warehouse holds personal data too
            options = [*selection, *excluding("source:python_steps+"), *extra]
            run_dbt(project, ["build", *options], target="spark")
            after = _after_python_steps(project, args.select)
            if after:
                run_spark_steps_in_child(project, args.vars)
                run_dbt(project, ["build", *after, *excluding(), *extra], target="spark")
    else:
        refresh = [*excluding(), *extra, "--select", *incremental.INCREMENTAL_SELECTION]
        refresh += [] if reason else ["--full-refresh"]
        _build_and_publish(
            project, args, [*selection, *excluding(), *extra], None if reason else refresh
        )
    incremental.record_state(state_file, state)
    return 0


def _after_python_steps(project: Path, select: list[str] | None) -> list[str]:
    """The dbt selection of what reads the Python steps' output on Spark: everything, or with a
    selection, the part of it that does (empty: the steps need not run)."""
    if not select:
        return ["--select", "source:python_steps+"]
    import subprocess
    import sys

    from kundenstamm.project import dbt_env

    terms = [f"source:python_steps+,{term}" for term in select]
    dbt = Path(sys.executable).with_name("dbt")
    command = [str(dbt), "ls", "--select", *terms, "--resource-type", "model"]
    listed = subprocess.run(
        [*command, "--output", "name", "--quiet"],
        cwd=project,
        env=dbt_env(project, "spark"),
        capture_output=True,
        text=True,
        check=True,
    )
    if not listed.stdout.strip():
        _say("python steps: nothing selected reads them, skipped")
        return []
    return ["--select", *terms, "--indirect-selection", "cautious"]


def _incremental_state_file(project: Path, target: str) -> Path:
    """Where the last successful build's fingerprint is kept: beside what the target writes."""
    if target == "spark":
        from kundenstamm.spark import spark_conf

        warehouse = Path(spark_conf(project)["spark.sql.warehouse.dir"])
        warehouse = warehouse if warehouse.is_absolute() else project / warehouse
        return warehouse / "kundenstamm-incremental.json"
    from kundenstamm.serving import build_path, serving_path

    build = build_path(serving_path(project))
    return build.with_name(build.name + ".incremental.json")


def _build_and_publish(
    project: Path, args: argparse.Namespace, options: list[str], refresh: list[str] | None = None
) -> None:
    """dbt build into the build database; publish it only when everything passed. An incremental
    build (`refresh`: the dbt options that rebuild the incremental models from scratch) is
    followed by that rebuild when identity resolution moved a record to another customer."""
    from kundenstamm.serving import (
        PublishError,
        current_version,
        prepare_build,
        publish,
        secure_build,
        serving_path,
    )

    serving = serving_path(project)
    build = prepare_build(serving, _say)
    os.environ["KUNDENSTAMM_BUILD_PATH"] = str(build)
    results = project / os.environ.get("DBT_TARGET_PATH", "target") / "run_results.json"
    results.unlink(missing_ok=True)
    try:
        with files.private_umask():
            if refresh:
                incremental.keep_identities(build)
            run_dbt(project, ["build", *options], target=args.target)
            moved = incremental.moved_records(build) if refresh else 0
            if moved:
                _say(
                    f"{moved:,} records now belong to another customer (identity resolution): "
                    "the incremental models are rebuilt from scratch"
                )
                first = json.loads(results.read_text(encoding="utf-8"))
                run_dbt(project, ["build", *refresh], target=args.target)
                _merge_results(results, first)
    except DbtFailedError as error:
        secure_build(build)
        current = current_version(serving)
        still = (
            f"{serving} still serves version {current.version_id}"
            if current
            else f"nothing is served at {serving} yet"
        )
        raise PublishError(f"{error} Nothing was published: {still}.") from error
    secure_build(build)
    publish(
        project,
        serving,
        run_results=results,
        keep=args.keep,
        parquet=args.parquet,
        raw_data_location=str(Path(args.raw_path).resolve()) if args.raw_path else None,
        say=_say,
    )


def _merge_results(results: Path, first: dict) -> None:
    """One run_results.json for a build made of two dbt commands: the second one's results, and
    the first one's for the nodes the second did not run."""
    second = json.loads(results.read_text(encoding="utf-8"))
    rerun = {result["unique_id"] for result in second["results"]}
    second["results"] = [
        *(result for result in first["results"] if result["unique_id"] not in rerun),
        *second["results"],
    ]
    results.write_text(json.dumps(second), encoding="utf-8")


def cmd_publish(args: argparse.Namespace) -> int:
    """Publish the build database (after `dbt build`), or go back one version."""
    from kundenstamm.serving import publish, rollback, serving_path

    project = find_project_dir(args.project_dir)
    serving = serving_path(project, args.database)
    if args.rollback:
        rollback(serving, say=_say)
    else:
        publish(
            project,
            serving,
            keep=args.keep,
            parquet=args.parquet,
            raw_data_location=os.environ.get("KUNDENSTAMM_RAW_PATH") or None,
            say=_say,
        )
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    """The main job: build the warehouse (demo data unless --raw-path), print a summary and
    render the reports in German and English into reports/out/<lang>."""
    cmd_build(args)
    project = find_project_dir(args.project_dir)
    from kundenstamm.summary import print_summary

    print_summary(project)
    if args.target != "duckdb":
        _say("reports are rendered from the DuckDB warehouse; skipped for the Spark target")
        return 0
    from kundenstamm.report import render_report

    for lang in ("de", "en"):
        out = project / "reports" / "out" / lang
        result = render_report(_database(project, None), out, lang)
        _say(f"report ({lang}): {len(result.pages)} pages in {result.seconds:.1f} s -> {out}")
    return 0


@contextmanager
def _without_pyspark() -> Iterator[None]:
    """Within: `import pyspark` fails as if the spark extra were not installed. great-expectations
    imports pyspark whenever it can (seconds of start-up and pyspark's warnings about pandas);
    `check` reads DuckDB through GX's SQL data source and never needs it. dbt runs in its own
    processes, which are not affected."""
    if "pyspark" in sys.modules:
        yield
        return
    sys.modules["pyspark"] = None  # type: ignore[assignment]  # import raises ImportError
    try:
        yield
    finally:
        if "pyspark" in sys.modules and sys.modules["pyspark"] is None:
            del sys.modules["pyspark"]


def cmd_check(args: argparse.Namespace) -> int:
    """Data-quality checks: dbt source freshness, dbt tests, the great-expectations checkpoint."""
    with _without_pyspark():
        return _check(args)


def _check(args: argparse.Namespace) -> int:
    from kundenstamm.quality.command import run_check

    project = find_project_dir(args.project_dir)
    out = Path(args.out) if args.out else project / "warehouse" / "quality"
    if args.raw_path:
        # dbt reads the sources where the warehouse was built from (as `build --raw-path` does)
        os.environ["KUNDENSTAMM_RAW_PATH"] = str(Path(args.raw_path).resolve())
        os.environ["KUNDENSTAMM_RAW_FORMAT"] = args.format
    return run_check(
        project,
        _database(project, args.database),
        out,
        settings_path=Path(args.settings) if args.settings else None,
        run_dbt_steps=not args.skip_dbt,
        baseline=Path(args.baseline) if args.baseline else None,
        dbt_vars=args.vars,
        say=_say,
    )


def _database(project: Path, given: str | None) -> Path:
    """The DuckDB warehouse readers read: --database, else KUNDENSTAMM_DUCKDB_PATH, else the
    default serving file."""
    from kundenstamm.serving import serving_path

    return serving_path(project, given)


def cmd_report(args: argparse.Namespace) -> int:
    """Render the HTML report set from the marts."""
    from kundenstamm.report import render_report

    project = find_project_dir(args.project_dir)
    result = render_report(
        _database(project, args.database),
        Path(args.out),
        args.lang,
        as_of=args.as_of,
        pseudonymize=args.pseudonymize,
        max_rows=args.max_rows,
        csv_dialect=args.csv_dialect,
    )
    _say(
        f"report ({args.lang}): {len(result.pages)} pages and {len(result.csv_files)} CSV files "
        f"in {result.seconds:.1f} s -> {args.out}/index.html"
    )
    if args.pseudonymize and not os.environ.get(KEY_VARIABLE, "").strip():
        key_file = _database(project, args.database).resolve().parent / KEY_FILE
        _say(f"pseudonym key: {key_file} (keep it secret; set {KEY_VARIABLE} to use your own)")
    return 0


def cmd_compare_engines(args: argparse.Namespace) -> int:
    """Compare every table of a schema between the DuckDB and the Spark warehouse."""
    from kundenstamm.equivalence import compare_schemas, primary_keys, read_duckdb_schema

    project = find_project_dir(args.project_dir)
    manifest = project / os.environ.get("DBT_TARGET_PATH", "target") / "manifest.json"
    if not manifest.exists():
        raise ProjectNotFoundError(
            f"{manifest} is missing: run `dbt parse` (or a build) first; the primary keys of the "
            "marts are read from it."
        )
    if args.spark_warehouse:
        os.environ["KUNDENSTAMM_SPARK_WAREHOUSE"] = str(Path(args.spark_warehouse).resolve())
    from kundenstamm.spark import read_schema_in_child

    left = read_duckdb_schema(_database(project, args.database), args.schema)
    right = read_schema_in_child(project, args.schema)
    comparison = compare_schemas(left, right, primary_keys(manifest, args.schema))
    print(comparison.format())
    return 0 if comparison.equal else 1


def _names(text: str | None) -> list[str]:
    return [name.strip() for name in (text or "").split(",") if name.strip()]


def cmd_metrics(args: argparse.Namespace) -> int:
    """List or query the semantic layer's metrics (MetricFlow) on the serving file."""
    import csv

    from kundenstamm.metrics import SemanticLayer, format_table

    project = find_project_dir(args.project_dir)
    with SemanticLayer(project, _database(project, args.database)) as layer:
        if args.action == "list":
            if args.dimensions:
                for name in layer.dimensions(_names(args.dimensions)):
                    print(name)
                return 0
            for metric in layer.metrics():
                print(f"{metric.name:<28} {metric.kind:<8} {metric.description}")
            print()
            for saved in layer.saved_queries():
                group_by = ", ".join(saved.group_by) or "-"
                print(f"saved query {saved.name}: {', '.join(saved.metrics)} by {group_by}")
            return 0
        result = layer.query(
            metrics=_names(args.metrics),
            group_by=_names(args.group_by),
            saved_query=args.saved_query,
            where=args.where or [],
            order_by=_names(args.order_by),
            limit=args.limit,
        )
        if args.sql:
            print(result.sql)
        elif args.csv:
            writer = csv.writer(sys.stdout, lineterminator="\n")
            writer.writerow(result.columns)
            writer.writerows(result.rows)
        else:
            print(format_table(result))
    return 0


def build_parser() -> argparse.ArgumentParser:
    return cli_parser.build_parser(
        {
            "run": cmd_run,
            "build": cmd_build,
            "publish": cmd_publish,
            "check": cmd_check,
            "report": cmd_report,
            "metrics": cmd_metrics,
            "compare-engines": cmd_compare_engines,
            "validate-raw": cmd_validate_raw,
            "generate": cmd_generate,
            "demo-seeds": cmd_demo_seeds,
        }
    )


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        files.file_mode()
    except ValueError as error:
        _say(f"error: {error}")
        return 2
    try:
        return args.func(args)
    except (
        RawFileError,
        PresetError,
        ProjectNotFoundError,
        DbtFailedError,
        StepFailedError,
        ReportError,
        PublishError,
        MetricsError,
    ) as error:
        _say(f"error: {error}")
        return 2


if __name__ == "__main__":
    sys.exit(main())
