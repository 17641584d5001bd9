"""Rules of `kundenstamm check` on small hand-made inputs: the row-count change bounds, the raw
location and vars the build recorded, the plausibility checks and the RFM ranges of the suites.
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from datetime import date
from functools import partial
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from conftest import PROJECT_DIR

from kundenstamm.project import project_vars
from kundenstamm.quality import command
from kundenstamm.quality.build_info import (
    BuildInfo,
    build_vars_text,
    raw_source_env,
    read_build_info,
    read_rfm_ranges,
)
from kundenstamm.quality.checkpoint import _context, _validate
from kundenstamm.quality.expectations import (
    build_suites,
    raw_load_suite,
    row_count_bounds,
    row_count_ratio,
)
from kundenstamm.quality.failures import QualityResult, explain
from kundenstamm.quality.plausibility import plausibility_checks
from kundenstamm.quality.settings import load_settings
from kundenstamm.raw_contract import load_contract

# --- row-count change ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gx(tmp_path_factory):
    return _context(tmp_path_factory.mktemp("gx"))


def _row_count_failures(gx, loaded: int, previous: int, **settings) -> list:
    context, source = gx
    settings = {**load_settings(), **settings}
    suite = raw_load_suite(f"t_{loaded}_{previous}_{len(settings)}", settings, True)
    suite.expectations = suite.expectations[-1:]
    frame = {"loaded_rows": loaded, "previous_rows": previous}
    frame["row_count_ratio"] = row_count_ratio(loaded, previous)
    return [
        explain("raw.t", outcome, {"raw_row": frame})
        for outcome in _validate(context, source, suite, pd.DataFrame([frame]))
        if not outcome.success
    ]


@pytest.mark.parametrize(
    ("loaded", "previous"),
    [(50, 100), (5001, 10000), (200, 100), (19999, 10000), (99996, 200000)],
    ids=["drop_exactly_at_bound", "drop_just_inside", "growth_exactly_at_bound",
         "growth_just_inside", "rounds_to_the_bound"],
)  # fmt: skip
def test_row_count_ratio_at_or_inside_the_bounds_passes(gx, loaded, previous):
    assert _row_count_failures(gx, loaded, previous) == []


@pytest.mark.parametrize(
    ("loaded", "previous", "printed"),
    [(4999, 10000, "x0.4999"), (20001, 10000, "x2.0001"), (1, 1000, "x0.0010")],
    ids=["drop_just_outside", "growth_just_outside", "far_outside"],
)
def test_row_count_ratio_outside_the_bounds_fails_printing_what_it_compared(
    gx, loaded, previous, printed
):
    failures = _row_count_failures(gx, loaded, previous)
    assert [(f.table, f.column, f.rule) for f in failures] == [("raw.t", "*", "row_count_change")]
    assert f"({printed}); allowed x0.5000 to x2.0000, bounds included" in failures[0].message


def test_row_count_bounds_are_exact_for_any_setting(gx):
    """1 - 0.3 is 0.7000000000000001 in floating point: exactly 70 % of the rows must pass."""
    assert row_count_bounds({"max_row_drop": 0.3, "max_row_growth": 0.1}) == (0.7, 1.1)
    assert _row_count_failures(gx, 70, 100, max_row_drop=0.3) == []
    assert _row_count_failures(gx, 110, 100, max_row_growth=0.1) == []
    assert _row_count_failures(gx, 69, 100, max_row_drop=0.3)


# --- the build's raw location and vars ----------------------------------------------------------


def _warehouse(path: Path, build_state: str | None = None, info: str | None = None) -> Path:
    with duckdb.connect(str(path)) as connection:
        if build_state:
            connection.execute("create schema meta")
            connection.execute(f"create table meta.build_state as {build_state}")
        if info:
            connection.execute("create schema marts")
            connection.execute(f"create table marts.warehouse_info as {info}")
    return path


def _state(raw: str, fmt: str, cli_vars: dict) -> str:
    return (
        "select 'finished' as state, 'x' as invocation_id, current_timestamp as recorded_at, "
        f"'{raw}' as raw_data_path, '{fmt}' as raw_data_format, "
        f"'{json.dumps(cli_vars)}' as cli_vars"
    )


def test_the_recorded_raw_folder_format_and_vars_are_read(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    cli_vars = {"raw_data_path": str(raw), "rfm_bins": 7}
    database = _warehouse(tmp_path / "w.duckdb", _state(str(raw), "csv", cli_vars))
    info = read_build_info(database)
    assert info == BuildInfo(str(raw), "csv", cli_vars, "meta.build_state")
    env, warnings = raw_source_env(info, {})
    assert env == {"KUNDENSTAMM_RAW_PATH": str(raw), "KUNDENSTAMM_RAW_FORMAT": "csv"}
    assert warnings == []
    assert json.loads(build_vars_text(info, None)) == cli_vars
    assert build_vars_text(info, "{rfm_bins: 4}") == "{rfm_bins: 4}"
    assert project_vars(PROJECT_DIR, build_vars_text(info, None))["rfm_bins"] == 7


def test_a_build_from_the_seeds_needs_no_raw_path(tmp_path):
    database = _warehouse(tmp_path / "w.duckdb", _state("", "parquet", {}))
    info = read_build_info(database)
    assert info.raw_data_path == "" and info.cli_vars == {}
    assert raw_source_env(info, {}) == ({}, [])
    assert build_vars_text(info, None) is None


def test_the_published_raw_location_is_the_fallback(tmp_path):
    old_state = "select 'finished' as state, 'x' as invocation_id"
    info_row = "select 'v1' as version_id, '{}' as raw_data_location, 'dim_customers' as mart_name"
    database = _warehouse(tmp_path / "w.duckdb", old_state, info_row.format(tmp_path))
    info = read_build_info(database)
    assert (info.raw_data_path, info.recorded_in) == (str(tmp_path), "marts.warehouse_info")
    env, warnings = raw_source_env(info, {})
    assert env == {"KUNDENSTAMM_RAW_PATH": str(tmp_path)}
    assert "--format" in warnings[0]
    seeds = _warehouse(tmp_path / "s.duckdb", None, info_row.format("seeds (schema raw)"))
    assert read_build_info(seeds).raw_data_path == ""


def test_nothing_recorded_gives_a_hint_naming_raw_path(tmp_path):
    database = _warehouse(tmp_path / "w.duckdb", "select 'finished' as state")
    env, warnings = raw_source_env(read_build_info(database), {})
    assert env == {}
    assert "does not record where it was built from" in warnings[0]
    assert "--raw-path" in warnings[0]


def test_a_given_raw_path_wins_and_a_missing_folder_is_named(tmp_path):
    info = BuildInfo(str(tmp_path / "gone"), "csv", {}, "meta.build_state")
    env, warnings = raw_source_env(info, {"KUNDENSTAMM_RAW_PATH": str(tmp_path)})
    assert env == {} and "differs from the raw folder" in warnings[0]
    env, warnings = raw_source_env(info, {})
    assert env["KUNDENSTAMM_RAW_PATH"] == str(tmp_path / "gone")
    assert "does not exist any more" in warnings[0] and "--raw-path" in warnings[0]


def test_check_runs_dbt_on_the_recorded_raw_folder_with_the_recorded_vars(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    cli_vars = {"raw_data_path": str(raw), "rfm_bins": 7}
    database = _warehouse(tmp_path / "w.duckdb", _state(str(raw), "csv", cli_vars))
    seen = {}

    def fake_dbt_checks(project, db, out, dbt_vars, raw_env=None):
        seen.update(dbt_vars=dbt_vars, raw_env=raw_env)
        return [], [], {"dbt_source_freshness": "ok", "dbt_test": "ok"}

    def fake_quality_checks(db, project, out, settings, previous, dbt_vars=None):
        seen["suite_vars"] = dbt_vars
        result = QualityResult()
        result.seconds["total"] = 0.0
        return result

    monkeypatch.delenv("KUNDENSTAMM_RAW_PATH", raising=False)
    monkeypatch.setattr(command, "dbt_checks", fake_dbt_checks)
    monkeypatch.setattr(command, "run_quality_checks", fake_quality_checks)
    said = []
    code = command.run_check(PROJECT_DIR, database, tmp_path / "q", say=said.append)
    assert code == 0, said
    assert seen["raw_env"] == {"KUNDENSTAMM_RAW_PATH": str(raw), "KUNDENSTAMM_RAW_FORMAT": "csv"}
    assert json.loads(seen["dbt_vars"]) == cli_vars
    assert seen["suite_vars"]["rfm_bins"] == 7
    summary = json.loads((tmp_path / "q" / "summary.json").read_text(encoding="utf-8"))
    assert summary["build"]["raw_data_path"] == str(raw)


@pytest.mark.skipif(
    not os.environ.get("KUNDENSTAMM_DUCKDB_PATH")
    or not Path(os.environ["KUNDENSTAMM_DUCKDB_PATH"]).exists(),
    reason="needs the warehouse built by scripts/test.sh (KUNDENSTAMM_DUCKDB_PATH)",
)
def test_a_dbt_command_records_its_raw_folder_and_vars(tmp_path):
    """macros/record_build_state.sql, run by the hooks of a (small) dbt command."""
    import shutil

    database = tmp_path / "w.duckdb"
    shutil.copyfile(os.environ["KUNDENSTAMM_DUCKDB_PATH"], database)
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(PROJECT_DIR / "profiles"),
        "KUNDENSTAMM_TARGET": "duckdb",
        "KUNDENSTAMM_DUCKDB_PATH": str(database),
        "KUNDENSTAMM_BUILD_PATH": str(database),
        "DBT_TARGET_PATH": str(tmp_path / "target"),
        "DBT_LOG_PATH": str(tmp_path / "logs"),
        "KUNDENSTAMM_RAW_PATH": str(tmp_path / "it's raw"),
        "KUNDENSTAMM_RAW_FORMAT": "csv",
    }
    dbt = Path(sys.executable).with_name("dbt")
    result = subprocess.run(
        [str(dbt), "run", "--select", "rpt_rfm_segments", "--vars", "{rfm_window_days: 365}"],
        cwd=PROJECT_DIR, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:]
    info = read_build_info(database)
    assert info.raw_data_path == str(tmp_path / "it's raw")
    assert info.raw_data_format == "csv"
    assert info.cli_vars == {"rfm_window_days": 365}


# --- plausibility -------------------------------------------------------------------------------

_TABLES = """
create schema staging;
create schema marts;
create table staging.stg_crm__accounts (
    account_id varchar, account_name varchar, postal_code varchar, country_code varchar);
