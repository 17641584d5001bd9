"""Where the dbt project lives and how to run dbt against it."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import yaml

PACKAGE_DIR = Path(__file__).resolve().parent
# The warning filter (`-W` syntax: action:message:category) for pyspark's notice that pandas 3 is
# newer than it was tested with, which it repeats on every pandas conversion.
PYSPARK_PANDAS_WARNING = "ignore:PySpark does not yet fully support pandas:FutureWarning"


class ProjectNotFoundError(RuntimeError):
    """No dbt project (dbt_project.yml) could be found."""


def find_project_dir(start: Path | None = None) -> Path:
    """The dbt project folder: `start` (default: the current folder) or a parent of it that holds
    dbt_project.yml, else the checkout the package was installed from (editable install)."""
    candidates = []
    here = (start or Path.cwd()).resolve()
    candidates.extend([here, *here.parents])
    candidates.extend(PACKAGE_DIR.parents)
    for folder in candidates:
        if (folder / "dbt_project.yml").is_file() and (folder / "models").is_dir():
            return folder
    raise ProjectNotFoundError(
        "No dbt project found: run the command inside the Kundenstamm checkout "
        "(the folder with dbt_project.yml) or pass --project-dir."
    )


def dbt_env(
    project_dir: Path, target: str | None = None, extra: dict[str, str] | None = None
) -> dict[str, str]:
    """Environment for a dbt run: profiles from the project's profiles/ folder, plus `extra`."""
    env = dict(os.environ)
    env.update(extra or {})
    env.setdefault("DBT_PROFILES_DIR", str(project_dir / "profiles"))
    env.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    # dbt colours its console output even into a file or a pipe, and its log file always: colours
    # only on a terminal (dbt writes to the standard output it inherits), never in logs/dbt.log.
    if not _is_terminal(1) or env.get("NO_COLOR"):
        env.setdefault("DBT_USE_COLORS", "false")
    env.setdefault("DBT_USE_COLORS_FILE", "false")
    # dbt-spark imports pyspark, which warns that pandas 3 is newer than it was tested with; the
    # conversions the project uses are covered by the engine-equivalence test.
    filters = [f for f in env.get("PYTHONWARNINGS", "").split(",") if f]
    env["PYTHONWARNINGS"] = ",".join(dict.fromkeys([*filters, PYSPARK_PANDAS_WARNING]))
    if target:
        env["KUNDENSTAMM_TARGET"] = target
    return env


def scratch_dbt_env(project_dir: Path, folder: Path, database: str = "kundenstamm.duckdb") -> dict:
    """Environment for a dbt run that writes only into `folder`: its DuckDB file `database` and
    dbt's target and log folders (benchmarks and tests that build a warehouse of their own)."""
    env = dbt_env(
        project_dir,
        extra={
            "DBT_PROFILES_DIR": str(project_dir / "profiles"),
            "KUNDENSTAMM_DUCKDB_PATH": str(folder / database),
            "DBT_TARGET_PATH": str(folder / "target"),
            "DBT_LOG_PATH": str(folder / "logs"),
        },
    )
    env.pop("KUNDENSTAMM_BUILD_PATH", None)
    return env


def _is_terminal(fd: int) -> bool:
    try:
        return os.isatty(fd)
    except OSError:
        return False


def run_dbt(
    project_dir: Path,
    args: Sequence[str],
    target: str | None = None,
    check: bool = True,
    env: dict[str, str] | None = None,
) -> int:
    """Run one dbt command in the project (with `env` added to the environment); raise
    DbtFailedError when it fails (with `check`), else return its exit code."""
    import subprocess
    import sys

    dbt = Path(sys.executable).with_name("dbt")
    command = [str(dbt) if dbt.exists() else "dbt", *args]
    (project_dir / "warehouse").mkdir(exist_ok=True)
    build = (env or {}).get("KUNDENSTAMM_BUILD_PATH") or os.environ.get("KUNDENSTAMM_BUILD_PATH")
    if build:
        (project_dir / build).parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        command, cwd=project_dir, env=dbt_env(project_dir, target, env), check=False
    )
    if result.returncode != 0 and check:
        raise DbtFailedError(
            f"`dbt {' '.join(args)}` failed (exit code {result.returncode}); "
            "see the dbt output above and logs/dbt.log."
        )
    return result.returncode


class DbtFailedError(RuntimeError):
    """A dbt command exited non-zero."""


class StepFailedError(RuntimeError):
    """A step run in a child process (e.g. the Python steps on Spark) exited non-zero."""


def project_vars(project_dir: Path, overrides: str | None = None) -> dict:
    """The plain (non-templated) vars of dbt_project.yml, updated with --vars overrides."""
    document = yaml.safe_load((project_dir / "dbt_project.yml").read_text(encoding="utf-8"))
    values = dict(document.get("vars", {}))
    if overrides:
        values.update(yaml.safe_load(overrides) or {})
    return values
