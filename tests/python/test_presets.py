"""Import presets: each sample export (tests/fixtures/presets/, written from the vendor's
documented columns with its quirks) is imported into one raw folder, the rows it makes are
checked against hand-worked values, bad input is named by file, row and column, and the folder
is built once, from file to marts, with the tables no preset fills left absent."""

from __future__ import annotations

import csv
import json
import shutil
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from conftest import PROJECT_DIR, dbt_build

from kundenstamm.presets import ImportOptions, PresetError, run_import
from kundenstamm.presets.exports import unit_price_and_discount
from kundenstamm.validate import RawFileError, validate_raw_dir

SAMPLES = PROJECT_DIR / "tests" / "fixtures" / "presets"
# the order a user imports them in: shop and CRM first, surveys after (they match contacts)
IMPORTS = (
    ("shopify-orders", "shopify_orders_export.csv", None),
    ("shopify-customers", "shopify_customers_export.csv", None),
    ("woocommerce-orders", "woocommerce_orders_export.csv", None),
    ("hubspot-companies", "hubspot_companies_export.csv", None),
    ("hubspot-contacts", "hubspot_contacts_export.csv", None),
    ("centralstation-companies", "centralstation_firmen_export.csv", None),
    ("centralstation-people", "centralstation_personen_export.csv", None),
    ("typeform-nps", "typeform_nps_responses.csv", None),
    ("surveymonkey-nps", "surveymonkey_nps_responses.csv", None),
    ("generic-orders", "kasse_export.csv", "kasse_mapping.yml"),
)


