"""The metric definitions on hand-made rows, with the answers worked out by hand: a small DuckDB
file holds the marts' columns the semantic models read, and MetricFlow queries it at month,
quarter and year grain. The cases are the ones where a definition makes a choice (see
DECISIONLOG.md "Semantic layer"): states at the period's last month end, pooled churn, distinct
customers per period, purchases only, the revenue share by class, NPS from counts, the counted
NPS answer, CPA and CLV:CAC per acquisition channel, the CPA on acquisition spend alone."""

from __future__ import annotations

import math
from datetime import datetime

import duckdb
import pytest

from kundenstamm.metrics import SemanticLayer, semantic_manifest_path

TABLES = {
    # a: class A, acquired 2024 through search; b: class B, acquired Feb 2025 through social;
    # c: class C, acquired Apr 2025 through search; p: a search prospect (never bought)
    "dim_customers": """
        select * from (values
            ('a', 'search', date '2024-01-10', 'A', 100.00, 50.00),
            ('b', 'social', date '2025-02-03', 'B', 40.00, null),
            ('c', 'search', date '2025-04-20', 'C', 10.00, 5.00),
            ('p', 'search', null, null, null, null)
        ) as t(account_id, acquisition_channel, first_purchase_date, abc_class,
               historical_clv_eur, predicted_clv_eur)
    """,
    "fct_orders": """
        select * from (values
            ('o1', 'a', date '2025-01-15', true, 300.00, 100.00, true),
            ('o2', 'a', date '2025-02-10', true, 100.00, 40.00, true),
            ('o3', 'b', date '2025-02-03', true, 100.00, 30.00, false),
            ('o4', 'b', date '2025-02-20', false, 999.00, 999.00, false),
            ('o5', 'a', date '2025-03-05', true, 200.00, 80.00, true),
            ('o6', 'b', date '2025-03-15', true, 50.00, 10.00, true),
            ('o7', 'c', date '2025-04-20', true, 100.00, 20.00, false)
        ) as t(order_id, account_id, order_date, is_purchase, revenue_eur, margin_eur,
               has_bought_before_month)
    """,
    # month ends of Q1 2025: d becomes lapsed in February, e in March
    "fct_lifecycle_history": """
        select * from (values
            ('a', date '2025-01-31', 'mature', true, false, true),
            ('b', date '2025-01-31', 'prospect', false, false, false),
            ('d', date '2025-01-31', 'at_risk', true, false, true),
            ('e', date '2025-01-31', 'mature', true, false, true),
            ('a', date '2025-02-28', 'mature', true, false, true),
            ('b', date '2025-02-28', 'new', true, false, false),
            ('d', date '2025-02-28', 'lapsed', false, true, true),
            ('e', date '2025-02-28', 'at_risk', true, false, true),
            ('a', date '2025-03-31', 'mature', true, false, true),
            ('b', date '2025-03-31', 'new', true, false, true),
            ('d', date '2025-03-31', 'lapsed', false, false, false),
            ('e', date '2025-03-31', 'lapsed', false, true, true)
        ) as t(account_id, snapshot_date, lifecycle_stage, is_active_customer, became_lapsed,
               was_active_previous_month)
    """,
    # a answered its January invitation twice: only the later (promoter) answer counts
    "fct_nps_responses": """
        select * from (values
            ('r1', 'a', timestamp '2025-01-05 08:00:00', 'promoter', true),
            ('r2', 'a', timestamp '2025-01-05 08:00:00', 'detractor', false),
            ('r3', 'b', timestamp '2025-02-05 08:00:00', 'detractor', true),
            ('r4', 'c', timestamp '2025-03-05 08:00:00', 'passive', true),
            ('r5', 'c', timestamp '2025-04-05 08:00:00', 'promoter', true)
        ) as t(response_id, account_id, invited_at, nps_class, is_counted_answer)
    """,
    "fct_marketing_spend": """
        select * from (values
            ('search|2025-02-01', 'search', 'acquisition', date '2025-02-01', 200.00),
            ('social|2025-02-01', 'social', 'acquisition', date '2025-02-01', 300.00),
            ('direct|2025-02-01', 'direct', 'retention', date '2025-02-01', 50.00),
            ('search|2025-04-01', 'search', 'acquisition', date '2025-04-01', 100.00)
        ) as t(spend_key, channel, spend_purpose, spend_month, spend_eur)
    """,
}

