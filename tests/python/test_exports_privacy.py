"""Bad input and privacy in what the reports and the warehouse write: formula cells in the CSV
exports, the German Excel dialect, owner-only files and the size of pseudonyms."""

from __future__ import annotations

import csv
import io
import json
import shutil
import stat
from pathlib import Path

import duckdb
import pytest

from kundenstamm import files
from kundenstamm.cli import build_parser
from kundenstamm.report import render_report
from kundenstamm.report.exports import BOM, FORMULA_START, default_dialect, export_csv
from kundenstamm.report.pseudonyms import HEX_DIGITS, KEY_FILE, pseudonym, sql_pseudonym
from kundenstamm.serving import prepare_build, publish

FORMULA = '=HYPERLINK("http://x","y")'
CELLS = """
    select * from (values
        (1, '=1+2', '+49 30 1234', -12.50::decimal(18, 2), -0.25::double, date '2024-03-01'),
        (2, '+SUM(A1)', '030 1234', 1234.5::decimal(18, 2), 1.5::double, null),
        (3, '-2+3', null, 0::decimal(18, 2), null, null),
        (4, '@cmd', '', null, null, null),
        (5, chr(9) || 'tab', '0049 30 1', null, null, null),
        (6, chr(13) || 'cr', '1234', null, null, null),
        (7, 'Anna Schmidt; Müller', '12', null, null, null),
        (8, '-12.50', '13', null, null, null)
    ) as t(row_id, name, phone, revenue_eur, share, due_date)
    order by row_id
"""


def _read(path: Path, delimiter: str) -> list[dict]:
    text = path.read_bytes().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


def _rows(tmp_path: Path, dialect: str) -> tuple[Path, list[dict]]:
    path = tmp_path / f"cells-{dialect}.csv"
    with duckdb.connect() as connection:
        export_csv(connection, CELLS, path, dialect, as_text={"phone"})
    return path, _read(path, ";" if dialect == "excel-de" else ",")


# --- the neutraliser on hand-made cells --------------------------------------------------------


def test_formula_cells_get_a_quote_and_numbers_stay_numbers(tmp_path):
    path, rows = _rows(tmp_path, "standard")
    assert not path.read_bytes().startswith(BOM)
    names = [row["name"] for row in rows]
    assert names == [
        "'=1+2", "'+SUM(A1)", "'-2+3", "'@cmd", "'\ttab", "'\rcr", "Anna Schmidt; Müller", "'-12.50"
    ]  # fmt: skip
    # phones are text in every row: a quote before each non-empty cell, never a number
    assert [row["phone"] for row in rows] == [
        "'+49 30 1234", "'030 1234", "", "", "'0049 30 1", "'1234", "'12", "'13"
    ]  # fmt: skip
    assert [row["revenue_eur"] for row in rows[:3]] == ["-12.50", "1234.50", "0.00"]
    assert rows[0]["share"] == "-0.25" and rows[0]["due_date"] == "2024-03-01"
    assert [row["row_id"] for row in rows] == [str(n) for n in range(1, 9)]


def test_german_excel_dialect_opens_as_columns(tmp_path):
    path, rows = _rows(tmp_path, "excel-de")
    raw = path.read_bytes()
    assert raw.startswith(BOM) and raw.count(BOM) == 1
    header = raw[len(BOM) :].decode("utf-8").splitlines()[0]
    assert header.split(";") == ["row_id", "name", "phone", "revenue_eur", "share", "due_date"]
    assert all(len(row) == 6 and None not in row for row in rows)
    assert [row["revenue_eur"] for row in rows[:3]] == ["-12,50", "1234,50", "0,00"]
    assert rows[0]["share"] == "-0,25" and rows[1]["share"] == "1,5"
    assert rows[6]["name"] == "Anna Schmidt; Müller"  # quoted, still one column
    assert rows[0]["name"] == "'=1+2" and rows[0]["phone"] == "'+49 30 1234"
    assert rows[7]["name"] == "'-12.50"  # text that looks like a number stays text


def test_dialect_follows_the_page_language_and_the_report_option():
    assert default_dialect("de") == "excel-de" and default_dialect("en") == "standard"
    parser = build_parser()
    assert parser.parse_args(["report", "--out", "x"]).csv_dialect is None
    given = parser.parse_args(["report", "--out", "x", "--lang", "de", "--csv-dialect", "standard"])
    assert given.csv_dialect == "standard"
    with pytest.raises(ValueError, match="CSV dialect"), duckdb.connect() as connection:
        export_csv(connection, "select 1 as a", Path("unused.csv"), "semicolon")


# --- a rendered export from a warehouse with a formula in it -----------------------------------


@pytest.fixture(scope="module")
def formula_warehouse(warehouse, tmp_path_factory) -> Path:
    """A copy of the test warehouse whose first win-back candidate is called like a formula."""
    path = tmp_path_factory.mktemp("formula") / "kundenstamm.duckdb"
    shutil.copyfile(warehouse, path)
    path.chmod(0o600)
    with duckdb.connect(str(path)) as connection:
        first = connection.execute(
            "select account_id from marts.rpt_winback_candidates order by priority_rank limit 1"
        ).fetchone()
        if first is None:
            pytest.skip("the test warehouse has no win-back candidates")
        connection.execute(
            "update marts.rpt_winback_candidates set account_name = ?, account_id = ? "
            "where account_id = ?",
            [FORMULA, FORMULA, first[0]],
        )
    return path


