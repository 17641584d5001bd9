"""The `kundenstamm` argument parser: every command with a one-line summary (its line in
`kundenstamm --help`) and a description, every option with its default.

Help texts end in "(default: …)" (or "(required)"); tests/python/test_readme.py holds every
option to that and the README's command table to these texts.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path

from kundenstamm.presets.command import add_parser as add_import_parser
from kundenstamm.report.exports import DIALECTS

Handlers = Mapping[str, Callable[[argparse.Namespace], int]]

DEMO_CUSTOMERS = 2000
DEMO_SEED = 42


def _date(text: str) -> date:
    return date.fromisoformat(text)


OFF = "(default: off)"
DUCKDB_FILE = "(default: KUNDENSTAMM_DUCKDB_PATH, else warehouse/kundenstamm.duckdb)"


def _command(
    commands: argparse._SubParsersAction,
    handlers: Handlers,
    name: str,
    summary: str,
    description: str,
) -> argparse.ArgumentParser:
    """A subcommand run by `handlers[name]`: `summary` is its line in `kundenstamm --help`,
    `description` opens `kundenstamm NAME --help`."""
    command = commands.add_parser(
        name, help=summary, description=f"{summary[0].upper()}{summary[1:]}. {description}"
    )
    command.set_defaults(func=handlers[name])
    return command


def _add_database_option(command: argparse.ArgumentParser, what: str) -> None:
    command.add_argument("--database", default=None, metavar="FILE", help=f"{what} {DUCKDB_FILE}")


def _add_flag(command: argparse.ArgumentParser, name: str, what: str) -> None:
    """An on/off option, off unless given."""
    command.add_argument(name, action="store_true", help=f"{what} {OFF}")


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
    _add_flag(
        command,
        "--parquet",
        "also publish every mart as Parquet in parquet/current/ beside the serving file",
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


def build_parser(handlers: Handlers) -> argparse.ArgumentParser:
    """The parser of every command; `handlers` maps each command's name to its function."""
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
    _add_build_commands(commands, handlers)
    _add_reader_commands(commands, handlers)
    _add_data_commands(commands, handlers)
    return parser


def _add_build_commands(commands: argparse._SubParsersAction, handlers: Handlers) -> None:
    run = _command(
        commands,
        handlers,
        "run",
        "the main job: validate raw files, dbt build into the build database, publish it if "
        "every test passed, print a summary, render the reports (de, en) into reports/out/",
        "The build is `kundenstamm build`; on Spark nothing is published and no report rendered "
        "(the reports read the DuckDB serving file).",
    )
    _add_build_options(run)

    build = _command(
        commands,
        handlers,
        "build",
        "validate raw files, dbt build into the build database, publish it if every test passed",
        "Incremental unless the last build cannot be continued (it says why) or --full-refresh "
        "is given. On Spark the Python steps run between two dbt builds and nothing is "
        "published (dbt replaces the Spark tables in place).",
    )
    _add_build_options(build)

    publish = _command(
        commands,
        handlers,
        "publish",
        "make the build database the serving file BI tools read (after dbt build), or serve the "
        "previous version again",
        "Refuses a build database whose last dbt command did not finish or whose results do not "
        "match it.",
    )
    _add_publish_options(publish)
    _add_flag(publish, "--rollback", "serve the version before the current one")
    _add_database_option(publish, "serving file")

    check = _command(
        commands,
        handlers,
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
    _add_flag(check, "--skip-dbt", "only the great-expectations checkpoint")
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


def _add_reader_commands(commands: argparse._SubParsersAction, handlers: Handlers) -> None:
    report = _command(
        commands,
        handlers,
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
    _add_flag(
        report,
        "--pseudonymize",
        "replace names, e-mail addresses and phone numbers with stable pseudonyms",
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

    metrics = _command(
        commands,
        handlers,
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
    _add_flag(metrics, "--csv", "query: print CSV instead of a table")
    _add_flag(metrics, "--sql", "query: print the SQL, not the rows")
    _add_database_option(metrics, "DuckDB file to query")

    compare = _command(
        commands,
        handlers,
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


def _add_data_commands(commands: argparse._SubParsersAction, handlers: Handlers) -> None:
    validate = _command(
        commands,
        handlers,
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

    add_import_parser(commands)

    generate = _command(
        commands,
        handlers,
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

    demo = _command(
        commands,
        handlers,
        "demo-seeds",
        "regenerate the demo data in seeds/demo/",
        "Generates the dataset as CSV and writes the seeds with their YAML (every raw column "
        "loaded as text, like any raw delivery).",
    )
    _add_dataset_options(demo, customers=DEMO_CUSTOMERS)
