"""Raw tables `survey_nps_invitations` and `survey_nps_responses`: NPS waves every half year to
the customers who bought in the year before, answers that follow behaviour."""

from __future__ import annotations

from datetime import date

import numpy as np
import pyarrow as pa

from kundenstamm.generate import catalog
from kundenstamm.generate.columns import ids, strings, text, timestamps

RESPONSE_RATE = 0.35
FIRST_WAVE_DAY = 165.0
DAYS_BETWEEN_WAVES = 182.5


def wave_days(days: int) -> np.ndarray:
    """The days (since the start) of the survey waves."""
    return np.arange(FIRST_WAVE_DAY, days, DAYS_BETWEEN_WAVES)


def wave_names(start_date: date, days: int) -> list[str]:
    """Each wave's name: its year and half, e.g. `2024-H2`."""
    names = []
    for wave_day in wave_days(days):
        wave_date = date.fromordinal(start_date.toordinal() + int(wave_day))
        names.append(f"{wave_date.year}-H{1 + (wave_date.month > 6)}")
    return names


def simulate_invitations(
    rng: np.random.Generator, purchases: dict, n: int, days: int
) -> dict[str, np.ndarray]:
    """Per wave, every account with a purchase in the 365 days before it, invited within 3 days."""
    owners, invited_days, waves = [], [], []
    for number, wave in enumerate(wave_days(days)):
        bought_before = np.zeros(n, dtype=bool)
        window = (purchases["day"] <= wave) & (purchases["day"] > wave - 365)
        bought_before[purchases["owner"][window]] = True
        invited = np.flatnonzero(bought_before)
        owners.append(invited)
        invited_days.append(wave + rng.uniform(0, 3, size=invited.size))
        waves.append(np.full(invited.size, number))
    return {
        "owner": np.concatenate(owners) if owners else np.array([], dtype=np.int64),
        "day": np.concatenate(invited_days) if invited_days else np.array([]),
        "wave": np.concatenate(waves) if waves else np.array([], dtype=np.int64),
    }


def simulate_responses(
    rng: np.random.Generator, accounts: dict, purchases: dict, invitations: dict, days: int
) -> dict[str, np.ndarray]:
    """A third of the invited answer within days; the score rises with purchases per year and
    falls for complainers, late payers and those who dropped out by then."""
    responded = rng.random(invitations["owner"].size) < RESPONSE_RATE
    owner = invitations["owner"][responded]
    day = np.minimum(
        invitations["day"][responded] + rng.exponential(4.0, size=owner.size), days - 1e-6
    )
    first_day = accounts["first_day"]
    purchases_per_year = np.bincount(purchases["owner"], minlength=first_day.size) / np.maximum(
        (days - np.nan_to_num(first_day)) / 365.25, 0.5
    )
    dropped_by_then = (~purchases["alive"][owner]) & (
        np.nan_to_num(purchases["drop_day"][owner], nan=np.inf) < day
    )
    satisfaction = (
        7.6
        + 0.5 * np.log1p(purchases_per_year[owner])
        - 3.5 * accounts["complainer"][owner]
        - 1.8 * dropped_by_then
        - 1.2 * accounts["late_payer"][owner]
        + rng.normal(0, 1.7, size=owner.size)
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
    return {"invitation": np.flatnonzero(responded), "day": day, "score": score, "comment": comment}


def invitations_table(invitations: dict, keys, names: list[str], start: np.datetime64) -> pa.Table:
    owner = invitations["owner"]
    return pa.table(
        {
            "invitation_id": keys.invitation_ids,
            **keys.account_and_contact(owner),
            "invited_at": timestamps(start, invitations["day"]),
            "survey_wave": pa.array([names[w] for w in invitations["wave"]], pa.string()),
        }
    )


def responses_table(responses: dict, keys, first_number: int, start: np.datetime64) -> pa.Table:
    comment = responses["comment"]
    return pa.table(
        {
            "response_id": ids("R", first_number, responses["invitation"].size, 9),
            "invitation_id": strings(keys.invitation_id_values[responses["invitation"]]),
            "responded_at": timestamps(start, responses["day"]),
            "score": pa.array(responses["score"], pa.int64()),
            "comment": text(np.where(comment == "", None, comment)),
        }
    )
