"""The HTML reports: locale formatting and pseudonyms on hand-made values, then the report set
rendered from the warehouse the test command built, checked in a real headless Chromium and
against the marts."""

from __future__ import annotations

import html
import io
import itertools
import re
from pathlib import Path

import duckdb
import pytest

from kundenstamm.report import ReportError, render_report
from kundenstamm.report.locale import CODES, LABELS, Formatter
from kundenstamm.report.pseudonyms import KEY_FILE, pseudonym, resolve_key, sql_pseudonym
from kundenstamm.report.render import ACTION_LISTS, write_sentence

# --- hand-made values -------------------------------------------------------------------------


def test_money_numbers_and_dates_follow_the_locale():
    de, en = Formatter("de"), Formatter("en")
    assert de.money(1234.56) == "1.234,56\u00a0€"
    assert en.money(1234.56) == "€1,234.56"
    assert de.money(1234567.4, 0) == "1.234.567\u00a0€"
    assert de.number(1234567) == "1.234.567"
    assert en.number(1234567) == "1,234,567"
    assert de.percent(0.1234) == "12,3\u00a0%"
    assert en.percent(0.1234) == "12.3%"
    assert de.date("2025-12-31") == "31.12.2025"
    assert en.date("2025-12-31") == "31 Dec 2025"
    assert de.signed(-3.25, 1) == "\u22123,2"
    assert de.signed_percent(-0.171) == "\u221217,1\u00a0%"
    assert en.signed_percent(0.252) == "+25.2%"
    assert de.money(None) == "\u2013"
    # one minus sign everywhere: the one `signed` writes, in amounts, numbers and shares too
    assert de.money(-12.5) == "\u221212,50\u00a0€" and en.money(-12.5) == "\u2212€12.50"
    assert de.number(-3) == "\u22123" and de.percent(-0.25) == "\u221225,0\u00a0%"
    # a share that is not zero is never shown as zero
    assert de.percent(0.0004) == "< 0,1\u00a0%" and en.percent(0.0004) == "< 0.1%"
    assert de.percent(0.0005) == "< 0,1\u00a0%" and de.percent(0.0006) == "0,1\u00a0%"
    assert de.percent(0) == "0,0\u00a0%"
    assert de.percent(0.00004, 2) == "< 0,01\u00a0%"
    # plural forms
    assert de.plural("n_customers", 1) == "1 Kunde" and de.plural("n_customers", 2) == "2 Kunden"
    assert en.plural("n_customers", 1) == "1 customer"


def test_coded_values_are_shown_in_words():
    de, en = Formatter("de"), Formatter("en")
    # the lifecycle stages' words come from the mapping seed through the warehouse
    seeded = Formatter("de", codes={"lifecycle_stage": {"at_risk": {"de": "Gefährdung"}}})
    assert seeded.code("lifecycle_stage", "at_risk") == "Gefährdung"
    assert "lifecycle_stage" not in CODES
    assert en.code("review_reason", "not_bought_for_long") == "Not bought for long"
    assert de.code("abc_subclass", "inactive") == "inaktiv"
    assert de.code("industry", "unknown") == "unbekannt"
    assert de.code("industry", "space_travel") == "space_travel"  # not in the list: as stored
    assert de.code("any", None) == "\u2013"
    with pytest.raises(KeyError, match="no code list"):
        de.code("no_such_list", "x")
    # a segment's values with the code list of its type, the same on every page
    assert de.segment_value("abc_class", "A") == "A-Kunden"
    assert en.segment_value("abc_class", "none") == "No ABC class"
    assert de.segment_value("industry", "unknown") == "unbekannt"


def _sentence_of(slug: str):
    return next(action.sentence for action in ACTION_LISTS if action.slug == slug)