# the other columns the semantic models name, empty here
EXTRA_COLUMNS = {
    "dim_customers": "created_at timestamp, account_type varchar, industry_segment varchar, "
    "company_size varchar, region varchar, country_code varchar, account_owner varchar, "
    "rfm_segment varchar, abc_subclass varchar, lifecycle_stage varchar, lifecycle_task varchar, "
    "latest_nps_class varchar",
    "fct_orders": "channel varchar, touchpoint varchar, order_status varchar, "
    "currency_code varchar, has_discount_code boolean",
    "fct_lifecycle_history": "lifecycle_task varchar, abc_class varchar",
    "fct_nps_responses": "responded_date date, survey_wave varchar, is_promoter boolean, "
    "is_detractor boolean",
}


@pytest.fixture(scope="module")
def layer(project_dir, tmp_path_factory):
    if not semantic_manifest_path(project_dir).exists():
        pytest.skip("needs target/semantic_manifest.json (dbt parse)")
    database = tmp_path_factory.mktemp("by_hand") / "hand.duckdb"
    with duckdb.connect(str(database)) as connection:
        connection.execute("create schema marts")
        for table, rows in TABLES.items():
            connection.execute(f"create table marts.{table} as {rows}")
            for column in filter(None, EXTRA_COLUMNS.get(table, "").split(", ")):
                connection.execute(f"alter table marts.{table} add column {column}")
        connection.execute(
            "update marts.fct_nps_responses set is_promoter = nps_class = 'promoter', "
            "is_detractor = nps_class = 'detractor'"
        )
        connection.execute(
            "create table marts.dim_dates as select cast(range as date) as date_day "
            "from range(date '2024-01-01', date '2026-01-01', interval 1 day)"
        )
    with SemanticLayer(project_dir, database) as semantic_layer:
        yield semantic_layer


def values(layer, metrics, group_by) -> dict:
    """{group-by values: {metric: value}} with dates as ISO strings."""
    result = layer.query(metrics=metrics, group_by=group_by)
    out = {}
    for row in result.rows:
        record = dict(zip(result.columns, row, strict=True))
        key = tuple(
            record[g].date().isoformat() if isinstance(record[g], datetime) else record[g]
            for g in group_by
        )
        out[key if len(key) > 1 else key[0]] = {m: record[m] for m in metrics}
    return out


def test_revenue_counts_purchases_only_and_customers_distinctly(layer):
    """Q1 2025: 300 + 100 + 100 + 200 + 50 = 750 (the cancelled 999 is no purchase), by a and b:
    2 customers, 375 each. February: a and b bought, only a had bought before February -> 0.5;
    over Q1 both had (b again in March) -> 1.0, not an average of the months."""
    quarter = values(
        layer,
        ["revenue", "margin", "purchasing_customers", "avg_revenue_per_customer"],
        ["metric_time__quarter"],
    )["2025-01-01"]
    assert quarter == {
        "revenue": 750.0,
        "margin": 260.0,
        "purchasing_customers": 2,
        "avg_revenue_per_customer": 375.0,
    }
    rates = values(layer, ["repeat_purchase_rate"], ["metric_time__month"])
    assert rates["2025-02-01"]["repeat_purchase_rate"] == 0.5
    assert values(layer, ["repeat_purchase_rate"], ["metric_time__quarter"])["2025-01-01"] == {
        "repeat_purchase_rate": 1.0
    }


def test_revenue_share_by_current_class(layer):
    """Q1 2025: A (a) made 600 of 750 = 80 %, B (b) 150 = 20 %, C nothing; Q2: C made all."""
    shares = values(
        layer,
        ["revenue_share_a_pct", "revenue_share_b_pct", "revenue_share_c_pct"],
        ["metric_time__quarter"],
    )
    assert shares["2025-01-01"]["revenue_share_a_pct"] == pytest.approx(80.0)
    assert shares["2025-01-01"]["revenue_share_b_pct"] == pytest.approx(20.0)
    assert shares["2025-01-01"]["revenue_share_c_pct"] is None
    assert shares["2025-04-01"]["revenue_share_c_pct"] == pytest.approx(100.0)


