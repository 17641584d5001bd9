"""What the warehouse under check was built from and with, read from the warehouse itself.

The build records its raw folder and format and the `--vars` given to dbt in `meta.build_state`
(macros/record_build_state.sql); a published warehouse also names its raw location in
`marts.warehouse_info`. `kundenstamm check` reads them, so dbt reads the same sources and the
suites expect the value ranges of the same settings (e.g. RFM scores 1..rfm_bins). A warehouse
with the settings model (`marts.dim_settings`: one row of the effective settings the marts were
computed with) gives the RFM score ranges from there.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import duckdb

# `marts.warehouse_info.raw_data_location` of a warehouse built from the demo seeds
SEEDS_LOCATION = "seeds (schema raw)"


@dataclass
class BuildInfo:
    """The raw folder ("" = the seeds, None = not recorded), its format and the dbt `--vars`
    (None = not recorded) of the build, and where that was read."""

    raw_data_path: str | None = None
    raw_data_format: str | None = None
    cli_vars: dict | None = None
    recorded_in: str | None = None


def _columns(connection, schema: str, table: str) -> set[str]:
    return {
        row[0]
        for row in connection.execute(
            "select column_name from information_schema.columns "
            "where table_schema = ? and table_name = ?",
            [schema, table],
        ).fetchall()
    }


def read_build_info(database: Path) -> BuildInfo:
    """The build's raw location and vars: `meta.build_state` when it records them, else the
    raw location of `marts.warehouse_info`, else nothing known."""
    if not database.exists():
        return BuildInfo()
    with duckdb.connect(str(database), read_only=True) as connection:
        state = _columns(connection, "meta", "build_state")
        if {"raw_data_path", "raw_data_format", "cli_vars"} <= state:
            path, fmt, cli_vars = connection.execute(
                "select raw_data_path, raw_data_format, cli_vars from meta.build_state"
            ).fetchone()
            return BuildInfo(
                raw_data_path=path or "",
                raw_data_format=fmt or None,
                cli_vars=json.loads(cli_vars) if cli_vars else {},
                recorded_in="meta.build_state",
            )
        if "raw_data_location" in _columns(connection, "marts", "warehouse_info"):
            row = connection.execute(
                "select any_value(raw_data_location) from marts.warehouse_info"
            ).fetchone()
            if row and row[0]:
                location = "" if row[0] == SEEDS_LOCATION else row[0]
                return BuildInfo(raw_data_path=location, recorded_in="marts.warehouse_info")
    return BuildInfo()


def raw_source_env(info: BuildInfo, given: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """The environment that points dbt at the build's raw files, and warnings for people.

    `given` is the environment of the check: a raw path set there (`check --raw-path`) wins.
    """
    warnings: list[str] = []
    if given.get("KUNDENSTAMM_RAW_PATH"):
        if info.raw_data_path and Path(info.raw_data_path) != Path(given["KUNDENSTAMM_RAW_PATH"]):
            warnings.append(
                f"--raw-path {given['KUNDENSTAMM_RAW_PATH']} differs from the raw folder the "
                f"warehouse was built from ({info.raw_data_path}, {info.recorded_in})"
            )
        return {}, warnings
    if info.raw_data_path is None:
        warnings.append(
            "the warehouse does not record where it was built from (built before build state "
            "recorded it): dbt reads the demo seeds; if it was built from files, pass "
            "--raw-path DIR --format parquet|csv, or rows will not reconcile"
        )
        return {}, warnings
    if not info.raw_data_path:
        return {}, warnings
    if not Path(info.raw_data_path).exists():
        warnings.append(
            f"the warehouse was built from {info.raw_data_path} ({info.recorded_in}), which "
            "does not exist any more: pass --raw-path DIR with the files of that build"
        )
    env = {"KUNDENSTAMM_RAW_PATH": info.raw_data_path}
    if info.raw_data_format:
        env["KUNDENSTAMM_RAW_FORMAT"] = info.raw_data_format
    elif "KUNDENSTAMM_RAW_FORMAT" not in given:
        warnings.append(
            f"the warehouse was built from {info.raw_data_path} ({info.recorded_in}) in a format "
            "it does not record: pass --raw-path and --format if it is not parquet"
        )
    return env, warnings


def build_vars_text(info: BuildInfo, given: str | None) -> str | None:
    """The `--vars` for dbt and the suites: those given to `check`, else the build's."""
    if given:
        return given
    return json.dumps(info.cli_vars) if info.cli_vars else None


RFM_RANGE_COLUMNS = ("rfm_score_min", "rfm_score_max", "rfm_total_min", "rfm_total_max")


def read_rfm_ranges(database: Path) -> dict[str, tuple[int, int]] | None:
    """The ranges the marts scored R, F and M (`score`) and their total (`total`) in, from the
    settings model `marts.dim_settings`; None when the warehouse has none (built before it
    existed: the suites then derive them from the build's vars)."""
    if not database.exists():
        return None
    with duckdb.connect(str(database), read_only=True) as connection:
        if not set(RFM_RANGE_COLUMNS) <= _columns(connection, "marts", "dim_settings"):
            return None
        row = connection.execute(
            f"select {', '.join(RFM_RANGE_COLUMNS)} from marts.dim_settings"
        ).fetchone()
    if row is None:
        return None
    score_min, score_max, total_min, total_max = (int(value) for value in row)
    return {"score": (score_min, score_max), "total": (total_min, total_max)}