create table staging.stg_crm__contacts (contact_id varchar, account_id varchar, email varchar);
create table staging.stg_orders__order_lines (
    order_line_id varchar, quantity decimal(18, 3), unit_price decimal(18, 2));
create table marts.fct_orders (order_id varchar, revenue_eur decimal(18, 2));
create table marts.dim_customers (account_id varchar, lifetime_revenue_eur decimal(18, 2));
create table marts.rpt_nps_cadence (
    as_of_date date, last_survey_wave varchar, last_invited_date date,
    months_since_last_wave bigint, max_months_between_waves bigint, is_cadence_exceeded boolean);
insert into staging.stg_crm__accounts values
    ('A1', 'Müller GmbH', '10115', 'DE'), ('A2', 'Schmidt AG', '10115', 'DE'),
    ('A3', 'Müller GmbH', '80331', 'DE'), ('A4', 'Weber KG', '20095', 'DE');
insert into staging.stg_crm__contacts values
    ('C1', 'A1', 'anna@mueller.de'), ('C2', 'A2', 'ben@schmidt.de'),
    ('C3', 'A3', 'carl@mueller.de'), ('C4', 'A4', 'anna@mueller.de');
insert into staging.stg_orders__order_lines values ('L1', 10000, 100000), ('L2', 1, 9.99);
insert into marts.fct_orders select 'O' || i, 100 + i % 7 from range(1, 2001) as t(i);
insert into marts.dim_customers values ('A1', 0), ('A2', 10), ('A3', 1), ('A4', 5);
insert into marts.rpt_nps_cadence values ('2025-12-31', '2024-H2', '2024-12-31', 12, 12, false);
"""

_DEFECTS = """
insert into staging.stg_crm__accounts values
    ('A9', '  müller   gmbh ', '101 15', 'DE'), ('A8', 'Schmidt AG', '10115', 'AT');
