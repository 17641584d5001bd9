"""Helpers shared by the tables of the generator: random picks and Arrow columns.

Times are simulated as days since the start date (floats) and become timestamps or dates here.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc


def pick(rng: np.random.Generator, options: tuple, size: int, p=None) -> np.ndarray:
    """`size` values drawn from `options` (with weights `p`, normalised)."""
    weights = None if p is None else np.asarray(p, dtype=float) / np.sum(p)
    return np.asarray(options, dtype=object)[rng.choice(len(options), size=size, p=weights)]


def by_segment(values: dict, is_company: np.ndarray, key: str) -> np.ndarray:
    """The company or private value of `key` per account."""
    return np.where(is_company, values["company"][key], values["private"][key])


def first_of_each(counts: np.ndarray) -> np.ndarray:
    """Index of the first of each group of rows repeated `counts` times."""
    return np.concatenate([[0], np.cumsum(counts)[:-1]])


def ids(prefix: str, start: int, count: int, width: int) -> pa.Array:
    numbers = np.arange(start + 1, start + count + 1).astype(str)
    return pa.array(np.char.add(prefix, np.char.zfill(numbers, width)), pa.string())


def timestamps(start: np.datetime64, days: np.ndarray) -> pa.Array:
    seconds = np.floor(np.nan_to_num(days, nan=0.0) * 86400.0).astype(np.int64)
    values = start + seconds.astype("timedelta64[s]")
    return pa.array(values, pa.timestamp("s"), mask=np.isnan(days))


def dates(start: np.datetime64, days: np.ndarray) -> pa.Array:
    whole = np.floor(np.nan_to_num(days, nan=0.0)).astype(np.int64)
    values = start.astype("datetime64[D]") + whole.astype("timedelta64[D]")
    return pa.array(values, pa.date32(), mask=np.isnan(days))


def money(values: np.ndarray) -> pa.Array:
    return pc.round(pa.array(np.asarray(values, dtype=float)), 2).cast(pa.decimal128(18, 2))


def text(values: np.ndarray) -> pa.Array:
    return pa.array([None if v is None else str(v) for v in values], pa.string())


def strings(values: np.ndarray) -> pa.Array:
    return pa.array(values, pa.string())
