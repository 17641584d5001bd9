"""CRM exports: HubSpot companies and contacts, CentralStationCRM companies and people.

HubSpot (Contacts or Companies > Export, CSV): columns are the property labels ("Record ID",
"Create Date", "Country/Region", ...), times `2024-03-05 14:22`, countries as names, industries
and traffic sources as labels ("Computer Software", "Organic Search"). A contact's company is the
first id in "Associated Company IDs" (several are joined by `;`); a contact without one is a
private account of its own. A contact with "Became a Lead Date" (or a lifecycle stage from lead
on) is a lead: converted when "Became a Customer Date" is set, lost when its lead status is
"Unqualified".

CentralStationCRM (Personen / Firmen > Export, CSV): German column names, `;` between cells,
dates `05.03.2024` or `05.03.2024 14:22`, countries in German ("Deutschland"), tags joined by
`,`. A person's company is found by its name among the companies imported before.
"""

from __future__ import annotations

from pathlib import Path

from kundenstamm.presets.exports import (
    ExportRow,
    ImportOptions,
    PresetError,
    RawTables,
    country_code,
    normalize_email,
    parse_time,
    read_export,
    slug,
)

HUBSPOT_TIME = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%m/%d/%Y %H:%M")
# "Original Source" labels -> acquisition channels (the channels of marketing_spend)
HUBSPOT_CHANNELS = {
    "organic search": "search", "paid search": "online_ads", "paid social": "online_ads",
    "social media": "social", "organic social": "social", "referrals": "referral",
    "email marketing": "direct", "direct traffic": "direct", "offline sources": "trade_fair",
    "other campaigns": "partner", "ai referrals": "referral",
}  # fmt: skip
LEAD_STAGES = (
    "lead",
    "marketing qualified lead",
    "sales qualified lead",
    "opportunity",
    "customer",
)


def company_size(row: ExportRow, column: str) -> str:
    text = row.get(column).replace(".", "").replace(",", "")
    if not text:
        return ""
    if not text.isdigit():
        raise PresetError(f"{row.where(column)}: {row.get(column)!r} is not a number of employees.")
    employees = int(text)
    return (
        "1-9"
        if employees < 10
        else "10-49"
        if employees < 50
        else "50-249"
        if employees < 250
        else "250+"
    )


def channel(row: ExportRow, column: str) -> str:
    text = row.get(column).lower().replace("_", " ")
    if not text:
        return ""
    if text not in HUBSPOT_CHANNELS:
        raise PresetError(
            f"{row.where(column)}: unknown source {row.get(column)!r} (known: "
            f"{', '.join(HUBSPOT_CHANNELS)})."
        )
    return HUBSPOT_CHANNELS[text]


def hubspot_companies(files: list[Path], tables: RawTables, options: ImportOptions) -> None:
    for path in files:
        for row in read_export(path, ["Record ID", "Company name", "Create Date"]):
            created = parse_time(row, "Create Date", HUBSPOT_TIME)
            tables.add(
                "crm_accounts",
                account_id=f"hubspot-company-{row.require('Record ID')}",
                account_name=row.require("Company name"),
                account_type="company",
                industry=slug(row.get("Industry")).replace("-", "_") if row.get("Industry") else "",
                company_size=company_size(row, "Number of Employees"),
                country_code=country_code(row, "Country/Region"),
                region=row.get("State/Region"),
                postal_code=row.get("Postal Code"),
                city=row.get("City"),
                acquisition_channel=channel(row, "Original Source"),
                owner=row.get("Company owner"),
                created_at=created,
                updated_at=parse_time(row, "Last Modified Date", HUBSPOT_TIME, False) or created,
            )


def hubspot_contacts(files: list[Path], tables: RawTables, options: ImportOptions) -> None:
    for path in files:
        for row in read_export(
            path, ["Record ID", "First Name", "Last Name", "Email", "Create Date"]
        ):
            _hubspot_contact(tables, row)


