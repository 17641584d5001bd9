"""Shared fixtures: the project folder, its raw contract and a copy of the mini raw dataset."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kundenstamm.raw_contract import load_contract

PROJECT_DIR = Path(__file__).resolve().parents[2]
MINI_RAW = PROJECT_DIR / "tests" / "fixtures" / "raw_mini"


@pytest.fixture(scope="session")
def project_dir() -> Path:
    return PROJECT_DIR


@pytest.fixture(scope="session")
def contract():
    return load_contract(PROJECT_DIR)


@pytest.fixture
def mini_raw(tmp_path: Path) -> Path:
    """A writable copy of the hand-made mini raw dataset (CSV)."""
    target = tmp_path / "raw"
    shutil.copytree(MINI_RAW, target)
    return target


def dbt_build(project: Path, database: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """Run `dbt build` on the DuckDB target into `database`; return its output, fail on error."""
    import os
    import subprocess
    import sys

    environment = dict(os.environ)
    environment.update(
        {
            "DBT_PROFILES_DIR": str(project / "profiles"),
            "KUNDENSTAMM_TARGET": "duckdb",
            "KUNDENSTAMM_DUCKDB_PATH": str(database),
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
