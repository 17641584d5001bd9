"""The semantic layer gives the marts' numbers: every metric, queried through MetricFlow on the
demo warehouse the test command built, equals the value of the mart it corresponds to (counts
exactly, money to the cent, shares and rates to their rounding), at each grain the mart has; and
the report's headline KPIs are the metric values."""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date, datetime

import pytest

from kundenstamm.metrics import MetricsError, SemanticLayer, format_table

CENT = 0.005 + 1e-9  # a mart rounds to the cent, the metric is exact (or a double)


@pytest.fixture(scope="module")
def layer(project_dir, warehouse):
    with SemanticLayer(project_dir, warehouse) as semantic_layer:
        yield semantic_layer


def rows_of(marts, sql: str) -> list[dict]:
    cursor = marts.execute(sql)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def metric_rows(layer, metrics, group_by, null_as=None) -> dict[tuple, dict]:
    """Query the metrics; rows keyed by the group-by values (dates as dates, missing groups as
    `null_as`, the label the mart gives them)."""
    result = layer.query(metrics=metrics, group_by=group_by)
    keyed = {}
    for row in result.rows:
        record = dict(zip(result.columns, row, strict=True))
        key = []
        for name in group_by:
            value = record[name]
            if isinstance(value, datetime):
                value = value.date()
            key.append(null_as if value is None else value)
        keyed[tuple(key)] = record
    return keyed


def same(metric, mart, tolerance: float = 1e-9) -> bool:
    """Equal within `tolerance`; an absent metric value is 0 where the mart writes a 0."""
    if mart is None:
        return metric is None
    if metric is None:
        return float(mart) == 0
    if isinstance(mart, int) and not isinstance(mart, bool):
        return metric == mart
    return math.isclose(float(metric), float(mart), rel_tol=1e-9, abs_tol=tolerance)


def assert_columns_equal(found: dict[tuple, dict], expected: list[dict], key, columns) -> int:
    """Every expected row's `columns` (metric name -> (mart column, tolerance)) equal the metric
    row with the same key; return the number of values compared."""
    differences = []
    compared = 0
    for row in expected:
        record = found.get(key(row), {})
        for metric, (column, tolerance) in columns.items():
            compared += 1
            if not same(record.get(metric), row[column], tolerance):
                differences.append(
                    f"{key(row)} {metric}: metric {record.get(metric)!r}, mart {row[column]!r}"
                )
    assert not differences, f"{len(differences)} differences, e.g.\n" + "\n".join(differences[:10])
    return compared


KPI_COLUMNS = {
    "new_customers": ("new_customers", 0),
    "active_customers": ("active_customers", 0),
    "lost_customers": ("lost_customers", 0),
    "churn_rate": ("churn_rate", 1e-12),
    "purchasing_customers": ("purchasing_customers", 0),
    "revenue": ("revenue_eur", CENT),
    "margin": ("margin_eur", CENT),
    "avg_revenue_per_customer": ("avg_revenue_per_customer_eur", CENT),
    "repeat_purchase_rate": ("repeat_purchase_rate", 1e-12),
    "leads_created": ("leads_created", 0),
    "leads_converted": ("leads_converted", 0),
    "lead_conversion_rate": ("lead_conversion_rate", 1e-12),
    "avg_days_since_last_interaction": ("avg_days_since_last_interaction", 1e-9),
}
ALL_ONLY = {
    "marketing_spend": ("marketing_spend_eur", CENT),
    "cpa": ("cpa_eur", CENT),
    "line_revenue": ("revenue_eur", CENT),
}


