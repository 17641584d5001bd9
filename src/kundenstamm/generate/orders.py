"""Raw table `orders_orders`: the purchases as orders, plus cancelled and returned orders, with
channel, discount code and the invoice's due and paid dates."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from kundenstamm.generate.columns import dates, pick, text, timestamps

CHF_RATE = 1.06  # EUR per CHF, as in the currency_rates seed
SHARE_NOT_PURCHASES = 0.05  # extra orders that are cancelled or returned
DISCOUNT_CODES = ("WELCOME10", "SPRING10", "LOYAL15", "B2B-DEAL", "NEWSLETTER")


def simulate_orders(rng: np.random.Generator, accounts: dict, purchases: dict, days: int) -> dict:
    """Every order in owner and day order: the purchases and the extra cancelled or returned
    orders, how they were placed and paid, and their value in EUR."""
    orders = _with_extra_orders(rng, purchases, days)
    owner, day = orders["owner"], orders["day"]
    n_orders = owner.size
    is_company = accounts["is_company"][owner]
    online = rng.random(n_orders) < np.where(is_company, 0.4, 0.7)
    touch_online = pick(rng, ("shop", "email", "social"), n_orders, (0.8, 0.12, 0.08))
    touch_offline = np.where(
        is_company,
        pick(rng, ("field_sales", "phone", "store"), n_orders, (0.5, 0.35, 0.15)),
        pick(rng, ("store", "phone"), n_orders, (0.8, 0.2)),
    )
    discount_only = accounts["discount_only"][owner]
    has_code = np.where(discount_only, True, rng.random(n_orders) < 0.08)
    orders["discount_rate"] = np.where(has_code, np.where(discount_only, 0.15, 0.10), 0.0)
    orders["discount_code"] = np.where(has_code, pick(rng, DISCOUNT_CODES, n_orders), None)
    orders["channel"] = np.where(online, "online", "offline")
    orders["touchpoint"] = np.where(online, touch_online, touch_offline)
    orders["due_day"] = day + np.where(is_company, 30, 14)
    orders["paid_day"] = _paid_days(rng, accounts, orders, days)
    orders["currency"] = accounts["currency"][owner]
    orders["rate"] = np.where(orders["currency"] == "CHF", CHF_RATE, 1.0)
    return orders


def _with_extra_orders(rng: np.random.Generator, purchases: dict, days: int) -> dict:
    """The purchases (completed) and, after about 5 % of them, a cancelled or returned order of
    the same value, sorted by owner and day."""
    owner, day, value = purchases["owner"], purchases["day"], purchases["value_eur"]
    extra = rng.random(owner.size) < SHARE_NOT_PURCHASES
    extra_day = np.minimum(day[extra] + rng.uniform(0, 20, size=extra.sum()), days - 1e-6)
    status = np.concatenate(
        [
            np.full(owner.size, "completed", dtype=object),
            pick(rng, ("cancelled", "returned"), int(extra.sum())),
        ]
    )
    owner = np.concatenate([owner, owner[extra]])
    day = np.concatenate([day, extra_day])
    value = np.concatenate([value, value[extra]])
    order = np.lexsort((day, owner))
    return {
        "owner": owner[order],
        "day": day[order],
        "value_eur": value[order],
        "status": status[order],
    }


def _paid_days(rng: np.random.Generator, accounts: dict, orders: dict, days: int) -> np.ndarray:
    """Paid before the due date, or 10-60 days after it (habitual late payers mostly); empty
    while unpaid at the end and for cancelled orders."""
    n_orders = orders["owner"].size
    due_day = orders["due_day"]
    late = np.where(
        accounts["late_payer"][orders["owner"]],
        rng.random(n_orders) < 0.7,
        rng.random(n_orders) < 0.04,
    )
    paid_day = np.where(
        late,
        due_day + rng.uniform(10, 60, size=n_orders),
        due_day - rng.uniform(0, 12, size=n_orders),
    )
    paid_day = np.maximum(paid_day, orders["day"])
    paid_day = np.where(paid_day < days, paid_day, np.nan)
    return np.where(orders["status"] == "cancelled", np.nan, paid_day)


def orders_table(orders: dict, keys, start: np.datetime64) -> pa.Table:
    """Every 23rd currency code in lower case, as exports have it."""
    currency = orders["currency"].astype(object)
    lower = (np.arange(currency.size) % 23) == 0
    currency = np.where(lower, np.char.lower(currency.astype(str)), currency)
    owner = orders["owner"]
    return pa.table(
        {
            "order_id": keys.order_ids,
            **keys.account_and_contact(owner),
            "ordered_at": timestamps(start, orders["day"]),
            "channel": text(orders["channel"]),
            "touchpoint": text(orders["touchpoint"]),
            "status": text(orders["status"]),
            "currency_code": text(currency),
            "discount_code": text(orders["discount_code"]),
            "invoice_due_date": dates(start, orders["due_day"]),
            "invoice_paid_date": dates(start, orders["paid_day"]),
            "updated_at": timestamps(
                start, np.where(np.isnan(orders["paid_day"]), orders["day"], orders["paid_day"])
            ),
        }
    )
