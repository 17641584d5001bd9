"""Benchmark: how long the CLV model fit takes next to the aggregation it needs.

For each size it generates a dataset (or reuses one in --work), lets DuckDB aggregate the raw
orders into the per-customer summary the models read (x, t_x, T in weeks and the mean spend of the
repeat purchase days, per account type) and fits BG/NBD and Gamma-Gamma per account type, as the
warehouse does. It prints both times and their ratio (the fit should not dominate the build), and
the time of the Pareto/NBD fits ('auto' fits both purchase models).

    python scripts/bench_clv.py --sizes 10000 100000 1000000 --work /tmp/kundenstamm-bench

With --cdnow FILE (the public CDNOW_master.txt or CDNOW_sample.txt) it also fits every purchase
model on the 39-week CDNOW calibration period, repeated --repeat times, and prints the best time,
the optimiser's iterations and whether it converged.
"""

from __future__ import annotations

import argparse
import time
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from kundenstamm.clv.models import fit_bgnbd, fit_gamma_gamma, fit_pareto_nbd
from kundenstamm.clv.summary import rfm_summary
from kundenstamm.generate import generate_dataset

AS_OF = date(2025, 12, 31)

SUMMARY_SQL = """
with rates as (
    select * from (values ('EUR', 1.0), ('CHF', {chf_rate})) as rates(currency_code, rate)
),
orders as (
    select order_id, account_id, cast(try_cast(ordered_at as timestamp) as date) as order_date,
        upper(currency_code) as currency_code
    from read_parquet('{raw}/orders_orders*.parquet')
    where status = 'completed'
),
lines as (
    select order_id,
        sum(try_cast(quantity as bigint) * try_cast(unit_price as double)
            - coalesce(try_cast(discount_amount as double), 0)) as net_local
    from read_parquet('{raw}/orders_order_lines*.parquet')
    -- the lines staging would quarantine (negative or unparseable quantity and price) left out
    where try_cast(quantity as bigint) > 0 and try_cast(unit_price as double) >= 0
    group by order_id
),
days as (
    select orders.account_id, orders.order_date, sum(lines.net_local * rates.rate) as revenue_eur
    from orders
    inner join lines on orders.order_id = lines.order_id
    inner join rates on orders.currency_code = rates.currency_code
    where orders.order_date <= date '{as_of}'
    group by orders.account_id, orders.order_date
),
dated as (
    select *, min(order_date) over (partition by account_id) as first_date
    from days
),
customers as (
    select account_id,
        count(*) - 1 as x,
        date_diff('day', min(order_date), max(order_date)) / 7.0 as t_x,
        date_diff('day', min(order_date), date '{as_of}') / 7.0 as t_observed,
        coalesce(avg(revenue_eur) filter (where order_date > first_date), 0) as mean_spend
    from dated
    group by account_id
)
select coalesce(accounts.account_type, 'unknown') as segment, customers.*
from customers
left join (select distinct account_id, account_type
           from read_parquet('{raw}/crm_accounts*.parquet')) as accounts
    on customers.account_id = accounts.account_id
"""


def _dataset(work: Path, customers: int, seed: int) -> Path:
    folder = work / f"raw_{customers}"
    if not (folder / "metadata.json").exists():
        started = time.perf_counter()
        generate_dataset(folder, customers, seed, "parquet")
        print(f"  generated {customers:,} customers in {time.perf_counter() - started:.1f} s")
    return folder


def _aggregate(raw: Path, threads: int | None):
    connection = duckdb.connect()
    if threads:
        connection.execute(f"set threads = {threads}")
    started = time.perf_counter()
    frame = connection.execute(
        SUMMARY_SQL.format(raw=raw.as_posix(), as_of=AS_OF.isoformat(), chf_rate=1.06)
    ).df()
    return frame, time.perf_counter() - started