def test_list_reasons_are_written_in_the_page_language_from_the_row():
    de, en = Formatter("de"), Formatter("en")
    winback = {
        "lifetime_purchases": 12,
        "lifetime_revenue_eur": 1234.5,
        "value_at_stake_eur": 250,
        "days_since_last_purchase": 400,
        "is_cancelled": True,
    }
    assert write_sentence(de, _sentence_of("winback"), winback) == (
        "12-mal gekauft für 1.234,50\u00a0€ (Deckungsbeitrag 250,00\u00a0€ pro Jahr), "
        "letzter Kauf vor 400 Tagen, gekündigt."
    )
    assert write_sentence(en, _sentence_of("winback"), {**winback, "is_cancelled": False}) == (
        "Bought 12 times for €1,234.50 (margin €250.00 a year), last purchase 400 days ago."
    )
    overdue = {
        "product_name": "Filter set",
        "last_bought_date": "2025-01-10",
        "replenishment_cycle_days": 90,
        "due_date": "2025-04-10",
        "days_until_due": -3,
        "due_status": "overdue",
    }
    assert write_sentence(de, _sentence_of("more_sell"), overdue) == (
        "Filter set wurde zuletzt am 10.01.2025 gekauft und reicht üblicherweise 90 Tage: "
        "der nächste Kauf ist seit 10.04.2025 überfällig."
    )
    cross = {
        "confidence": 0.625,
        "because_of_category": "raw_materials",
        "suggested_category": "space_travel",  # not in the code list: as stored
        "lift": 2.5,
    }
    assert write_sentence(de, _sentence_of("cross_sell"), cross) == (
        "62,5\u00a0% der Bestellungen mit Rohstoffe enthalten auch space_travel (2,50-mal so oft "
        "wie im Durchschnitt); dieser Kunde hat space_travel noch nicht gekauft."
    )
    review = _sentence_of("quarterly_review")
    empty = dict.fromkeys(field.name for field in review.fields)
    up_sell = {**empty, "review_reason": "add_on", "add_on_type": "up_sell"}
    assert write_sentence(de, review, {**up_sell, "add_on_category": "raw_materials"}) == (
        "Kauft Rohstoffe in der Standardstufe; eine Premiumstufe gibt es (siehe Up-Selling)."
    )
    inquired = {
        **empty,
        "review_reason": "inquired_never_bought",
        "inquiry_channel": "trade_fair",
        "last_inquiry_date": "2025-11-03",
        "inquiries": 2,
    }
    assert write_sentence(de, review, inquired) == (
        "Hat zuletzt am 03.11.2025 über Messe angefragt (Anfragen: 2), aber nie gekauft."
    )
    detractor = {
        "latest_nps_score": 3,
        "latest_nps_date": "2025-10-01",
        "open_complaints": 1,
        "oldest_open_complaint_date": "2025-09-12",
    }
    recovery = _sentence_of("detractor_recovery")
    assert "und 1 offene Beschwerde seit 12.09.2025:" in write_sentence(de, recovery, detractor)
    two = write_sentence(en, recovery, {**detractor, "open_complaints": 2})
    assert "has 2 open complaints since" in two and "(s)" not in two
    unprofitable = {
        "reason_code": "cost_to_serve_exceeds_margin",
        "margin_eur": 26.16,
        "cost_to_serve_eur": 225,
        "contribution_after_service_eur": -198.84,
        "main_cost_driver": "tickets",
    }
    assert write_sentence(de, _sentence_of("unprofitable"), unprofitable) == (
        "Die Service-Kosten (225,00\u00a0€) übersteigen den Deckungsbeitrag (26,16\u00a0€); "
        "größter Posten: Tickets. Service-Bedingungen prüfen."
    )
    low = {**unprofitable, "reason_code": "low_contribution", "main_cost_driver": "orders"}
    assert write_sentence(en, _sentence_of("unprofitable"), low) == (
        "Only \u2212€198.84 left after the cost to serve; largest item: cost of purchases."
    )
    c1 = _sentence_of("c1_offers")
    assert write_sentence(de, c1, {"basis_growth": 0.25, "abc_window_purchases": 1}) == (
        "ABC-Basis um 25,0\u00a0% gewachsen, 1 Kauf im Zeitraum: mit einem Sonderangebot "
        "ansprechen."
    )
    assert write_sentence(en, c1, {"basis_growth": None, "abc_window_purchases": 3}) == (
        "New in the window with 3 purchases: approach with a special offer."
    )
    visit = {"abc_basis_value_eur": 2632.19, "postal_area": "80", "group_size": 37}
    assert write_sentence(de, _sentence_of("visit_planning"), visit) == (
        "B1-Kunde, wächst (2.632,19\u00a0€ im Zeitraum); einer von 37 Kunden im PLZ-Bereich 80."
    )
    pilot = {"industry": "hospitality", "company_size": "10-49", "lifecycle_stage": "mature"}
    seeded = Formatter("de", codes={"lifecycle_stage": {"mature": {"de": "Reife"}}})
    assert write_sentence(seeded, _sentence_of("pilot_pool"), pilot) == (
        "Offen für Neues (Gastgewerbe, 10-49 Mitarbeiter), Phase: Reife."
    )


def test_nps_chart_marks_small_groups_and_formats_its_axis():
    from kundenstamm.report import charts

    svg = charts.line_with_band(
        [("Jan", -12.0, -30.0, 6.0, False), ("Feb", 20.0, 1.0, 39.0, True)],
        "NPS",
        "NPS",
        "Survey month",
        tick_format=lambda value: f"<{value}>",
    )
    assert svg.count("<circle") == 2
    assert 'fill="#fff" stroke=' in svg  # the small group is a hollow point
    assert "&lt;-30&gt;" in svg and "&lt;40&gt;" in svg  # axis from below the band to above it
    assert svg.count('class="axis-title"') == 2 and ">Survey month</text>" in svg
    assert charts.line_with_band([("Jan", None, None, None, True)], "NPS", "NPS", "x") == ""


def test_pyramid_bands_are_as_wide_as_their_customers_and_labelled_in_dark_text():
    from kundenstamm.report import charts

    svg = charts.pyramid([("A", "12 Kunden", 12.0), ("B1", "48 Kunden", 48.0)], "P")
    widths = [float(w) for w in re.findall(r'class="band"[^>]* width="([\d.]+)"', svg)]
    assert widths[1] == pytest.approx(4 * widths[0], rel=0.01)
    assert 'fill="#fff"' not in svg and svg.count('fill="#1d2630"') == 4


def test_histogram_and_backtest_columns_name_both_axes():
    from kundenstamm.report import charts

    svg = charts.columns([("1", [3.0, 2.0]), ("2", [1.0, 1.0])], ["a", "b"], "T", "Käufe", "Dezil")
    assert svg.count('class="axis-title"') == 2 and ">Dezil</text>" in svg


def test_every_label_exists_in_both_languages():
    entries = [*LABELS.items()]
    entries += [
        (f"{group}:{code}", texts) for group in CODES for code, texts in CODES[group].items()
    ]
    for key, texts in entries:
        assert set(texts) == {"de", "en"}, key
        assert all(text.strip() for text in texts.values()), key
    with pytest.raises(KeyError, match="no de label"):
        Formatter("de").text("no_such_label")
    with pytest.raises(ValueError, match="language"):
        Formatter("fr")


def test_pseudonyms_are_stable_keyed_and_match_the_sql_version():
    name, key = "Anna O'Neil", "k'1"
    assert pseudonym("name", name, key) == pseudonym("name", name, key)
    assert pseudonym("name", name, key) != pseudonym("name", "Anna O'Neill", key)
    assert pseudonym("name", name, "other") != pseudonym("name", name, key)
    assert name not in pseudonym("name", name, key)
    assert pseudonym("email", "a@b.de", key).endswith("@example.invalid")
    assert re.fullmatch(r"\+00 \d{20}", pseudonym("phone", "+49 30 1234567", key))
    assert re.fullmatch(r"P-[0-9a-f]{16}", pseudonym("name", name, key))
    assert pseudonym("name", None, key) is None
    with pytest.raises(ValueError, match="non-empty key"):
        pseudonym("name", name, "")
    with duckdb.connect() as connection:
        for kind in ("name", "email", "phone"):
            sql = sql_pseudonym(kind, "value", key)
            got = connection.execute(f"select {sql} from (select ? as value)", [name]).fetchone()
            assert got[0] == pseudonym(kind, name, key), kind


