"""Raw table `crm_contacts`: the people at the accounts (one for a private account, one to five
at a company), with messy e-mail addresses and phone numbers as CRMs hold them."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from kundenstamm.generate import catalog
from kundenstamm.generate.columns import dates, first_of_each, pick, strings, text, timestamps
from kundenstamm.generate.identities import DistinctIdentities

SHARE_EMAIL_PERMISSION = 0.6


def simulate_contacts(
    rng: np.random.Generator, accounts: dict, days: int, identities: DistinctIdentities | None
) -> dict[str, np.ndarray]:
    """The contacts of every account, the account's first contact first."""
    is_company = accounts["is_company"]
    n_contacts = np.where(is_company, 1 + np.minimum(rng.poisson(1.4, size=is_company.size), 4), 1)
    owner = np.repeat(np.arange(is_company.size), n_contacts)
    position = np.arange(owner.size) - first_of_each(n_contacts)[owner]
    contacts = {"contact_owner": owner, "per_account": n_contacts}
    contacts |= _people(rng, accounts, owner, position)
    contacts["email"] = _emails(rng, accounts, contacts, identities)
    contacts["phone"] = _phones(rng, accounts["country"][owner], identities)
    contacts |= _permissions(rng, accounts, owner, position, days)
    contacts["gift_preference"] = pick(rng, catalog.GIFTS, owner.size, (0.25, 0.3, 0.3, 0.15))
    return contacts


def _people(
    rng: np.random.Generator, accounts: dict, owner: np.ndarray, position: np.ndarray
) -> dict[str, np.ndarray]:
    """Names, role and decision power: a private account's contact is the account holder."""
    n_c = owner.size
    at_company = accounts["is_company"][owner]
    first_name = np.where(
        at_company, pick(rng, catalog.FIRST_NAMES, n_c), accounts["first_name"][owner]
    )
    last_name = np.where(
        at_company, pick(rng, catalog.LAST_NAMES, n_c), accounts["last_name"][owner]
    )
    role = np.where(
        at_company,
        np.where(
            position == 0,
            pick(rng, ("owner", "managing_director"), n_c),
            pick(rng, catalog.ROLES_B2B[2:], n_c),
        ),
        "private",
    )
    return {
        "first_name": first_name,
        "last_name": last_name,
        "role": role,
        "is_decision_maker": (position == 0) | (rng.random(n_c) < 0.15),
    }


def _ascii(names: np.ndarray) -> np.ndarray:
    umlauts = np.char.replace(np.char.replace(names.astype(str), "ü", "ue"), "ö", "oe")
    return np.char.replace(umlauts, "ä", "ae")


def _emails(rng: np.random.Generator, accounts: dict, contacts: dict, identities) -> np.ndarray:
    """first.last@domain: the company's domain, or a mail provider; a few in upper case, with
    spaces around or missing."""
    owner = contacts["contact_owner"]
    n_c = owner.size
    domain = np.where(
        accounts["is_company"][owner],
        np.char.add(
            np.char.lower(np.char.replace(accounts["last_name"][owner].astype(str), "ü", "ue")),
            "-firma.de",
        ),
        pick(rng, ("example.org", "mail.example", "post.example"), n_c),
    )
    local = np.char.add(
        np.char.add(np.char.lower(contacts["first_name"].astype(str)), "."),
        np.char.lower(_ascii(contacts["last_name"])),
    )
    email = np.char.add(local, np.char.add("@", domain.astype(str))).astype(object)
    if identities is not None:
        email = identities.emails(email)
    messy = rng.random(n_c)
    email = np.where(messy < 0.04, np.char.upper(email.astype(str)), email)
    email = np.where(
        (messy >= 0.04) & (messy < 0.08),
        np.char.add(np.char.add(" ", email.astype(str)), " "),
        email,
    )
    return np.where(rng.random(n_c) < 0.05, None, email)


def _phones(rng: np.random.Generator, country: np.ndarray, identities) -> np.ndarray:
    """Phone numbers written in four styles (national, +CC, 00CC, no spaces); a few missing."""
    n_c = country.size
    calling = np.where(country == "CH", "41", np.where(country == "AT", "43", "49"))
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
    return np.where(rng.random(n_c) < 0.08, None, phone)


def _permissions(
    rng: np.random.Generator, accounts: dict, owner: np.ndarray, position: np.ndarray, days: int
) -> dict[str, np.ndarray]:
    """When each contact was created and whether (and when) it opted in to marketing e-mail."""
    n_c = owner.size
    permission = rng.random(n_c) < SHARE_EMAIL_PERMISSION
    later = np.where(position == 0, 0.0, rng.uniform(0, 400, size=n_c))
    created = np.minimum(accounts["created_day"][owner] + later, days - 1)
    permission_day = np.where(
        permission, np.minimum(created + rng.uniform(0, 200, size=n_c), days - 1), np.nan
    )
    return {
        "email_permission": permission,
        "permission_day": permission_day,
        "created_day": created,
    }


def contacts_table(contacts: dict, keys, start: np.datetime64) -> pa.Table:
    created = timestamps(start, contacts["created_day"])
    return pa.table(
        {
            "contact_id": keys.contact_ids,
            "account_id": strings(keys.account_ids[contacts["contact_owner"]]),
            "first_name": text(contacts["first_name"]),
            "last_name": text(contacts["last_name"]),
            "role": text(contacts["role"]),
            "is_decision_maker": pa.array(contacts["is_decision_maker"], pa.bool_()),
            "email": text(contacts["email"]),
            "phone": text(contacts["phone"]),
            "gift_preference": text(contacts["gift_preference"]),
            "email_permission": pa.array(contacts["email_permission"], pa.bool_()),
            "email_permission_date": dates(start, contacts["permission_day"]),
            "created_at": created,
            "updated_at": created,
        }
    )
