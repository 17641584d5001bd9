"""Raw table `orders_products`: the product catalogue."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from kundenstamm.generate import catalog
from kundenstamm.generate.columns import money


@dataclass
class Products:
    """The product catalogue as arrays (index = product number)."""

    product_id: np.ndarray
    name: np.ndarray
    category: np.ndarray  # category index
    tier: np.ndarray  # 0 standard, 1 premium
    list_price: np.ndarray
    unit_cost: np.ndarray
    cycle_days: np.ndarray  # 0 = none


def make_products(rng: np.random.Generator) -> Products:
    """Four to eight products per category; premium tiers only where the category has one."""
    ids, names, cats, tiers, prices, costs, cycles = [], [], [], [], [], [], []
    number = 0
    for index, (category, cycle, base, has_premium) in enumerate(catalog.CATEGORIES):
        count = int(rng.integers(4, 9))
        for item in range(count):
            premium = has_premium and item >= count - 2
            price = round(base * float(rng.uniform(0.6, 1.6)) * (1.8 if premium else 1.0), 2)
            number += 1
            ids.append(f"P{number:04d}")
            label = category.replace("_", " ").title()
            names.append(f"{label} {'Premium ' if premium else ''}{item + 1}")
            cats.append(index)
            tiers.append(1 if premium else 0)
            prices.append(price)
            costs.append(round(price * float(rng.uniform(0.45, 0.7)), 2))
            cycles.append(cycle)
    return Products(
        np.array(ids),
        np.array(names),
        np.array(cats),
        np.array(tiers),
        np.array(prices),
        np.array(costs),
        np.array(cycles),
    )


def products_table(products: Products) -> pa.Table:
    return pa.table(
        {
            "product_id": pa.array(products.product_id, pa.string()),
            "product_name": pa.array(products.name, pa.string()),
            "category": pa.array(
                [catalog.CATEGORIES[c][0] for c in products.category], pa.string()
            ),
            "tier": pa.array(np.where(products.tier == 1, "premium", "standard"), pa.string()),
            "unit_cost": money(products.unit_cost),
            "list_price": money(products.list_price),
            "replenishment_cycle_days": pa.array(
                products.cycle_days, pa.int64(), mask=products.cycle_days == 0
            ),
        }
    )
