"""Raw table `crm_accounts`: who the accounts are, where they are, how they behave and when they
were acquired."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from kundenstamm.generate import catalog
from kundenstamm.generate.columns import pick, strings, text, timestamps
from kundenstamm.generate.identities import DistinctIdentities

SHARE_COMPANY = 0.3
SHARE_PROSPECT = 0.15
SHARE_LATE_PAYER = 0.07
SHARE_DISCOUNT_ONLY = 0.05
SHARE_COMPLAINER = 0.04


def simulate_accounts(
    rng: np.random.Generator,
    first: int,
    n: int,
    days: int,
    identities: DistinctIdentities | None,
) -> dict[str, np.ndarray]:
    """Accounts number first+1 .. first+n: kind, place, names, traits and acquisition days."""
    account_id = np.char.add("A", np.char.zfill((first + np.arange(n) + 1).astype(str), 7))
    is_company = rng.random(n) < SHARE_COMPANY
    is_buyer = rng.random(n) >= SHARE_PROSPECT
    accounts = {"account_id": account_id, "is_company": is_company, "is_buyer": is_buyer}
    accounts |= _place_and_names(rng, n, is_company, identities)
    accounts |= _profile(rng, n, is_company, accounts["country"])
    accounts |= _behaviour(rng, n, is_company, is_buyer)
    accounts |= _acquisition(rng, n, days, is_buyer)
    return accounts


def _place_and_names(
    rng: np.random.Generator, n: int, is_company: np.ndarray, identities
) -> dict[str, np.ndarray]:
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
        pick(rng, catalog.CHANNELS, n, catalog.CHANNEL_WEIGHTS_B2B),
        pick(rng, catalog.CHANNELS, n, catalog.CHANNEL_WEIGHTS_B2C),
    )
    first_name = pick(rng, catalog.FIRST_NAMES, n)
    last_name = pick(rng, catalog.LAST_NAMES, n)
    company_name = (
        pick(rng, catalog.COMPANY_STEMS, n)
        + " "
        + pick(rng, catalog.LAST_NAMES, n)
        + " "
        + pick(rng, catalog.LEGAL_FORMS, n)
    )
    account_name = np.where(is_company, company_name, first_name + " " + last_name)
    if identities is not None:
        postal = identities.postal_suffixes(account_name, country, prefix, suffix, digits)
    return {
        "region": region,
        "country": country,
        "city": city,
        "postal_code": postal,
        "channel": channel,
        "first_name": first_name,
        "last_name": last_name,
        "account_name": account_name,
    }


def _profile(
    rng: np.random.Generator, n: int, is_company: np.ndarray, country: np.ndarray
) -> dict[str, np.ndarray]:
    industry = np.where(is_company, pick(rng, catalog.INDUSTRIES, n), None)
    size = np.where(is_company, pick(rng, catalog.COMPANY_SIZES, n, (0.45, 0.35, 0.15, 0.05)), None)
    tags_a = pick(rng, catalog.CULTURE_TAGS, n)
    tags_b = pick(rng, catalog.CULTURE_TAGS, n)
    culture = np.where(tags_a == tags_b, tags_a, tags_a + ";" + tags_b)
    openness = np.where(
        is_company,
        pick(rng, ("low", "medium", "high"), n, (0.3, 0.45, 0.25)),
        pick(rng, ("low", "medium", "high"), n, (0.5, 0.4, 0.1)),
    )
    return {
        "industry": industry,
        "company_size": size,
        "culture_tags": np.where(is_company, culture, None),
        "innovation_openness": openness,
        "owner": pick(rng, catalog.OWNERS, n),
        "currency": np.where(country == "CH", "CHF", "EUR").astype(object),
    }


def _behaviour(
    rng: np.random.Generator, n: int, is_company: np.ndarray, is_buyer: np.ndarray
) -> dict[str, np.ndarray]:
    """The habits that the orders, tickets and answers of a buyer show."""
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
    return {
        "late_payer": late_payer,
        "discount_only": discount_only,
        "complainer": complainer,
        "premium_propensity": premium_propensity,
        "favourite": favourite,
    }


def _acquisition(
    rng: np.random.Generator, n: int, days: int, is_buyer: np.ndarray
) -> dict[str, np.ndarray]:
    """First purchase (density growing over the window), the lead before it, and creation."""
    u = rng.random(n)
    first_day = days * (np.sqrt(1.0 + 3.0 * u) - 1.0)
    first_day = np.minimum(first_day, days - 1e-6)
    lead_day = np.maximum(0.0, first_day - rng.uniform(1, 30, size=n))
    prospect_day = rng.uniform(0, days, size=n)
    created_day = np.where(
        is_buyer, np.maximum(0.0, lead_day - rng.uniform(0, 10, size=n)), prospect_day
    )
    return {"first_day": first_day, "lead_day": lead_day, "created_day": created_day}


def simulate_account_edits(
    rng: np.random.Generator, accounts: dict, days: int
) -> dict[str, np.ndarray]:
    """The country code as typed (a few in lower case) and the day of the last change: drawn
    after every other table of the chunk, so that each dataset keeps its bytes."""
    n = accounts["account_id"].size
    country = accounts["country"]
    return {
        "country_code": np.where(rng.random(n) < 0.05, np.char.lower(country.astype(str)), country),
        "updated_day": np.minimum(
            accounts["created_day"] + rng.uniform(0, 400, size=n), days - 1e-6
        ),
    }


def accounts_table(accounts: dict, edits: dict, start: np.datetime64) -> pa.Table:
    return pa.table(
        {
            "account_id": strings(accounts["account_id"].astype(str)),
            "account_name": text(accounts["account_name"]),
            "account_type": text(np.where(accounts["is_company"], "company", "private")),
            "industry": text(accounts["industry"]),
            "company_size": text(accounts["company_size"]),
            "country_code": text(edits["country_code"]),
            "region": text(accounts["region"]),
            "postal_code": text(accounts["postal_code"]),
            "city": text(accounts["city"]),
            "culture_tags": text(accounts["culture_tags"]),
            "innovation_openness": text(accounts["innovation_openness"]),
            "acquisition_channel": text(accounts["channel"]),
            "owner": text(accounts["owner"]),
            "created_at": timestamps(start, accounts["created_day"]),
            "updated_at": timestamps(start, edits["updated_day"]),
        }
    )
