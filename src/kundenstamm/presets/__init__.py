"""Import presets: real exports (Shopify, WooCommerce, HubSpot, CentralStationCRM, Typeform,
SurveyMonkey, any orders CSV) mapped onto the raw contract.

`kundenstamm import --preset NAME FILE [FILE ...] --out RAWDIR` reads the export and writes the
raw tables it can fill into RAWDIR as CSV; tables already there are merged by key, so a shop,
a CRM and a survey export can be imported into one folder. What a preset does not fill stays
absent, and the build reads an absent table as empty (see README, "Bring your own data").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kundenstamm.presets.crm import (
    centralstation_companies,
    centralstation_people,
    hubspot_companies,
    hubspot_contacts,
)
from kundenstamm.presets.exports import ImportOptions, PresetError, RawTables
from kundenstamm.presets.generic import generic_orders
from kundenstamm.presets.shops import shopify_customers, shopify_orders, woocommerce_orders
from kundenstamm.presets.surveys import surveymonkey_nps, typeform_nps
from kundenstamm.raw_contract import RawTable

__all__ = ["PRESETS", "ImportOptions", "PresetError", "run_import"]

ORDER_TABLES = (
    "crm_accounts", "crm_contacts", "orders_orders", "orders_order_lines", "orders_products",
)  # fmt: skip


@dataclass(frozen=True)
class Preset:
    """One export format: what it reads and which raw tables it fills."""

    read: Callable[[list[Path], RawTables, ImportOptions], None]
    export: str
    fills: tuple[str, ...]


PRESETS: dict[str, Preset] = {
    "shopify-orders": Preset(
        shopify_orders, "Shopify: Orders > Export > Plain CSV file", ORDER_TABLES
    ),
    "shopify-customers": Preset(
        shopify_customers, "Shopify: Customers > Export", ("crm_accounts", "crm_contacts")
    ),
    "woocommerce-orders": Preset(
        woocommerce_orders, "WooCommerce: Order Export & Import for WooCommerce, CSV", ORDER_TABLES
    ),
    "hubspot-companies": Preset(
        hubspot_companies, "HubSpot: Companies > Export, CSV", ("crm_accounts",)
    ),
    "hubspot-contacts": Preset(
        hubspot_contacts,
        "HubSpot: Contacts > Export, CSV",
        ("crm_accounts", "crm_contacts", "crm_leads"),
    ),
    "centralstation-companies": Preset(
        centralstation_companies, "CentralStationCRM: Firmen > Export, CSV", ("crm_accounts",)
    ),
    "centralstation-people": Preset(
        centralstation_people,
        "CentralStationCRM: Personen > Export, CSV",
        ("crm_accounts", "crm_contacts"),
    ),
    "typeform-nps": Preset(
        typeform_nps,
        "Typeform: Results > Responses > Download, CSV",
        ("survey_nps_invitations", "survey_nps_responses"),
    ),
    "surveymonkey-nps": Preset(
        surveymonkey_nps,
        "SurveyMonkey: Export file > All individual responses, CSV",
        ("survey_nps_invitations", "survey_nps_responses"),
    ),
    "generic-orders": Preset(
        generic_orders,
        "any orders CSV (customer id, date, amount; optionally product, quantity), --mapping",
        ("crm_accounts", "orders_orders", "orders_order_lines", "orders_products"),
    ),
}


def run_import(
    preset: str,
    files: list[Path],
    out: Path,
    contract: dict[str, RawTable],
    options: ImportOptions | None = None,
) -> tuple[dict[str, tuple[int, int]], list[str]]:
    """Import `files` with `preset` into the raw folder `out`. Returns the rows written per
    table (this import's, and the table's total after merging) and notes for the user."""
    if preset not in PRESETS:
        raise PresetError(f"Unknown preset {preset!r}; the presets are {', '.join(PRESETS)}.")
    options = options or ImportOptions()
    if options.mapping is not None and preset != "generic-orders":
        raise PresetError("--mapping is for --preset generic-orders only.")
    for path in files:
        if not path.is_file():
            raise PresetError(f"{path}: no such file.")
    tables = RawTables(contract, out)
    PRESETS[preset].read(files, tables, options)
    if not tables.rows:
        raise PresetError(f"{', '.join(p.name for p in files)}: no data rows to import.")
    return tables.write(out), tables.notes
