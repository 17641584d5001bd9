"""Shop exports: Shopify orders and customers, WooCommerce orders.

Shopify (Admin > Orders > Export, "Plain CSV file"): one row per line item; the order's own
fields (financial status, totals, discount, dates, billing address) only on its first row, the
other rows repeat `Name` and `Email`. Times are `2024-03-05 14:22:10 +0100`; zip codes and
customer ids are written with a leading `'` so spreadsheets keep their zeros. Customers
(Admin > Customers > Export) are keyed by e-mail like the orders' buyers.

WooCommerce ("Order Export & Import for WooCommerce", documented on woocommerce.com): one row per
order, line items in numbered columns `line_item_1`, `line_item_2`, ... as
`name:…|product_id:…|sku:…|quantity:…|total:…|sub_total:…`, refunds in `refund_items` as
`amount:…|reason:…|date:…` (several joined by `||`), statuses `wc-completed`, `wc-refunded`, ...
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from kundenstamm.presets.exports import (
    ExportRow,
    ImportOptions,
    PresetError,
    RawTables,
    allocate,
    code,
    country_code,
    normalize_email,
    parse_decimal,
    parse_time,
    read_export,
)
from kundenstamm.presets.orders import OrderBook

SHOPIFY_TIME = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M")
# financial status -> order status of the raw contract (cancelled orders: `Cancelled at` set)
SHOPIFY_STATUS = {
    "paid": "completed", "partially_paid": "completed", "partially_refunded": "completed",
    "authorized": "completed", "pending": "completed", "refunded": "returned",
    "voided": "cancelled", "expired": "cancelled",
}  # fmt: skip
SHOPIFY_ORDER_COLUMNS = [
    "Name", "Email", "Financial Status", "Created at", "Currency", "Lineitem quantity",
    "Lineitem name", "Lineitem price",
]  # fmt: skip


def split_name(full: str) -> tuple[str, str]:
    first, _, last = full.strip().rpartition(" ")
    return (first, last) if first else ("", last)


def shopify_account(book: OrderBook, email: str, order_name: str) -> str:
    return book.key(normalize_email(email)) if email else book.key("guest", order_name)


def shopify_orders(files: list[Path], tables: RawTables, options: ImportOptions) -> None:
    book = OrderBook(tables, "shopify", options.cost_share)
    for path in files:
        current: ExportRow | None = None
        lines: list[ExportRow] = []
        for row in read_export(path, SHOPIFY_ORDER_COLUMNS):
            if current is None or row.get("Name") != current.get("Name"):
                if current is not None:
                    _shopify_order(book, current, lines)
                if not row.get("Financial Status"):
                    raise PresetError(
                        f"{row.where('Financial Status')}: empty on the first row of order "
                        f"{row.get('Name')!r}; the order's fields are on its first row, so "
                        f"keep the export's row order."
                    )
                current, lines = row, []
            lines.append(row)
        if current is not None:
            _shopify_order(book, current, lines)
    book.finish()


def _shopify_order(book: OrderBook, first: ExportRow, lines: list[ExportRow]) -> None:
    name = first.require("Name").lstrip("#")
    order_id = book.key(name)
    email = first.get("Email")
    account_id = shopify_account(book, email, name)
    financial = first.get("Financial Status").lower()
    if financial not in SHOPIFY_STATUS:
        raise PresetError(
            f"{first.where('Financial Status')}: unknown status {financial!r} (known: "
            f"{', '.join(SHOPIFY_STATUS)})."
        )
    cancelled_at = parse_time(first, "Cancelled at", SHOPIFY_TIME, required=False)
    status = "cancelled" if cancelled_at else SHOPIFY_STATUS[financial]
    ordered_at = parse_time(first, "Created at", SHOPIFY_TIME)
    paid_at = parse_time(first, "Paid at", SHOPIFY_TIME, required=False)
    store = first.get("Source").lower() == "pos"
    contact_id = book.key(normalize_email(email)) if email else ""
    book.order(
        order_id,
        account_id,
        ordered_at,
        contact_id=contact_id,
        channel="offline" if store else "online",
        touchpoint="store" if store else "shop",
        status=status,
        currency_code=first.require("Currency"),
        discount_code=first.get("Discount Code"),
        invoice_due_date=ordered_at[:10],
        invoice_paid_date=paid_at[:10],
        updated_at=max(ordered_at, paid_at, cancelled_at),
    )
    # order-level discount (a code on the whole cart) spread over the lines it applies to
    values = [
        parse_decimal(row, "Lineitem quantity") * parse_decimal(row, "Lineitem price")
        for row in lines
    ]
    line_discounts = [parse_decimal(row, "Lineitem discount", default="0") for row in lines]
    order_discount = parse_decimal(first, "Discount Amount", default="0") - sum(line_discounts)
    spread = allocate(max(order_discount, Decimal(0)), values)
    for row, value, own, extra in zip(lines, values, line_discounts, spread, strict=True):
        discount = own + extra
        label = row.require("Lineitem name")
        book.line(
            order_id,
            row.get("Lineitem sku") or label,
            label,
            code(row.get("Vendor") or "unspecified"),
            parse_decimal(row, "Lineitem quantity"),
            value - discount,
            discount,
        )
    refunded = parse_decimal(first, "Refunded Amount", default="0")
    if refunded > 0 and status == "completed":
        book.refund(order_id, refunded)
    book.buyer(
        account_id,
        contact_id,
        split_name(first.get("Billing Name")),
        first.get("Billing Company"),
        (
            email,
            first.get("Billing Phone").lstrip("'"),
            first.get("Accepts Marketing").lower() == "yes",
        ),
        country_code=country_code(first, "Billing Country"),
        region=first.get("Billing Province"),
        postal_code=first.get("Billing Zip").lstrip("'"),
        city=first.get("Billing City"),
    )


SHOPIFY_CUSTOMER_COLUMNS = ["Customer ID", "First Name", "Last Name", "Email"]


def shopify_customers(files: list[Path], tables: RawTables, options: ImportOptions) -> None:
    book = OrderBook(tables, "shopify", options.cost_share)
    for path in files:
        for row in read_export(path, SHOPIFY_CUSTOMER_COLUMNS):
            customer = row.require("Customer ID").lstrip("'")
            email = row.get("Email")
            account_id = shopify_account(book, email, f"customer-{customer}")
            book.buyer(
                account_id,
                book.key(normalize_email(email)) if email else book.key(customer),
                (row.get("First Name"), row.get("Last Name")),
                row.get("Default Address Company"),
                (
                    email,
                    (row.get("Phone") or row.get("Default Address Phone")).lstrip("'"),
                    row.get("Accepts Email Marketing").lower() == "yes",
                ),
                country_code=country_code(row, "Default Address Country Code"),
                region=row.get("Default Address Province Code"),
                postal_code=row.get("Default Address Zip").lstrip("'"),
                city=row.get("Default Address City"),
            )


WOO_TIME = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M")
WOO_STATUS = {
    "completed": "completed", "processing": "completed", "on-hold": "completed",
    "refunded": "returned", "cancelled": "cancelled", "failed": "cancelled",
    "pending": "cancelled", "trash": "cancelled", "checkout-draft": "cancelled",
}  # fmt: skip
WOO_COLUMNS = ["order_number", "order_date", "status", "order_currency", "customer_email"]


def packed(row: ExportRow, column: str) -> list[dict[str, str]]:
    """WooCommerce's packed cells: `key:value|key:value`, several items joined by `||`."""
    items = []
    for text in row.get(column).split("||"):
        if not text.strip():
            continue
        fields = {}
        for part in text.split("|"):
            key, sep, value = part.partition(":")
            if not sep:
                raise PresetError(f"{row.where(column)}: {part!r} is not `key:value`.")
            fields[key.strip()] = value.strip()
        items.append(fields)
    return items