def _fit(frame) -> tuple[float, float, dict]:
    """Seconds for BG/NBD + Gamma-Gamma per segment, seconds for Pareto/NBD, and the fits."""
    bgnbd_seconds = pareto_seconds = 0.0
    fits = {}
    for segment, data in frame.groupby("segment"):
        x = data["x"].to_numpy(dtype=float)
        t_x = data["t_x"].to_numpy(dtype=float)
        t_observed = data["t_observed"].to_numpy(float)
        started = time.perf_counter()
        bgnbd = fit_bgnbd(x, t_x, t_observed)
        spend = fit_gamma_gamma(x, data["mean_spend"].to_numpy(dtype=float))
        bgnbd_seconds += time.perf_counter() - started
        started = time.perf_counter()
        pareto = fit_pareto_nbd(x, t_x, t_observed)
        pareto_seconds += time.perf_counter() - started
        fits[segment] = (bgnbd, spend, pareto)
    return bgnbd_seconds, pareto_seconds, fits


def _cdnow(path: Path, repeat: int) -> None:
    # CDNOW_master.txt: customer, yyyymmdd, CDs, dollars (with a header row);
    # CDNOW_sample.txt: customer, sample id, yyyymmdd, CDs, dollars (no header)
    has_header = not path.read_text().split(maxsplit=1)[0].isdigit()
    frame = pd.read_csv(path, sep=r"\s+", header=None, skiprows=int(has_header), dtype=str)
    columns = ["customer", "date", "cds", "dollars"]
    if frame.shape[1] == 5:
        columns.insert(1, "sample")
    transactions = frame.set_axis(columns, axis=1)
    transactions["dollars"] = transactions["dollars"].astype(float)
    transactions["date"] = pd.to_datetime(transactions["date"], format="%Y%m%d")
    summary = rfm_summary(transactions, "customer", "date", "dollars", "1997-09-30", "W")
    x, t_x, T, m = (
        summary[c].to_numpy(float) for c in ("frequency", "recency", "T", "monetary_value")
    )
    fitters = {
        "bgnbd": lambda: fit_bgnbd(x, t_x, T),
        "pareto_nbd": lambda: fit_pareto_nbd(x, t_x, T),
        "gamma_gamma": lambda: fit_gamma_gamma(x, m),
    }
    print(f"CDNOW {path.name}: {len(summary):,} customers, calibration to 1997-09-30")
    for name, fitter in fitters.items():
        best = float("inf")
        for _ in range(repeat):
            started = time.perf_counter()
            fit = fitter()
            best = min(best, time.perf_counter() - started)
        shown = " ".join(f"{key}={value:.4f}" for key, value in fit.params.items())
        print(
            f"  {name:<12} best of {repeat}: {best:.3f} s, {fit.iterations} iterations, "
            f"converged: {fit.converged} ({fit.message}); {shown} LL={fit.log_likelihood:.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--work", type=Path, default=Path("warehouse/bench_clv"))
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--threads", type=int, default=None, help="DuckDB threads (default: all)")
    parser.add_argument("--cdnow", type=Path, default=None, help="a CDNOW_master.txt or sample")
    parser.add_argument("--repeat", type=int, default=5, help="repetitions of each CDNOW fit")
    args = parser.parse_args()
    if args.cdnow:
        _cdnow(args.cdnow, args.repeat)
    args.work.mkdir(parents=True, exist_ok=True)
    print(
        f"{'customers':>10} {'buyers':>9} {'aggregate s':>12} {'fit s':>8} {'fit/aggregate':>14} "
        f"{'pareto s':>9}"
    )
    for size in args.sizes:
        raw = _dataset(args.work, size, args.seed)
        frame, aggregate_seconds = _aggregate(raw, args.threads)
        fit_seconds, pareto_seconds, fits = _fit(frame)
        print(
            f"{size:>10,} {len(frame):>9,} {aggregate_seconds:>12.2f} {fit_seconds:>8.2f} "
            f"{fit_seconds / aggregate_seconds:>14.2f} {pareto_seconds:>9.2f}"
        )
        for segment, (bgnbd, spend, pareto) in fits.items():
            values = {**bgnbd.params, **spend.params}
            shown = " ".join(f"{name}={value:.3f}" for name, value in values.items())
            converged = bgnbd.converged and spend.converged
            print(f"{'':>10} {segment}: {shown} (converged: {converged})")
            shown = " ".join(f"{name}={value:.3f}" for name, value in pareto.params.items())
            print(f"{'':>10} {segment} Pareto/NBD: {shown} (converged: {pareto.converged})")


if __name__ == "__main__":
    main()
