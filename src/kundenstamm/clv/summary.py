"""From transactions to the per-customer summary the models need: x, t_x, T and mean spend."""

from __future__ import annotations

import pandas as pd

DAYS_PER_UNIT = {"D": 1.0, "W": 7.0, "M": 365.25 / 12}


def rfm_summary(
    transactions: pd.DataFrame,
    customer_col: str,
    date_col: str,
    value_col: str,
    calibration_end,
    time_unit: str = "W",
) -> pd.DataFrame:
    """Per customer with a purchase on or before `calibration_end`: frequency x (repeat purchase
    days), recency t_x (first to last purchase), T (first purchase to calibration end), in the
    time unit, and monetary_value = mean value of the repeat purchase days (0 when x = 0).
    Purchases on the same day are merged into one."""
    days = DAYS_PER_UNIT[time_unit]
    end = pd.Timestamp(calibration_end)
    data = transactions[[customer_col, date_col, value_col]].copy()
    data[date_col] = pd.to_datetime(data[date_col]).dt.normalize()
    data = data[data[date_col] <= end]
    daily = data.groupby([customer_col, date_col], as_index=False)[value_col].sum()
    daily = daily.sort_values([customer_col, date_col])
    first = daily.groupby(customer_col)[date_col].transform("min")
    daily["is_first"] = daily[date_col] == first
    grouped = daily.groupby(customer_col)
    summary = pd.DataFrame(
        {
            "frequency": grouped.size() - 1,
            "first_purchase": grouped[date_col].min(),
            "last_purchase": grouped[date_col].max(),
        }
    )
    repeat_value = daily[~daily["is_first"]].groupby(customer_col)[value_col].mean()
    summary["recency"] = (summary["last_purchase"] - summary["first_purchase"]).dt.days / days
    summary["T"] = (end - summary["first_purchase"]).dt.days / days
    summary["monetary_value"] = repeat_value.reindex(summary.index).fillna(0.0)
    return (
        summary[["frequency", "recency", "T", "monetary_value"]]
        .rename_axis(customer_col)
        .reset_index()
    )


def holdout_purchases(
    transactions: pd.DataFrame, customer_col: str, date_col: str, calibration_end, holdout_end
) -> pd.Series:
    """Purchase days per customer in (calibration_end, holdout_end] (same-day purchases merged)."""
    dates = pd.to_datetime(transactions[date_col]).dt.normalize()
    mask = (dates > pd.Timestamp(calibration_end)) & (dates <= pd.Timestamp(holdout_end))
    frame = pd.DataFrame(
        {customer_col: transactions[customer_col][mask], "day": dates[mask]}
    ).drop_duplicates()
    return frame.groupby(customer_col).size()
