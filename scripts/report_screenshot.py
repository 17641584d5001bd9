"""Screenshot of a rendered report page in headless Chromium, e.g. the README's overview picture.

python scripts/report_screenshot.py --page reports/out/de/index.html --out docs/report-overview.png
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", type=Path, default=Path("reports/out/de/index.html"))
    parser.add_argument("--out", type=Path, default=Path("docs/report-overview.png"))
    parser.add_argument("--width", type=int, default=1200)
    parser.add_argument("--height", type=int, default=860)
    args = parser.parse_args()
    if not args.page.exists():
        raise SystemExit(f"no page at {args.page}: run `kundenstamm report --out DIR` first")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": args.width, "height": args.height})
        page.goto(args.page.resolve().as_uri())
        page.wait_for_load_state("load")
        page.screenshot(path=str(args.out))
        browser.close()
    print(f"screenshot of {args.page} -> {args.out}")


if __name__ == "__main__":
    main()