def test_states_at_the_last_month_end_and_pooled_churn(layer):
    """Active: 3 (Jan), 3 (Feb), 2 (Mar) -> Q1 has 2, the March state, not 8. Lost: d in Feb,
    e in Mar -> 2 in Q1. Previously active 3 + 3 + 3 -> churn 2 / 9 in Q1, 1 / 3 in February."""
    months = values(layer, ["active_customers", "churn_rate"], ["metric_time__month"])
    assert [months[m]["active_customers"] for m in sorted(months)] == [3, 3, 2]
    assert months["2025-02-01"]["churn_rate"] == pytest.approx(1 / 3)
    quarter = values(
        layer,
        ["active_customers", "lifecycle_customers", "lost_customers", "churn_rate"],
        ["metric_time__quarter"],
    )["2025-01-01"]
    assert quarter["active_customers"] == 2
    assert quarter["lifecycle_customers"] == 4
    assert quarter["lost_customers"] == 2
    assert quarter["churn_rate"] == pytest.approx(2 / 9)


def test_nps_from_the_counted_answers(layer):
    """Q1: a's counted answer is the promoter one, b a detractor, c a passive -> 3 responses,
    (1 - 1) / 3 -> NPS 0. Q2: one promoter -> 100. 2025: 2 promoters, 1 detractor of 4 -> 25."""
    metrics = ["nps_responses", "nps_promoters", "nps_detractors", "nps"]
    quarters = values(layer, metrics, ["metric_time__quarter"])
    assert quarters["2025-01-01"] == {
        "nps_responses": 3,
        "nps_promoters": 1,
        "nps_detractors": 1,
        "nps": 0.0,
    }
    assert quarters["2025-04-01"]["nps"] == 100.0
    assert values(layer, ["nps"], ["metric_time__year"])["2025-01-01"]["nps"] == 25.0


def test_cpa_and_clv_to_cac_per_acquisition_channel(layer):
    """search spent 200 + 100 = 300 and acquired a and c (the prospect p is no customer):
    CPA 150, CLV:CAC (100 + 50 + 10 + 5) / 300 = 0.55; social spent 300 for b: CPA 300, CLV:CAC
    40 / 300 (no prediction for b counts 0); direct spent 50 and acquired nobody: no CPA. Per
    month: February 500 + 50 for b, April 100 for c."""
    channels = values(
        layer, ["marketing_spend", "new_customers", "cpa", "clv_to_cac"], ["marketing_channel"]
    )
    assert channels["search"]["new_customers"] == 2
    assert channels["search"]["cpa"] == 150.0
    assert math.isclose(channels["search"]["clv_to_cac"], 0.55)
    assert channels["social"]["cpa"] == 300.0
    assert math.isclose(channels["social"]["clv_to_cac"], 40 / 300)
    months = values(layer, ["cpa"], ["metric_time__month"])
    assert months["2025-02-01"]["cpa"] == 550.0
    assert months["2025-04-01"]["cpa"] == 100.0
    assert months["2024-01-01"]["cpa"] is None  # a customer acquired without spend
    assert channels["direct"]["cpa"] is None and channels["direct"]["marketing_spend"] == 50.0


def test_acquisition_cpa_leaves_out_the_retention_spend(layer):
    """February: search 200 + social 300 are acquisition, direct 50 retention; b is the one new
    customer -> CPA on acquisition spend 500 (the CPA on all spend is 550). April: 100 for c."""
    metrics = ["acquisition_spend", "retention_spend", "acquisition_cpa"]
    months = values(layer, metrics, ["metric_time__month"])
    assert months["2025-02-01"] == {
        "acquisition_spend": 500.0,
        "retention_spend": 50.0,
        "acquisition_cpa": 500.0,
    }
    assert months["2025-04-01"]["acquisition_cpa"] == 100.0
    assert months["2025-04-01"]["retention_spend"] == 0.0