insert into staging.stg_crm__contacts values
    ('C9', 'A2', ' Ben@Schmidt.de '), ('C8', 'A4', 'ANNA@mueller.de'),
    ('C7', 'A3', 'dora@gmail.com'), ('C6', 'A4', 'eve@gmail.com');
update staging.stg_crm__accounts set account_name = 'Müller GmbH' where account_id = 'A4';
insert into staging.stg_orders__order_lines values ('L9', 10000.001, 5), ('L8', 2, 100000.01);
insert into marts.fct_orders values ('O9', -3.50), ('O8', 2500000), ('O7', 99999), ('O6', 50000);
insert into marts.dim_customers values ('A9', -3.50);
update marts.rpt_nps_cadence
    set last_invited_date = '2024-11-30', months_since_last_wave = 13, is_cadence_exceeded = true;
"""


def _plausibility(tmp_path: Path, defects: bool, settings: dict | None = None) -> list:
    database = tmp_path / f"p{int(defects)}.duckdb"
    with duckdb.connect(str(database)) as connection:
        connection.execute(_TABLES + (_DEFECTS if defects else ""))
    context, source = _context(tmp_path / f"gx{int(defects)}")
    settings = {**load_settings(), **(settings or {})}
    with duckdb.connect(str(database), read_only=True) as connection:
        results = list(
            plausibility_checks(connection, partial(_validate, context, source), settings)
        )
    assert all(checks == 1 for _, checks in results)
    return [failure for failures, _ in results for failure in failures]


def test_plausible_data_passes_every_plausibility_check(tmp_path):
    """Values exactly at their bound pass; the same name at another postal code is no duplicate
    (with the default keys); the same address at two accounts is no duplicate contact."""
    assert _plausibility(tmp_path, defects=False) == []


def test_implausible_data_fails_naming_table_column_rule_count_and_keys(tmp_path):
    settings = {
        "duplicate_accounts": {"keys": ["name_postal_code", "name_email_domain"], "max_share": 0}
    }
    failures = _plausibility(tmp_path, defects=True, settings=settings)
    found = {(f.table, f.column, f.rule): f.message for f in failures}
    assert set(found) == {
        ("staging.stg_crm__contacts", "email", "duplicate_email"),
        ("staging.stg_crm__accounts", "account_name, postal_code", "duplicate_account"),
        ("staging.stg_crm__accounts", "account_name, email", "duplicate_account"),
        ("staging.stg_orders__order_lines", "quantity", "extreme_value"),
        ("staging.stg_orders__order_lines", "unit_price", "extreme_value"),
        ("marts.fct_orders", "revenue_eur", "extreme_value"),
        ("marts.fct_orders", "revenue_eur", "revenue_outliers"),
        ("marts.fct_orders", "revenue_eur", "negative_total"),
        ("marts.dim_customers", "lifetime_revenue_eur", "negative_total"),
        ("marts.rpt_nps_cadence", "is_cadence_exceeded", "nps_cadence_exceeded"),
    }, failures
    emails = found[("staging.stg_crm__contacts", "email", "duplicate_email")]
    assert emails.startswith("2 accounts have contacts") and "A2 ben@schmidt.de: C2 = C9" in emails
    assert "A4 anna@mueller.de: C4 = C8" in emails
    assert (
        "(25.00% of the contacts with an e-mail address are a second contact, allowed 0.50%)"
        in emails
    )
    postal = found[("staging.stg_crm__accounts", "account_name, postal_code", "duplicate_account")]
    assert postal.startswith("1 groups") and "müller gmbh DE-10115: A1 = A9" in postal
    domain = found[("staging.stg_crm__accounts", "account_name, email", "duplicate_account")]
    assert domain.startswith("1 groups") and "@mueller.de: A1 = A3 = A4" in domain
    assert "gmail" not in domain
    quantity = found[("staging.stg_orders__order_lines", "quantity", "extreme_value")]
    assert quantity.startswith("1 values above 10000") and "L9 (10000.001)" in quantity
    assert (
        "L8 (100000.01)"
        in found[("staging.stg_orders__order_lines", "unit_price", "extreme_value")]
    )
    outliers = found[("marts.fct_orders", "revenue_eur", "revenue_outliers")]
    assert outliers.startswith("3 orders") and "O8 (2500000.0)" in outliers
    assert "allowed 0.10%" in outliers
    negative = found[("marts.fct_orders", "revenue_eur", "negative_total")]
    assert negative == "1 orders have a revenue below zero (allowed 0) (e.g. O9 (-3.50))"
    assert "A9 (-3.50)" in found[("marts.dim_customers", "lifetime_revenue_eur", "negative_total")]
    # a wave exactly nps_max_months_between_waves old passes (the clean data); one month more fails
    cadence = found[("marts.rpt_nps_cadence", "is_cadence_exceeded", "nps_cadence_exceeded")]
    assert cadence.startswith("1 NPS survey cadence exceeded") and "(allowed 0)" in cadence
    assert "last wave 2024-H2 on 2024-11-30, 13 months before 2025-12-31, allowed 12" in cadence


def test_plausibility_thresholds_come_from_the_settings(tmp_path):
    settings = {
        "duplicate_contact_emails": {"max_share": 0.5},
        "max_values": {"stg_orders__order_lines": {"quantity": 20000}},
        "order_revenue_outliers": {"percentile": 0.99, "multiple": 20, "max_share": 0.01},
        "max_negative_totals": 1,
        "nps_cadence": False,
    }
    failures = _plausibility(tmp_path, defects=True, settings=settings)
    assert {(f.table, f.column, f.rule) for f in failures} == {
        ("staging.stg_crm__accounts", "account_name, postal_code", "duplicate_account"),
    }


@pytest.mark.parametrize(
    ("setting", "value", "words"),
    [
        ("max_values", {"rpt_nps": {"nps": 1}}, "no bound can be set on rpt_nps"),
        ("max_values", {"fct_orders": {"revenue_eur; drop": 1}}, "bad column"),
        ("max_negative_totals", "none", "must be a number"),
        ("duplicate_accounts", {"keys": ["phone"], "max_share": 0}, "unknown phone"),
        ("nps_cadence", "yes", "must be true or false"),
    ],
)
def test_bad_plausibility_settings_are_named(tmp_path, setting, value, words):
    with pytest.raises(ValueError, match=words):
        _plausibility(tmp_path, defects=False, settings={setting: value})


# --- RFM ranges from the build's vars ------------------------------------------------------------


def _ranges(dbt_vars: dict | None) -> dict:
    found = {}
    for suite in build_suites(PROJECT_DIR, load_settings(), dbt_vars).models:
        for expectation in suite.expectations:
            column = getattr(expectation, "column", None)
            if suite.table in ("dim_customers", "fct_rfm_scores") and column in (
                "r_score", "f_score", "m_score", "rfm_total"
            ) and hasattr(expectation, "min_value"):  # fmt: skip
                found[(suite.table, column)] = (expectation.min_value, expectation.max_value)
    return found


@pytest.mark.parametrize(
    ("dbt_vars", "top", "total"),
    [(None, 5, 15), ({"rfm_bins": 5}, 5, 15), ({"rfm_bins": 7}, 7, 21)],
)
def test_rfm_ranges_follow_the_builds_rfm_bins(dbt_vars, top, total):
    ranges = _ranges(dbt_vars)
    for table in ("dim_customers", "fct_rfm_scores"):
        for score in ("r_score", "f_score", "m_score"):
            assert ranges[(table, score)] == (1, top)
        assert ranges[(table, "rfm_total")] == (3, total)


def test_a_bad_rfm_bins_is_named():
    with pytest.raises(ValueError, match="rfm_bins"):
        build_suites(PROJECT_DIR, load_settings(), {"rfm_bins": "seven"})


# --- the suites computed in DuckDB give the results of pandas frames --------------------------

_MART = """
create schema marts;
create table marts.t (
    k varchar, amount decimal(18, 2), share double, kind varchar, parent varchar,
    seen_at timestamp);
