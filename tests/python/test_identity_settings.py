"""Identity resolution settings: a value that is not allowed stops the build at parse time with
a message naming the var (the rules themselves are dbt unit tests in
models/intermediate/identity/_identity__models.yml; the marts on a dataset with one person under
three source ids are in test_bad_input.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PROJECT_DIR

from kundenstamm.project import scratch_dbt_env


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ("{identity_match_rules: [email, fax]}", "var identity_match_rules: unknown rule 'fax'"),
        (
            "{identity_merge_role_emails: 'no'}",
            "var identity_merge_role_emails must be true or false",
        ),
    ],
)
def test_a_bad_identity_setting_stops_the_build(tmp_path, settings, message):
    environment = scratch_dbt_env(PROJECT_DIR, tmp_path, "x.duckdb")
    dbt = Path(sys.executable).with_name("dbt")
    result = subprocess.run(
        [str(dbt), "parse", "--no-partial-parse", "--vars", settings],
        cwd=PROJECT_DIR, env=environment, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert message in result.stdout + result.stderr, result.stdout[-2000:]