def test_monthly_kpis_equal_the_kpi_mart(layer, marts):
    expected = rows_of(
        marts,
        "select * from marts.rpt_kpis_monthly where segment_type = 'all' order by month_start",
    )
    assert len(expected) >= 24
    columns = {**KPI_COLUMNS, **ALL_ONLY}
    found = metric_rows(layer, list(columns), ["metric_time__month"])
    compared = assert_columns_equal(found, expected, lambda r: (r["month_start"],), columns)
    assert compared == len(expected) * len(columns)
    # not trivially equal: the demo has revenue, churn and new customers in the last month
    last = found[(expected[-1]["month_start"],)]
    assert last["revenue"] > 0 and last["churn_rate"] > 0 and last["new_customers"] > 0


def test_monthly_kpis_per_abc_class_equal_the_kpi_mart(layer, marts):
    expected = rows_of(
        marts, "select * from marts.rpt_kpis_monthly where segment_type = 'abc_class'"
    )
    assert {r["segment_value"] for r in expected} == {"A", "B", "C", "none"}
    found = metric_rows(
        layer, list(KPI_COLUMNS), ["metric_time__month", "customer__abc_class"], null_as="none"
    )
    assert_columns_equal(
        found, expected, lambda r: (r["month_start"], r["segment_value"]), KPI_COLUMNS
    )


def test_revenue_share_by_class_equals_the_kpi_mart(layer, marts):
    expected = rows_of(
        marts,
        "select month_start, segment_value, revenue_share_pct from marts.rpt_kpis_monthly "
        "where segment_type = 'abc_class' and segment_value in ('A', 'B', 'C') "
        "and revenue_eur > 0",
    )
    found = metric_rows(
        layer,
        ["revenue_share_a_pct", "revenue_share_b_pct", "revenue_share_c_pct"],
        ["metric_time__month"],
    )
    differences = [
        row
        for row in expected
        if not same(
            found[(row["month_start"],)][f"revenue_share_{row['segment_value'].lower()}_pct"],
            row["revenue_share_pct"],
            5e-5 + 1e-9,  # the mart rounds the share to 4 decimals
        )
    ]
    assert not differences and len(expected) > 100