create table marts.p (k varchar);
insert into marts.p values ('P1'), ('P2');
insert into marts.t values
    ('K1', 10.50, 0.5, 'a', 'P1', '2025-12-30 10:00:00'),
    ('K2', -3.50, 'nan'::double, 'b', 'P9', '2025-12-31 23:59:00'),
    ('K2', 12345678.91, 1.5, 'zz', null, null),
    (null, null, null, null, 'P2', '2024-01-01 00:00:00');
"""


def _outcomes(context, source, suite, **data) -> list[tuple]:
    return [
        (o.expectation_config.type, o.success, o.result.get("unexpected_count"),
         o.result.get("unexpected_percent"), o.result.get("partial_unexpected_list"),
         o.result.get("observed_value"), o.result.get("element_count"))
        for o in _validate(context, source, suite, **data)
    ]  # fmt: skip


def test_suites_computed_in_duckdb_give_the_results_of_pandas_frames(tmp_path):
    """Decimals, NaN, nulls, duplicates, values out of range and out of set, a missing parent
    and the freshness column: GX's SQL source on the check's (staged) query gives every count,
    share, example and observed value a pandas frame of the same query gives."""
    import great_expectations as gx

    from kundenstamm.quality import gx_sql
    from kundenstamm.quality.checkpoint import _batch_query, _frame_sql, _sql_source, _warehouse
    from kundenstamm.quality.expectations import TableSuite

    database = tmp_path / "w.duckdb"
    with duckdb.connect(str(database)) as connection:
        connection.execute(_MART)
    context, source = _context(tmp_path / "gx")

    def suite(name):
        e = gx.expectations
        return TableSuite("marts", name, [
            e.ExpectColumnValuesToBeUnique(column="k"),
            e.ExpectColumnValuesToNotBeNull(column="k"),
            e.ExpectColumnValuesToBeBetween(column="amount", min_value=0),
            e.ExpectColumnValuesToBeBetween(column="share", min_value=0, max_value=1),
            e.ExpectColumnValuesToBeInSet(column="kind", value_set=["a", "b"]),
            e.ExpectColumnMaxToBeBetween(column="seen_at", min_value="2026-01-01"),
            e.ExpectColumnValuesToBeInSet(column="parent__has_parent", value_set=[True]),
        ])  # fmt: skip

    with _warehouse(database) as connection, gx_sql.register(connection, "warehouse") as url:
        sql = _frame_sql("marts", "t", suite("t").columns(), [("parent", "p", "k")])
        query = _batch_query(connection, "marts__t", sql, True, "seen_at")
        by_frame = _outcomes(
            context, source, suite("t_frame"), frame=connection.execute(query).df()
        )
        in_duckdb = _outcomes(context, _sql_source(context, url), suite("t"), query=query)
    # the one difference: the missing values not_null finds are listed as SQL's NULL, not NaN
    assert len(by_frame[1][4]) == 1 and pd.isna(by_frame[1][4][0])
    by_frame[1] = (*by_frame[1][:4], [None], *by_frame[1][5:])
    assert in_duckdb == by_frame
    failed = [(o[2], o[4], o[5]) for o in in_duckdb if not o[1]]
    assert failed == [
        (2, ["K2", "K2"], None),  # unique
        (1, [None], None),  # not null
        (1, [-3.5], None),  # amount at least 0: the decimal as the frame's double
        (1, [1.5], None),  # share 0..1: NaN is missing, as in the frame
        (1, ["zz"], None),  # kind in set
        (None, None, date(2025, 12, 31)),  # freshness: the newest day (compared as ISO text)
        (1, [False], None),  # P9 has no parent
    ]


def test_the_settings_model_gives_the_rfm_ranges(tmp_path):
    """A warehouse with the settings model scores RFM in its ranges, whatever the vars say; one
    without it (built before it existed) has the ranges of the build's rfm_bins."""
    database = _warehouse(tmp_path / "w.duckdb", info="select 'seeds (schema raw)' as x")
    assert read_rfm_ranges(database) is None
    with duckdb.connect(str(database)) as connection:
        connection.execute(
            "create table marts.dim_settings as select 7 as rfm_bins, 1 as rfm_score_min,"
            " 7 as rfm_score_max, 3 as rfm_total_min, 21 as rfm_total_max"
        )
    rfm = read_rfm_ranges(database)
    assert rfm == {"score": (1, 7), "total": (3, 21)}
    suites = build_suites(PROJECT_DIR, load_settings(), {"rfm_bins": 5}, rfm)
    found = _bounds(suites, ("dim_customers", "fct_rfm_scores"), ("r_score", "rfm_total"))
    assert set(found.values()) == {(1, 7), (3, 21)} and len(found) == 4


