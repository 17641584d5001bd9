"""What the commands write to a log: no colour codes when the output is no terminal, no pyspark
(and so none of its pandas warnings) in the DuckDB-only `check`, and only the filters meant; and
the whole `check` passing on the test warehouse."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PROJECT_DIR

from kundenstamm.project import PYSPARK_PANDAS_WARNING, dbt_env

ESCAPE = "\x1b["


def _python(code: str, *args: str, env: dict[str, str] | None = None, flags=()):
    """Run `code` as a script file in a fresh interpreter (pyspark takes `python -c` for a
    doctest run and exits); return the finished process, output captured."""
    environment = dict(os.environ) | (env or {})
    environment["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(PROJECT_DIR / "src"), environment.get("PYTHONPATH")])
    )
    return subprocess.run(
        [sys.executable, *flags, "-", *args],
        input=code,
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_great_expectations_under_check_does_not_import_pyspark():
    """`check` imports great-expectations (which imports pyspark whenever it can) with pyspark
    hidden, FutureWarnings as errors; afterwards pyspark imports as usual."""
    child = _python(
        "import sys\n"
        "from kundenstamm.cli import _without_pyspark\n"
        "with _without_pyspark():\n"
        "    import great_expectations, kundenstamm.quality.command\n"
        "    from great_expectations.compatibility import pyspark\n"
        "    print('gx sees pyspark:', bool(pyspark.pyspark))\n"
        "    print('loaded:', sorted(m for m, v in sys.modules.items() if m.startswith('pyspark')"
        " and v is not None))\n"
        "print('afterwards:', __import__('pyspark').__name__)\n",
        flags=("-W", "error::FutureWarning"),
    )
    assert child.returncode == 0, child.stderr[-3000:]
    assert child.stdout.splitlines() == [
        "gx sees pyspark: False",
        "loaded: []",
        "afterwards: pyspark",
    ], child.stdout + child.stderr[-3000:]


def test_check_passes_on_the_test_warehouse_imports_no_pyspark_and_warns_nothing(
    warehouse: Path, tmp_path: Path
):
    """The whole `kundenstamm check` (dbt source freshness, dbt test, the great-expectations
    checkpoint) on the warehouse the test command built from the demo data, FutureWarnings as
    errors: every check passes (the demo's bad rows are quarantined, so no clean row is flagged),
    stale demo data only warns, no pyspark module is loaded and no warning is printed."""
    out = tmp_path / "quality"
    child = _python(
        "import sys\n"
        "from kundenstamm.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "loaded = sorted(m for m, v in sys.modules.items() if v is not None)\n"
        "print('gx:', 'great_expectations' in loaded)\n"
        "print('pyspark:', [m for m in loaded if m.split('.')[0] == 'pyspark'])\n"
        "sys.exit(code)\n",
        "check",
        "--database",
        str(warehouse),
        "--out",
        str(out),
        # dbt's own files beside the test's (other tests read the project's target/ meanwhile)
        env={"DBT_TARGET_PATH": str(tmp_path / "target"), "DBT_LOG_PATH": str(tmp_path / "logs")},
        flags=("-W", "error::FutureWarning"),
    )
    assert child.returncode == 0, child.stderr[-3000:]
    assert child.stdout.splitlines()[-2:] == ["gx: True", "pyspark: []"], child.stdout
    assert "all checks passed" in child.stderr
    assert "Warning" not in child.stderr, child.stderr[-3000:]
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["steps"] == {
        "dbt_source_freshness": "ok",
        "dbt_test": "ok",
        "great_expectations": "ok",
    }
    checkpoint = summary["great_expectations"]
    assert checkpoint["checks"] > 150 and checkpoint["failures"] == []
    assert (out / "gx_project" / "gx" / "uncommitted" / "data_docs" / "local_site").is_dir()


@pytest.mark.parametrize("terminal", [False, True])
def test_dbt_colours_only_on_a_terminal(monkeypatch, terminal):
    monkeypatch.delenv("DBT_USE_COLORS", raising=False)
    monkeypatch.delenv("DBT_USE_COLORS_FILE", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(os, "isatty", lambda fd: terminal and fd == 1)
    env = dbt_env(PROJECT_DIR)
    assert env.get("DBT_USE_COLORS") == (None if terminal else "false")
    assert env["DBT_USE_COLORS_FILE"] == "false"
    monkeypatch.setenv("NO_COLOR", "1")
    assert dbt_env(PROJECT_DIR)["DBT_USE_COLORS"] == "false"
    monkeypatch.setenv("DBT_USE_COLORS", "true")  # a setting of the user's own wins
    assert dbt_env(PROJECT_DIR)["DBT_USE_COLORS"] == "true"


def test_dbt_keeps_other_warning_filters(monkeypatch):
    monkeypatch.setenv("PYTHONWARNINGS", "error::DeprecationWarning")
    filters = dbt_env(PROJECT_DIR)["PYTHONWARNINGS"].split(",")
    assert filters == ["error::DeprecationWarning", PYSPARK_PANDAS_WARNING]
    monkeypatch.setenv("PYTHONWARNINGS", ",".join(filters))
    assert dbt_env(PROJECT_DIR)["PYTHONWARNINGS"].split(",") == filters


def test_a_redirected_dbt_run_writes_no_colour_codes(tmp_path: Path):
    """dbt run as the commands run it (`run_dbt`), its output redirected to a file: the log and
    logs/dbt.log hold dbt's messages without a colour code."""
    log = tmp_path / "build.log"
    env = {
        "KUNDENSTAMM_TARGET": "duckdb",
        "KUNDENSTAMM_DUCKDB_PATH": str(tmp_path / "warehouse.duckdb"),
        "KUNDENSTAMM_BUILD_PATH": str(tmp_path / "build.duckdb"),
        "DBT_TARGET_PATH": str(tmp_path / "target"),
        "DBT_LOG_PATH": str(tmp_path / "logs"),
    }
    for name in ("DBT_USE_COLORS", "DBT_USE_COLORS_FILE", "NO_COLOR"):
        env[name] = ""
    with log.open("w") as output:
        environment = {k: v for k, v in (dict(os.environ) | env).items() if v != ""}
        environment["PYTHONPATH"] = str(PROJECT_DIR / "src")
        subprocess.run(
            [sys.executable, "-"],
            input="from pathlib import Path\n"
            "from kundenstamm.project import run_dbt\n"
            f"run_dbt(Path({str(PROJECT_DIR)!r}), ['seed', '--select', 'rfm_segments'])\n",
            cwd=PROJECT_DIR,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            text=True,
            check=True,
        )
    text = log.read_text(encoding="utf-8")
    assert "OK loaded seed file" in text and "Completed successfully" in text, text[-3000:]
    assert ESCAPE not in text
    dbt_log = (tmp_path / "logs" / "dbt.log").read_text(encoding="utf-8")
    assert "OK loaded seed file" in dbt_log
    assert ESCAPE not in dbt_log
