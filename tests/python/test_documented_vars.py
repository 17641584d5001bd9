"""Every var setting the README and the comments in dbt_project.yml show builds: models, data
tests and unit tests all pass, and each setting visibly took effect.

The settings read different parts of the warehouse and do not undo each other, so one build of a
small generated dataset carries them all (the test stays near a minute on two cores): the README's
"Change a threshold" example (ABC on margin over a year, RFM over half a year), a fixed CLV
retention rate, a past as-of date, 7 RFM bins and the P(alive) at-risk rule switched off. Every
unit test runs under these settings too.
"""

from __future__ import annotations

import time
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest
import yaml
from conftest import PROJECT_DIR, dbt_build

from kundenstamm.generate import generate_dataset
from kundenstamm.quality.checkpoint import run_checkpoint
from kundenstamm.quality.command import run_quality_checks
from kundenstamm.quality.expectations import build_suites
from kundenstamm.quality.settings import load_settings

PAST_AS_OF = "2024-06-30"
SETTINGS = {
    "abc_basis": "margin",
    "abc_lookback_days": 365,
    "rfm_window_days": 180,
    "clv_retention_rate": 0.8,
    "as_of_date": PAST_AS_OF,
    "rfm_bins": 7,
    "lifecycle_at_risk_p_alive": "",
}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("documented_vars")
    raw = work / "raw"
    generate_dataset(raw, 200, seed=11, fmt="csv", dirty_rate=0.0)
    database = work / "build" / "warehouse.duckdb"
    _build(raw, database, SETTINGS)
    return database


@pytest.fixture(scope="module")
def db(warehouse):
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        yield connection


def _build(raw: Path, database: Path, settings: dict) -> None:
    database.parent.mkdir(parents=True)
    started = time.perf_counter()
    output = dbt_build(
        PROJECT_DIR,
        database,
        "--exclude",
        "path:seeds/demo",
        "--vars",
        yaml.safe_dump(
            {"raw_data_path": str(raw), "raw_data_format": "csv", "load_date": "2026-01-31"}
            | settings,
            default_flow_style=True,
        ),
    )
    print(f"build with {settings}: {time.perf_counter() - started:.1f} s")
    assert " unit tests" in output and "ERROR=0" in output and "SKIP=0" in output, output[-3000:]


def _one(connection: duckdb.DuckDBPyConnection, sql: str):
    return connection.execute(sql).fetchone()


def test_abc_ranks_by_margin_over_the_lookback(db):
    bases, customers, differing = _one(
        db,
        """
        select
            list(distinct abc.abc_basis),
            count(*),
            count(*) filter (where abc.basis_value_eur <> agg.abc_window_margin_eur)
        from marts.fct_abc_classes as abc
        inner join intermediate.int_customers_purchases_aggregated as agg using (account_id)
        """,
    )
    assert bases == ["margin"] and customers > 100 and differing == 0
    margin_is_not_revenue = _one(
        db,
        "select count(*) filter (where abc_window_margin_eur <> abc_window_revenue_eur)"
        " from intermediate.int_customers_purchases_aggregated",
    )[0]
    assert margin_is_not_revenue > 0


def test_rfm_counts_the_window_and_scores_seven_bins(db):
    # frequency counts the last 180 days only: fewer purchases than the whole history
    window, total = _one(
        db,
        "select sum(frequency), sum(agg.lifetime_purchases) from marts.fct_rfm_scores"
        " inner join intermediate.int_customers_purchases_aggregated as agg using (account_id)",
    )
    assert 0 < window < total
    # scores run 1..7, every customer has a segment, the top cell reads the map's top level
    low, high, unmapped, segments = _one(
        db,
        "select min(least(r_score, f_score, m_score)), max(greatest(r_score, f_score, m_score)),"
        " count(*) filter (where rfm_segment is null), count(distinct rfm_segment)"
        " from marts.fct_rfm_scores",
    )
    assert (low, high, unmapped) == (1, 7, 0) and segments >= 6
    top_not_champions = _one(
        db,
        "select count(*) from marts.fct_rfm_scores"
        " where r_score = 7 and fm_score = 7 and rfm_segment <> 'Champions'",
    )[0]
    assert top_not_champions == 0


def test_nothing_after_the_past_as_of_date_is_used(db):
    last_order = _one(db, "select max(last_purchase_date) from marts.dim_customers")[0]
    as_of = date.fromisoformat(PAST_AS_OF)
    assert as_of - timedelta(days=180) < last_order <= as_of


def test_clv_retention_rate_and_p_alive_rule_off(db):
    rates = _one(db, "select list(distinct retention_rate) from marts.fct_customer_clv")[0]
    assert rates == [0.8]
    low_p_alive = _one(
        db, "select count(*) from marts.fct_lifecycle_history where stage_reason = 'low_p_alive'"
    )[0]
    assert low_p_alive == 0


def test_the_check_expects_the_scores_of_the_builds_seven_bins(warehouse, tmp_path):
    """The suites of `kundenstamm check` take the RFM ranges of the build (its settings model, or
    the vars it recorded): scores 1..7 and totals 3..21 pass; the ranges of five bins fail."""
    only = {"marts.dim_customers", "marts.fct_rfm_scores"}
    result = run_quality_checks(warehouse, PROJECT_DIR, tmp_path / "q", load_settings(), only=only)
    assert result.success, "\n".join(map(str, result.failures))
    five_bins = build_suites(PROJECT_DIR, load_settings(), {"rfm_bins": 5})
    failed = run_checkpoint(warehouse, five_bins, tmp_path / "q5", only=only).failures
    assert {(f.table, f.column, f.rule) for f in failed} >= {
        ("marts.fct_rfm_scores", "r_score", "range"),
        ("marts.fct_rfm_scores", "rfm_total", "range"),
        ("marts.dim_customers", "m_score", "range"),
    }