def _bounds(suites, tables, columns) -> dict:
    return {
        (suite.table, e.column): (e.min_value, e.max_value)
        for suite in suites.models
        if suite.table in tables
        for e in suite.expectations
        if getattr(e, "column", None) in columns and hasattr(e, "min_value")
    }


# --- the raw columns of each quarantine reason --------------------------------------------------


def _codes_of_checks(text: str) -> set[str]:
    """The string literals closing each (condition, reason) pair of a list of checks."""
    return set(re.findall(r"\"(\w+)\"\s*\),", text))


def _reason_codes_in_sql(table: str) -> set[str]:
    """The reason codes of the checks in a base model: the key and text checks every base model
    gets, the reason of each lookup, those of each (condition, reason) pair given to the
    base_model macro, and those of each group of checks it names (a macro of macros/staging,
    such as timestamp_checks)."""
    source = table.split("__")[0]
    text = (PROJECT_DIR / "models" / "staging" / source / "base" / f"base_{table}.sql").read_text()
    start = text.index("checks=[")
    checks = text[start : text.index("\n    ],", start)]
    codes = {"missing_key", "invalid_text"} | _codes_of_checks(checks)
    codes |= set(re.findall(r"kundenstamm\.lookup\('\w+', ref\('\w+'\), '\w+', '(\w+)'", text))
    for group in set(re.findall(r"kundenstamm\.(\w+_checks)\(", checks)):
        codes |= _codes_of_checks((PROJECT_DIR / "macros" / "staging" / f"{group}.sql").read_text())
    return codes


