"""What every orders preset writes the same way: the order, its lines, the products sold, the
buying account, and refunds as negative lines.

One rule for refunds (the raw contract as it stands): a fully refunded order has the status
`returned` (not a purchase); a partial refund is one extra line on the order with the product
`<source>-refund`, quantity -1 and the refunded amount as its unit price. Staging quarantines
negative lines today (`negative_quantity`), so they are kept and visible, not dropped.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from statistics import median

from kundenstamm.presets.exports import RawTables, money, slug, unit_price_and_discount

REFUND_CATEGORY = "refund"


class OrderBook:
    """Collects the orders of one source and writes them, with their products and accounts,
    into the raw tables."""

    def __init__(self, tables: RawTables, source: str, cost_share: Decimal) -> None:
        self.tables = tables
        self.source = source
        self.cost_share = cost_share
        self.prices: dict[str, list[Decimal]] = defaultdict(list)
        self.lines: dict[str, int] = defaultdict(int)
        self.first_order: dict[str, str] = {}
        self.last_order: dict[str, str] = {}

    def key(self, *parts: str) -> str:
        return "-".join([self.source, *parts])

    def account(self, account_id: str, **values: str) -> None:
        self.tables.add("crm_accounts", account_id=account_id, **values)

    def buyer(
        self,
        account_id: str,
        contact_id: str,
        name: tuple[str, str],
        company: str,
        contact: tuple[str, str, bool],
        **address: str,
    ) -> None:
        """A buying account (a `company` when the export names one, else `private`) and, with a
        `contact_id`, its contact: `name` is (first, last), `contact` (e-mail, phone, whether
        the buyer accepts marketing e-mail); `address` the account's country_code, region,
        postal_code and city."""
        email, phone, permission = contact
        full_name = " ".join(part for part in name if part)
        self.account(
            account_id,
            account_name=company or full_name or email,
            account_type="company" if company else "private",
            **address,
        )
        if contact_id:
            self.tables.add(
                "crm_contacts",
                contact_id=contact_id,
                account_id=account_id,
                first_name=name[0],
                last_name=name[1],
                role="" if company else "private",
                is_decision_maker="false" if company else "true",
                email=email,
                phone=phone,
                email_permission="true" if permission else "false",
            )

    def order(self, order_id: str, account_id: str, ordered_at: str, **values: str) -> None:
        self.tables.add(
            "orders_orders",
            order_id=order_id,
            account_id=account_id,
            ordered_at=ordered_at,
            **values,
        )
        if ordered_at < self.first_order.get(account_id, "9999"):
            self.first_order[account_id] = ordered_at
        self.last_order[account_id] = max(self.last_order.get(account_id, ""), ordered_at)

    def line(
        self,
        order_id: str,
        product: str,
        product_name: str,
        category: str,
        quantity: Decimal,
        total: Decimal,
        discount: Decimal = Decimal(0),
    ) -> None:
        """One order line: `total` is its net value (after `discount`); a negative quantity or
        total is a refunded line (quantity below zero, unit price positive)."""
        if total < 0 and quantity > 0:
            quantity = -quantity
        unit_price, line_discount = unit_price_and_discount(abs(total), quantity, discount)
        self.lines[order_id] += 1
        product_id = self.key(slug(product))
        self.tables.add(
            "orders_order_lines",
            order_line_id=f"{order_id}-{self.lines[order_id]}",
            order_id=order_id,
            product_id=product_id,
            quantity=format_quantity(quantity),
            unit_price=unit_price,
            discount_amount=line_discount,
        )
        if category != REFUND_CATEGORY:
            self.prices[product_id].append(Decimal(unit_price))
        self.tables.add(
            "orders_products",
            product_id=product_id,
            product_name=product_name,
            category=category,
            tier="standard",
        )

    def refund(self, order_id: str, amount: Decimal) -> None:
        """A partial refund of `amount` on the order (see the module's rule)."""
        self.line(order_id, "refund", "Refund", REFUND_CATEGORY, Decimal(-1), -amount.copy_abs())

    def finish(self) -> None:
        """Prices and costs of the products (median unit price; cost = cost share x price, 0
        when the export has no costs, so margin = revenue) and each account's first and last
        order as its created and updated time when the export has none."""
        for product_id, values in self.prices.items():
            price = Decimal(median(values)).quantize(Decimal("0.01"))
            self.tables.add(
                "orders_products",
                product_id=product_id,
                list_price=money(price),
                unit_cost=money(price * self.cost_share),
            )
        refund_id = self.key("refund")
        if self.tables.get("orders_products", refund_id):
            self.tables.add(
                "orders_products", product_id=refund_id, list_price="0.00", unit_cost="0.00"
            )
        for account_id, first in self.first_order.items():
            existing = self.tables.get("crm_accounts", account_id) or {}
            self.tables.add(
                "crm_accounts",
                account_id=account_id,
                created_at=existing.get("created_at") or first,
                updated_at=existing.get("updated_at") or self.last_order[account_id],
            )
        if self.cost_share == 0 and self.prices:
            self.tables.notes.append(
                f"{self.source}: the export has no product costs, so unit_cost is 0 and margin "
                f"equals revenue (historical and predicted CLV are revenue); pass --cost-share "
                f"(e.g. 0.6) or deliver orders_products with costs."
            )


def format_quantity(quantity: Decimal) -> str:
    """A quantity as the raw contract writes it: digits, a point only when it has decimals."""
    text = format(quantity.normalize(), "f")
    return text