def test_pseudonym_key_comes_from_the_environment_or_a_kept_random_file(tmp_path, monkeypatch):
    monkeypatch.delenv("KUNDENSTAMM_PSEUDONYM_KEY", raising=False)
    database = tmp_path / "kundenstamm.duckdb"
    first = resolve_key(database)
    assert len(first) == 64 and (tmp_path / KEY_FILE).stat().st_mode & 0o077 == 0
    assert resolve_key(database) == first  # kept: the same pseudonyms next time
    (tmp_path / "other").mkdir()
    assert resolve_key(tmp_path / "other" / "x.duckdb") != first  # each warehouse its own key
    monkeypatch.setenv("KUNDENSTAMM_PSEUDONYM_KEY", "from-env")
    assert resolve_key(database) == "from-env"


# --- the rendered report -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def report_de(warehouse, tmp_path_factory):
    out = tmp_path_factory.mktemp("report_de")
    result = render_report(warehouse, out, "de", max_rows=50)
    return out, result


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _german_page(report_de, name: str) -> tuple[Formatter, str]:
    """A page of the German report and a formatter of its language, to write the expected values."""
    out, _ = report_de
    return Formatter("de"), _text(out / name)


def test_every_page_and_list_is_written(report_de, marts):
    out, result = report_de
    segments = marts.execute("select count(*) from marts.rpt_rfm_segments").fetchone()[0]
    names = {page.relative_to(out).as_posix() for page in result.pages}
    assert {"index.html", "abc.html", "nps.html", "lifecycle.html", "clv.html"} <= names
    assert {"chain.html", "cohorts.html", "service.html", "profitability.html"} <= names
    assert sum(name.startswith("rfm/") for name in names) == segments
    assert {"personas.html", "b2b.html"} <= names
    assert sum(name.startswith("actions/") for name in names) == 12
    index = _text(out / "index.html")
    for name in names - {"index.html"}:
        assert f'href="{name}"' in index, f"overview does not link to {name}"
    for page in result.pages:  # every page says in words what it shows
        assert re.search(r'<p class="intro">[^<]{80,}</p>', _text(page)), page


def test_pages_are_self_contained(report_de):
    _, result = report_de
    for page in result.pages:
        html = _text(page)
        assert not re.search(r"""(src|href)=["']https?://""", html), page
        assert "@import" not in html and "url(" not in html, page
        assert "default-src 'none'" in html, page


