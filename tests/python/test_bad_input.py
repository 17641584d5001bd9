"""The bad-input catalogue (tests/fixtures/bad_input/catalogue.yml): every kind of bad input is
fed in and the check must fail with a message naming the table, the column and the rule.

A small clean dataset is generated; a copy gets every row-level defect at once (each in its own
table or column, at a rate above the quarantine limit) and is built through the warehouse once;
the same build carries one row per plausible-kind case (values the engines' casts accept but
that are wrong), read from a folder whose name has a quote and a space; the load-level cases
reuse that warehouse with other settings or a baseline; the whole-table cases build a copy with
empty or unreadable orders; the file-level cases stop at the raw-file validation. The dbt side of `kundenstamm check` (source freshness,
dbt tests) is fed a stale as-of date and a mart with a duplicated row. That clean data pass every
check is proven on the demo warehouse by the whole `kundenstamm check` in test_logs.py.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
import yaml
from conftest import PROJECT_DIR, dbt_build

from kundenstamm.generate import generate_dataset
from kundenstamm.quality.command import run_quality_checks
from kundenstamm.quality.failures import Failure
from kundenstamm.quality.settings import load_settings
from kundenstamm.validate import RawFileError, validate_raw_dir

CATALOGUE = yaml.safe_load(
    (PROJECT_DIR / "tests" / "fixtures" / "bad_input" / "catalogue.yml").read_text("utf-8")
)["cases"]
CASES = {case["id"]: case for case in CATALOGUE}
PLAUSIBLE = [case["id"] for case in CATALOGUE if case["kind"] == "plausible"]
# models only: the dbt tests would (rightly) fail on the bad data; the checks under test judge it
BUILD = ("--exclude", "path:seeds/demo", "--exclude-resource-type", "test", "unit_test")


def _vars(raw: Path, **more) -> str:
    """The build's vars for a raw folder (JSON: any folder name is one string)."""
    return json.dumps(
        {"raw_data_path": str(raw), "raw_data_format": "csv", "load_date": "2026-01-31", **more}
    )


def _read(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL)
        writer.writerow(header)
        writer.writerows(rows)


def _set(raw: Path, table: str, column: str, value: str, every: int, offset: int = 0) -> None:
    """Set `column` to `value` in every `every`-th row of `table` (starting at `offset`)."""
    header, rows = _read(raw / f"{table}.csv")
    index = header.index(column)
    for number in range(offset, len(rows), every):
        rows[number][index] = value
    _write(raw / f"{table}.csv", header, rows)


def _inject_row_defects(raw: Path) -> None:
    _set(raw, "orders_orders", "account_id", "A9999999", every=10)
    _set(raw, "orders_order_lines", "quantity", "-1", every=20, offset=1)
    _set(raw, "orders_order_lines", "unit_price", "-5.00", every=20, offset=2)
    _set(raw, "orders_order_lines", "order_id", "O_DOES_NOT_EXIST", every=20, offset=3)
    _set(raw, "survey_nps_responses", "score", "11", every=10)
    _set(raw, "crm_interactions", "interaction_at", "yesterday-ish", every=10)
    _set(raw, "crm_tickets", "opened_at", "2030-01-01 00:00:00", every=10)
    _set(raw, "marketing_spend", "currency_code", "XXX", every=5)
    header, rows = _read(raw / "crm_contacts.csv")
    phone = header.index("phone")
    copies = [[*row[:phone], "+49 1 000000", *row[phone + 1 :]] for row in rows[::10]]
    _write(raw / "crm_contacts.csv", header, rows + copies)
    # the same person and the same customer under a second id
    header, rows = _read(raw / "crm_contacts.csv")
    key, email = header.index("contact_id"), header.index("email")
    twins = [row.copy() for row in rows[5::10] if row[email]]
    for twin in twins:
        twin[key], twin[email] = twin[key] + "T", f" {twin[email].upper()} "
    _write(raw / "crm_contacts.csv", header, rows + twins)
    header, rows = _read(raw / "crm_accounts.csv")
    key, name = header.index("account_id"), header.index("account_name")
    twins = [row.copy() for row in rows[5::10]]
    for twin in twins:
        twin[key], twin[name] = twin[key] + "T", twin[name].upper()
    _write(raw / "crm_accounts.csv", header, rows + twins)
    # extreme but valid values on two clean lines of clean orders (from the end: far from the
    # plausible-kind cases)
    _, orders = _read(raw / "orders_orders.csv")
    clean_orders = {row[0] for n, row in enumerate(orders) if n % 10}
    header, rows = _read(raw / "orders_order_lines.csv")
    order_of = header.index("order_id")
    clean = [n for n, row in enumerate(rows) if row[order_of] in clean_orders and n % 20 > 3]
    rows[clean[-1]][header.index("quantity")] = "50000"
    rows[clean[-2]][header.index("unit_price")] = "250000.00"
    _write(raw / "orders_order_lines.csv", header, rows)
    # a duplicated load: every lead row arrives twice
    header, rows = _read(raw / "crm_leads.csv")
    _write(raw / "crm_leads.csv", header, rows + rows)