def woocommerce_orders(files: list[Path], tables: RawTables, options: ImportOptions) -> None:
    book = OrderBook(tables, "woocommerce", options.cost_share)
    for path in files:
        for row in read_export(path, WOO_COLUMNS):
            _woocommerce_order(book, row)
    book.finish()


def _woocommerce_order(book: OrderBook, row: ExportRow) -> None:
    order_id = book.key(row.require("order_number"))
    status_text = row.require("status").lower().removeprefix("wc-")
    if status_text not in WOO_STATUS:
        raise PresetError(
            f"{row.where('status')}: unknown status {status_text!r} (known: "
            f"{', '.join(WOO_STATUS)})."
        )
    email = row.get("customer_email") or row.get("billing_email")
    customer = row.get("customer_id")
    account_id = (
        book.key(customer)
        if customer not in ("", "0")
        else book.key("guest", normalize_email(email))
    )
    ordered_at = parse_time(row, "order_date", WOO_TIME)
    paid_at = parse_time(row, "paid_date", WOO_TIME, required=False)
    completed_at = parse_time(row, "completed_date", WOO_TIME, required=False)
    status = WOO_STATUS[status_text]
    contact_id = book.key("contact", normalize_email(email)) if email else ""
    book.order(
        order_id,
        account_id,
        ordered_at,
        contact_id=contact_id,
        channel="online",
        touchpoint="shop",
        status=status,
        currency_code=row.require("order_currency"),
        discount_code=";".join(item.get("code", "") for item in packed(row, "coupon_items")),
        invoice_due_date=ordered_at[:10],
        invoice_paid_date=paid_at[:10],
        updated_at=max(ordered_at, paid_at, completed_at),
    )
    item_columns = sorted(
        (column for column in row.values if column.startswith("line_item_")),
        key=lambda column: int(column.rsplit("_", 1)[1]),
    )
    for column in item_columns:
        for item in packed(row, column):
            for needed in ("name", "quantity", "total"):
                if needed not in item:
                    raise PresetError(f"{row.where(column)}: the line item has no {needed!r}.")
            cell = ExportRow(row.file, row.row, {column: item["total"]})
            total = parse_decimal(cell, column)
            cell.values[column] = item.get("sub_total") or item["total"]
            gross = parse_decimal(cell, column)
            cell.values[column] = item["quantity"]
            book.line(
                order_id,
                item.get("sku") or item["name"],
                item["name"],
                "unspecified",
                parse_decimal(cell, column),
                total,
                max(gross - total, Decimal(0)),
            )
    if status == "completed":
        for refund in packed(row, "refund_items"):
            cell = ExportRow(row.file, row.row, {"refund_items": refund.get("amount", "")})
            book.refund(order_id, parse_decimal(cell, "refund_items"))
    book.buyer(
        account_id,
        contact_id,
        (row.get("billing_first_name"), row.get("billing_last_name")),
        row.get("billing_company"),
        (email, row.get("billing_phone"), False),  # the export has no marketing consent
        country_code=country_code(row, "billing_country"),
        region=row.get("billing_state"),
        postal_code=row.get("billing_postcode"),
        city=row.get("billing_city"),
    )
