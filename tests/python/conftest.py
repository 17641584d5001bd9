"""Shared fixtures: the project folder, its raw contract, a copy of the mini raw dataset, the
warehouse the test command built (with a read-only connection to its marts) and a headless
Chromium."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from kundenstamm.raw_contract import load_contract

# pytest-xdist's workers run with a main module that has neither __spec__ nor __file__, which
# pyspark.sql.connect (imported by great_expectations) takes for a doctest run and exits on. It
# gets an empty file (which multiprocessing's spawned children load as their main module).
_main = sys.modules["__main__"]
if getattr(_main, "__spec__", None) is None and not hasattr(_main, "__file__"):
    _main.__file__ = str(Path(__file__).with_name("worker_main.py"))

# The modules that build warehouses of their own, slowest first (test command durations). The
# test command runs with --no-loadscope-reorder, so its two workers take them in this order and
# the short modules fill in at the end, instead of a long module starting last.
SLOWEST_MODULES = (
    "test_bad_input.py",
    "test_engine_equivalence.py",
    "test_incremental.py",
    "test_serving.py",
    "test_logs.py",
    "test_clv_recovery.py",
    "test_documented_vars.py",
    "test_staging_quarantine.py",
    "test_presets.py",
    "test_point_in_time.py",
    "test_check_rules.py",
    "test_report_browser.py",
    "test_report.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slowest modules first; the order within a module and of the others stays."""
    missing = [name for name in SLOWEST_MODULES if not Path(__file__).with_name(name).exists()]
    assert not missing, f"SLOWEST_MODULES names modules that do not exist: {missing}"
    rank = {name: position for position, name in enumerate(SLOWEST_MODULES)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))


PROJECT_DIR = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
MINI_RAW = PROJECT_DIR / "tests" / "fixtures" / "raw_mini"


@pytest.fixture(scope="session")
def project_dir() -> Path:
    return PROJECT_DIR


@pytest.fixture(scope="session")
def contract():
    return load_contract(PROJECT_DIR)


def mini_raw_as(fmt: str, folder: Path) -> Path:
    """The hand-made mini raw dataset in `folder`, as its CSV files or as Parquet (all text)."""
    if fmt == "csv":
        shutil.copytree(MINI_RAW, folder)
        return folder
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    folder.mkdir(parents=True)
    for path in MINI_RAW.glob("*.csv"):
        names = path.read_text().splitlines()[0].split(",")
        options = pacsv.ConvertOptions(column_types={name: pa.string() for name in names})
        pq.write_table(
            pacsv.read_csv(path, convert_options=options), folder / f"{path.stem}.parquet"
        )
    return folder


@pytest.fixture
def mini_raw(tmp_path: Path) -> Path:
    """A writable copy of the hand-made mini raw dataset (CSV)."""
    target = tmp_path / "raw"
    shutil.copytree(MINI_RAW, target)
    return target


@pytest.fixture(scope="session")
def warehouse() -> Path:
    """The DuckDB warehouse scripts/test.sh built from the demo data (KUNDENSTAMM_DUCKDB_PATH)."""
    import os

    path = os.environ.get("KUNDENSTAMM_DUCKDB_PATH")
    if not path or not Path(path).exists():
        pytest.skip("needs the warehouse built by scripts/test.sh (KUNDENSTAMM_DUCKDB_PATH)")
    return Path(path)


@pytest.fixture(scope="session")
def marts(warehouse: Path):
    """A read-only DuckDB connection to the warehouse (query `marts.<table>`)."""
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as connection:
        yield connection


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium driven by Playwright (no browser download)."""
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium at /usr/bin/chromium (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox"], headless=True
        )
        yield browser
        browser.close()


def dbt_build(
    project: Path,
    database: Path,
    *args: str,
    env: dict[str, str] | None = None,
    target: str = "duckdb",
) -> str:
    """Run `dbt build` on the target into `database` (on Spark: the warehouse folder
    `spark-warehouse` beside it); return its output, fail on error."""
    import os
    import subprocess
    import sys

    environment = dict(os.environ)
    environment.update(
        {
            "DBT_PROFILES_DIR": str(project / "profiles"),
            "KUNDENSTAMM_TARGET": target,
            "KUNDENSTAMM_DUCKDB_PATH": str(database),
            "KUNDENSTAMM_BUILD_PATH": str(database),
            "KUNDENSTAMM_SPARK_WAREHOUSE": str(database.parent / "spark-warehouse"),
            "DBT_TARGET_PATH": str(database.parent / "target"),
            "DBT_LOG_PATH": str(database.parent / "logs"),
        }
    )
    environment.update(env or {})
    if "--select" in args:
        # only tests whose parents are all selected: singular tests that also read marts stay out
        args = (*args, "--indirect-selection", "cautious")
    dbt = Path(sys.executable).with_name("dbt")
    result = subprocess.run(
        [str(dbt), "build", *args],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise AssertionError(f"dbt build failed:\n{result.stdout[-6000:]}\n{result.stderr[-2000:]}")
    return result.stdout


@pytest.fixture(scope="session")
def spark_marts(project_dir: Path):
    """Every mart of the Spark build scripts/test.sh made (KUNDENSTAMM_SPARK_WAREHOUSE), as Arrow
    tables, read once by a Spark session in a child process configured like the profile."""
    import os

    folder = os.environ.get("KUNDENSTAMM_SPARK_WAREHOUSE")
    if os.environ.get("KUNDENSTAMM_SKIP_SPARK") == "1" or not folder or not Path(folder).exists():
        pytest.skip("needs the Spark build of scripts/test.sh (KUNDENSTAMM_SPARK_WAREHOUSE)")
    from kundenstamm.spark import read_schema_in_child

    return read_schema_in_child(project_dir, "marts")


def read_cdnow_sample():
    """The public CDNOW sample (tests/fixtures/cdnow): one row per transaction with the customer,
    the day and the dollars."""
    import pandas as pd

    transactions = pd.read_csv(
        PROJECT_DIR / "tests" / "fixtures" / "cdnow" / "CDNOW_sample.txt",
        sep=r"\s+",
        header=None,
        names=["customer", "sample", "date", "cds", "dollars"],
        dtype={"date": str},
    )
    transactions["date"] = pd.to_datetime(transactions["date"], format="%Y%m%d")
    return transactions