def test_full_lists_are_csv_beside_capped_tables(report_de, marts):
    out, _ = report_de
    total = marts.execute("select count(*) from marts.rpt_winback_candidates").fetchone()[0]
    lines = (out / "csv" / "winback.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == total + 1
    page = _text(out / "actions" / "winback.html")
    members = page.split('class="sortable members"', 1)[1].split("</table>", 1)[0]
    assert members.count("<tr>") - 1 == min(total, 50)
    if total > 50:
        assert "Gezeigt werden die ersten 50 von" in page
    assert "Die Seite zeigt höchstens 50 Einträge, die wichtigsten zuerst. Reihenfolge:" in page


def _member_rows(html: str) -> list[list[str]]:
    body = html.split('class="sortable members"', 1)[1].split("</table>", 1)[0]
    body = body.split("<tbody>", 1)[1] if "<tbody>" in body else ""
    return [re.findall(r"<td[^>]*>([^<]*)</td>", row) for row in re.findall(r"<tr>.*?</tr>", body)]


def test_every_list_shows_its_top_rows_by_its_priority(report_de, marts):
    """The rows on each action page are the first ones by the list's documented priority, not
    the first owners or account ids; each owner's whole list is a CSV linked from the page."""
    from markupsafe import escape

    out, _ = report_de
    for action in ACTION_LISTS:
        html = _text(out / "actions" / f"{action.slug}.html")
        names = [c.name for c in action.page_columns]
        expected = [
            str(escape(value))
            for (value,) in marts.execute(
                f"select account_id from {action.source} order by {action.order_by} limit 50"
            ).fetchall()
        ]
        shown = [row[names.index("account_id")] for row in _member_rows(html)]
        assert shown == expected, action.slug
        assert 'id="priority"' in html, action.slug
        owners = marts.execute(
            f"select account_owner, count(*) from {action.source} group by all"
        ).fetchall()
        links = re.findall(rf'href="\.\./(csv/{action.slug}/[^"]+\.csv)"', html)
        assert len(links) == len(owners), action.slug
        assert sum(len(_text(out / link).splitlines()) - 1 for link in links) == sum(
            n for _, n in owners
        ), action.slug
    # the priorities that cut the lists wrongly before: not by owner, not by account id
    review = marts.execute(
        "select count(distinct account_owner), count(*) from "
        "(select * from marts.rpt_quarterly_review order by priority_rank limit 50)"
    ).fetchone()
    owners = marts.execute(
        "select count(distinct account_owner) from marts.rpt_quarterly_review"
    ).fetchone()[0]
    if review[1] == 50 and owners > 2:
        assert review[0] > 2  # the first 50 are not one or two owners' lists
    values = [
        float(v)
        for (v,) in marts.execute(
            "select priority_value_eur from marts.rpt_cross_sell order by priority_rank"
        ).fetchall()
    ]
    assert values == sorted(values, reverse=True)


def test_the_findings_of_a_first_reader_stay_fixed(report_de, marts):
    """Cross-sell's top is not one suggestion repeated, the migration says which snapshots it
    compares, RFM tables show no second identical revenue column, a small share is not 0,0 %,
    and 'inactive' with revenue is explained."""
    out, _ = report_de
    cross_sell = _text(out / "actions" / "cross_sell.html")
    at = [c.name for c in ACTION_LISTS[2].page_columns].index("reason")
    reasons = [row[at] for row in _member_rows(cross_sell)[:12]]
    if len(reasons) == 12:
        assert len(set(reasons)) > 6, reasons
    latest, previous = marts.execute(
        "select max(snapshot_date), (select max(snapshot_date) from marts.rpt_lifecycle_migration "
        "where snapshot_date < (select max(snapshot_date) from marts.rpt_lifecycle_migration)) "
        "from marts.rpt_lifecycle_migration"
    ).fetchone()
    de = Formatter("de")
    assert f"vom {de.date(previous)} zum {de.date(latest)}</h2>" in _text(out / "lifecycle.html")
    same = marts.execute(
        "select bool_and(monetary_eur is not distinct from lifetime_revenue_eur) "
        "from marts.dim_customers where rfm_segment is not null"
    ).fetchone()[0]
    champions = _text(out / "rfm" / "champions.html")
    assert ("Umsatz gesamt" in champions) == (not same)
    index = _text(out / "index.html")
    small = marts.execute(
        "select count(*) from marts.rpt_rfm_segments where revenue_share_pct > 0 "
        "and revenue_share_pct < 0.05"
    ).fetchone()[0]
    assert ">0,0\u00a0%<" not in index or not small
    assert "&lt; 0,1\u00a0%" in index or not small
    assert re.search(r'id="inactive-note">„inaktiv“ sind C-Kunden ohne Kauf in den letzten', index)


def test_owner_files_are_named_by_the_owner_and_hold_only_their_rows(report_de, marts):
    out, _ = report_de
    owner = marts.execute(
        "select account_owner from marts.rpt_quarterly_review where account_owner is not null "
        "group by all order by count(*) limit 1"
    ).fetchone()
    if owner is None:
        pytest.skip("no owner on the quarterly review")
    from kundenstamm.report.tables import slugify

    path = out / "csv" / "quarterly_review" / f"{slugify(owner[0])}.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(";")
    at = header.index("account_owner")
    assert {line.split(";")[at] for line in lines[1:]} == {owner[0]}
    ranks = [int(line.split(";")[header.index("priority_rank")]) for line in lines[1:]]
    assert ranks == sorted(ranks)


def test_no_nps_bound_outside_the_range_and_private_customers_apart(report_de, marts):
    out, _ = report_de
    outside = marts.execute(
        "select count(*) from marts.rpt_nps where nps_lower < -100 or nps_upper > 100"
    ).fetchone()[0]
    assert outside == 0
    page = _text(out / "nps.html")
    bounds = re.findall(r'class="num interval">([^<]*)<', page)
    assert bounds
    for text in bounds:
        for number in re.findall(r"[\u2212-]?\d+,\d", text):
            assert abs(float(number.replace("\u2212", "-").replace(",", "."))) <= 100, text
    private = marts.execute(
        "select count(*) from marts.fct_nps_responses r join marts.dim_customers c "
        "using (account_id) where c.account_type = 'private' and r.is_counted_answer"
    ).fetchone()[0]
    segment = marts.execute(
        "select coalesce(sum(responses), 0), max(period_start) from marts.rpt_nps "
        "where period_type = 'year' and segment_type = 'industry' and segment_value = 'private'"
    ).fetchone()
    assert segment[0] == private  # every private answer is under 'private', none 'unknown'
    latest = marts.execute(
        "select max(period_start) from marts.rpt_nps where period_type = 'year'"
    ).fetchone()[0]
    if private and segment[1] == latest:
        assert 'data-segment="industry:private"><td>Branche</td><td>Privatkunden' in page


def test_overview_figures_match_the_marts(report_de, marts):
    de, index = _german_page(report_de, "index.html")
    for subclass, customers, basis in marts.execute(
        "select abc_subclass, customers, basis_value_eur from marts.rpt_abc_summary"
    ).fetchall():
        row = re.search(rf'<tr data-subclass="{subclass}">(.*?)</tr>', index).group(1)
        assert de.number(customers) in row and de.money(float(basis)) in row, subclass
    as_of = marts.execute("select max(as_of_date) from marts.fct_lifecycle_stages").fetchone()[0]
    revenue = marts.execute(
        "select revenue_eur from marts.rpt_kpis_monthly where segment_type = 'all' "
        "and month_start = date_trunc('month', ?::date)",
        [as_of],
    ).fetchone()[0]
    card = re.search(r'id="kpi-revenue_eur">(.*?)</div></div>', index, re.S).group(1)
    assert de.money(float(revenue)) in card


def test_nps_page_matches_the_marts(report_de, marts):
    de, page = _german_page(report_de, "nps.html")
    nps, small = marts.execute(
        "select nps, is_too_small from marts.rpt_nps where period_type = 'year' "
        "and segment_type = 'all' order by period_start desc limit 1"
    ).fetchone()
    row = re.search(r'data-segment="all:all">(.*?)</tr>', page).group(1)
    assert f'<td class="num nps">{de.number(float(nps), 1)}</td>' in row
    assert ("zu wenige Antworten" in row) == bool(small)


def test_nps_page_says_whether_the_survey_cadence_is_kept(report_de, marts):
    de, page = _german_page(report_de, "nps.html")
    panel = page.split('id="nps-cadence"', 1)[1].split("</section>", 1)[0]
    exceeded, since, invited, share = marts.execute(
        "select is_cadence_exceeded, months_since_last_wave, invited_active_customers, "
        "invited_share from marts.rpt_nps_cadence"
    ).fetchone()
    verdict = re.search(r'<p class="(\w+)" id="cadence-verdict">', panel).group(1)
    assert verdict == ("warning" if exceeded else "ok")
    assert f"{de.number(invited)} ({de.percent(float(share))})" in panel
    assert f"<dd>{de.number(since)}</dd>" in panel
    assert 'href="chain.html"' in panel


def test_chain_page_reads_the_chain_left_to_right_per_nps_class(report_de, marts):
    """Stages in the 4K order, the NPS class between what customers experienced and how loyal
    they are, promoters first; every cell is the mart's value."""
    out, _ = report_de
    de = Formatter("de")
    page = _text(out / "chain.html")
    table = page.split('id="chain-all"', 1)[1].split("</table>", 1)[0]
    stages = re.findall(r'class="stage stage-(\w+)"', table)
    assert stages == ["orientation", "satisfaction", "loyalty", "value"]
    rows = re.findall(r'<tr[^>]*data-nps="(\w+)">(.*?)</tr>', table)
    mart = {
        row[0]: row[1:]
        for row in marts.execute(
            "select nps_class, retention_rate, avg_complaints, avg_predicted_clv_eur "
            "from marts.rpt_4k_chain where abc_class = 'all'"
        ).fetchall()
    }
    order = ["promoter", "passive", "detractor", "no_answer"]
    assert [nps for nps, _ in rows] == [c for c in order if c in mart]
    for nps, cells in rows:
        retention, complaints, clv = mart[nps]
        assert (
            f'data-key="retention_rate" data-label="12-Monats-Bindung">{de.percent(retention)}<'
            in cells
        )
        assert (
            f'data-key="avg_complaints" data-label="Ø Be\u00adschwer\u00adden">{de.number(complaints, 2)}<'
            in cells
        )
        assert f">{de.money(float(clv), 0)}<" in cells
        # left to right: orientation before the class, loyalty after it
        assert (
            cells.index("avg_tenure_days")
            < cells.index("<th")
            < cells.index("repeat_purchase_rate")
        )
    classes = marts.execute(
        "select distinct abc_class from marts.rpt_4k_chain where abc_class <> 'all'"
    ).fetchall()
    assert all(f'id="chain-{c.lower()}"' in page for (c,) in classes)
    # the category mix: promoters against detractors, the mart's shares and differences, the
    # categories promoters buy most more often than detractors first
    categories = page.split('id="chain-categories"', 1)[1].split("</table>", 1)[0]
    found = re.findall(r'<tr[^>]*data-category="(\w+)">(.*?)</tr>', categories)
    expected = marts.execute(
        "select p.category, p.buyer_share, d.buyer_share, p.buyer_share_vs_detractors_pp, "
        "p.revenue_share_pct, d.revenue_share_pct, p.revenue_share_vs_detractors_pp "
        "from marts.rpt_4k_chain_categories as p join marts.rpt_4k_chain_categories as d "
        "on p.category = d.category and d.nps_class = 'detractor' where p.nps_class = 'promoter' "
        "order by p.buyer_share_vs_detractors_pp desc, p.category"
    ).fetchall()
    assert len(expected) > 3 and [c for c, _ in found] == [row[0] for row in expected]
    for (_, cells), row in zip(found, expected, strict=True):
        values = re.findall(r'<td class="num"[^>]*>([^<]+)</td>', cells)
        assert values == [
            de.percent(row[1]),
            de.percent(row[2]),
            de.signed(row[3]),
            de.percent(row[4] / 100),
            de.percent(row[5] / 100),
            de.signed(row[6]),
        ]


def test_clv_page_splits_the_spend_into_acquisition_and_retention(report_de, marts):
    """The last twelve months of rpt_marketing_spend_purpose, newest first, the mart's values."""
    out, de = report_de[0], Formatter("de")
    page = _text(out / "clv.html")
    table = page.split('id="clv-spend-purpose"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr><th[^>]*>([^<]+)</th>(.*?)</tr>", table.split("<tbody>", 1)[1])
    expected = marts.execute(
        "select month_start, acquisition_spend_eur, retention_spend_eur, acquisition_share_pct, "
        "acquisition_cpa_eur, retention_spend_per_active_customer_eur, unmapped_spend_eur "
        "from marts.rpt_marketing_spend_purpose order by month_start desc limit 12"
    ).fetchall()
    assert len(rows) == len(expected) == 12
    assert not any(row[6] for row in expected) and "Ohne Zweck" not in table  # all mapped
    for (month, cells), row in zip(rows, expected, strict=True):
        assert month == de.month(row[0])
        assert re.findall(r'class="num"[^>]*>([^<]+)<', cells) == [
            de.money(float(row[1]), 0),
            de.money(float(row[2]), 0),
            de.percent(row[3] / 100),
            de.money(float(row[4])),
            de.money(float(row[5])),
        ]
    assert "Kosten je Neukunde (nur Gewinnung)" in table


def test_service_page_matches_the_marts(report_de, marts):
    de, page = _german_page(report_de, "service.html")
    open_now, median = marts.execute(
        "select open_tickets, median_days_to_resolve from marts.rpt_service_segments "
        "where segment_type = 'all'"
    ).fetchone()
    facts = page.split('id="service-facts"', 1)[1].split("</div></div></div>", 1)[0]
    assert f'<div class="value">{de.number(open_now)}</div>' in facts
    assert f'<div class="value">{de.number(median, 1)}</div>' in facts
    month, opened, closed = marts.execute(
        "select month_start, tickets_opened, tickets_closed from marts.rpt_service_kpis "
        "where segment_type = 'all' order by month_start desc limit 1"
    ).fetchone()
    first = re.search(r'id="service-months">.*?<tbody><tr>(.*?)</tr>', page, re.S).group(1)
    assert de.month(month) in first and f">{de.number(opened)}<" in first
    assert f">{de.number(closed)}<" in first
    backlog = marts.execute(
        "select open_tickets from marts.rpt_service_backlog where segment_type = 'abc_class' "
        "and segment_value = 'A' order by band_order"
    ).fetchall()
    row = re.search(r'<tr data-segment="abc_class:A">(.*?)</tr>', page.split("service-backlog")[1])
    counts = re.findall(r'class="num"[^>]*><span>(\S+) <span', row.group(1))
    assert counts == [de.number(n) for (n,) in backlog]
    assert "über 90 Tage" in page and "0\u20137 Tage" in page
    assert ">Beschwerde<" in page and ">complaint<" not in page


def test_profitability_page_matches_the_summary_and_links_its_lists(report_de, marts):
    de, page = _german_page(report_de, "profitability.html")
    rows = marts.execute(
        "select abc_class, cost_to_serve_eur, unprofitable_customers, negative_margin_customers "
        "from marts.rpt_profitability_summary"
    ).fetchall()
    for abc_class, cost, unprofitable, negative in rows:
        classes = re.search(rf'<tr data-class="{abc_class}">(.*?)</tr>', page).group(1)
        assert f">{de.money(float(cost), 0)}<" in classes, abc_class
        reasons = re.findall(rf'<tr data-class="{abc_class}">(.*?)</tr>', page)[1]
        cells = re.findall(r'class="num"[^>]*>([^<]+)<', reasons)
        assert cells[0] == de.number(unprofitable) and cells[2] == de.number(negative), abc_class
    per_order, per_ticket = marts.execute(
        "select profitability_cost_per_order_eur, profitability_cost_per_ticket_eur "
        "from marts.dim_settings"
    ).fetchone()
    note = re.search(r'id="cost-note">([^<]+)<', page).group(1)
    assert de.money(float(per_order)) in note and de.money(float(per_ticket)) in note
    for slug in ("unprofitable", "c1_offers", "mailing_suppression"):
        assert f'href="actions/{slug}.html"' in page


def test_personas_page_has_a_card_per_persona_with_its_profile(report_de, marts):
    rows = marts.execute(
        "select persona_id, customers, median_order_value_eur, persona_first_name, profile_de, "
        "obstacles_de, expectations_de, profile_en from marts.rpt_personas "
        "left join marts.rpt_persona_profiles using (persona_id) order by persona_id"
    ).fetchall()
    de = Formatter("de")
    page = _text(report_de[0] / "personas.html")
    cards = re.findall(
        r'<section class="panel persona[^"]*" data-persona="(\d+)">(.*?)</section>', page, re.S
    )
    assert [int(number) for number, _ in cards] == [row[0] for row in rows]
    for (_, card), row in zip(cards, rows, strict=True):
        _, customers, order_value, first_name, profile, obstacles, expectations, english = row
        assert f"{de.number(customers)} Kunden" in card
        assert f"<dd>{de.money(float(order_value), 0)}</dd>" in card
        if first_name is None:  # no profile row fits: the page says how to add one
            assert "persona_profiles.csv" in card
            continue
        assert f"<h2>{first_name} " in card
        for text in (profile, obstacles, expectations):
            assert f"<dd>{html.escape(text)}</dd>" in card
        assert html.escape(english) not in card
    assert "High value" not in page and "drifting away" not in page  # traits in German


def test_b2b_page_matches_the_coverage_and_segment_marts(report_de, marts):
    accounts, single = marts.execute(
        "select count(*), count_if(is_single_threaded) from marts.rpt_account_coverage"
    ).fetchone()
    out, de = report_de[0], Formatter("de")
    page = _text(out / "b2b.html")
    facts = page.split('id="b2b-facts"', 1)[1].split("<section", 1)[0]
    values = re.findall(r'<div class="value">([^<]+)</div>', facts)
    assert values[0] == de.number(accounts) and values[-1] == de.number(single)
    status = re.search(r'<tr data-status="single_threaded">(.*?)</tr>', page).group(1)
    assert re.findall(r'class="num"[^>]*>([^<]+)<', status)[0] == de.number(single)
    role, known = marts.execute(
        "select contact_role, count_if(is_role_known) from marts.rpt_account_role_coverage "
        "group by contact_role order by 2 desc, 1 limit 1"
    ).fetchone()
    first_role = re.search(
        r'id="b2b-roles">.*?<tbody><tr data-role="([^"]+)">(.*?)</tr>', page, re.S
    )
    assert first_role.group(1) == role and f">{de.number(known)}<" in first_role.group(2)
    value, revenue = marts.execute(
        "select segment_value, lifetime_revenue_eur from marts.rpt_b2b_segments "
        "where segment_type = 'company_size' order by accounts desc limit 1"
    ).fetchone()
    segment = re.search(rf'<tr[^>]*data-segment="company_size:{re.escape(value)}">(.*?)</tr>', page)
    assert f">{de.money(float(revenue), 0)}<" in segment.group(1)
    assert ">Unternehmenskultur<" in page and ">family-owned<" not in page
    newest = marts.execute(
        "select month_start, new_contacts, contacts, emailable_contacts, new_permissions, "
        "permission_coverage from marts.rpt_contact_base_monthly where segment_type = 'all' "
        "order by month_start desc limit 1"
    ).fetchone()
    base = page.split('id="b2b-contact-base"', 1)[1].split("<tbody>", 1)[1]
    cells = re.findall(r">([^<]+)</t[hd]>", base.split("</tr>", 1)[0])
    counts = [de.number(n) for n in newest[1:5]]
    assert cells == [de.month(newest[0]), *counts, de.percent(newest[5])]
    assert 'href="actions/single_threaded.html"' in page
    listed = _member_rows(_text(out / "actions" / "single_threaded.html"))
    assert len(listed) == min(single, 50)
    assert "An einer Person hängende Konten" in page


def test_cohort_page_shows_each_cohort_newest_first_from_the_mart(report_de, marts):
    de, page = _german_page(report_de, "cohorts.html")
    table = page.split('id="cohort-retention"', 1)[1]
    months = re.findall(r'<tr><th scope="row">([^<]+)</th>', table)
    cohorts = marts.execute(
        "select distinct cohort_month from marts.rpt_cohort_retention order by 1 desc"
    ).fetchall()
    assert months == [de.month(m) for (m,) in cohorts]
    cohort, size, rate = marts.execute(
        "select cohort_month, cohort_size, retention_rate_pct from marts.rpt_cohort_retention "
        "where months_since_first_purchase = 1 order by cohort_month desc limit 1"
    ).fetchone()
    row = re.search(rf'<tr><th scope="row">{de.month(cohort)}</th>(.*?)</tr>', table).group(1)
    cells = re.findall(r"<td[^>]*>([^<]+)</td>", row)
    assert cells[:2] == [de.number(size), de.percent(rate / 100)]


def test_english_report_uses_english_labels_and_formats(warehouse, marts, tmp_path):
    out = tmp_path / "O'Brien's copy"  # a quote in the folder must not break the CSV export
    result = render_report(warehouse, out, "en", max_rows=5)
    assert all(path.exists() for path in result.csv_files)
    index = _text(out / "index.html")
    assert '<html lang="en">' in index and "Customer pyramid" in index
    assert "Kundenpyramide" not in index
    assert re.search(r"€\d{1,3}(,\d{3})*\.\d{2}", index)
    goals_en, goals_de = marts.execute(
        "select goals_en, goals_de from marts.rpt_persona_profiles where goals_en is not null "
        "order by persona_id limit 1"
    ).fetchone()
    personas = _text(out / "personas.html")
    assert html.escape(goals_en) in personas and html.escape(goals_de) not in personas


PERSONAL = ("account_name", "account_owner", "contact_name", "contact_email", "contact_phone")


def _personal_columns(marts) -> list[tuple[str, str]]:
    """Every personal column of every mart, and the contacts' full names and e-mails."""
    found = marts.execute(
        "select table_name, column_name from information_schema.columns "
        f"where table_schema = 'marts' and column_name in {PERSONAL}"
    ).fetchall()
    return [*found, ("dim_contacts", "first_name || ' ' || last_name"), ("dim_contacts", "email")]


def test_pseudonymized_report_hides_names_emails_and_phones(warehouse, marts, tmp_path):
    key = "test-key"
    result = render_report(
        warehouse, tmp_path, "de", pseudonymize=True, max_rows=50, pseudonym_key=key
    )
    originals = set()
    for table, column in _personal_columns(marts):
        originals |= {
            value
            for (value,) in marts.execute(
                f"select distinct {column} from marts.{table} where {column} is not null"
            ).fetchall()
            if len(value) > 5
        }
    assert len(originals) > 100
    html = "".join(_text(page) for page in result.pages)
    csv = "".join(_text(path) for path in result.csv_files)
    for value in originals:
        escaped = value.replace("&", "&amp;").replace("'", "&#39;")
        assert value not in csv and escaped not in html, value
    first = marts.execute(
        "select account_name from marts.rpt_winback_candidates order by priority_rank limit 1"
    ).fetchone()
    if first:
        assert pseudonym("name", first[0], key) in _text(tmp_path / "actions" / "winback.html")


def test_lorenz_marker_lies_on_the_curve_at_the_80_20_share(report_de, marts):
    out, _ = report_de
    top, share = marts.execute(
        "select pareto_top_customers_pct, pareto_top_basis_share_pct "
        "from marts.rpt_abc_summary limit 1"
    ).fetchone()
    svg = re.search(r"<svg[^>]*>.*?</svg>", _text(out / "abc.html"), re.S).group(0)
    curve = [
        tuple(map(float, point.split(",")))
        for point in re.search(r'<polyline points="([^"]+)"', svg).group(1).split()
    ]
    marker = re.search(r'<circle cx="([\d.]+)" cy="([\d.]+)"', svg)
    mx, my = float(marker.group(1)), float(marker.group(2))
    for (x0, y0), (x1, y1) in itertools.pairwise(curve):
        if x0 <= mx <= x1:
            on_curve = y0 + (y1 - y0) * (mx - x0) / ((x1 - x0) or 1)
            break
    # 100 percentile points: the curve may be at most one percentile step off the exact share
    plot_height = curve[0][1] - curve[-1][1]
    assert abs(on_curve - my) < 0.02 * plot_height, (top, share, on_curve, my)


def test_coded_values_appear_in_words_on_german_pages(report_de, marts):
    out, _ = report_de
    review = _text(out / "actions" / "quarterly_review.html")
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", review)
    assert "not_bought_for_long" not in cells and "at_risk" not in cells
    cross_sell = re.findall(r"<td[^>]*>([^<]*)</td>", _text(out / "actions" / "cross_sell.html"))
    assert not [cell for cell in cells + cross_sell if re.fullmatch(r"[a-z]+(_[a-z]+)+", cell)]
    reasons = {
        r
        for (r,) in marts.execute("select review_reason from marts.rpt_quarterly_review").fetchall()
    }
    de = Formatter("de")
    assert any(de.code("review_reason", reason) in cells for reason in reasons)
    nps = _text(out / "nps.html")
    assert ">Branche<" in nps and ">industry<" not in nps
    index = _text(out / "index.html")
    assert '<tr data-subclass="inactive"><td>inaktiv</td>' in index
    segments = {
        s for (s,) in marts.execute("select rfm_segment from marts.rpt_rfm_segments").fetchall()
    }
    if "Loyal" in segments:
        assert '<a href="rfm/loyal.html">Treue Kunden</a>' in index
        assert "<h1>Treue Kunden</h1>" in _text(out / "rfm" / "loyal.html")


ENGLISH_SENTENCES = (
    "Bought ",
    "was last bought",
    "of orders with",
    "High-value customer",
    "Answered ",
    "No purchase for",
    "Could use",
    "inquired via",
    "Buys standard",
    "Dependent on few",
    "largest customer makes",
    "Open to innovation",
    "B1 account",
    "Sold below cost",
    "approach with a special offer",
    "leave out of costly mailings",
)


def test_german_pages_write_reasons_in_german_from_the_marts(report_de, marts):
    from markupsafe import escape

    out, _ = report_de
    for page in [*sorted((out / "actions").glob("*.html")), out / "abc.html"]:
        html = _text(page)
        assert not [words for words in ENGLISH_SENTENCES if words in html], page
    stages = marts.execute(
        "select lifecycle_stage, stage_name_de from marts.rpt_lifecycle_stage_counts"
    ).fetchall()
    de = Formatter("de", codes={"lifecycle_stage": {s: {"de": name} for s, name in stages}})
    for action in ACTION_LISTS:
        cursor = marts.execute(f"select * from {action.source} order by {action.order_by} limit 50")
        names = [column[0] for column in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        expected = [str(escape(write_sentence(de, action.sentence, row))) for row in rows]
        html = _text(out / "actions" / f"{action.slug}.html")
        at = [column.name for column in action.page_columns].index(action.sentence.column)
        shown = [row[at] for row in _member_rows(html)] if rows else []
        assert shown == expected, action.slug
    winback = marts.execute(
        "select lifetime_purchases from marts.rpt_winback_candidates where priority_rank = 1"
    ).fetchall()
    if winback:
        assert f">{de.number(winback[0][0])}-mal gekauft für " in _text(
            out / "actions" / "winback.html"
        )


def test_earlier_as_of_moves_the_kpis_and_says_so(warehouse, marts, tmp_path):
    from datetime import date

    as_of = marts.execute("select max(as_of_date) from marts.fct_lifecycle_stages").fetchone()[0]
    earlier = date(as_of.year - 1, 6, 15)
    render_report(warehouse, tmp_path, "de", as_of=earlier, max_rows=5)
    index = _text(tmp_path / "index.html")
    de = Formatter("de")
    assert f"Kennzahlen des Monats: {de.month(earlier.replace(day=1))}" in index
    note = re.search(r'id="period-note">([^<]*)<', index).group(1)
    assert de.month(earlier) in note and de.date(as_of) in note
    assert f"Stand: {de.date(as_of)}" in index


@pytest.mark.parametrize(
    ("basis", "share", "sentence", "axis", "total"),
    [
        (
            "margin",
            "DB-Anteil",
            "des Deckungsbeitrags",
            "Anteil am Deckungsbeitrag",
            "Deckungsbeitrag",
        ),
        ("clv", "CLV-Anteil", "des Kundenwerts", "Anteil am Kundenwert (CLV)", "Kundenwert (CLV)"),
    ],
)
def test_abc_pages_name_the_basis_the_classes_rank_by(
    warehouse, tmp_path, basis, share, sentence, axis, total
):
    import shutil

    copy = tmp_path / f"{basis}.duckdb"
    shutil.copy(warehouse, copy)
    with duckdb.connect(str(copy)) as connection:  # as if built with abc_basis: margin / clv
        connection.execute(f"update marts.rpt_abc_summary set abc_basis = '{basis}'")
    render_report(copy, tmp_path / "out", "de", max_rows=5)
    abc = _text(tmp_path / "out" / "abc.html")
    assert f'<th class="num">{share}</th>' in abc and sentence in abc
    assert axis in abc and "Umsatzanteil" not in abc
    index = _text(tmp_path / "out" / "index.html")
    assert f'<th class="num">{total}</th></tr></thead>' in index


def test_as_of_after_the_warehouse_is_refused(warehouse, tmp_path):
    from datetime import date

    with pytest.raises(ReportError, match="after the warehouse's as-of date"):
        render_report(warehouse, tmp_path, "de", as_of=date(2999, 1, 1))


# --- in a real browser -------------------------------------------------------------------------


# chart labels drawn (partly) outside their SVG, where the browser cuts them off
CLIPPED_CHART_TEXT = """() => Array.from(document.querySelectorAll("svg text")).filter(text => {
  const box = text.ownerSVGElement.getBoundingClientRect(), own = text.getBoundingClientRect();
  return own.left < box.left - 0.5 || own.right > box.right + 0.5
    || own.top < box.top - 0.5 || own.bottom > box.bottom + 0.5;
}).map(text => text.textContent)"""


def _non_blank(png: bytes) -> bool:
    from PIL import Image, ImageStat

    image = Image.open(io.BytesIO(png)).convert("L")
    colours = image.getcolors(maxcolors=256) or []
    return ImageStat.Stat(image).stddev[0] > 5 and len(colours) > 20


def test_every_page_loads_cleanly_in_chromium(report_de, browser):
    # one tab for every page (a new tab per page costs more than the checks); what a page
    # logs and requests is collected afresh before each page is opened
    _, result = report_de
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors, requests = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda r: requests.append(r.url))
    for page_path in result.pages:
        errors.clear()
        requests.clear()
        url = page_path.resolve().as_uri()
        page.goto(url)
        page.wait_for_load_state("load")
        assert errors == [], f"{page_path.name}: {errors}"
        assert requests == [url], f"{page_path.name} made requests: {requests}"
        # the first screen is enough to tell a blank page (the full page costs a second each)
        assert _non_blank(page.screenshot()), f"{page_path.name} looks blank"
        assert page.evaluate(CLIPPED_CHART_TEXT) == [], f"{page_path.name}: chart text cut off"
    page.close()


def test_member_tables_sort_and_filter_in_the_page(report_de, browser):
    out, _ = report_de
    page = browser.new_page()
    page.goto((out / "actions" / "winback.html").resolve().as_uri())
    rows = page.locator("table.members tbody tr")
    if rows.count() < 3:
        pytest.skip("too few win-back candidates in the demo data to sort")
    value_column = [c.name for c in ACTION_LISTS[0].page_columns].index("value_at_stake_eur")

    def values() -> list[float]:
        cells = page.locator(f"table.members tbody tr td:nth-child({value_column + 1})")
        return [float(v) for v in cells.evaluate_all("cs => cs.map(c => c.dataset.v)")]

    header = page.locator("table.members thead th").nth(value_column)
    header.click()
    assert values() == sorted(values())
    assert header.get_attribute("aria-sort") == "ascending"
    header.click()
    assert values() == sorted(values(), reverse=True)
    header.focus()
    page.keyboard.press("Enter")  # sortable from the keyboard too
    assert header.get_attribute("aria-sort") == "ascending"
    assert values() == sorted(values())

    first_name = page.locator("table.members tbody tr td:nth-child(3)").first.inner_text()
    page.fill("input.filter", first_name)
    visible = page.locator("table.members tbody tr:not([hidden])")
    assert 1 <= visible.count() < rows.count()
    for text in visible.all_inner_texts():
        assert first_name.lower() in text.lower()
    assert page.locator("#count-winback").inner_text() == str(visible.count())
    page.close()
