"""Vectorised simulation of one chunk of accounts and everything that happens to them.

Purchases follow a BG/NBD process (rate lambda ~ Gamma(r, alpha) per week, drop-out p ~ Beta(a, b)
after each repeat purchase) and order values a Gamma-Gamma process (nu ~ Gamma(q, gamma), value ~
Gamma(p, nu)), with separate true parameters for private (B2C) and company (B2B) accounts.
All times are days since the start date (floats); the writer turns them into dates.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kundenstamm.generate import catalog
from kundenstamm.generate.identities import DistinctIdentities

# True parameters of the processes (time unit: weeks; money: EUR).
TRUE_PARAMETERS = {
    "private": {"r": 0.55, "alpha": 7.0, "a": 0.8, "b": 3.5, "p": 6.0, "q": 3.5, "gamma": 40.0},
    "company": {"r": 1.1, "alpha": 6.0, "a": 0.7, "b": 4.0, "p": 5.0, "q": 3.0, "gamma": 350.0},
}
SHARE_COMPANY = 0.3
SHARE_PROSPECT = 0.15
SHARE_LATE_PAYER = 0.07
SHARE_DISCOUNT_ONLY = 0.05
SHARE_COMPLAINER = 0.04
SHARE_COMPLAINT_BACKLOG = 0.2  # complaints that stay open for 30-240 days instead of 1-30
SHARE_EMAIL_PERMISSION = 0.6
RESPONSE_RATE = 0.35
CHF_RATE = 1.06  # EUR per CHF, as in the currency_rates seed


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


def _pick(rng: np.random.Generator, options: tuple, size: int, p=None) -> np.ndarray:
    weights = None if p is None else np.asarray(p, dtype=float) / np.sum(p)
    return np.asarray(options, dtype=object)[rng.choice(len(options), size=size, p=weights)]


def _segment_array(values: dict, is_company: np.ndarray, key: str) -> np.ndarray:
    return np.where(is_company, values["company"][key], values["private"][key])


def simulate_chunk(
    rng: np.random.Generator,
    first: int,
    n: int,
    days: int,
    products: Products,
    identities: DistinctIdentities | None = None,
) -> dict[str, dict[str, np.ndarray]]:
    """Simulate accounts number first+1 .. first+n over `days` days; return column arrays per table.
    With `identities`, no two accounts or contacts share an e-mail, a phone number or a name at
    one postal code (over every chunk that shares it)."""
    weeks_total = days / 7.0
    idx = np.arange(n)
    account_id = np.char.add("A", np.char.zfill((first + idx + 1).astype(str), 7))
    is_company = rng.random(n) < SHARE_COMPANY
    is_buyer = rng.random(n) >= SHARE_PROSPECT

    # --- where and who ------------------------------------------------------------------------
    place_weights = np.array([p[4] for p in catalog.PLACES], dtype=float)
    place = rng.choice(len(catalog.PLACES), size=n, p=place_weights / place_weights.sum())
    region = np.array([p[0] for p in catalog.PLACES], dtype=object)[place]
    country = np.array([p[1] for p in catalog.PLACES], dtype=object)[place]
    prefix = np.array([p[2] for p in catalog.PLACES], dtype=object)[place]
    city = np.array([p[3] for p in catalog.PLACES], dtype=object)[place]
    digits = np.where(country == "DE", 3, 2)
    suffix = rng.integers(0, 1000, size=n)
    postal = np.array(
        [f"{p}{s % (10**d):0{d}d}" for p, s, d in zip(prefix, suffix, digits, strict=True)],
        dtype=object,
    )
    channel = np.where(
        is_company,
        _pick(rng, catalog.CHANNELS, n, catalog.CHANNEL_WEIGHTS_B2B),
        _pick(rng, catalog.CHANNELS, n, catalog.CHANNEL_WEIGHTS_B2C),
    )
    first_name = _pick(rng, catalog.FIRST_NAMES, n)
    last_name = _pick(rng, catalog.LAST_NAMES, n)
    company_name = (
        _pick(rng, catalog.COMPANY_STEMS, n)
        + " "
        + _pick(rng, catalog.LAST_NAMES, n)
        + " "
        + _pick(rng, catalog.LEGAL_FORMS, n)
    )
    account_name = np.where(is_company, company_name, first_name + " " + last_name)
    if identities is not None:
        postal = identities.postal_suffixes(account_name, country, prefix, suffix, digits)
    industry = np.where(is_company, _pick(rng, catalog.INDUSTRIES, n), None)
    size = np.where(
        is_company, _pick(rng, catalog.COMPANY_SIZES, n, (0.45, 0.35, 0.15, 0.05)), None
    )
    tags_a = _pick(rng, catalog.CULTURE_TAGS, n)
    tags_b = _pick(rng, catalog.CULTURE_TAGS, n)
    culture = np.where(tags_a == tags_b, tags_a, tags_a + ";" + tags_b)
    culture = np.where(is_company, culture, None)
    openness = np.where(
        is_company,
        _pick(rng, ("low", "medium", "high"), n, (0.3, 0.45, 0.25)),
        _pick(rng, ("low", "medium", "high"), n, (0.5, 0.4, 0.1)),
    )
    owner = _pick(rng, catalog.OWNERS, n)
    currency = np.where(country == "CH", "CHF", "EUR").astype(object)

    # --- behaviour groups ---------------------------------------------------------------------
    late_payer = is_buyer & (rng.random(n) < SHARE_LATE_PAYER)
    discount_only = is_buyer & (rng.random(n) < SHARE_DISCOUNT_ONLY)
    complainer = is_buyer & (rng.random(n) < SHARE_COMPLAINER)
    premium_propensity = rng.beta(1.0, 5.0, size=n)
    cheap = np.array([c[2] < 100 for c in catalog.CATEGORIES])
    favourite = np.where(
        is_company,
        rng.integers(0, len(catalog.CATEGORIES), size=n),
        np.flatnonzero(cheap)[rng.integers(0, cheap.sum(), size=n)],
    )

    # --- acquisition: first purchase, density growing over the window --------------------------
    u = rng.random(n)
    first_day = days * (np.sqrt(1.0 + 3.0 * u) - 1.0)
    first_day = np.minimum(first_day, days - 1e-6)
    lead_day = np.maximum(0.0, first_day - rng.uniform(1, 30, size=n))
    prospect_day = rng.uniform(0, days, size=n)
    created_day = np.where(
        is_buyer, np.maximum(0.0, lead_day - rng.uniform(0, 10, size=n)), prospect_day
    )

    # --- BG/NBD purchase process ---------------------------------------------------------------
    r = _segment_array(TRUE_PARAMETERS, is_company, "r")
    alpha = _segment_array(TRUE_PARAMETERS, is_company, "alpha")
    lam = rng.gamma(r, 1.0 / alpha)
    p_drop = rng.beta(
        _segment_array(TRUE_PARAMETERS, is_company, "a"),
        _segment_array(TRUE_PARAMETERS, is_company, "b"),
    )
    observed_weeks = np.where(is_buyer, weeks_total - first_day / 7.0, 0.0)
    events = rng.poisson(lam * observed_weeks)
    repeats_until_drop = rng.geometric(np.clip(p_drop, 1e-9, 1.0))
    repeats = np.where(is_buyer, np.minimum(events, repeats_until_drop), 0)
    alive = is_buyer & (repeats_until_drop > events)
    owner_of_event = np.repeat(idx, events)
    event_weeks = rng.random(owner_of_event.size) * observed_weeks[owner_of_event]
    order = np.lexsort((event_weeks, owner_of_event))
    owner_of_event = owner_of_event[order]
    event_weeks = event_weeks[order]
    starts = np.concatenate([[0], np.cumsum(events)[:-1]])
    rank = np.arange(owner_of_event.size) - starts[owner_of_event]
    keep = rank < repeats[owner_of_event]
    repeat_owner = owner_of_event[keep]
    repeat_day = first_day[repeat_owner] + 7.0 * event_weeks[keep]
    buyers = np.flatnonzero(is_buyer)
    purchase_owner = np.concatenate([buyers, repeat_owner])
    purchase_day = np.concatenate([first_day[buyers], repeat_day])
    order_sort = np.lexsort((purchase_day, purchase_owner))
    purchase_owner = purchase_owner[order_sort]
    purchase_day = purchase_day[order_sort]
    last_purchase_day = np.full(n, -np.inf)
    np.maximum.at(last_purchase_day, purchase_owner, purchase_day)
    last_purchase_day = np.where(is_buyer, last_purchase_day, np.nan)
    # a customer who dropped out did so right after the last observed purchase
    drop_day = np.where(is_buyer & ~alive, last_purchase_day, np.nan)

    # --- Gamma-Gamma order values --------------------------------------------------------------
    nu = rng.gamma(
        _segment_array(TRUE_PARAMETERS, is_company, "q"),
        1.0 / _segment_array(TRUE_PARAMETERS, is_company, "gamma"),
    )
    p_spend = _segment_array(TRUE_PARAMETERS, is_company, "p")
    value_eur = rng.gamma(p_spend[purchase_owner], 1.0 / nu[purchase_owner])
    value_eur = np.maximum(np.round(value_eur, 2), 1.0)

    # extra orders that are not purchases: cancelled or returned (about 5 %)
    n_purchases = purchase_owner.size
    extra = rng.random(n_purchases) < 0.05
    extra_owner = purchase_owner[extra]
    extra_day = np.minimum(purchase_day[extra] + rng.uniform(0, 20, size=extra.sum()), days - 1e-6)
    extra_value = value_eur[extra]
    order_owner = np.concatenate([purchase_owner, extra_owner])
    order_day = np.concatenate([purchase_day, extra_day])
    order_value = np.concatenate([value_eur, extra_value])
    status = np.concatenate(
        [
            np.full(n_purchases, "completed", dtype=object),
            _pick(rng, ("cancelled", "returned"), int(extra.sum())),
        ]
    )
    order_sort = np.lexsort((order_day, order_owner))
    order_owner, order_day, order_value, status = (
        order_owner[order_sort],
        order_day[order_sort],
        order_value[order_sort],
        status[order_sort],
    )
    n_orders = order_owner.size
    order_number = np.arange(n_orders)

    comp = is_company[order_owner]
    online = rng.random(n_orders) < np.where(comp, 0.4, 0.7)
    touch_online = _pick(rng, ("shop", "email", "social"), n_orders, (0.8, 0.12, 0.08))
    touch_offline = np.where(
        comp,
        _pick(rng, ("field_sales", "phone", "store"), n_orders, (0.5, 0.35, 0.15)),
        _pick(rng, ("store", "phone"), n_orders, (0.8, 0.2)),
    )
    touchpoint = np.where(online, touch_online, touch_offline)
    has_code = np.where(discount_only[order_owner], True, rng.random(n_orders) < 0.08)
    discount_rate = np.where(has_code, np.where(discount_only[order_owner], 0.15, 0.10), 0.0)
    code = np.where(
        has_code,
        _pick(rng, ("WELCOME10", "SPRING10", "LOYAL15", "B2B-DEAL", "NEWSLETTER"), n_orders),
        None,
    )
    due_day = order_day + np.where(comp, 30, 14)
    late = np.where(
        late_payer[order_owner], rng.random(n_orders) < 0.7, rng.random(n_orders) < 0.04
    )
    paid_day = np.where(
        late,
        due_day + rng.uniform(10, 60, size=n_orders),
        due_day - rng.uniform(0, 12, size=n_orders),
    )
    paid_day = np.maximum(paid_day, order_day)
    paid_day = np.where(paid_day < days, paid_day, np.nan)
    paid_day = np.where(status == "cancelled", np.nan, paid_day)
    order_currency = currency[order_owner]
    rate = np.where(order_currency == "CHF", CHF_RATE, 1.0)

    # --- order lines ------------------------------------------------------------------------------
    n_lines = 1 + np.minimum(rng.poisson(0.9, size=n_orders), 4)
    line_order = np.repeat(order_number, n_lines)
    line_start = np.concatenate([[0], np.cumsum(n_lines)[:-1]])
    line_pos = np.arange(line_order.size) - line_start[line_order]
    n_cat = len(catalog.CATEGORIES)
    random_cat = rng.integers(0, n_cat, size=line_order.size)
    fav = favourite[order_owner][line_order]
    first_cat = np.where(rng.random(line_order.size) < 0.6, fav, random_cat)
    first_cat_of_order = first_cat[line_start][line_order]
    partner = np.array(
        [
            [c[0] for c in catalog.CATEGORIES].index(catalog.AFFINITY[c[0]])
            for c in catalog.CATEGORIES
        ]
    )
    second_cat = np.where(
        rng.random(line_order.size) < 0.55, partner[first_cat_of_order], random_cat
    )
    category = np.where(line_pos == 0, first_cat, np.where(line_pos == 1, second_cat, random_cat))
    premium_wanted = rng.random(line_order.size) < premium_propensity[order_owner][line_order]
    # choose a product of the category and tier: random rank within the matching products
    product_choice = np.empty(line_order.size, dtype=np.int64)
    for cat in range(n_cat):
        for tier in (0, 1):
            candidates = np.flatnonzero((products.category == cat) & (products.tier == tier))
            if candidates.size == 0:
                candidates = np.flatnonzero(products.category == cat)
            mask = (category == cat) & (premium_wanted == bool(tier))
            product_choice[mask] = candidates[rng.integers(0, candidates.size, size=mask.sum())]
    weights = rng.gamma(2.0, size=line_order.size)
    weight_sum = np.bincount(line_order, weights=weights, minlength=n_orders)
    line_value_eur = order_value[line_order] * weights / weight_sum[line_order]
    list_price = products.list_price[product_choice]
    # an order line too small for the chosen product becomes office supplies
    office = [c[0] for c in catalog.CATEGORIES].index("office")
    office_products = np.flatnonzero(products.category == office)
    too_small = line_value_eur < 0.4 * list_price
    product_choice[too_small] = office_products[
        rng.integers(0, office_products.size, size=too_small.sum())
    ]
    list_price = products.list_price[product_choice]
    quantity = np.maximum(1, np.round(line_value_eur / list_price)).astype(np.int64)
    line_rate = rate[line_order]
    line_discount_rate = discount_rate[line_order]
    # net line value in order currency = the simulated value: gross price compensates the discount
    gross_local = line_value_eur / line_rate / (1.0 - line_discount_rate)
    unit_price = np.round(gross_local / quantity, 2)
    discount_amount = np.round(quantity * unit_price * line_discount_rate, 2)

    # --- contacts ---------------------------------------------------------------------------------
    n_contacts = np.where(is_company, 1 + np.minimum(rng.poisson(1.4, size=n), 4), 1)
    contact_owner = np.repeat(idx, n_contacts)
    c_start = np.concatenate([[0], np.cumsum(n_contacts)[:-1]])
    contact_pos = np.arange(contact_owner.size) - c_start[contact_owner]
    n_c = contact_owner.size
    c_first = np.where(
        is_company[contact_owner], _pick(rng, catalog.FIRST_NAMES, n_c), first_name[contact_owner]
    )
    c_last = np.where(
        is_company[contact_owner], _pick(rng, catalog.LAST_NAMES, n_c), last_name[contact_owner]
    )
    role = np.where(
        is_company[contact_owner],
        np.where(
            contact_pos == 0,
            _pick(rng, ("owner", "managing_director"), n_c),
            _pick(rng, catalog.ROLES_B2B[2:], n_c),
        ),
        "private",
    )
    decision = (contact_pos == 0) | (rng.random(n_c) < 0.15)
    domain = np.where(
        is_company[contact_owner],
        np.char.add(
            np.char.lower(np.char.replace(last_name[contact_owner].astype(str), "ü", "ue")),
            "-firma.de",
        ),
        _pick(rng, ("example.org", "mail.example", "post.example"), n_c),
    )
    email = np.char.add(
        np.char.add(
            np.char.add(np.char.lower(c_first.astype(str)), "."),
            np.char.lower(
                np.char.replace(
                    np.char.replace(np.char.replace(c_last.astype(str), "ü", "ue"), "ö", "oe"),
                    "ä",
                    "ae",
                )
            ),
        ),
        np.char.add("@", domain.astype(str)),
    ).astype(object)
    if identities is not None:
        email = identities.emails(email)
    messy = rng.random(n_c)
    email = np.where(messy < 0.04, np.char.upper(email.astype(str)), email)
    email = np.where(
        (messy >= 0.04) & (messy < 0.08),
        np.char.add(np.char.add(" ", email.astype(str)), " "),
        email,
    )
    email = np.where(rng.random(n_c) < 0.05, None, email)
    calling = np.where(
        country[contact_owner] == "CH", "41", np.where(country[contact_owner] == "AT", "43", "49")
    )
    number = rng.integers(1_000_000, 99_999_999, size=n_c)
    area = rng.integers(30, 999, size=n_c)
    if identities is not None:
        number = identities.phone_numbers(area, number, 99_999_999)
    number = number.astype(str)
    area = area.astype(str)
    style = rng.integers(0, 4, size=n_c)
    phone = np.select(
        [style == 0, style == 1, style == 2],
        [
            np.char.add(np.char.add(np.char.add("0", area), " / "), number),
            np.char.add(
                np.char.add(np.char.add(np.char.add("+", calling), " "), area),
                np.char.add(" ", number),
            ),
            np.char.add(np.char.add(np.char.add("00", calling), area), number),
        ],
        np.char.add(np.char.add("0", area), number),
    ).astype(object)
    phone = np.where(rng.random(n_c) < 0.08, None, phone)
    permission = rng.random(n_c) < SHARE_EMAIL_PERMISSION
    contact_created = np.minimum(
        created_day[contact_owner] + np.where(contact_pos == 0, 0.0, rng.uniform(0, 400, size=n_c)),
        days - 1,
    )
    permission_day = np.where(
        permission, np.minimum(contact_created + rng.uniform(0, 200, size=n_c), days - 1), np.nan
    )
    gift = _pick(rng, catalog.GIFTS, n_c, (0.25, 0.3, 0.3, 0.15))
    primary_contact = c_start  # index of each account's first contact

    # --- interactions -----------------------------------------------------------------------------
    active_end = np.where(alive, days, np.where(is_buyer, drop_day, created_day + 30))
    active_years = np.maximum(0.0, (active_end - created_day)) / 365.25
    quiet_years = np.maximum(0.0, days - active_end) / 365.25
    rate_active = np.where(is_company, 5.0, 1.0)
    n_int = rng.poisson(rate_active * active_years + 0.5 * quiet_years) + np.where(is_buyer, 0, 1)
    int_owner = np.repeat(idx, n_int)
    n_i = int_owner.size
    in_active = (
        rng.random(n_i)
        < (
            rate_active
            * active_years
            / np.maximum(rate_active * active_years + 0.5 * quiet_years, 1e-9)
        )[int_owner]
    )
    int_day = np.where(
        in_active,
        created_day[int_owner] + rng.random(n_i) * (active_end - created_day)[int_owner],
        active_end[int_owner] + rng.random(n_i) * (days - active_end)[int_owner],
    )
    int_day = np.clip(int_day, 0, days - 1e-6)
    int_contact = primary_contact[int_owner] + (
        rng.integers(0, 10, size=n_i) % n_contacts[int_owner]
    )

    # --- leads ------------------------------------------------------------------------------------
    prospect_leads = np.where(is_buyer, 0, 1 + (rng.random(n) < 0.4))
    lead_owner = np.concatenate([buyers, np.repeat(idx, prospect_leads)])
    n_l = lead_owner.size
    is_conv = np.arange(n_l) < buyers.size
    lead_created = np.where(
        is_conv,
        lead_day[lead_owner],
        np.minimum(created_day[lead_owner] + rng.uniform(0, 60, size=n_l), days - 1e-6),
    )
    lost = ~is_conv & ((days - lead_created) > 90) & (rng.random(n_l) < 0.8)
    lead_status = np.where(is_conv, "converted", np.where(lost, "lost", "open"))
    lead_closed = np.where(
        is_conv,
        first_day[lead_owner],
        np.where(
            lost, np.minimum(lead_created + rng.uniform(10, 90, size=n_l), days - 1e-6), np.nan
        ),
    )
    lost_reason = np.where(lost, _pick(rng, catalog.LOST_REASONS, n_l), None)
    lead_channel = np.where(
        is_conv | (rng.random(n_l) < 0.7), channel[lead_owner], _pick(rng, catalog.CHANNELS, n_l)
    )

    # --- tickets ----------------------------------------------------------------------------------
    purchase_orders = np.flatnonzero(status == "completed")
    t_owner_order = purchase_orders
    complaint_p = np.where(complainer[order_owner[t_owner_order]], 0.45, 0.03)
    has_complaint = rng.random(t_owner_order.size) < complaint_p
    has_support = rng.random(t_owner_order.size) < 0.05
    ticket_order = np.concatenate([t_owner_order[has_complaint], t_owner_order[has_support]])
    ticket_type = np.concatenate(
        [
            np.full(has_complaint.sum(), "complaint", dtype=object),
            np.full(has_support.sum(), "support", dtype=object),
        ]
    )
    n_t = ticket_order.size
    opened = order_day[ticket_order] + rng.uniform(1, 20, size=n_t)
    keep_t = opened < days
    ticket_order, ticket_type, opened = ticket_order[keep_t], ticket_type[keep_t], opened[keep_t]
    n_t = ticket_order.size
    closed = opened + rng.uniform(1, 30, size=n_t)
    # a backlog: some complaints drag on for months (a child generator, so that adding it left
    # every other draw unchanged); tickets still open at the end have no closed_at
    backlog = rng.spawn(1)[0]
    drags_on = (ticket_type == "complaint") & (backlog.random(n_t) < SHARE_COMPLAINT_BACKLOG)
    closed = np.where(drags_on, opened + backlog.uniform(30, 240, size=n_t), closed)
    closed = np.where(closed < days, closed, np.nan)
    ticket_category = np.where(
        ticket_type == "complaint",
        _pick(rng, ("delivery", "quality", "billing", "service"), n_t),
        _pick(rng, ("service", "billing", "other"), n_t),
    )
    severity = _pick(rng, ("low", "medium", "high"), n_t, (0.5, 0.35, 0.15))

    # --- cancellations ------------------------------------------------------------------------------
    cancels = is_buyer & ~alive & (rng.random(n) < 0.35)
    cancel_day = drop_day + rng.uniform(0, 60, size=n)
    cancels &= cancel_day < days
    cancel_owner = np.flatnonzero(cancels)
    reason_code = np.where(
        complainer[cancel_owner],
        "quality",
        _pick(
            rng,
            catalog.CANCEL_REASONS,
            cancel_owner.size,
            (0.3, 0.12, 0.12, 0.18, 0.15, 0.08, 0.05),
        ),
    )
    reason_text = np.array(
        [
            catalog.CANCEL_TEXTS[c][k % 3]
            for c, k in zip(reason_code, rng.integers(0, 3, size=cancel_owner.size), strict=True)
        ],
        dtype=object,
    )

    # --- NPS waves: every half year, to customers who bought in the year before ---------------------
    wave_days = np.arange(165.0, days, 182.5)
    inv_owner_list, inv_day_list, inv_wave = [], [], []
    for number_w, wave in enumerate(wave_days):
        bought_before = np.zeros(n, dtype=bool)
        window = (purchase_day <= wave) & (purchase_day > wave - 365)
        bought_before[purchase_owner[window]] = True
        invited = np.flatnonzero(bought_before)
        inv_owner_list.append(invited)
        inv_day_list.append(wave + rng.uniform(0, 3, size=invited.size))
        inv_wave.append(np.full(invited.size, number_w))
    inv_owner = np.concatenate(inv_owner_list) if inv_owner_list else np.array([], dtype=np.int64)
    inv_day = np.concatenate(inv_day_list) if inv_day_list else np.array([])
    inv_wave = np.concatenate(inv_wave) if inv_wave else np.array([], dtype=np.int64)
    responded = rng.random(inv_owner.size) < RESPONSE_RATE
    resp_owner = inv_owner[responded]
    resp_day = np.minimum(
        inv_day[responded] + rng.exponential(4.0, size=resp_owner.size), days - 1e-6
    )
    purchases_per_year = np.bincount(purchase_owner, minlength=n) / np.maximum(
        (days - np.nan_to_num(first_day)) / 365.25, 0.5
    )
    dropped_by_then = (~alive[resp_owner]) & (
        np.nan_to_num(drop_day[resp_owner], nan=np.inf) < resp_day
    )
    satisfaction = (
        7.6
        + 0.5 * np.log1p(purchases_per_year[resp_owner])
        - 3.5 * complainer[resp_owner]
        - 1.8 * dropped_by_then
        - 1.2 * late_payer[resp_owner]
        + rng.normal(0, 1.7, size=resp_owner.size)
    )
    score = np.clip(np.round(satisfaction), 0, 10).astype(np.int64)
    nps_class = np.where(score <= 6, "detractor", np.where(score <= 8, "passive", "promoter"))
    comment = np.array(
        [
            catalog.NPS_COMMENTS[c][k % len(catalog.NPS_COMMENTS[c])]
            for c, k in zip(nps_class, rng.integers(0, 5, size=score.size), strict=True)
        ],
        dtype=object,
    )

    return {
        "accounts": dict(
            account_id=account_id,
            account_name=account_name,
            account_type=np.where(is_company, "company", "private"),
            industry=industry,
            company_size=size,
            country_code=np.where(
                rng.random(n) < 0.05, np.char.lower(country.astype(str)), country
            ),
            region=region,
            postal_code=postal,
            city=city,
            culture_tags=culture,
            innovation_openness=openness,
            acquisition_channel=channel,
            owner=owner,
            created_day=created_day,
            updated_day=np.minimum(created_day + rng.uniform(0, 400, size=n), days - 1e-6),
        ),
        "contacts": dict(
            contact_owner=contact_owner,
            first_name=c_first,
            last_name=c_last,
            role=role,
            is_decision_maker=decision,
            email=email,
            phone=phone,
            gift_preference=gift,
            email_permission=permission,
            permission_day=permission_day,
            created_day=contact_created,
        ),
        "interactions": dict(
            owner=int_owner,
            contact=int_contact,
            interaction_type=_pick(
                rng, catalog.INTERACTION_TYPES, n_i, (0.35, 0.3, 0.12, 0.08, 0.1, 0.05)
            ),
            direction=_pick(rng, ("inbound", "outbound"), n_i, (0.35, 0.65)),
            day=int_day,
            outcome=_pick(
                rng, ("positive", "neutral", "negative", "no_response"), n_i, (0.35, 0.4, 0.1, 0.15)
            ),
            handled_by=owner[int_owner],
        ),
        "leads": dict(
            owner=lead_owner,
            source_channel=lead_channel,
            created_day=lead_created,
            status=lead_status,
            closed_day=lead_closed,
            lost_reason=lost_reason,
        ),
        "tickets": dict(
            order=ticket_order,
            owner=order_owner[ticket_order],
            ticket_type=ticket_type,
            category=ticket_category,
            severity=severity,
            opened_day=opened,
            closed_day=closed,
        ),
        "cancellations": dict(
            owner=cancel_owner,
            day=cancel_day[cancel_owner],
            reason_code=reason_code,
            reason_text=reason_text,
        ),
        "orders": dict(
            owner=order_owner,
            day=order_day,
            channel=np.where(online, "online", "offline"),
            touchpoint=touchpoint,
            status=status,
            currency=order_currency,
            discount_code=code,
            due_day=due_day,
            paid_day=paid_day,
        ),
        "lines": dict(
            order=line_order,
            product=product_choice,
            quantity=quantity,
            unit_price=unit_price,
            discount_amount=discount_amount,
        ),
        "invitations": dict(owner=inv_owner, day=inv_day, wave=inv_wave),
        "responses": dict(
            invitation=np.flatnonzero(responded), day=resp_day, score=score, comment=comment
        ),
        "truth": dict(
            account_id=account_id,
            account_type=np.where(is_company, "company", "private"),
            is_buyer=is_buyer,
            is_alive=alive,
            purchase_rate_per_week=np.where(is_buyer, lam, np.nan),
            dropout_probability=np.where(is_buyer, p_drop, np.nan),
            spend_nu=np.where(is_buyer, nu, np.nan),
            first_purchase_day=np.where(is_buyer, first_day, np.nan),
            is_late_payer=late_payer,
            is_discount_only_buyer=discount_only,
            is_frequent_complainer=complainer,
            acquisition_channel=channel,
        ),
        "new_customers_by_channel_month": dict(channel=channel[buyers], day=first_day[buyers]),
    }
