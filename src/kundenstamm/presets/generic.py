"""The generic orders preset: any file with a customer id, a date and an amount per row
(optionally product, quantity, order id, currency, customer name), described by a mapping file.

Without `--mapping` the file is a comma-separated CSV with the columns `customer_id`,
`order_date` (ISO), `amount` (decimal point) and optionally `product`, `quantity`, `order_id`,
`currency_code`, `customer_name`. A mapping file (YAML) names the file's own columns and format:

    source: till                # key prefix of accounts, orders, products (default: orders)
    delimiter: ";"              # ",", ";", "tab", "|" or "whitespace" (default ",")
    header: true                # false: the file has no header; `names` lists its columns
    decimal: ","                # "." (default) or "," (German 1.234,56)
    date_format: "%d.%m.%Y"     # strptime format, or a list (default ISO date / date-time)
    currency: EUR               # when there is no currency column (default EUR)
    account_type: private       # or company (default private)
    channel: offline            # online (default) or offline
    columns:                    # our field: the file's column
      customer_id: Kundennummer
      ordered_at: Belegdatum
      amount: Umsatz brutto
      product: Artikel          # optional: one product "unspecified" without it
      quantity: Menge           # optional: 1 without it
      order_id: Belegnummer     # optional: one order per customer and day without it
      customer_name: Kunde      # optional: the account's name (else the customer id)

Each row is an order line with its net amount; a negative amount is a refunded line.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import yaml

from kundenstamm.presets.exports import (
    ExportRow,
    ImportOptions,
    PresetError,
    RawTables,
    parse_decimal,
    parse_time,
    read_export,
    slug,
)
from kundenstamm.presets.orders import OrderBook

FIELDS = (
    "customer_id", "ordered_at", "amount", "product", "quantity", "order_id", "currency_code",
    "customer_name",
)  # fmt: skip
REQUIRED = ("customer_id", "ordered_at", "amount")
DEFAULT_COLUMNS = {
    "customer_id": "customer_id", "ordered_at": "order_date", "amount": "amount",
    "product": "product", "quantity": "quantity", "order_id": "order_id",
    "currency_code": "currency_code", "customer_name": "customer_name",
}  # fmt: skip
SETTINGS = {
    "source", "delimiter", "header", "names", "decimal", "date_format", "currency",
    "account_type", "channel", "columns",
}  # fmt: skip
DELIMITERS = {",": ",", ";": ";", "tab": "\t", "|": "|", "whitespace": "whitespace"}
ISO_TIME = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d")


def load_mapping(path: Path | None) -> dict:
    """The mapping file's settings, checked: unknown keys and fields are named."""
    if path is None:
        return {"columns": None}
    try:
        mapping = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise PresetError(f"{path.name}: not valid YAML ({error}).") from None
    unknown = set(mapping) - SETTINGS
    if unknown:
        raise PresetError(
            f"{path.name}: unknown setting(s) {', '.join(sorted(unknown))}; known: "
            f"{', '.join(sorted(SETTINGS))}."
        )
    columns = mapping.get("columns") or {}
    wrong = set(columns) - set(FIELDS)
    missing = [field for field in REQUIRED if field not in columns]
    if wrong or missing:
        raise PresetError(
            f"{path.name}, columns: "
            + (f"unknown field(s) {', '.join(sorted(wrong))}; " if wrong else "")
            + (f"missing {', '.join(missing)}; " if missing else "")
            + f"the fields are {', '.join(FIELDS)} ({', '.join(REQUIRED)} required)."
        )
    if mapping.get("delimiter", ",") not in DELIMITERS:
        raise PresetError(f"{path.name}, delimiter: use one of {', '.join(DELIMITERS)}.")
    if mapping.get("decimal", ".") not in (".", ","):
        raise PresetError(f"{path.name}, decimal: use '.' or ','.")
    if mapping.get("channel", "online") not in ("online", "offline"):
        raise PresetError(f"{path.name}, channel: use online or offline.")
    if mapping.get("account_type", "private") not in ("private", "company"):
        raise PresetError(f"{path.name}, account_type: use private or company.")
    if mapping.get("header", True) is False and not mapping.get("names"):
        raise PresetError(f"{path.name}, names: a file without header needs its column names.")
    return mapping


def generic_orders(files: list[Path], tables: RawTables, options: ImportOptions) -> None:
    mapping = load_mapping(options.mapping)
    book = OrderBook(tables, slug(mapping.get("source", "orders")), options.cost_share)
    formats = mapping.get("date_format", ISO_TIME)
    formats = (formats,) if isinstance(formats, str) else tuple(formats)
    decimal = mapping.get("decimal", ".")
    delimiter = DELIMITERS[mapping.get("delimiter", ",")]
    names = mapping.get("names") if mapping.get("header", True) is False else None
    for path in files:
        columns = mapping["columns"]
        if columns is None:  # the default layout: the optional columns the file has
            header = next(read_export(path, [], delimiter=delimiter), None)
            present = set(header.values) if header else set()
            columns = {
                field: name for field, name in DEFAULT_COLUMNS.items()
                if field in REQUIRED or name in present
            }  # fmt: skip
        required = [columns[field] for field in FIELDS if field in columns]
        orders: dict[str, list[ExportRow]] = defaultdict(list)
        for row in read_export(path, required, delimiter=delimiter, fieldnames=names):
            customer = row.require(columns["customer_id"])
            ordered_at = parse_time(row, columns["ordered_at"], formats)
            own = row.get(columns["order_id"]) if "order_id" in columns else ""
            key = book.key(own) if own else book.key(customer, ordered_at[:10].replace("-", ""))
            orders[key].append(row)
            book.account(
                book.key(customer),
                account_name=(
                    row.get(columns["customer_name"]) if "customer_name" in columns else ""
                )
                or customer,
                account_type=mapping.get("account_type", "private"),
            )
        for order_id, rows in orders.items():
            _order(book, order_id, rows, columns, formats, decimal, mapping)
    book.finish()


def _order(
    book: OrderBook, order_id: str, rows: list[ExportRow], columns: dict, formats: tuple,
    decimal: str, mapping: dict,
) -> None:  # fmt: skip
    first = rows[0]
    ordered_at = min(parse_time(row, columns["ordered_at"], formats) for row in rows)
    currency = (
        first.require(columns["currency_code"]) if "currency_code" in columns
        else mapping.get("currency", "EUR")
    )  # fmt: skip
    offline = mapping.get("channel", "online") == "offline"
    amounts = [parse_decimal(row, columns["amount"], decimal) for row in rows]
    book.order(
        order_id,
        book.key(first.require(columns["customer_id"])),
        ordered_at,
        channel="offline" if offline else "online",
        touchpoint="store" if offline else "shop",
        status="completed" if sum(amounts) >= 0 or len(rows) > 1 else "returned",
        currency_code=currency,
        invoice_due_date=ordered_at[:10],
        invoice_paid_date=ordered_at[:10],
        updated_at=ordered_at,
    )
    for row, amount in zip(rows, amounts, strict=True):
        product = row.get(columns["product"]) if "product" in columns else ""
        quantity = (
            parse_decimal(row, columns["quantity"], decimal, default="1")
            if "quantity" in columns else Decimal(1)
        )  # fmt: skip
        book.line(
            order_id,
            product or "unspecified",
            product or "(unspecified product)",
            "unspecified",
            quantity,
            amount,
        )
