"""`kundenstamm import`: the command line of the import presets."""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

from kundenstamm.presets import PRESETS, ImportOptions, run_import
from kundenstamm.project import find_project_dir
from kundenstamm.raw_contract import load_contract


def _share(text: str) -> Decimal:
    try:
        share = Decimal(text)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 <= share < 1:
        raise argparse.ArgumentTypeError("the cost share is from 0 to below 1, e.g. 0.6")
    return share


def add_parser(commands: argparse._SubParsersAction) -> None:
    listing = "; ".join(f"{name}: {preset.export}" for name, preset in PRESETS.items())
    summary = "turn a shop, CRM or survey export into raw tables"
    command = commands.add_parser(
        "import",
        help=summary,
        description=f"Turn a shop, CRM or survey export into raw tables, merged by key into the "
        f"files of --out. Presets: {listing}.",
    )
    command.add_argument(
        "--preset", required=True, choices=sorted(PRESETS), help="the kind of export (required)"
    )
    command.add_argument("files", nargs="+", type=Path, metavar="FILE", help="the export file(s)")
    command.add_argument(
        "--out", required=True, type=Path, metavar="DIR", help="the raw folder to write (required)"
    )
    command.add_argument(
        "--mapping",
        type=Path,
        default=None,
        metavar="FILE",
        help="generic-orders: the YAML naming the file's columns and format (default: a "
        "comma-separated CSV with the columns customer_id, order_date, amount, optional ones "
        "by their names)",
    )
    command.add_argument(
        "--cost-share",
        type=_share,
        default=Decimal(0),
        metavar="SHARE",
        help="orders: product cost as a share of its median price (default: 0, margin = revenue)",
    )
    command.add_argument(
        "--score-column",
        default=None,
        metavar="NAME",
        help="surveys: the NPS question column (default: the one with 'recommend' or "
        "'empfehlen' in its title)",
    )
    command.add_argument(
        "--comment-column",
        default=None,
        metavar="NAME",
        help="surveys: the comment column (default: the one with 'why', 'warum', 'reason' or "
        "'Grund' in its title)",
    )
    command.set_defaults(func=cmd_import)


def cmd_import(args: argparse.Namespace) -> int:
    contract = load_contract(find_project_dir(args.project_dir))
    options = ImportOptions(args.cost_share, args.mapping, args.score_column, args.comment_column)
    written, notes = run_import(args.preset, args.files, args.out, contract, options)
    for identifier, (new, total) in written.items():
        print(f"{identifier}.csv: {new:,} rows from this import, {total:,} in the file")
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    return 0