def _other_phone_format(phone: str) -> str:
    """The same number written another way: +49 ... as 0049..., 0049... as +49 ..., 0... as +49."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if phone.startswith("+"):
        return "00" + digits
    if digits.startswith("00"):
        return "+" + digits[2:4] + " " + digits[4:]
    return "+49 " + digits[1:]


def _add_cross_source_person(raw: Path) -> dict[str, str]:
    """One person under three ids, as a shop, a CRM and a survey export deliver them: a CRM
    private account with its contact; a shop guest (own account and contact id, one order, the
    CRM e-mail in capitals with spaces around it, no phone); a survey respondent (own account
    and contact id, the latest NPS answer, the CRM phone written another way, no e-mail)."""
    header, contacts = _read(raw / "crm_contacts.csv")
    col = {name: n for n, name in enumerate(header)}
    _, accounts = _read(raw / "crm_accounts.csv")
    private = {row[0] for row in accounts if row[2] == "private"}
    person = next(
        row for n, row in enumerate(contacts)
        if n % 10 in (2, 3) and row[col["account_id"]] in private
        and row[col["email"]] and row[col["phone"]]
    )  # fmt: skip
    shop, survey = person.copy(), person.copy()
    shop[col["contact_id"]], shop[col["account_id"]] = "SHOP-C1", "SHOP-A1"
    shop[col["email"]], shop[col["phone"]] = f"  {person[col['email']].upper()} ", ""
    survey[col["contact_id"]], survey[col["account_id"]] = "SURVEY-C1", "SURVEY-A1"
    survey[col["email"]] = ""
    survey[col["phone"]] = _other_phone_format(person[col["phone"]])
    for row in (shop, survey):
        row[col["created_at"]] = row[col["updated_at"]] = "2025-06-01 10:00:00"
    _write(raw / "crm_contacts.csv", header, [*contacts, shop, survey])
    header, accounts = _read(raw / "crm_accounts.csv")
    base = next(row for row in accounts if row[0] == person[col["account_id"]])
    guests = []
    for account_id in ("SHOP-A1", "SURVEY-A1"):
        guest = [""] * len(header)
        for name in ("account_type", "country_code"):
            guest[header.index(name)] = base[header.index(name)]
        guest[0] = account_id
        guest[header.index("created_at")] = guest[header.index("updated_at")] = (
            "2025-06-01 10:00:00"
        )
        guests.append(guest)
    _write(raw / "crm_accounts.csv", header, [*accounts, *guests])
    header, orders = _read(raw / "orders_orders.csv")
    order = [*orders[len(orders) // 2]]
    order[0], order[1], order[2] = "SHOP-O1", "SHOP-A1", "SHOP-C1"
    order[header.index("status")], order[header.index("currency_code")] = "completed", "EUR"
    order[header.index("ordered_at")] = order[header.index("updated_at")] = "2025-06-01 10:05:00"
    order[header.index("invoice_due_date")] = order[header.index("invoice_paid_date")] = (
        "2025-06-15"
    )
    _write(raw / "orders_orders.csv", header, [*orders, order])
    header, lines = _read(raw / "orders_order_lines.csv")
    line = [*lines[len(lines) // 2 // 20 * 20 + 5]]
    line[0], line[1] = "SHOP-L1", "SHOP-O1"
    _write(raw / "orders_order_lines.csv", header, [*lines, line])
    header, invitations = _read(raw / "survey_nps_invitations.csv")
    invitation = [*invitations[0]]
    invitation[:4] = ["SURVEY-N1", "SURVEY-A1", "SURVEY-C1", "2025-12-20 08:00:00"]
    _write(raw / "survey_nps_invitations.csv", header, [*invitations, invitation])
    header, responses = _read(raw / "survey_nps_responses.csv")
    response = ["SURVEY-R1", "SURVEY-N1", "2025-12-30 10:00:00", "2", "Nie wieder"]
    _write(raw / "survey_nps_responses.csv", header, [*responses, response])
    return {"cross_source_person": person[col["account_id"]], "cross_source_contact": person[0]}


@pytest.fixture(scope="module")
def clean_raw(tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("bad_input") / "clean"
    generate_dataset(raw, 300, seed=11, fmt="csv", dirty_rate=0.0)
    return raw


@pytest.fixture(scope="module")
def bad_build(clean_raw, project_dir) -> tuple[Path, dict[str, str]]:
    """The clean dataset with every row-level defect and one row per plausible-kind case, in a
    folder whose name has a quote and a space, built once: (warehouse, changed key per case)."""
    import shutil

    raw = clean_raw.parent / "it's bad data"
    shutil.copytree(clean_raw, raw)
    _inject_row_defects(raw)
    changed = _feed_plausibility_cases(raw)
    changed.update(_add_cross_source_person(raw))
    database = clean_raw.parent / "bad.duckdb"
    dbt_build(project_dir, database, *BUILD, "--vars", _vars(raw))
    return database, changed


@pytest.fixture(scope="module")
def bad_warehouse(bad_build) -> Path:
    return bad_build[0]


@pytest.fixture(scope="module")
def bad_check(bad_warehouse) -> tuple[subprocess.CompletedProcess, dict]:
    """`kundenstamm check` (checkpoint only) on the bad warehouse: its output and summary."""
    out = bad_warehouse.parent / "quality_bad"
    result = subprocess.run(
        [sys.executable, "-m", "kundenstamm", "check", "--skip-dbt", "--database",
         str(bad_warehouse), "--out", str(out)],
        cwd=PROJECT_DIR, capture_output=True, text=True, check=False,
    )  # fmt: skip
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return result, summary


@pytest.fixture(scope="module")
def bad_failures(bad_check) -> list[Failure]:
    return [Failure(**failure) for failure in bad_check[1]["failures"]]


def _named(failures: list[Failure], case: dict) -> list[Failure]:
    return [
        failure
        for failure in failures
        if failure.table == case["table"]
        and (case["column"] == "*" or case["column"] in failure.column.split(", "))
        and (case["rule"] in failure.rule or case["rule"] in failure.message)
    ]


def test_catalogue_lists_every_kind_of_bad_input():
    kinds = {
        "unknown_customer", "negative_quantity", "negative_price", "nps_out_of_range",
        "unparseable_date", "future_date", "duplicate_key", "orphan_order_line",
        "unknown_currency", "missing_column", "wrong_delimiter", "wrong_encoding",
        "stale_data", "row_count_drop", "duplicated_load", "duplicate_contact_email",
        "duplicate_account", "extreme_quantity", "extreme_price",
    }  # fmt: skip
    kinds |= set(PLAUSIBLE) | {"header_only_orders", "german_order_dates", "quote_in_folder_name"}
    kinds |= {case["id"] for case in CATALOGUE if case["kind"] == "elsewhere"}
    assert set(CASES) == kinds


@pytest.mark.parametrize("case_id", [c["id"] for c in CATALOGUE if c["kind"] == "elsewhere"])
def test_cases_proven_elsewhere_name_an_existing_test(case_id):
    module, _, name = CASES[case_id]["test"].partition("::")
    source = (PROJECT_DIR / module).read_text(encoding="utf-8")
    assert f"def {name}(" in source, CASES[case_id]["test"]


@pytest.mark.parametrize(
    "case_id",
    [case["id"] for case in CATALOGUE if case["kind"] == "rows"] + ["duplicated_load"],
)
def test_bad_rows_fail_the_check_naming_table_column_rule(bad_failures, case_id):
    case = CASES[case_id]
    matching = _named(bad_failures, case)
    assert matching, f"no failure names {case}:\n" + "\n".join(map(str, bad_failures))


def test_one_customer_across_sources(bad_build):
    """The shop guest, the CRM account and the survey respondent are one customer in every
    mart: one row in dim_customers under the CRM id (created first) with the shop order and the
    survey answer; the guest's contact is the CRM contact; the account twins (name in capitals,
    same postal code) and contact twins (e-mail in capitals with spaces) are their originals."""
    database, changed = bad_build
    crm, contact = changed["cross_source_person"], changed["cross_source_contact"]
    with duckdb.connect(str(database), read_only=True) as con:
        identities = {
            (row[0], row[1]): row[2:]
            for row in con.execute(
                "select record_type, record_id, account_id, contact_id, matched_rule"
                " from marts.dim_customer_identities"
            ).fetchall()
        }
        assert identities[("account", "SHOP-A1")] == (crm, None, "email")
        assert identities[("account", "SURVEY-A1")] == (crm, None, "phone")
        assert identities[("contact", "SHOP-C1")] == (crm, contact, "email")
        assert identities[("contact", "SURVEY-C1")] == (crm, "SURVEY-C1", None)
        customer = con.execute(
            "select source_accounts, lifetime_purchases, latest_nps_score, contacts"
            " from marts.dim_customers where account_id = ?",
            [crm],
        ).fetchone()
        purchases = con.execute(
            "select count(*) from marts.fct_orders where account_id = ? and is_purchase", [crm]
        ).fetchone()[0]
        assert con.execute(
            "select account_id from marts.fct_orders where order_id = 'SHOP-O1'"
        ).fetchone() == (crm,)
        assert customer == (3, purchases, 2, 2)  # the CRM contact (= the shop one) and SURVEY-C1
        assert not con.execute(
            "select account_id from marts.dim_customers"
            " where account_id in ('SHOP-A1', 'SURVEY-A1') or account_id like '%T'"
        ).fetchall()
        twins = [key for key in identities if key[1].endswith("T")]
        assert twins and all(
            identities[key][0 if key[0] == "account" else 1] == key[1][:-1] for key in twins
        ), twins
        assert not con.execute(
            "select contact_id from marts.dim_contacts where contact_id like '%T'"
        ).fetchall()


def test_bad_rows_still_reconcile(bad_failures):
    assert not [f for f in bad_failures if f.rule == "rows_reconcile"]


def test_stale_data_fails_freshness(bad_warehouse, project_dir):
    settings = load_settings()
    settings["freshness_reference"] = "today"
    result = run_quality_checks(
        bad_warehouse,
        project_dir,
        bad_warehouse.parent / "q_stale",
        settings,
        only={CASES["stale_data"]["table"]},
    )
    assert _named(result.failures, CASES["stale_data"]), result.failures


def test_row_count_drop_fails_against_the_previous_run(bad_warehouse, bad_check, project_dir):
    previous = {table: rows * 10 for table, rows in bad_check[1]["row_counts"].items()}
    result = run_quality_checks(
        bad_warehouse,
        project_dir,
        bad_warehouse.parent / "q_drop",
        load_settings(),
        previous,
        only={CASES["row_count_drop"]["table"]},
    )
    matching = _named(result.failures, CASES["row_count_drop"])
    assert matching and "previous run" in matching[0].message


@pytest.mark.parametrize("case_id", ["missing_column", "wrong_delimiter", "wrong_encoding"])
def test_malformed_files_stop_the_load_naming_file_and_problem(
    clean_raw, contract, tmp_path, case_id
):
    import shutil

    raw = tmp_path / "raw"
    shutil.copytree(clean_raw, raw)
    case = CASES[case_id]
    path = raw / case["table"]
    if case_id == "missing_column":
        header, rows = _read(path)
        drop = header.index(case["column"])
        _write(path, header[:drop] + header[drop + 1 :], [r[:drop] + r[drop + 1 :] for r in rows])
    elif case_id == "wrong_delimiter":
        header, rows = _read(path)
        path.write_text("\n".join(";".join(r) for r in [header, *rows]) + "\n", encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8").replace("\n", "\n", 1)
        header, _, rest = text.partition("\n")
        path.write_bytes((header + "\n" + rest.replace("a", "ä", 3)).encode("latin-1", "replace"))
    with pytest.raises(RawFileError) as error:
        validate_raw_dir(raw, contract, "csv")
    message = str(error.value)
    assert case["table"] in message and case["rule"] in message
    if case["column"] != "*":
        assert case["column"] in message


def test_check_command_exits_non_zero_and_writes_a_summary(bad_check, bad_warehouse):
    result, summary = bad_check
    assert result.returncode == 1, result.stderr[-2000:]
    assert summary["success"] is False and summary["failures"]
    assert summary["suites_version"]
    assert "FAIL raw.orders_orders [account_id" in result.stderr
    docs = bad_warehouse.parent / "quality_bad" / "gx_project" / "gx" / "uncommitted"
    assert (docs / "data_docs" / "local_site" / "index.html").exists()


def test_dbt_freshness_and_test_failures_name_table_column_and_rule(
    bad_warehouse, clean_raw, tmp_path, monkeypatch
):
    """The dbt side of `kundenstamm check`: judged as of half a year after the data ends, the
    orders are stale for `dbt source freshness`; a mart with a duplicated row fails its dbt
    unique test. Both are reported like the checkpoint's failures."""
    import shutil

    from kundenstamm.quality.command import dbt_checks

    database = tmp_path / "duplicated.duckdb"
    shutil.copyfile(bad_warehouse, database)
    with duckdb.connect(str(database)) as connection:
        connection.execute(
            "insert into marts.dim_customers select * from marts.dim_customers limit 1"
        )
    monkeypatch.setenv("DBT_TARGET_PATH", str(bad_warehouse.parent / "target"))
    monkeypatch.setenv("DBT_LOG_PATH", str(tmp_path / "logs"))
    stale = _vars(clean_raw.parent / "it's bad data", as_of_date="2026-06-30")
    failures, _, steps = dbt_checks(
        PROJECT_DIR,
        database,
        tmp_path,
        stale,
        ["--select", "dim_customers", "--exclude-resource-type", "unit_test"],
    )
    assert steps == {"dbt_source_freshness": "failed", "dbt_test": "failed"}
    stale_orders = [f for f in failures if f.rule == "source_freshness"]
    assert ("raw.orders_orders", "updated_at") in [(f.table, f.column) for f in stale_orders]
    assert "older than the as-of date" in stale_orders[0].message
    duplicated = [f for f in failures if f.table == "marts.dim_customers" and f.rule == "unique"]
    assert duplicated and duplicated[0].column == "account_id", failures
    assert "1 rows break the rule" in duplicated[0].message


