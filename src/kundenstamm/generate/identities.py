"""Keeps the generated people distinct: every account and contact of the generator is another
person, so no two of them may share what identity resolution matches on (an e-mail address, a
phone number, a name with postal code and country). Random names, numbers and postal codes do
collide now and then; the first holder keeps the value and a later one gets the next free one
(a number in the e-mail's local part, the next phone number, the next postal code of the same
place). No random numbers are drawn, so everything else the seed makes stays the same, and the
state is carried from chunk to chunk, so the values are distinct over the whole dataset."""

from __future__ import annotations

import hashlib

import numpy as np


def _stable_hash(values) -> np.ndarray:
    """64-bit hashes of texts that are the same in every process (Python's hash() is salted)."""
    return np.array(
        [
            int.from_bytes(hashlib.blake2b(str(v).encode(), digest_size=8).digest(), "little")
            for v in values
        ],
        dtype=np.uint64,
    )


def _taken(keys: np.ndarray, seen: np.ndarray) -> np.ndarray:
    """True where a key is already held: by an earlier chunk, or earlier in this one."""
    first = np.zeros(len(keys), dtype=bool)
    first[np.unique(keys, return_index=True)[1]] = True
    return ~first | np.isin(keys, seen)


class DistinctIdentities:
    """The values handed out so far (one instance per generated dataset)."""

    def __init__(self) -> None:
        self._email_counts: dict[str, int] = {}
        self._phones = np.array([], dtype=np.int64)
        self._names = np.array([], dtype=np.uint64)

    def emails(self, emails: np.ndarray) -> np.ndarray:
        """The second holder of first.last@domain gets first.last2@domain, and so on."""
        out = np.empty(len(emails), dtype=object)
        for i, email in enumerate(emails):
            email = str(email)
            count = self._email_counts.get(email, 0) + 1
            self._email_counts[email] = count
            if count == 1:
                out[i] = email
            else:
                local, domain = email.split("@", 1)
                out[i] = f"{local}{count}@{domain}"
        return out

    def phone_numbers(self, area: np.ndarray, number: np.ndarray, high: int) -> np.ndarray:
        """Subscriber numbers (below `high`) such that no two contacts share area and number."""
        area = area.astype(np.int64)
        number = number.astype(np.int64)
        while True:
            keys = area * high + number
            taken = _taken(keys, self._phones)
            if not taken.any():
                break
            number = np.where(taken, (number + 1) % high, number)
        self._phones = np.union1d(self._phones, keys)
        return number

    def postal_suffixes(
        self, names: np.ndarray, country: np.ndarray, prefix: np.ndarray, suffix, digits
    ) -> np.ndarray:
        """Postal codes (prefix + suffix of `digits` digits) such that no two accounts share name,
        postal code and country."""
        suffix = np.asarray(suffix, dtype=np.int64) % (10 ** np.asarray(digits))

        def codes() -> np.ndarray:
            return np.array(
                [f"{p}{s:0{d}d}" for p, s, d in zip(prefix, suffix, digits, strict=True)],
                dtype=object,
            )

        lowered = np.array([str(n).lower() for n in names], dtype=object)
        while True:
            postal = codes()
            keys = _stable_hash(
                f"{n}|{p}|{c}" for n, p, c in zip(lowered, postal, country, strict=True)
            )
            taken = _taken(keys, self._names)
            if not taken.any():
                break
            suffix = np.where(taken, (suffix + 1) % (10 ** np.asarray(digits)), suffix)
        self._names = np.union1d(self._names, keys)
        return postal
