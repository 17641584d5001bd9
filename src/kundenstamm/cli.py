"""The `kundenstamm` command line: generate data, validate raw files, build the warehouse."""

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
from datetime import date
from pathlib import Path

from kundenstamm import files, incremental
from kundenstamm.metrics import MetricsError
from kundenstamm.presets import PresetError
from kundenstamm.presets.command import add_parser as add_import_parser
from kundenstamm.project import (
    DbtFailedError,
    ProjectNotFoundError,
    StepFailedError,
    find_project_dir,
    run_dbt,
)
from kundenstamm.raw_contract import load_contract
from kundenstamm.report.exports import DIALECTS
from kundenstamm.report.pseudonyms import KEY_FILE, KEY_VARIABLE
from kundenstamm.report.render import ReportError
from kundenstamm.serving import PublishError
from kundenstamm.validate import RawFileError, validate_raw_dir

DEMO_CUSTOMERS = 2000
DEMO_SEED = 42


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


def _date(text: str) -> date:
    return date.fromisoformat(text)


# Help texts end in "(default: …)" (or "(required)"); tests/python/test_readme.py holds every
# option to that and the README's command table to these texts.
OFF = "(default: off)"
DUCKDB_FILE = "(default: KUNDENSTAMM_DUCKDB_PATH, else warehouse/kundenstamm.duckdb)"


def _command(
    commands: argparse._SubParsersAction, name: str, summary: str, description: str
) -> argparse.ArgumentParser:
    """A subcommand: `summary` is its line in `kundenstamm --help`, `description` opens
    `kundenstamm NAME --help`."""
    return commands.add_parser(
        name, help=summary, description=f"{summary[0].upper()}{summary[1:]}. {description}"
    )


def _add_database_option(command: argparse.ArgumentParser, what: str) -> None:
    command.add_argument("--database", default=None, metavar="FILE", help=f"{what} {DUCKDB_FILE}")


def _add_format_option(command: argparse.ArgumentParser, what: str = "file format") -> None:
    command.add_argument(
        "--format",
        choices=["csv", "parquet"],
        default="parquet",
        help=f"{what} (default: %(default)s)",
    )


def _add_raw_options(command: argparse.ArgumentParser, what: str) -> None:
    command.add_argument("--raw-path", default=None, metavar="DIR", help=what)
    _add_format_option(command, "file format of --raw-path")


def _add_dataset_options(command: argparse.ArgumentParser, customers: int | None) -> None:
    """--customers (required without a default) and --seed of a generated dataset."""
    command.add_argument(
        "--customers",
        type=int,
        default=customers,
        required=customers is None,
        metavar="N",
        help="customers (required)" if customers is None else "customers (default: %(default)s)",
    )
    command.add_argument(
        "--seed",
        type=int,
        default=DEMO_SEED,
        metavar="S",
        help="random seed (default: %(default)s)",
    )


def _add_publish_options(command: argparse.ArgumentParser) -> None:
    from kundenstamm.serving import DEFAULT_KEEP

    command.add_argument(
        "--keep",
        type=int,
        default=DEFAULT_KEEP,
        metavar="N",
        help="published versions to keep (default: %(default)s)",
    )
    command.add_argument(
        "--parquet",
        action="store_true",
        help=f"also publish every mart as Parquet in parquet/current/ beside the serving file {OFF}",
    )