def _hubspot_contact(tables: RawTables, row: ExportRow) -> None:
    record = row.require("Record ID")
    created = parse_time(row, "Create Date", HUBSPOT_TIME)
    updated = parse_time(row, "Last Modified Date", HUBSPOT_TIME, False) or created
    company = row.get("Associated Company IDs").split(";")[0].strip()
    source = channel(row, "Original Source")
    if company:
        account_id = f"hubspot-company-{company}"
    else:
        account_id = f"hubspot-contact-{record}"
        tables.add(
            "crm_accounts",
            account_id=account_id,
            account_name=f"{row.get('First Name')} {row.get('Last Name')}".strip()
            or row.get("Email"),
            account_type="private",
            country_code=country_code(row, "Country/Region"),
            postal_code=row.get("Postal Code"),
            city=row.get("City"),
            acquisition_channel=source,
            owner=row.get("Contact owner"),
            created_at=created,
            updated_at=updated,
        )
    consent = "consent" in row.get("Legal basis for processing contact's data").lower()
    unsubscribed = row.get("Unsubscribed from all email").lower() == "true"
    tables.add(
        "crm_contacts",
        contact_id=f"hubspot-contact-{record}",
        account_id=account_id,
        first_name=row.get("First Name"),
        last_name=row.get("Last Name"),
        role=slug(row.get("Job Title")).replace("-", "_") if row.get("Job Title") else "",
        is_decision_maker="true" if "decision maker" in row.get("Buying Role").lower() else "false",
        email=row.get("Email"),
        phone=row.get("Phone Number") or row.get("Mobile Phone Number"),
        email_permission="true" if consent and not unsubscribed else "false",
        created_at=created,
        updated_at=updated,
    )
    stage = row.get("Lifecycle Stage").lower()
    became_lead = parse_time(row, "Became a Lead Date", HUBSPOT_TIME, False)
    if not became_lead and stage not in LEAD_STAGES:
        return
    became_customer = parse_time(row, "Became a Customer Date", HUBSPOT_TIME, False)
    if stage == "customer" and not became_customer:
        became_customer = updated  # a customer without the date: converted by its last change
    lost = row.get("Lead Status").lower() == "unqualified"
    tables.add(
        "crm_leads",
        lead_id=f"hubspot-lead-{record}",
        account_id=account_id,
        source_channel=source,
        created_at=became_lead or created,
        status="converted" if became_customer else "lost" if lost else "open",
        closed_at=became_customer or (updated if lost else ""),
        lost_reason="unqualified" if lost and not became_customer else "",
    )


CS_TIME = ("%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y")


def centralstation_companies(files: list[Path], tables: RawTables, options: ImportOptions) -> None:
    for path in files:
        for row in read_export(path, ["ID", "Name", "Erstellt am"], delimiter=";"):
            created = parse_time(row, "Erstellt am", CS_TIME)
            tables.add(
                "crm_accounts",
                account_id=f"centralstation-company-{row.require('ID')}",
                account_name=row.require("Name"),
                account_type="company",
                industry=slug(row.get("Branche")).replace("-", "_") if row.get("Branche") else "",
                country_code=country_code(row, "Land") or "DE",
                region=row.get("Bundesland"),
                postal_code=row.get("PLZ"),
                city=row.get("Ort"),
                culture_tags=";".join(
                    slug(tag) for tag in row.get("Tags").split(",") if tag.strip()
                ),
                owner=row.get("Verantwortlicher"),
                created_at=created,
                updated_at=parse_time(row, "Geändert am", CS_TIME, False) or created,
            )


def centralstation_people(files: list[Path], tables: RawTables, options: ImportOptions) -> None:
    companies = {
        values["account_name"].strip().lower(): key
        for key, values in tables.known("crm_accounts").items()
        if key.startswith("centralstation-company-")
    }
    for path in files:
        for row in read_export(path, ["ID", "Vorname", "Nachname", "Erstellt am"], delimiter=";"):
            person = row.require("ID")
            created = parse_time(row, "Erstellt am", CS_TIME)
            updated = parse_time(row, "Geändert am", CS_TIME, False) or created
            company = row.get("Firma")
            if company and company.lower() not in companies:
                raise PresetError(
                    f"{row.where('Firma')}: company {company!r} is not among the companies "
                    f"imported; import the Firmen export first (--preset "
                    f"centralstation-companies) into the same folder."
                )
            account_id = companies.get(company.lower()) or f"centralstation-person-{person}"
            if not company:
                tables.add(
                    "crm_accounts",
                    account_id=account_id,
                    account_name=f"{row.get('Vorname')} {row.get('Nachname')}".strip(),
                    account_type="private",
                    country_code=country_code(row, "Land") or "DE",
                    postal_code=row.get("PLZ"),
                    city=row.get("Ort"),
                    owner=row.get("Verantwortlicher"),
                    created_at=created,
                    updated_at=updated,
                )
            tables.add(
                "crm_contacts",
                contact_id=f"centralstation-person-{person}",
                account_id=account_id,
                first_name=row.get("Vorname"),
                last_name=row.get("Nachname"),
                role=slug(row.get("Position")).replace("-", "_") if row.get("Position") else "",
                is_decision_maker="false",
                email=normalize_email(row.get("E-Mail")),
                phone=row.get("Telefon") or row.get("Mobil"),
                email_permission="false",
                created_at=created,
                updated_at=updated,
            )
