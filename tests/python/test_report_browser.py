"""Every report page in headless Chromium at a desktop (1280 px) and a phone (390 px) width, in
German and English (the pages in GERMAN_ONLY in German only): nothing wider than the window or
its container, no text cut off, chart text large enough to read (a chart scrolls sideways in its
frame on a phone rather than shrink its text) and every chart axis named. With
KUNDENSTAMM_SCREENSHOTS set to a folder, a full-page screenshot of every page and width is saved
there to look at."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kundenstamm.report import render_report

WIDTHS = {"desktop": 1280, "phone": 390}

# what sticks out: the page itself, tables wider than their container, boxes that hide part of
# their text, and chart text outside its SVG
OVERFLOW = """() => {
  const found = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1) {
    found.push(`page ${root.scrollWidth} px wide in a ${root.clientWidth} px window`);
  }
  for (const table of document.querySelectorAll("table")) {
    const box = table.parentElement.getBoundingClientRect();
    const own = table.getBoundingClientRect();
    if (own.width > box.width + 1) {
      found.push(`table ${table.id || table.className} ${Math.round(own.width)} px in ` +
        `${Math.round(box.width)} px`);
    }
  }
  for (const element of document.querySelectorAll("body *")) {
    const style = getComputedStyle(element);
    const hides = ["hidden", "clip"].includes(style.overflowX) || style.textOverflow === "ellipsis";
    if (hides && element.scrollWidth > element.clientWidth + 1 && element.tagName !== "svg") {
      found.push(`cut off: <${element.tagName.toLowerCase()}> ${element.textContent.slice(0, 40)}`);
    }
  }
  for (const text of document.querySelectorAll("svg text")) {
    const box = text.ownerSVGElement.getBoundingClientRect(), own = text.getBoundingClientRect();
    if (own.left < box.left - 0.5 || own.right > box.right + 0.5
        || own.top < box.top - 0.5 || own.bottom > box.bottom + 0.5) {
      found.push(`chart text outside its chart: ${text.textContent}`);
    }
  }
  return found;
}"""

# chart text as drawn: font size x the scale of the SVG's view box on the page
SMALLEST_CHART_TEXT = """() => {
  let smallest = Infinity, which = "";
  for (const svg of document.querySelectorAll("svg[data-chart]")) {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    for (const text of svg.querySelectorAll("text")) {
      const size = parseFloat(getComputedStyle(text).fontSize) * scale;
      if (size < smallest) { smallest = size; which = text.textContent; }
    }
  }
  return [smallest, which];
}"""

AXIS_TITLES = """() => Array.from(document.querySelectorAll("svg[data-chart]")).map(svg => [
  svg.dataset.chart, svg.querySelectorAll("text.axis-title").length,
  svg.getAttribute("aria-label")])"""


@pytest.fixture(scope="module", params=["de", "en"])
def report(request, warehouse, tmp_path_factory):
    out = tmp_path_factory.mktemp(f"report_{request.param}")
    return request.param, render_report(warehouse, out, request.param, max_rows=100)


# the pages of the 4K chain, cohorts, service, profitability, personas and B2B and their action
# lists: checked in German only (the longer words), at both widths, to keep the test's time in the
# CI budget
GERMAN_ONLY = {
    "chain.html",
    "cohorts.html",
    "service.html",
    "profitability.html",
    "actions/unprofitable.html",
    "actions/c1_offers.html",
    "actions/mailing_suppression.html",
    "actions/pilot_pool.html",
    "actions/visit_planning.html",
    "personas.html",
    "b2b.html",
    "actions/single_threaded.html",
}
# tables that may scroll inside their frame on a phone: the migration and cohort matrices
SCROLLING_ON_PHONE = ("table migration-", "table cohort-")


def _pages(lang: str, result) -> list[Path]:
    # every kind of page once, and every action list (where the wide tables are)
    pages = [p for p in result.pages if p.parent == result.out_dir or p.parent.name == "actions"]
    pages += [p for p in result.pages if p.parent.name == "rfm"][:1]
    if lang != "de":
        pages = [p for p in pages if p.relative_to(result.out_dir).as_posix() not in GERMAN_ONLY]
    return pages


@pytest.mark.parametrize("device", WIDTHS)
def test_nothing_is_wider_than_its_window_or_cut_off(report, browser, device):
    lang, result = report
    shots = os.environ.get("KUNDENSTAMM_SCREENSHOTS")
    problems = {}
    page = browser.new_page(viewport={"width": WIDTHS[device], "height": 900})
    for path in _pages(lang, result):
        page.goto(path.resolve().as_uri())
        page.wait_for_load_state("load")
        found = page.evaluate(OVERFLOW)
        if device == "phone":
            found = [f for f in found if not f.startswith(SCROLLING_ON_PHONE)]
        if found:
            problems[path.relative_to(result.out_dir).as_posix()] = found[:5]
        if shots:
            name = path.relative_to(result.out_dir).as_posix().replace("/", "_")
            page.screenshot(path=str(Path(shots) / f"{lang}_{device}_{name}.png"), full_page=True)
    page.close()
    assert problems == {}


@pytest.mark.parametrize("device", WIDTHS)
def test_chart_text_reads_at_11_px_and_every_axis_has_a_title(report, browser, device):
    lang, result = report
    page = browser.new_page(viewport={"width": WIDTHS[device], "height": 900})
    for path in _pages(lang, result):
        page.goto(path.resolve().as_uri())
        smallest, which = page.evaluate(SMALLEST_CHART_TEXT)
        assert smallest >= 11, f"{path.name}: {which!r} drawn at {smallest:.1f} px"
        for kind, titles, label in page.evaluate(AXIS_TITLES):
            needed = {"bars": 1, "pyramid": 0}.get(kind, 2)
            assert titles >= needed, f"{path.name}: chart {label!r} names {titles} axes"
    page.close()


def test_kpi_cards_keep_their_distance_from_the_panels_below(report, browser):
    _, result = report
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((result.out_dir / "index.html").resolve().as_uri())
    gap = page.evaluate(
        """() => document.querySelector(".two").getBoundingClientRect().top
             - document.querySelector(".cards").getBoundingClientRect().bottom"""
    )
    assert gap >= 12
    page.close()