def test_a_failed_load_never_becomes_the_row_count_baseline(tmp_path):
    """The row-count history: a passing run's counts are the next baseline; after a failing run
    (e.g. a duplicated load) the baseline that run used stays."""
    from kundenstamm.quality.command import baseline_counts

    history = tmp_path / "summary.json"
    assert baseline_counts(history) == {}
    history.write_text(json.dumps({"success": True, "row_counts": {"crm_leads": 100}}))
    assert baseline_counts(history) == {"crm_leads": 100}
    doubled = {"success": False, "row_counts": {"crm_leads": 200}}
    history.write_text(json.dumps({**doubled, "baseline_row_counts": {"crm_leads": 100}}))
    assert baseline_counts(history) == {"crm_leads": 100}


# --- values the engines' casts accept but that are wrong: quarantined in staging -------------

KEYS = {
    "orders_orders": "order_id",
    "orders_order_lines": "order_line_id",
    "crm_accounts": "account_id",
    "crm_contacts": "contact_id",
    "survey_nps_responses": "response_id",
}


def _feed_plausibility_cases(raw: Path) -> dict[str, str]:
    """Give every plausible-kind case its own clean row; return the raw key each case changed.

    The account case takes an account without orders (its orders would be quarantined as
    unknown_customer), the order cases the first orders, the line cases lines of later orders
    (so no line is quarantined as the orphan of a changed order)."""
    _, orders = _read(raw / "orders_orders.csv")
    ordering = {row[1] for row in orders}
    header, accounts = _read(raw / "crm_accounts.csv")
    # rows the row defects (_inject_row_defects) leave alone: every 10th order, contact and
    # answer and lines 1-3 of every 20 carry a defect
    next_row = {
        "orders_orders": iter(n for n in range(len(orders)) if n % 10),
        "crm_accounts": iter(n for n, row in enumerate(accounts) if row[0] not in ordering),
        "crm_contacts": iter(n for n in range(0, 10**6, 7) if n % 10),
        "survey_nps_responses": iter(n for n in range(0, 10**6, 3) if n % 10),
    }
    later_orders = {row[0] for n, row in enumerate(orders) if n % 10 and n > len(orders) // 2}
    header, lines = _read(raw / "orders_order_lines.csv")
    order_of = header.index("order_id")
    next_row["orders_order_lines"] = iter(
        n
        for n, row in enumerate(lines)
        if row[order_of] in later_orders and n % 20 not in (1, 2, 3)
    )
    changed = {}
    for case_id in PLAUSIBLE:
        change = CASES[case_id]["set"]
        table = change["table"]
        header, rows = _read(raw / f"{table}.csv")
        number = next(next_row[table])
        rows[number][header.index(change["column"])] = change["value"]
        if case_id == "high_unit_price":
            rows[number][header.index("quantity")] = "200"
            rows[number][header.index("discount_amount")] = "0.00"
        if case_id == "discount_exceeds_line":
            rows[number][header.index("quantity")] = "1"
            rows[number][header.index("unit_price")] = "60.00"
        _write(raw / f"{table}.csv", header, rows)
        changed[case_id] = rows[number][header.index(KEYS[table])]
    return changed


@pytest.mark.parametrize("case_id", [c for c in PLAUSIBLE if "rule" in CASES[c]])
def test_implausible_values_are_quarantined_with_their_reason(bad_build, case_id):
    database, changed = bad_build
    table = CASES[case_id]["set"]["table"]
    with duckdb.connect(str(database), read_only=True) as connection:
        reasons = connection.execute(
            f"select quarantine_reason from staging.quarantine_{table.replace('_', '__', 1)} "
            "where record_key = ?",
            [changed[case_id]],
        ).fetchall()
    assert reasons == [(CASES[case_id]["rule"],)], (case_id, changed[case_id], reasons)


def test_a_high_but_real_price_comes_through_to_the_cent(bad_build):
    from decimal import Decimal

    database, changed = bad_build
    with duckdb.connect(str(database), read_only=True) as connection:
        revenue, rate = connection.execute(
            "select lines.gross_revenue_eur, rates.rate_to_eur "
            "from marts.fct_order_lines as lines "
            "inner join staging.stg_orders__orders as orders on lines.order_id = orders.order_id "
            "inner join raw.currency_rates as rates on orders.currency_code = rates.currency_code "
            "where lines.order_line_id = ?",
            [changed["high_unit_price"]],
        ).fetchone()
    assert revenue == (Decimal("200") * Decimal("99999.99") * rate).quantize(Decimal("0.01"))


def test_a_folder_name_with_a_quote_and_a_space_builds(bad_build):
    """The folder reaches SQL quoted: the build read the files (every raw table has rows)."""
    database, _ = bad_build
    with duckdb.connect(str(database), read_only=True) as connection:
        for table in KEYS:
            staged = table.replace("_", "__", 1)
            assert connection.execute(f"select count(*) from staging.base_{staged}").fetchone()[0]


# --- a whole table empty or quarantined: one early warning, no traceback -----------------------


def test_header_only_order_files_warn_once_and_the_build_goes_on(clean_raw, project_dir):
    import shutil

    raw = clean_raw.parent / "header_only"
    shutil.copytree(clean_raw, raw)
    for table in ("orders_orders", "orders_order_lines"):
        header, _ = _read(raw / f"{table}.csv")
        _write(raw / f"{table}.csv", header, [])
    database = clean_raw.parent / "header_only.duckdb"
    output = dbt_build(project_dir, database, *BUILD, "--vars", _vars(raw))
    assert output.count("raw.orders_orders is empty") == 1, output[-3000:]
    assert "Traceback" not in output
    with duckdb.connect(str(database), read_only=True) as connection:
        for mart in ("fct_rfm_scores", "fct_customer_clv", "fct_personas", "rpt_kpis_monthly"):
            assert connection.execute(f"select count(*) from marts.{mart}").fetchone()[0] >= 0
        assert connection.execute("select count(*) from marts.dim_customers").fetchone()[0]


def test_german_order_dates_name_the_reason_and_what_to_do(clean_raw, project_dir):
    import shutil

    raw = clean_raw.parent / "german_dates"
    shutil.copytree(clean_raw, raw)
    header, rows = _read(raw / "orders_orders.csv")
    column = header.index("ordered_at")
    for row in rows:
        year, month, rest = row[column].split("-", 2)
        day, time = rest.split(" ")
        row[column] = f"{day}.{month}.{year} {time}"
    _write(raw / "orders_orders.csv", header, rows)
    database = clean_raw.parent / "german_dates.duckdb"
    output = dbt_build(
        project_dir, database, *BUILD, "--select", "+stg_orders__orders", "--vars", _vars(raw)
    )
    notice = [line for line in output.splitlines() if "raw.orders_orders:" in line]
    assert len(notice) == 1, output[-3000:]
    assert f"{len(rows)} of {len(rows)} rows quarantined (100.0 %)" in notice[0]
    assert "Top reason: unparseable_date" in notice[0] and "ISO 8601" in notice[0]