def _add_build_options(command: argparse.ArgumentParser) -> None:
    _add_publish_options(command)
    command.add_argument(
        "--select",
        nargs="+",
        default=None,
        metavar="SEL",
        help="dbt selection, with the tests whose parents are all selected (default: everything)",
    )
    command.add_argument(
        "--exclude",
        nargs="+",
        default=None,
        metavar="SEL",
        help="dbt exclusion, e.g. test_type:data (default: nothing)",
    )
    command.add_argument(
        "--target",
        choices=["duckdb", "spark"],
        default=None,
        help="dbt target (default: KUNDENSTAMM_TARGET, else duckdb)",
    )
    _add_raw_options(command, "folder of external raw files (default: the demo seeds)")
    command.add_argument(
        "--vars",
        default=None,
        metavar="YAML",
        help="dbt vars, e.g. '{as_of_date: 2024-12-31}' (default: those of dbt_project.yml)",
    )
    command.add_argument(
        "--full-refresh",
        action="store_true",
        help="rebuild the incremental models from scratch (default: off; the build does so by "
        "itself when it cannot continue the last one: another project version, other settings "
        "or raw folder, an earlier as-of date, or no finished build)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kundenstamm",
        description="Kundenstamm, the customer-base analytics warehouse: make or import raw "
        "data, build the warehouse with dbt on DuckDB or Spark, publish it, check its data "
        "quality, render the reports and query its metrics.",
        epilog="`kundenstamm COMMAND --help` lists a command's options with their defaults.",
    )
    parser.add_argument(
        "--project-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="dbt project folder (default: the folder with dbt_project.yml at or above the "
        "current one, else the checkout the package was installed from)",
    )
    commands = parser.add_subparsers(
        dest="command", required=True, title="commands", metavar="COMMAND"
    )
    _add_build_commands(commands)
    _add_reader_commands(commands)
    _add_data_commands(commands)
    return parser


def _add_build_commands(commands: argparse._SubParsersAction) -> None:
    run = _command(
        commands,
        "run",
        "the main job: validate raw files, dbt build into the build database, publish it if "
        "every test passed, print a summary, render the reports (de, en) into reports/out/",
        "The build is `kundenstamm build`; on Spark nothing is published and no report rendered "
        "(the reports read the DuckDB serving file).",
    )
    _add_build_options(run)
    run.set_defaults(func=cmd_run)

    build = _command(
        commands,
        "build",
        "validate raw files, dbt build into the build database, publish it if every test passed",
        "Incremental unless the last build cannot be continued (it says why) or --full-refresh "
        "is given. On Spark the Python steps run between two dbt builds and nothing is "
        "published (dbt replaces the Spark tables in place).",
    )
    _add_build_options(build)
    build.set_defaults(func=cmd_build)

    publish = _command(
        commands,
        "publish",
        "make the build database the serving file BI tools read (after dbt build), or serve the "
        "previous version again",
        "Refuses a build database whose last dbt command did not finish or whose results do not "
        "match it.",
    )
    _add_publish_options(publish)
    publish.add_argument(
        "--rollback", action="store_true", help=f"serve the version before the current one {OFF}"
    )
    _add_database_option(publish, "serving file")
    publish.set_defaults(func=cmd_publish)

    check = _command(
        commands,
        "check",
        "data-quality checks: dbt source freshness, dbt tests, the great-expectations checkpoint",
        "Writes summary.json and the Data Docs, prints each failure as one line naming table, "
        "column and rule; exit code 1 when any check fails. dbt reads the sources and vars the "
        "build recorded unless --raw-path or --vars say otherwise.",
    )
    check.add_argument(
        "--settings",
        default=None,
        metavar="FILE",
        help="YAML with the quality settings to change (default: src/kundenstamm/quality/"
        "settings.yml as it is)",
    )
    check.add_argument(
        "--out",
        default=None,
        metavar="DIR",
        help="folder of the summary and the Data Docs (default: warehouse/quality)",
    )
    check.add_argument(
        "--baseline",
        default=None,
        metavar="FILE",
        help="summary.json of an earlier run to compare row counts with (default: the last "
        "passing run's in --out)",
    )
    check.add_argument(
        "--skip-dbt", action="store_true", help=f"only the great-expectations checkpoint {OFF}"
    )
    _add_raw_options(
        check,
        "folder of external raw files the warehouse was built from (default: the one the build "
        "recorded, else the demo seeds)",
    )
    check.add_argument(
        "--vars",
        default=None,
        metavar="YAML",
        help="dbt vars of the build, e.g. \"{as_of_date: '2025-06-30'}\" (default: those the "
        "build recorded)",
    )
    _add_database_option(check, "DuckDB file to check")
    check.set_defaults(func=cmd_check)


def _add_reader_commands(commands: argparse._SubParsersAction) -> None:
    report = _command(
        commands,
        "report",
        "render the HTML reports from the marts",
        "Self-contained pages (no request leaves them) and the full lists as CSV files in csv/ "
        "beside them.",
    )
    report.add_argument("--out", required=True, metavar="DIR", help="output folder (required)")
    report.add_argument(
        "--lang", choices=["de", "en"], default="de", help="page language (default: %(default)s)"
    )
    report.add_argument(
        "--as-of",
        type=_date,
        default=None,
        metavar="DATE",
        help="month of the headline KPIs and end of the trends, YYYY-MM-DD (default: the "
        "warehouse's as-of date)",
    )
    report.add_argument(
        "--pseudonymize",
        action="store_true",
        help=f"replace names, e-mail addresses and phone numbers with stable pseudonyms {OFF}",
    )
    report.add_argument(
        "--max-rows",
        type=int,
        default=500,
        metavar="N",
        help="rows per member table; the full lists are CSV files (default: %(default)s)",
    )
    report.add_argument(
        "--csv-dialect",
        choices=list(DIALECTS),
        default=None,
        help="CSV for German Excel (excel-de: semicolon, decimal comma, byte-order mark) or "
        "standard (comma, decimal point) (default: excel-de for --lang de, else standard)",
    )
    _add_database_option(report, "DuckDB file to read")
    report.set_defaults(func=cmd_report)

    metrics = _command(
        commands,
        "metrics",
        "list or query the metrics of the semantic layer (MetricFlow) on the serving file",
        "`list` prints every metric and saved query (with --dimensions: what the metrics can "
        "be grouped by); `query` runs a query read-only, so it never waits for a build.",
    )
    metrics.add_argument(
        "action",
        choices=["list", "query"],
        help="list: the metrics and saved queries; query: run a query",
    )
    metrics.add_argument(
        "--dimensions",
        default=None,
        metavar="M,...",
        help="list: the group-by names these metrics can be cut by (default: list the metrics)",
    )
    metrics.add_argument(
        "--metrics",
        default=None,
        metavar="M,...",
        help="query: metric names, comma-separated (default: those of --saved-query)",
    )
    metrics.add_argument(
        "--saved-query",
        default=None,
        metavar="NAME",
        help="query: a saved query by name (default: none)",
    )
    metrics.add_argument(
        "--group-by",
        default=None,
        metavar="G,...",
        help="query: e.g. metric_time__month,customer__abc_class (default: one total row)",
    )
    metrics.add_argument(
        "--where",
        action="append",
        metavar="FILTER",
        help="query: a filter, e.g. \"{{ Dimension('customer__region') }} = 'Bayern'\", "
        "repeatable (default: none)",
    )
    metrics.add_argument(
        "--order-by",
        default=None,
        metavar="G,...",
        help="query: columns, '-' for descending, e.g. --order-by=-revenue (default: unordered)",
    )
    metrics.add_argument(
        "--limit", type=int, default=None, metavar="N", help="query: at most N rows (default: all)"
    )
    metrics.add_argument(
        "--csv", action="store_true", help=f"query: print CSV instead of a table {OFF}"
    )
    metrics.add_argument(
        "--sql", action="store_true", help=f"query: print the SQL, not the rows {OFF}"
    )
    _add_database_option(metrics, "DuckDB file to query")
    metrics.set_defaults(func=cmd_metrics)

    compare = _command(
        commands,
        "compare-engines",
        "compare every mart of the DuckDB and the Spark warehouse row by row; exit 1 on a "
        "difference",
        "Tables are matched on the primary keys of their dbt tests (read from target/"
        "manifest.json): decimals to their last place, doubles to a relative 1e-9, the rest "
        "exactly.",
    )
    _add_database_option(compare, "DuckDB file")
    compare.add_argument(
        "--spark-warehouse",
        default=None,
        metavar="DIR",
        help="Spark warehouse folder (default: KUNDENSTAMM_SPARK_WAREHOUSE, else "
        "warehouse/spark-warehouse)",
    )
    compare.add_argument(
        "--schema", default="marts", help="schema to compare (default: %(default)s)"
    )
    compare.set_defaults(func=cmd_compare_engines)


def _add_data_commands(commands: argparse._SubParsersAction) -> None:
    validate = _command(
        commands,
        "validate-raw",
        "check raw files before loading (missing columns, wrong delimiter or encoding, ragged "
        "rows, unreadable Parquet)",
        "Reads each file of the folder against the raw data contract (the sources YAML) and "
        "prints its row count; exit code 2 on a problem, naming the file, line and column.",
    )
    validate.add_argument(
        "folder", metavar="DIR", help="folder with one file per raw table, named after it"
    )
    _add_format_option(validate)
    validate.set_defaults(func=cmd_validate_raw)

    add_import_parser(commands)

    generate = _command(
        commands,
        "generate",
        "make a realistic synthetic dataset",
        "One file per raw table and metadata.json with the true model parameters; the same "
        "seed gives the same bytes.",
    )
    _add_dataset_options(generate, customers=None)
    generate.add_argument("--out", required=True, metavar="DIR", help="output folder (required)")
    _add_format_option(generate)
    for option, default, which in (
        ("--start-date", date(2021, 1, 1), "first"),
        ("--end-date", date(2025, 12, 31), "last"),
    ):
        generate.add_argument(
            option,
            type=_date,
            default=default,
            metavar="DATE",
            help=f"{which} day of the data (default: %(default)s)",
        )
    generate.add_argument(
        "--dirty-rate",
        type=float,
        default=0.002,
        metavar="SHARE",
        help="share of extra defective rows of every quarantine kind to append "
        "(default: %(default)s)",
    )
    generate.set_defaults(func=cmd_generate)

    demo = _command(
        commands,
        "demo-seeds",
        "regenerate the demo data in seeds/demo/",
        "Generates the dataset as CSV and writes the seeds with their YAML (every raw column "
        "loaded as text, like any raw delivery).",
    )
    _add_dataset_options(demo, customers=DEMO_CUSTOMERS)
    demo.set_defaults(func=cmd_demo_seeds)


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