@pytest.mark.parametrize("pseudonymize", [False, True])
def test_rendered_export_neutralises_a_formula_name(formula_warehouse, tmp_path, pseudonymize):
    render_report(
        formula_warehouse, tmp_path, "de", max_rows=5, pseudonymize=pseudonymize, pseudonym_key="k"
    )
    rows = _read(tmp_path / "csv" / "winback.csv", ";")
    first = rows[0]
    assert first["account_id"] == "'" + FORMULA
    if pseudonymize:
        assert first["account_name"] == pseudonym("name", FORMULA, "k")
    else:
        assert first["account_name"] == "'" + FORMULA
    for row in rows:
        assert not row["account_name"].startswith(FORMULA_START), row
        assert not row["contact_phone"] or row["contact_phone"].startswith("'"), row
        if pseudonymize and row["contact_phone"]:
            assert row["contact_phone"].startswith("'+00 ")
        assert "," in row["value_at_stake_eur"] or row["value_at_stake_eur"] == "", row


# --- owner-only files --------------------------------------------------------------------------


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _fake_build(serving: Path) -> Path:
    """A finished build database as dbt leaves it (world-readable), with its run results."""
    build = serving.parent / "build" / serving.name
    build.parent.mkdir(parents=True)
    with duckdb.connect(str(build)) as connection:
        connection.execute("create schema meta; create schema marts")
        connection.execute("create table meta.build_state as select 'finished' as state, 'i1' as invocation_id")  # fmt: skip
        connection.execute("create table marts.dim_thing as select 1 as thing_id")
    build.chmod(0o644)
    build.parent.chmod(0o755)
    results = serving.parent / "run_results.json"
    results.write_text(json.dumps({"metadata": {"invocation_id": "i1"}, "results": []}))
    return results


def _build_publish_and_report(project_dir: Path, root: Path, warehouse: Path) -> dict[str, Path]:
    serving = root / "warehouse" / "kundenstamm.duckdb"
    serving.parent.mkdir(parents=True)
    results = _fake_build(serving)
    build = prepare_build(serving, lambda _: None)
    version = publish(project_dir, serving, run_results=results, say=lambda _: None)
    with duckdb.connect(str(serving), read_only=True) as reader:  # a BI tool as the same user
        assert reader.execute("select count(*) from marts.dim_thing").fetchone() == (1,)
    out = root / "report"
    key = warehouse.parent / KEY_FILE
    key.unlink(missing_ok=True)
    render_report(warehouse, out, "en", max_rows=5, pseudonymize=True)
    return {
        "key": key,
        "build": build,
        "build_dir": build.parent,
        "version": version.path,
        "serving": serving,
        "versions_dir": version.path.parent,
        "report_dir": out,
        "page": out / "index.html",
        "rfm_dir": out / "rfm",
        "csv_dir": out / "csv",
        "owner_csv_dir": out / "csv" / "winback",  # the per-owner lists
        "csv": out / "csv" / "winback.csv",
    }


def test_warehouse_report_and_key_files_are_owner_only(
    project_dir, formula_warehouse, tmp_path, monkeypatch
):
    monkeypatch.delenv("KUNDENSTAMM_BUILD_PATH", raising=False)
    monkeypatch.delenv("KUNDENSTAMM_PSEUDONYM_KEY", raising=False)
    monkeypatch.delenv(files.MODE_VARIABLE, raising=False)
    paths = _build_publish_and_report(project_dir, tmp_path, formula_warehouse)
    assert paths["serving"].stat().st_ino == paths["version"].stat().st_ino
    expected = {"build": 0o600, "version": 0o400, "serving": 0o400, "page": 0o600, "csv": 0o600}
    expected |= {"key": 0o600} | {name: 0o700 for name in paths if name.endswith("_dir")}
    assert {name: _mode(path) for name, path in paths.items()} == expected


def test_the_file_mode_setting_widens_them_for_a_group(
    project_dir, formula_warehouse, tmp_path, monkeypatch
):
    monkeypatch.delenv("KUNDENSTAMM_BUILD_PATH", raising=False)
    monkeypatch.delenv("KUNDENSTAMM_PSEUDONYM_KEY", raising=False)
    monkeypatch.setenv(files.MODE_VARIABLE, "0640")
    paths = _build_publish_and_report(project_dir, tmp_path, formula_warehouse)
    expected = {"build": 0o640, "version": 0o440, "serving": 0o440, "page": 0o640, "csv": 0o640}
    expected |= {"key": 0o640} | {name: 0o750 for name in paths if name.endswith("_dir")}
    assert {name: _mode(path) for name, path in paths.items()} == expected
    for wrong in ("0644x", "0400", "0755", "0060"):
        monkeypatch.setenv(files.MODE_VARIABLE, wrong)
        with pytest.raises(ValueError, match=files.MODE_VARIABLE):
            files.file_mode()


# --- pseudonyms of 64 bits ---------------------------------------------------------------------


def test_pseudonyms_carry_64_bits_and_do_not_collide():
    key = "test-key"
    assert HEX_DIGITS >= 16
    assert len(pseudonym("name", "Anna Schmidt", key)) == 2 + HEX_DIGITS
    assert pseudonym("email", "a@b.de", key).startswith("p-")
    assert len(pseudonym("email", "a@b.de", key).split("@")[0]) == 2 + HEX_DIGITS
    with duckdb.connect() as connection:
        for kind in ("name", "email", "phone"):
            sql = sql_pseudonym(kind, "value", key)
            distinct, shortest = connection.execute(
                f"select count(distinct p), min(length(p)) from (select {sql} as p "
                "from (select 'Kunde ' || i as value from range(200000) as r(i)))"
            ).fetchone()
            assert distinct == 200000, kind
            assert shortest >= 2 + HEX_DIGITS, kind
