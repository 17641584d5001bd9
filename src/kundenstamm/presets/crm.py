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
    code,
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


# the company columns of each CRM's export, by raw field
HUBSPOT_COMPANY = {
    "id": "Record ID", "account_name": "Company name", "industry": "Industry",
    "country_code": "Country/Region", "region": "State/Region", "postal_code": "Postal Code",
    "city": "City", "owner": "Company owner", "created_at": "Create Date",
    "updated_at": "Last Modified Date",
}  # fmt: skip
CS_COMPANY = {
    "id": "ID", "account_name": "Name", "industry": "Branche", "country_code": "Land",
    "region": "Bundesland", "postal_code": "PLZ", "city": "Ort", "owner": "Verantwortlicher",
    "created_at": "Erstellt am", "updated_at": "Geändert am",
}  # fmt: skip


def company_account(
    tables: RawTables, prefix: str, row: ExportRow, columns: dict[str, str], times: tuple,
    **more: str,
) -> None:  # fmt: skip
    """A company account from a CRM export row, `columns` naming the export's columns."""
    created = parse_time(row, columns["created_at"], times)
    tables.add(
        "crm_accounts",
        account_id=f"{prefix}-{row.require(columns['id'])}",
        account_name=row.require(columns["account_name"]),
        account_type="company",
        industry=code(row.get(columns["industry"])),
        country_code=country_code(row, columns["country_code"]),
        region=row.get(columns["region"]),
        postal_code=row.get(columns["postal_code"]),
        city=row.get(columns["city"]),
        owner=row.get(columns["owner"]),
        created_at=created,
        updated_at=parse_time(row, columns["updated_at"], times, False) or created,
        **more,
    )


HUBSPOT_PERSON = {
    "id": "Record ID", "first_name": "First Name", "last_name": "Last Name", "email": "Email",
    "phone": "Phone Number", "mobile": "Mobile Phone Number", "role": "Job Title",
    "country_code": "Country/Region", "postal_code": "Postal Code", "city": "City",
    "owner": "Contact owner", "created_at": "Create Date", "updated_at": "Last Modified Date",
}  # fmt: skip
CS_PERSON = {
    "id": "ID", "first_name": "Vorname", "last_name": "Nachname", "email": "E-Mail",
    "phone": "Telefon", "mobile": "Mobil", "role": "Position", "country_code": "Land",
    "postal_code": "PLZ", "city": "Ort", "owner": "Verantwortlicher", "created_at": "Erstellt am",
    "updated_at": "Geändert am",
}  # fmt: skip


def person(
    tables: RawTables, prefix: str, row: ExportRow, columns: dict[str, str], times: tuple,
    company_account_id: str, **flags: str,
) -> tuple[str, str, str]:  # fmt: skip
    """A contact from a CRM export row (`columns` naming the export's columns) at
    `company_account_id`, or, without one, at a private account of its own made from the row.
    `flags`: is_decision_maker, email_permission. Returns the account id and the created and
    updated times."""
    contact_id = f"{prefix}-{row.require(columns['id'])}"
    created = parse_time(row, columns["created_at"], times)
    updated = parse_time(row, columns["updated_at"], times, False) or created
    first, last = row.get(columns["first_name"]), row.get(columns["last_name"])
    account_id = company_account_id or contact_id
    if not company_account_id:
        tables.add(
            "crm_accounts",
            account_id=account_id,
            account_name=f"{first} {last}".strip() or row.get(columns["email"]),
            account_type="private",
            country_code=country_code(row, columns["country_code"]),
            postal_code=row.get(columns["postal_code"]),
            city=row.get(columns["city"]),
            owner=row.get(columns["owner"]),
            created_at=created,
            updated_at=updated,
        )
    tables.add(
        "crm_contacts",
        contact_id=contact_id,
        account_id=account_id,
        first_name=first,
        last_name=last,
        role=code(row.get(columns["role"])),
        email=normalize_email(row.get(columns["email"])),
        phone=row.get(columns["phone"]) or row.get(columns["mobile"]),
        created_at=created,
        updated_at=updated,
        **flags,
    )
    return account_id, created, updated


def hubspot_companies(files: list[Path], tables: RawTables, options: ImportOptions) -> None:
    for path in files:
        for row in read_export(path, ["Record ID", "Company name", "Create Date"]):
            company_account(
                tables, "hubspot-company", row, HUBSPOT_COMPANY, HUBSPOT_TIME,
                company_size=company_size(row, "Number of Employees"),
                acquisition_channel=channel(row, "Original Source"),
            )  # fmt: skip


def hubspot_contacts(files: list[Path], tables: RawTables, options: ImportOptions) -> None:
    for path in files:
        for row in read_export(
            path, ["Record ID", "First Name", "Last Name", "Email", "Create Date"]
        ):
            _hubspot_contact(tables, row)


def _hubspot_contact(tables: RawTables, row: ExportRow) -> None:
    record = row.require("Record ID")
    company = row.get("Associated Company IDs").split(";")[0].strip()
    source = channel(row, "Original Source")
    consent = "consent" in row.get("Legal basis for processing contact's data").lower()
    unsubscribed = row.get("Unsubscribed from all email").lower() == "true"
    account_id, created, updated = person(
        tables, "hubspot-contact", row, HUBSPOT_PERSON, HUBSPOT_TIME,
        f"hubspot-company-{company}" if company else "",
        is_decision_maker="true" if "decision maker" in row.get("Buying Role").lower() else "false",
        email_permission="true" if consent and not unsubscribed else "false",
    )  # fmt: skip
    if not company:
        tables.add("crm_accounts", account_id=account_id, acquisition_channel=source)
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
            tags = [slug(tag) for tag in row.get("Tags").split(",") if tag.strip()]
            company_account(
                tables, "centralstation-company", row, CS_COMPANY, CS_TIME,
                culture_tags=";".join(tags),
            )  # fmt: skip


def centralstation_people(files: list[Path], tables: RawTables, options: ImportOptions) -> None:
    companies = {
        values["account_name"].strip().lower(): key
        for key, values in tables.known("crm_accounts").items()
        if key.startswith("centralstation-company-")
    }
    for path in files:
        for row in read_export(path, ["ID", "Vorname", "Nachname", "Erstellt am"], delimiter=";"):
            company = row.get("Firma")
            if company and company.lower() not in companies:
                raise PresetError(
                    f"{row.where('Firma')}: company {company!r} is not among the companies "
                    f"imported; import the Firmen export first (--preset "
                    f"centralstation-companies) into the same folder."
                )
            person(
                tables, "centralstation-person", row, CS_PERSON, CS_TIME,
                companies.get(company.lower(), ""),
                is_decision_maker="false", email_permission="false",
            )  # fmt: skip