@pytest.mark.parametrize("grain", ["quarter", "year"])
def test_kpis_at_coarser_grains_add_up_the_months(layer, marts, grain):
    """Counts and money add up over the months of a quarter or year; active customers are those
    of the period's last month end (a state, not a sum)."""
    months = rows_of(
        marts,
        "select * from marts.rpt_kpis_monthly where segment_type = 'all' order by month_start",
    )
    additive = ["new_customers", "lost_customers", "revenue", "margin", "leads_created"]
    periods: dict[date, dict] = defaultdict(lambda: defaultdict(float))
    for row in months:
        month = row["month_start"]
        start = (
            month.replace(month=3 * ((month.month - 1) // 3) + 1)
            if grain == "quarter"
            else month.replace(month=1)
        )
        for metric in additive:
            periods[start][metric] += float(row[KPI_COLUMNS[metric][0]])
        periods[start]["active_customers"] = row["active_customers"]  # the last month wins
    found = metric_rows(layer, [*additive, "active_customers"], [f"metric_time__{grain}"])
    for start, values in periods.items():
        for metric, value in values.items():
            assert same(found[(start,)][metric], value, 0.01), (grain, start, metric)


def test_cohort_activity_equals_the_cohort_mart(layer, marts):
    """Customers of an acquisition cohort who bought in a month, and their revenue: the
    purchasing customers and revenue by the month of the first purchase and the month."""
    expected = rows_of(marts, "select * from marts.rpt_cohort_retention")
    assert len(expected) > 500
    found = metric_rows(
        layer,
        ["purchasing_customers", "revenue"],
        ["metric_time__month", "customer__first_purchase_date__month"],
    )
    assert_columns_equal(
        found,
        expected,
        lambda r: (r["activity_month"], r["cohort_month"]),
        {"purchasing_customers": ("active_customers", 0), "revenue": ("revenue_eur", CENT)},
    )


NPS_SEGMENTS = [
    "abc_class",
    "rfm_segment",
    "lifecycle_stage",
    "industry",
    "region",
    "acquisition_channel",
]
NPS_COLUMNS = {
    "nps_responses": ("responses", 0),
    "nps_promoters": ("promoters", 0),
    "nps_detractors": ("detractors", 0),
    "nps": ("nps", 0.005 + 1e-9),  # rpt_nps rounds to 2 decimals
}


@pytest.mark.parametrize("grain", ["month", "quarter", "year"])
def test_nps_equals_the_nps_mart_per_period_and_segment(layer, marts, grain):
    expected = rows_of(
        marts,
        f"select * from marts.rpt_nps where period_type = '{grain}' and responses > 0",
    )
    by_segment = defaultdict(list)
    for row in expected:
        by_segment[row["segment_type"]].append(row)
    assert set(by_segment) == {"all", *NPS_SEGMENTS}
    compared = 0
    for segment, rows in by_segment.items():
        group_by = [f"metric_time__{grain}"] + (
            [] if segment == "all" else [f"customer__{segment}"]
        )
        found = metric_rows(layer, list(NPS_COLUMNS), group_by, null_as="unknown")

        def key(row, segment=segment):
            return (
                (row["period_start"],)
                if segment == "all"
                else (row["period_start"], row["segment_value"])
            )

        compared += assert_columns_equal(found, rows, key, NPS_COLUMNS)
        # and no group the metric has that the mart lacks
        assert len(found) == len(rows), (segment, len(found), len(rows))
    assert compared > 100


def test_abc_pyramid_equals_the_abc_summary(layer, marts):
    expected = rows_of(marts, "select * from marts.rpt_abc_summary")
    found = metric_rows(
        layer, ["abc_customers", "abc_basis_value"], ["abc_assignment__abc_subclass"]
    )
    assert_columns_equal(
        found,
        expected,
        lambda r: (r["abc_subclass"],),
        {"abc_customers": ("customers", 0), "abc_basis_value": ("basis_value_eur", 0.01)},
    )


def test_rfm_segments_equal_the_rfm_mart(layer, marts):
    expected = rows_of(marts, "select * from marts.rpt_rfm_segments")
    found = metric_rows(layer, ["rfm_customers", "rfm_revenue"], ["rfm_score__rfm_segment"])
    assert len(found) == len(expected) == 11
    assert_columns_equal(
        found,
        expected,
        lambda r: (r["rfm_segment"],),
        {"rfm_customers": ("customers", 0), "rfm_revenue": ("revenue_eur", CENT)},
    )


CAC_COLUMNS = {
    "new_customers": ("new_customers", 0),
    "marketing_spend": ("marketing_spend_eur", CENT),
    "cpa": ("cpa_eur", CENT),
    "clv_to_cac": ("clv_to_cac", 1e-9),
}


def test_cpa_and_clv_to_cac_equal_the_clv_cac_mart(layer, marts):
    """Per acquisition channel over all months (cohort 'all') and per channel and month. Where a
    channel spent in a month without acquiring anyone (or acquired without spend) the mart writes
    0 and the metric has no value."""
    channels = rows_of(marts, "select * from marts.rpt_clv_cac where cohort = 'all'")
    found = metric_rows(layer, list(CAC_COLUMNS), ["marketing_channel"], null_as="unknown")
    assert_columns_equal(found, channels, lambda r: (r["acquisition_channel"],), CAC_COLUMNS)

    months = rows_of(marts, "select * from marts.rpt_clv_cac where cohort <> 'all'")
    assert sum(1 for r in months if r["new_customers"] and r["marketing_spend_eur"]) > 100
    found = metric_rows(
        layer, list(CAC_COLUMNS), ["metric_time__month", "marketing_channel"], null_as="unknown"
    )

    def key(row):
        year, month = row["cohort"].split("-")
        return (date(int(year), int(month), 1), row["acquisition_channel"])

    assert_columns_equal(found, months, key, CAC_COLUMNS)


def test_average_clv_per_channel_equals_the_clv_cac_mart(layer, marts):
    expected = rows_of(marts, "select * from marts.rpt_clv_cac where cohort = 'all'")
    found = metric_rows(layer, ["avg_clv"], ["customer__acquisition_channel"], null_as="unknown")
    assert_columns_equal(
        found, expected, lambda r: (r["acquisition_channel"],), {"avg_clv": ("avg_clv_eur", CENT)}
    )


SPEND_PURPOSE_COLUMNS = {
    "acquisition_spend": ("acquisition_spend_eur", CENT),
    "retention_spend": ("retention_spend_eur", CENT),
    "acquisition_cpa": ("acquisition_cpa_eur", CENT),
}


def test_spend_by_purpose_equals_the_spend_purpose_mart(layer, marts):
    """Acquisition and retention spend and the CPA on acquisition spend per month. A month the
    spend data does not cover has no CPA in the mart and no spend rows for the metric."""
    expected = rows_of(
        marts, "select * from marts.rpt_marketing_spend_purpose where has_spend_data"
    )
    assert len(expected) >= 24 and all(r["retention_spend_eur"] > 0 for r in expected)
    found = metric_rows(layer, list(SPEND_PURPOSE_COLUMNS), ["metric_time__month"])
    assert_columns_equal(found, expected, lambda r: (r["month_start"],), SPEND_PURPOSE_COLUMNS)


def test_lifecycle_stages_at_the_as_of_date_equal_the_stage_mart(layer, marts):
    expected = rows_of(
        marts,
        "select lifecycle_stage, count(*) as customers from marts.fct_lifecycle_stages group by 1",
    )
    found = metric_rows(layer, ["lifecycle_customers"], ["lifecycle_snapshot__lifecycle_stage"])
    assert_columns_equal(
        found,
        expected,
        lambda r: (r["lifecycle_stage"],),
        {"lifecycle_customers": ("customers", 0)},
    )


def test_report_headline_kpis_are_the_metric_values(layer, marts):
    """The overview's headline KPIs (this month and the prior one) are the metrics of the saved
    query `headline_kpis_monthly`, value for value."""
    from kundenstamm.report.render import HEADLINE_KPIS, headline_kpis

    as_of = marts.execute("select max(as_of_date) from marts.fct_lifecycle_stages").fetchone()[0]
    current, prior = headline_kpis(marts, as_of.replace(day=1))
    saved = {s.name: s for s in layer.saved_queries()}["headline_kpis_monthly"]
    assert list(saved.metrics) == [kpi.metric for kpi in HEADLINE_KPIS]
    found = metric_rows(layer, list(saved.metrics), ["metric_time__month"])
    for shown in (current, prior):
        record = found[(shown["month_start"],)]
        for kpi in HEADLINE_KPIS:
            tolerance = CENT if kpi.kind == "money" else 1e-12
            assert same(record[kpi.metric], shown[kpi.column], tolerance), kpi


def test_the_saved_queries_run_and_the_cli_prints_a_table(layer, capsys, project_dir, warehouse):
    for saved in layer.saved_queries():
        result = layer.query(saved_query=saved.name)
        assert result.rows, saved.name
    from kundenstamm.cli import main

    code = main(
        [
            "metrics",
            "query",
            "--database",
            str(warehouse),
            "--metrics",
            "revenue,new_customers",
            "--group-by",
            "metric_time__year",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert out.splitlines()[0].split() == ["metric_time__year", "revenue", "new_customers"]
    expected = layer.query(metrics=["revenue", "new_customers"], group_by=["metric_time__year"])
    assert out.strip() == format_table(expected)


def test_unknown_names_are_clear_errors(layer):
    with pytest.raises(MetricsError, match="unknown metric"):
        layer.query(metrics=["revenu"])
    with pytest.raises(MetricsError, match="unknown saved query"):
        layer.query(saved_query="nope")
    with pytest.raises(MetricsError, match="customer__bogus"):
        layer.query(metrics=["revenue"], group_by=["customer__bogus"])
