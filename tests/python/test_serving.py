"""Write, audit, publish: readers poll the serving file (new DuckDB connection per query, one
long-lived connection, SQLAlchemy + duckdb_engine read-only) while a good build, a build in which
a model fails and a killed build run. The builds use the hand-made mini dataset and the models
RFM and ABC need, so each takes seconds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from conftest import mini_raw_as

from kundenstamm.serving import INFO_TABLE, current_version, versions
from kundenstamm.serving_probe import run_build, start_readers

KUNDENSTAMM = [sys.executable, "-m", "kundenstamm"]
SELECT = [
    "--select",
    "path:seeds/mappings",
    "path:models/staging",
    "+fct_rfm_scores",
    "+rpt_abc_summary",
]
VARS = {"load_date": "2026-01-31"}


@pytest.fixture(scope="module")
def setting(tmp_path_factory, project_dir):
    work = tmp_path_factory.mktemp("serving")
    raw = mini_raw_as("csv", work / "raw")
    serving = work / "warehouse" / "kundenstamm.duckdb"
    env = dict(os.environ)
    env.pop("KUNDENSTAMM_BUILD_PATH", None)
    env.update(
        {
            "DBT_PROFILES_DIR": str(project_dir / "profiles"),
            "KUNDENSTAMM_DUCKDB_PATH": str(serving),
            "KUNDENSTAMM_TARGET": "duckdb",
            "DBT_TARGET_PATH": str(work / "target"),
            "DBT_LOG_PATH": str(work / "logs"),
        }
    )

    def build(name, extra_vars=None, kill_after=None, keep=3):
        command = [
            *KUNDENSTAMM, "build", "--raw-path", str(raw), "--format", "csv", "--keep", str(keep),
            *SELECT, "--vars", json.dumps({**VARS, **(extra_vars or {})}),
        ]  # fmt: skip
        return run_build(name, command, serving, project_dir, env, kill_after=kill_after)

    return serving, env, build


def test_readers_see_the_last_good_version_or_the_new_one_never_a_mix(setting, project_dir):
    serving, env, build = setting
    first = build("first build")
    assert first.exit_code == 0 and first.version_after, first.output

    readers = start_readers(serving)
    good = build("good build")
    # abc_basis is revenue or margin: fct_abc_classes stops with an error, the RFM models build
    failing = build("failing model", {"abc_basis": "bogus"})
    killed = build("killed build", kill_after=3.0)
    seen = [reader.stop() for reader in readers]
    report = "\n".join(
        [o.line() for o in (first, good, failing, killed)] + [s.line() for s in seen]
    )

    # the good build published a new version, the others nothing: the file is byte for byte the same
    assert good.version_after != first.version_after and not good.serving_unchanged, report
    assert failing.exit_code != 0 and failing.serving_unchanged, report
    assert failing.version_after == good.version_after, report
    assert killed.exit_code != 0 and killed.serving_unchanged, report
    for outcome in (first, good, failing, killed):
        assert outcome.consistent_after and not outcome.blocked_by_reader, report
    for observations in seen:
        assert observations.reads > 20, report
        assert observations.lock_errors == 0 and observations.inconsistent == 0, report
        assert not observations.other_errors, report
    # the per-query readers saw both versions; the long-lived one kept the version it opened
    assert len(seen[0].versions) == 2 and len(seen[2].versions) == 2, report
    assert len(seen[1].versions) == 1, report

    # the killed build left its database marked as running: it cannot be published by hand
    build_database = serving.parent / "build" / serving.name
    with duckdb.connect(str(build_database), read_only=True) as connection:
        assert connection.execute("select state from meta.build_state").fetchone()[0] == "running"
    result = subprocess.run(
        [*KUNDENSTAMM, "publish"], cwd=project_dir, env=env, capture_output=True, text=True,
        check=False,
    )  # fmt: skip
    assert result.returncode == 2 and "nothing published" in result.stderr, result.stderr


def test_warehouse_info_rollback_keep_and_parquet(setting, project_dir):
    serving, env, build = setting
    outcome = build("good build", keep=2)
    assert outcome.exit_code == 0, outcome.output
    assert len(versions(serving)) == 2
    newest, older = versions(serving)[-1], versions(serving)[-2]
    assert current_version(serving) == newest

    # what the served version is, for whoever looks at a dashboard
    with duckdb.connect(str(serving), read_only=True) as connection:
        rows = connection.execute(
            f"select version_id, as_of_date, raw_data_location, git_commit, dbt_version, "
            f"duckdb_version, nodes_passed, nodes_failed, mart_name, mart_rows "
            f"from marts.{INFO_TABLE} order by mart_name"
        ).fetchall()
        rfm_rows = connection.execute("select count(*) from marts.fct_rfm_scores").fetchone()[0]
    assert {row[0] for row in rows} == {newest.version_id}
    info = {row[8]: row for row in rows}
    assert info["fct_rfm_scores"][9] == rfm_rows > 0
    _, as_of, raw, commit, dbt_version, duckdb_version, passed, failed = rows[0][:8]
    assert str(as_of) == "2025-12-31" and raw.endswith("raw")
    assert duckdb_version == duckdb.__version__ and dbt_version.startswith("1.11")
    assert passed > 50 and failed == 0
    assert commit is None or len(commit) == 40

    run = subprocess.run(
        [*KUNDENSTAMM, "publish", "--rollback"], cwd=project_dir, env=env, capture_output=True,
        text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert current_version(serving) == older

    # publishing by hand (after a passing `dbt build`), with the marts as Parquet; two kept
    run = subprocess.run(
        [*KUNDENSTAMM, "publish", "--parquet", "--keep", "2"], cwd=project_dir, env=env,
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert len(versions(serving)) == 2 and current_version(serving) == versions(serving)[-1]
    current = serving.parent / "parquet" / "current"
    assert current.is_symlink()
    assert Path(os.readlink(current)).name == current_version(serving).version_id
    with duckdb.connect() as connection:
        parquet_rows = connection.execute(
            f"select count(*) from read_parquet('{current}/fct_rfm_scores.parquet')"
        ).fetchone()[0]
    assert parquet_rows == rfm_rows