def test_every_base_model_declares_the_raw_columns_of_its_reasons():
    """meta quarantine_columns of each base model names every reason its checks give (and
    duplicate_key), each a code of the quarantine_reasons seed, with columns of its raw table."""
    contract = load_contract(PROJECT_DIR)
    seed = PROJECT_DIR / "seeds" / "mappings" / "quarantine_reasons.csv"
    codes = {row["reason_code"] for row in csv.DictReader(seed.open(encoding="utf-8"))}
    mapping = build_suites(PROJECT_DIR, load_settings()).reason_columns
    assert len(mapping) == len(contract) == 12
    for table, reasons in mapping.items():
        assert set(reasons) == _reason_codes_in_sql(table) | {"duplicate_key"}, table
        assert set(reasons) <= codes, table
        raw_columns = set(contract[table.replace("__", "_", 1)].columns)
        for reason, columns in reasons.items():
            assert set(columns) <= raw_columns, (table, reason, columns)
            assert columns or reason == "invalid_text", (table, reason)


def test_a_quarantine_share_failure_names_the_declared_columns(tmp_path):
    from kundenstamm.quality.checkpoint import _raw_frames

    database = tmp_path / "w.duckdb"
    with duckdb.connect(str(database)) as connection:
        connection.execute(
            """
            create schema staging;
            create table staging.base_crm__tickets as select * from range(4);
            create table staging.stg_crm__tickets as select * from range(1);
            create table staging.quarantine_crm__tickets as
                select 'crm_tickets' as source_table, reason as quarantine_reason
                from (values ('future_date'), ('future_date'), ('invalid_text')) as t(reason);
            """
        )
        mapping = {"crm__tickets": {"future_date": ["opened_at"], "invalid_text": []}}
        raw = _raw_frames(connection, mapping, {})
    assert [r["columns"] for r in raw[0]["reasons"]] == [["opened_at"], []]
    context, source = _context(tmp_path / "gx")
    suite = raw_load_suite("crm_tickets", load_settings(), False)
    frame = pd.DataFrame([raw[0]["frame"]])
    info = {"raw_row": raw[0]["frame"], "reasons": raw[0]["reasons"]}
    failures = [
        explain("raw.crm_tickets", outcome, info)
        for outcome in _validate(context, source, suite, frame)
        if not outcome.success
    ]
    assert [(f.column, f.rule) for f in failures] == [("opened_at", "quarantine_share")]
    assert failures[0].message == (
        "3 of 4 rows (75.0%) quarantined, more than the allowed 1.0%: "
        "opened_at: future_date (2 rows); any column: invalid_text (1 rows)"
    )
