"""Staging on the hand-made mini dataset: every defect lands in quarantine with the right
reason, clean rows are normalised, and loaded = clean + quarantined for every raw table.
The same files are read as CSV and as Parquet through the external-location switch."""

from __future__ import annotations

import duckdb
import pytest
from conftest import dbt_build, mini_raw_as

EXPECTED_QUARANTINE = {
    ("crm_accounts", "A0000003", "duplicate_key"),  # older copy of an account (updated_at earlier)
    ("crm_accounts", None, "missing_key"),
    ("crm_accounts", "A0000005", "future_date"),  # created in 2099
    ("crm_contacts", "C0000004", "unknown_account"),
    ("crm_interactions", "I0000003", "unparseable_date"),  # "not a date"
    ("orders_orders", "O0000005", "unknown_customer"),
    ("orders_orders", "O0000006", "unknown_currency"),  # XXX
    ("orders_orders", "O0000007", "unparseable_date"),  # 2024-13-45
    ("orders_order_lines", "L00000006", "orphan_order_line"),  # order does not exist
    ("orders_order_lines", "L00000007", "unknown_product"),
    ("orders_order_lines", "L00000008", "negative_quantity"),
    ("orders_order_lines", "L00000009", "negative_price"),
    ("orders_order_lines", "L00000010", "orphan_order_line"),  # its order was quarantined
    ("survey_nps_responses", "R0000003", "score_out_of_range"),  # 11
    ("survey_nps_responses", "R0000004", "unknown_invitation"),
    ("marketing_spend", "search|2022-03-01", "duplicate_key"),  # exact duplicate row
}

EXPECTED_CLEAN = {
    "stg_crm__accounts": 3,
    "stg_crm__contacts": 3,
    "stg_crm__interactions": 2,
    "stg_crm__leads": 3,
    "stg_crm__tickets": 2,
    "stg_crm__cancellations": 1,
    "stg_orders__orders": 4,
    "stg_orders__order_lines": 5,
    "stg_orders__products": 4,
    "stg_survey__nps_invitations": 3,
    "stg_survey__nps_responses": 2,
    "stg_marketing__spend": 3,
}


@pytest.fixture(scope="module", params=["csv", "parquet"])
def staged(request, tmp_path_factory, project_dir):
    work = tmp_path_factory.mktemp(f"staging_{request.param}")
    raw = mini_raw_as(request.param, work / "raw")
    database = work / "warehouse.duckdb"
    dbt_build(
        project_dir,
        database,
        "--select",
        "path:seeds/mappings",
        "path:models/staging",
        "--vars",
        f"{{raw_data_path: '{raw}', raw_data_format: {request.param}, load_date: '2026-01-31'}}",
    )
    with duckdb.connect(str(database), read_only=True) as connection:
        yield connection


def test_quarantine_rows_and_reasons(staged):
    rows = set()
    for (table,) in staged.execute(
        "select table_name from information_schema.tables "
        "where table_schema = 'staging' and table_name like 'quarantine_%'"
    ).fetchall():
        rows |= set(
            staged.execute(
                f"select source_table, record_key, quarantine_reason from staging.{table}"
            ).fetchall()
        )
    assert rows == EXPECTED_QUARANTINE


def test_clean_row_counts(staged):
    for model, expected in EXPECTED_CLEAN.items():
        assert staged.execute(f"select count(*) from staging.{model}").fetchone()[0] == expected, (
            model
        )


def test_latest_version_of_a_duplicate_wins(staged):
    name = staged.execute(
        "select account_name from staging.stg_crm__accounts where account_id = 'A0000003'"
    ).fetchone()
    assert name == ("Tech Start AG",)


def test_contacts_are_normalised(staged):
    rows = dict(
        staged.execute(
            "select contact_id, email || ' ' || phone from staging.stg_crm__contacts"
        ).fetchall()
    )
    assert rows["C0000001"] == "hans.mueller@baeckerei-mueller.de +49891234567"  # "089 / 1234567"
    assert rows["C0000002"] == "jonas.weber@example.org +49309876543"  # "+49 30 9876543"
    assert rows["C0000003"] == "lea@techstart.ch +41441234567"  # "0041 44 1234567"


def test_codes_are_normalised(staged):
    currencies = staged.execute(
        "select distinct currency_code from staging.stg_orders__orders order by 1"
    ).fetchall()
    assert currencies == [("CHF",), ("EUR",)]  # raw had "eur" and "chf"
    countries = staged.execute(
        "select distinct country_code from staging.stg_crm__accounts order by 1"
    ).fetchall()
    assert countries == [("CH",), ("DE",)]


def test_original_values_keep_the_raw_text(staged):
    original = staged.execute(
        "select original_values from staging.quarantine_orders__orders where record_key = 'O0000007'"
    ).fetchone()[0]
    assert '"ordered_at":"2024-13-45 09:00:00"' in original
