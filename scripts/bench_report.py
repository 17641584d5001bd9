"""Benchmark: render time and page sizes of the HTML reports for a given warehouse.

python scripts/bench_report.py --database warehouse/kundenstamm.duckdb --out /tmp/report
"""

from __future__ import annotations

import argparse
from pathlib import Path

import duckdb

from kundenstamm.report import render_report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, default=Path("warehouse/kundenstamm.duckdb"))
    parser.add_argument("--out", type=Path, default=Path("warehouse/bench_report"))
    parser.add_argument("--lang", choices=["de", "en"], default="de")
    parser.add_argument("--max-rows", type=int, default=500)
    parser.add_argument(
        "--pseudonymize", action="store_true", help="measure with pseudonyms (a fixed bench key)"
    )
    args = parser.parse_args()
    with duckdb.connect(str(args.database), read_only=True) as connection:
        customers = connection.execute("select count(*) from marts.dim_customers").fetchone()[0]
    result = render_report(
        args.database,
        args.out,
        args.lang,
        max_rows=args.max_rows,
        pseudonymize=args.pseudonymize,
        pseudonym_key="bench" if args.pseudonymize else None,
    )
    sizes = sorted(((page.stat().st_size, page) for page in result.pages), reverse=True)
    csv_bytes = sum(path.stat().st_size for path in result.csv_files)
    print(f"customers in the warehouse: {customers:,}")
    print(f"render time: {result.seconds:.1f} s ({customers / result.seconds:,.0f} customers/s)")
    print(f"pages: {len(result.pages)}, total {sum(s for s, _ in sizes) / 1e6:.1f} MB")
    print(f"largest pages: {', '.join(f'{p.name} {s / 1e3:.0f} kB' for s, p in sizes[:3])}")
    print(f"CSV files: {len(result.csv_files)}, total {csv_bytes / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