def _rows(folder: Path, identifier: str) -> dict[str, dict[str, str]]:
    with (folder / f"{identifier}.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        key = reader.fieldnames[0]
        return {row[key]: row for row in reader}


@pytest.fixture(scope="module")
def raw(tmp_path_factory, contract) -> tuple[Path, list[str]]:
    """Every sample imported into one raw folder: (folder, the notes printed)."""
    folder = tmp_path_factory.mktemp("presets") / "raw"
    notes = []
    for preset, name, mapping in IMPORTS:
        options = ImportOptions(mapping=SAMPLES / mapping if mapping else None)
        _, more = run_import(preset, [SAMPLES / name], folder, contract, options)
        notes += more
    return folder, notes


def test_shopify_order_fields_come_from_the_first_row(raw):
    folder, _ = raw
    orders, lines = _rows(folder, "orders_orders"), _rows(folder, "orders_order_lines")
    first = orders["shopify-1001"]
    assert first["account_id"] == "shopify-anna.schmidt@example.de"
    assert first["ordered_at"] == "2024-03-05 14:22:10"  # offset +0100 dropped: local time
    assert first["discount_code"] == "SOMMER10" and first["currency_code"] == "EUR"
    # the cart discount 6.47 spread over 2 x 24.90 and 1 x 14.90 in proportion, in cents
    assert lines["shopify-1001-1"]["discount_amount"] == "4.98"
    assert lines["shopify-1001-2"]["discount_amount"] == "1.49"
    # " Anna.Schmidt@Example.de " on a later order is the same buyer
    assert orders["shopify-1009"]["account_id"] == first["account_id"]
    assert orders["shopify-1008"]["channel"] == "offline"  # Source pos: the store till
    assert orders["shopify-1008"]["touchpoint"] == "store"


def test_shopify_statuses_refunds_and_guests(raw):
    folder, _ = raw
    orders, lines = _rows(folder, "orders_orders"), _rows(folder, "orders_order_lines")
    assert orders["shopify-1003"]["status"] == "returned"  # refunded
    assert orders["shopify-1006"]["status"] == "cancelled"  # voided, Cancelled at set
    assert orders["shopify-1010"]["status"] == "completed"  # pending: bought, not paid yet
    assert orders["shopify-1010"]["invoice_paid_date"] == ""
    # partially refunded: one negative line with the refunded amount (raw contract of today)
    refund = lines["shopify-1009-3"]
    assert (refund["product_id"], refund["quantity"], refund["unit_price"]) == (
        "shopify-refund",
        "-1",
        "12.45",
    )
    assert orders["shopify-1005"]["account_id"] == "shopify-guest-1005"  # no e-mail
    accounts = _rows(folder, "crm_accounts")
    assert accounts["shopify-einkauf@baeckerei-krause.de"]["postal_code"] == "01067"  # the '
    assert accounts["shopify-einkauf@baeckerei-krause.de"]["account_type"] == "company"
    # the customers export fills in the prospect who never ordered
    assert accounts["shopify-marie.koch@example.de"]["account_name"] == "Marie Koch"


def test_woocommerce_line_items_coupons_and_refunds(raw):
    folder, _ = raw
    orders, lines = _rows(folder, "orders_orders"), _rows(folder, "orders_order_lines")
    assert [lines[f"woocommerce-2105-{n}"]["quantity"] for n in (1, 2, 3)] == ["6", "4", "2"]
    # sub_total 20.70, total 18.63 after the TEE10 coupon: 3 x 6.90 - 2.07
    assert lines["woocommerce-2102-1"]["unit_price"] == "6.90"
    assert lines["woocommerce-2102-1"]["discount_amount"] == "2.07"
    assert orders["woocommerce-2102"]["discount_code"] == "TEE10"
    assert lines["woocommerce-2105-4"]["quantity"] == "-1"  # refund_items 9.90
    assert lines["woocommerce-2105-4"]["unit_price"] == "9.90"
    statuses = {
        key: orders[f"woocommerce-{key}"]["status"] for key in ("2103", "2104", "2106", "2107")
    }
    assert statuses == {
        "2103": "returned",
        "2104": "cancelled",
        "2106": "completed",
        "2107": "cancelled",
    }
    assert orders["woocommerce-2103"]["account_id"] == "woocommerce-guest-tom.becker@example.de"


def test_hubspot_companies_contacts_and_leads(raw):
    folder, _ = raw
    accounts, contacts = _rows(folder, "crm_accounts"), _rows(folder, "crm_contacts")
    company = accounts["hubspot-company-18345520101"]
    assert (company["country_code"], company["company_size"], company["industry"]) == (
        "DE",
        "50-249",
        "machinery",
    )
    assert company["acquisition_channel"] == "trade_fair"  # Offline Sources
    assert company["created_at"] == "2023-02-14 09:12:00"
    assert accounts["hubspot-company-18345520102"]["country_code"] == "DE"  # "Deutschland"
    assert contacts["hubspot-contact-75101"]["is_decision_maker"] == "true"
    assert contacts["hubspot-contact-75101"]["email_permission"] == "true"  # consent
    assert contacts["hubspot-contact-75102"]["email_permission"] == "false"  # legit. interest
    assert contacts["hubspot-contact-75104"]["account_id"] == "hubspot-contact-75104"  # private
    leads = _rows(folder, "crm_leads")
    assert {key: lead["status"] for key, lead in leads.items()} == {
        "hubspot-lead-75101": "converted",
        "hubspot-lead-75102": "converted",  # lifecycle stage Customer without the date
        "hubspot-lead-75103": "open",
        "hubspot-lead-75104": "converted",
        "hubspot-lead-75105": "lost",  # Unqualified
    }


def test_centralstation_german_export(raw):
    folder, _ = raw
    accounts, contacts = _rows(folder, "crm_accounts"), _rows(folder, "crm_contacts")
    workshop = accounts["centralstation-company-4711"]
    assert workshop["created_at"] == "2022-01-14 09:30:00"  # 14.01.2022 09:30
    assert workshop["culture_tags"] == "familienunternehmen;informell"
    assert accounts["centralstation-company-4712"]["country_code"] == "AT"  # Österreich
    assert contacts["centralstation-person-90001"]["account_id"] == "centralstation-company-4711"
    assert contacts["centralstation-person-90003"]["account_id"] == "centralstation-person-90003"


def test_surveys_match_contacts_by_email(raw):
    folder, notes = raw
    invitations = _rows(folder, "survey_nps_invitations")
    responses = _rows(folder, "survey_nps_responses")
    assert responses["surveymonkey-114598765434"]["score"] == "10"  # "10 - Extremely likely"
    assert responses["surveymonkey-114598765432"]["score"] == "0"
    assert responses["surveymonkey-114598765432"]["responded_at"] == "2025-03-10 09:14:40"
    assert invitations["surveymonkey-114598765434"]["account_id"] == "centralstation-company-4711"
    assert invitations["typeform-p0o9i8u7z6t5r4e3"]["contact_id"] == "hubspot-contact-75101"
    assert "typeform-m1n2b3v4c5x6y7l8" not in responses  # the score was skipped
    unmatched = invitations["typeform-q1w2e3r4t5z6u7i8"]
    assert unmatched["account_id"] == "typeform-unmatched-unbekannt@example.org"
    assert any("typeform: 1 response(s) match no contact" in note for note in notes)


def test_generic_preset_reads_a_german_till_export(raw):
    folder, notes = raw
    orders, lines = _rows(folder, "orders_orders"), _rows(folder, "orders_order_lines")
    assert lines["kasse-B-24-0003-1"]["unit_price"] == "1249.00"  # "1.249,00"
    assert orders["kasse-B-24-0001"]["ordered_at"] == "2024-03-05 00:00:00"  # 05.03.2024
    assert orders["kasse-B-24-0001"]["channel"] == "offline"
    storno = lines["kasse-B-25-0002-1"]  # -2 x 8,99 = -17,98 on its own receipt
    assert (storno["quantity"], storno["unit_price"]) == ("-2", "8.99")
    assert orders["kasse-B-25-0002"]["status"] == "returned"
    assert _rows(folder, "crm_accounts")["kasse-K1001"]["account_name"] == "Gärtnerei Blum"
    assert any("unit_cost is 0 and margin equals revenue" in note for note in notes)


def test_unit_price_keeps_the_amount_exact():
    # 29.33 for 2 CDs: 2 x 14.67 - 0.01 = 29.33; 10.00 for 3: 3 x 3.34 - 0.02
    assert unit_price_and_discount(Decimal("29.33"), Decimal(2)) == ("14.67", "0.01")
    assert unit_price_and_discount(Decimal("10.00"), Decimal(3)) == ("3.34", "0.02")
    assert unit_price_and_discount(Decimal("17.98"), Decimal(-2)) == ("8.99", "0.00")


def test_reimport_replaces_rows_by_key(raw, contract, tmp_path):
    folder = tmp_path / "raw"
    shutil.copytree(raw[0], folder)
    before = len(_rows(folder, "orders_orders"))
    run_import("shopify-orders", [SAMPLES / "shopify_orders_export.csv"], folder, contract)
    assert len(_rows(folder, "orders_orders")) == before


def _broken(tmp_path: Path, name: str, old: str, new: str) -> Path:
    path = tmp_path / name
    path.write_text((SAMPLES / name).read_text(encoding="utf-8").replace(old, new, 1), "utf-8")
    return path


@pytest.mark.parametrize(
    ("preset", "name", "old", "new", "message"),
    [
        (
            "shopify-orders",
            "shopify_orders_export.csv",
            "2024-08-19 10:12:01 +0200",
            "19.08.2024 10:12",
            r"shopify_orders_export\.csv, row 6, column 'Created at': '19\.08\.2024 10:12' is not",
        ),
        (
            "shopify-orders",
            "shopify_orders_export.csv",
            "#1002,einkauf@baeckerei-krause.de,paid",
            "#1002,einkauf@baeckerei-krause.de,chargeback",
            r"row 4, column 'Financial Status': unknown status 'chargeback'",
        ),
        (
            "woocommerce-orders",
            "woocommerce_orders_export.csv",
            "|quantity:6|",
            "|quantity:sechs|",
            r"woocommerce_orders_export\.csv, row 6, column 'line_item_1': 'sechs' is not a number",
        ),
        (
            "hubspot-companies",
            "hubspot_companies_export.csv",
            "Switzerland",
            "Helvetia",
            r"hubspot_companies_export\.csv, row 4, column 'Country/Region': unknown country",
        ),
        (
            "surveymonkey-nps",
            "surveymonkey_nps_responses.csv",
            ",8,Gute",
            ",sehr gut,Gute",
            r"row 4, column 'How likely is it .*': 'sehr gut' is not a score from 0 to 10",
        ),
        (
            "generic-orders",
            "kasse_export.csv",
            "1.249,00",
            "1.249,00 EURO",
            r"kasse_export\.csv, row 5, column 'Betrag': '1\.249,00 EURO' is not a number",
        ),
        (
            "centralstation-people",
            "centralstation_personen_export.csv",
            ";Schreinerei Holzmann;",
            ";Schreinerei Holzfrau;",
            r"row 2, column 'Firma': company 'Schreinerei Holzfrau' is not among the companies",
        ),
    ],
)
def test_bad_values_name_file_row_and_column(tmp_path, contract, preset, name, old, new, message):
    path = _broken(tmp_path, name, old, new)
    mapping = SAMPLES / "kasse_mapping.yml" if preset == "generic-orders" else None
    with pytest.raises(PresetError, match=message):
        run_import(preset, [path], tmp_path / "raw", contract, ImportOptions(mapping=mapping))


def test_missing_columns_and_bad_mappings_are_named(tmp_path, contract):
    path = _broken(tmp_path, "shopify_customers_export.csv", "Customer ID,", "Kunden-ID,")
    with pytest.raises(PresetError, match=r"row 1: missing column\(s\) 'Customer ID'"):
        run_import("shopify-customers", [path], tmp_path / "raw", contract)
    mapping = tmp_path / "mapping.yml"
    mapping.write_text("columns: {customer_id: Kundennr, datum: Datum, amount: Betrag}\n")
    with pytest.raises(PresetError, match=r"mapping\.yml, columns: unknown field\(s\) datum"):
        run_import(
            "generic-orders", [SAMPLES / "kasse_export.csv"], tmp_path / "raw", contract,
            ImportOptions(mapping=mapping),
        )  # fmt: skip


def test_validator_reads_an_absent_table_as_optional(raw, contract, tmp_path):
    report = validate_raw_dir(raw[0], contract, "csv")
    assert "marketing_spend.csv" in report.absent and "crm_tickets.csv" in report.absent
    assert "orders_orders.csv" in report.files
    (tmp_path / "empty").mkdir()
    with pytest.raises(RawFileError, match="none of the raw files is there"):
        validate_raw_dir(tmp_path / "empty", contract, "csv")


@pytest.fixture(scope="module")
def presets_warehouse(raw, project_dir, tmp_path_factory) -> tuple[Path, str]:
    """The preset folder built once, every model and data test (the absent tables: interactions,
    tickets, cancellations, marketing spend)."""
    database = tmp_path_factory.mktemp("presets-build") / "kundenstamm.duckdb"
    variables = {"raw_data_path": str(raw[0]), "raw_data_format": "csv", "load_date": "2026-01-31"}
    # the unit tests do not read the data (the main build runs them)
    output = dbt_build(
        project_dir, database, "--exclude", "path:seeds/demo", "--exclude-resource-type",
        "unit_test", "--vars", json.dumps(variables),
    )  # fmt: skip
    return database, output


def test_absent_tables_are_empty_with_a_note(presets_warehouse):
    database, output = presets_warehouse
    for identifier in ("crm_interactions", "crm_tickets", "crm_cancellations", "marketing_spend"):
        assert f"Note: raw.{identifier}: no file {identifier}.csv in the raw folder" in output
        assert f"raw.{identifier} is empty" not in output  # no second warning
    assert "Without it: marketing spend is 0 everywhere: CPA in rpt_kpis_monthly" in output
    with duckdb.connect(str(database), read_only=True) as connection:
        assert connection.execute("select count(*) from marts.fct_interactions").fetchone()[0] == 0
        spend = connection.execute(
            "select count(*), max(marketing_spend_eur), count(cpa_eur) from marts.rpt_kpis_monthly"
        ).fetchone()
        assert spend[0] > 0 and spend[1:] == (0, 0)
        assert (
            connection.execute("select count(clv_to_cac) from marts.rpt_clv_cac").fetchone()[0] == 0
        )


def test_every_preset_reaches_the_marts(presets_warehouse):
    database, _ = presets_warehouse
    with duckdb.connect(str(database), read_only=True) as connection:

        def one(query: str):
            return connection.execute(query).fetchone()

        # every buying account of each shop preset is scored and classed
        for source in ("shopify", "woocommerce", "kasse"):
            scored = one(
                "select count(*), count(rfm.account_id), count(abc.account_id), "
                "count(stage.account_id) from marts.dim_customers as customers "
                "left join marts.fct_rfm_scores as rfm using (account_id) "
                "left join marts.fct_abc_classes as abc using (account_id) "
                "left join marts.fct_lifecycle_stages as stage using (account_id) "
                f"where customers.account_id like '{source}-%' and customers.lifetime_purchases > 0"
            )
            assert scored[0] > 0 and scored[1:] == (scored[0],) * 3, (source, scored)
        # the 12.45 refund line of #1009 is kept: quarantined (negative_quantity) by today's raw
        # contract, or clean once staging counts negative lines as returns
        refund_clean = one(
            "select count(*) from staging.stg_orders__order_lines "
            "where order_line_id = 'shopify-1009-3'"
        )[0]
        refund_quarantined = one(
            "select count(*) from staging.quarantine_orders__order_lines "
            "where record_key = 'shopify-1009-3'"
        )[0]
        assert refund_clean + refund_quarantined == 1
        # Anna: 2 x 24.90 + 14.90 - 6.47, 3 x 24.90, 2 x 24.90 + 34.50, less the refund once it
        # counts
        # (the shop guest is the HubSpot contact with her e-mail: one customer, under the CRM key)
        revenue = one(
            "select customers.lifetime_revenue_eur from marts.dim_customers as customers "
            "inner join marts.dim_customer_identities as identities using (account_id) "
            "where identities.record_type = 'account' "
            "and identities.record_id = 'shopify-anna.schmidt@example.de'"
        )[0]
        refunded = Decimal("12.45") if refund_clean else Decimal(0)
        assert revenue == Decimal("58.23") + Decimal("74.70") + Decimal("84.30") - refunded
        # the till: 35,96 + 59,80 + 1.249,00 + 89,70 for Gärtnerei Blum
        assert one(
            "select lifetime_revenue_eur from marts.dim_customers where account_id = 'kasse-K1001'"
        )[0] == Decimal("1434.46")
        # CRM presets: contacts and leads; survey presets: NPS answers on their accounts
        assert (
            one("select count(*) from marts.dim_contacts where contact_id like 'centralstation-%'")[
                0
            ]
            == 3
        )
        assert (
            one("select count(*) from staging.stg_crm__leads where lead_id like 'hubspot-lead-%'")[
                0
            ]
            == 5
        )
        nps = dict(
            connection.execute(
                "select response_id, nps_score from marts.fct_nps_responses"
            ).fetchall()
        )
        assert nps["surveymonkey-114598765434"] == 10 and nps["typeform-k7v2m1q9x3t8r5w0"] == 10
        assert len(nps) == 6  # 7 responses, the unmatched one quarantined
        assert (
            one(
                "select quarantine_reason from staging.quarantine_survey__nps_invitations "
                "where record_key = 'typeform-q1w2e3r4t5z6u7i8'"
            )[0]
            == "unknown_account"
        )


def test_check_skips_the_load_checks_of_absent_tables(presets_warehouse, project_dir, tmp_path):
    from kundenstamm.quality.command import run_quality_checks
    from kundenstamm.quality.settings import load_settings

    database, _ = presets_warehouse
    only = {"raw.marketing_spend", "raw.crm_tickets", "raw.orders_products"}
    result = run_quality_checks(database, project_dir, tmp_path, load_settings(), only=only)
    assert sorted(result.not_delivered) == ["crm_tickets", "marketing_spend"]
    assert result.checks > 0  # orders_products was delivered and is checked
    assert [f for f in result.failures if f.table != "raw.orders_products"] == []
