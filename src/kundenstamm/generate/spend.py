"""Raw table `marketing_spend`: spend per channel and month, following the new customers."""

from __future__ import annotations

from datetime import date

import numpy as np
import pyarrow as pa

from kundenstamm.generate import catalog
from kundenstamm.generate.columns import money


def _months(start: date, end: date) -> list[date]:
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def spend_table(rng: np.random.Generator, new_customers: dict, start: date, end: date) -> pa.Table:
    """Marketing spend per channel and month: new customers of the month x the channel's cost
    per acquisition, with noise, and a base spend even in months without acquisitions."""
    months = _months(start, end)
    start64 = np.datetime64(start, "D")
    acquired_month = (start64 + np.floor(new_customers["day"]).astype("timedelta64[D]")).astype(
        "datetime64[M]"
    )
    rows = {"channel": [], "spend_month": [], "currency_code": [], "spend_amount": []}
    for channel_index, channel in enumerate(catalog.CHANNELS):
        for month_start in months:
            count = int(
                np.sum(
                    (new_customers["channel"] == channel)
                    & (acquired_month == np.datetime64(month_start, "M"))
                )
            )
            cpa = catalog.CHANNEL_CPA_EUR[channel_index]
            amount = count * cpa * float(rng.uniform(0.8, 1.2)) + cpa * float(rng.uniform(0.5, 2.0))
            rows["channel"].append(channel)
            rows["spend_month"].append(month_start)
            rows["currency_code"].append("EUR")
            rows["spend_amount"].append(round(amount, 2))
    return pa.table(
        {
            "channel": pa.array(rows["channel"], pa.string()),
            "spend_month": pa.array(rows["spend_month"], pa.date32()),
            "currency_code": pa.array(rows["currency_code"], pa.string()),
            "spend_amount": money(np.array(rows["spend_amount"])),
        }
    )
