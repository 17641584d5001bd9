"""Raw table `orders_order_lines`: the products of each order, whose net values add up to the
order's simulated value (categories bought together, a favourite category, premium tiers)."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from kundenstamm.generate import catalog
from kundenstamm.generate.columns import first_of_each, ids, money, strings
from kundenstamm.generate.products import Products

CATEGORY_NAMES = [c[0] for c in catalog.CATEGORIES]


def simulate_order_lines(
    rng: np.random.Generator, accounts: dict, orders: dict, products: Products
) -> dict[str, np.ndarray]:
    """One to five lines per order: their order, product, quantity, unit price and discount."""
    n_orders = orders["owner"].size
    n_lines = 1 + np.minimum(rng.poisson(0.9, size=n_orders), 4)
    line_order = np.repeat(np.arange(n_orders), n_lines)
    category = _categories(rng, accounts["favourite"][orders["owner"]], line_order, n_lines)
    premium_propensity = accounts["premium_propensity"][orders["owner"]][line_order]
    premium_wanted = rng.random(line_order.size) < premium_propensity
    product = _products_of(rng, products, category, premium_wanted)
    weights = rng.gamma(2.0, size=line_order.size)
    weight_sum = np.bincount(line_order, weights=weights, minlength=n_orders)
    line_value_eur = orders["value_eur"][line_order] * weights / weight_sum[line_order]
    product = _office_supplies_when_too_small(rng, products, product, line_value_eur)
    list_price = products.list_price[product]
    quantity = np.maximum(1, np.round(line_value_eur / list_price)).astype(np.int64)
    discount_rate = orders["discount_rate"][line_order]
    # net line value in order currency = the simulated value: gross price compensates the discount
    gross_local = line_value_eur / orders["rate"][line_order] / (1.0 - discount_rate)
    unit_price = np.round(gross_local / quantity, 2)
    return {
        "order": line_order,
        "product": product,
        "quantity": quantity,
        "unit_price": unit_price,
        "discount_amount": np.round(quantity * unit_price * discount_rate, 2),
    }


def _categories(
    rng: np.random.Generator, favourite: np.ndarray, line_order: np.ndarray, n_lines: np.ndarray
) -> np.ndarray:
    """First line: mostly the owner's favourite category; second: mostly the category bought
    with the first (catalog.AFFINITY); the rest at random."""
    line_start = first_of_each(n_lines)
    line_pos = np.arange(line_order.size) - line_start[line_order]
    random_cat = rng.integers(0, len(catalog.CATEGORIES), size=line_order.size)
    first_cat = np.where(rng.random(line_order.size) < 0.6, favourite[line_order], random_cat)
    first_cat_of_order = first_cat[line_start][line_order]
    partner = np.array([CATEGORY_NAMES.index(catalog.AFFINITY[c]) for c in CATEGORY_NAMES])
    second_cat = np.where(
        rng.random(line_order.size) < 0.55, partner[first_cat_of_order], random_cat
    )
    return np.where(line_pos == 0, first_cat, np.where(line_pos == 1, second_cat, random_cat))


def _products_of(
    rng: np.random.Generator, products: Products, category: np.ndarray, premium: np.ndarray
) -> np.ndarray:
    """A random product of each line's category and tier (any tier where the category has
    none of the one wanted)."""
    choice = np.empty(category.size, dtype=np.int64)
    for cat in range(len(catalog.CATEGORIES)):
        for tier in (0, 1):
            candidates = np.flatnonzero((products.category == cat) & (products.tier == tier))
            if candidates.size == 0:
                candidates = np.flatnonzero(products.category == cat)
            mask = (category == cat) & (premium == bool(tier))
            choice[mask] = candidates[rng.integers(0, candidates.size, size=mask.sum())]
    return choice


def _office_supplies_when_too_small(
    rng: np.random.Generator, products: Products, product: np.ndarray, value_eur: np.ndarray
) -> np.ndarray:
    """A line worth less than 40 % of its product's list price becomes office supplies."""
    office_products = np.flatnonzero(products.category == CATEGORY_NAMES.index("office"))
    too_small = value_eur < 0.4 * products.list_price[product]
    product[too_small] = office_products[
        rng.integers(0, office_products.size, size=too_small.sum())
    ]
    return product


def order_lines_table(lines: dict, keys, first_number: int, product_ids) -> pa.Table:
    return pa.table(
        {
            "order_line_id": ids("L", first_number, lines["order"].size, 10),
            "order_id": strings(keys.order_id_values[lines["order"]]),
            "product_id": strings(product_ids[lines["product"]]),
            "quantity": pa.array(lines["quantity"], pa.int64()),
            "unit_price": money(lines["unit_price"]),
            "discount_amount": money(lines["discount_amount"]),
        }
    )
