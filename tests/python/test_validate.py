"""Malformed raw files stop the load with an error naming the file, the line and the problem."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from kundenstamm.validate import RawFileError, validate_raw_dir


def _rewrite_lines(path, change) -> None:
    """Replace the lines of a raw CSV file by `change(lines)`."""
    path.write_text("\n".join(change(path.read_text().splitlines())) + "\n")


def _assert_rejected(folder, contract, match: str, file_format: str = "csv") -> None:
    with pytest.raises(RawFileError, match=match):
        validate_raw_dir(folder, contract, file_format)


def test_mini_dataset_is_well_formed(mini_raw, contract):
    report = validate_raw_dir(mini_raw, contract, "csv")
    assert report.files["orders_order_lines.csv"] == 10
    assert report.warnings == []


def test_missing_column_names_file_and_column(mini_raw, contract):
    path = mini_raw / "orders_orders.csv"
    drop = path.read_text().splitlines()[0].split(",").index("currency_code")
    _rewrite_lines(
        path,
        lambda lines: [
            ",".join(f for i, f in enumerate(line.split(",")) if i != drop) for line in lines
        ],
    )
    _assert_rejected(
        mini_raw, contract, r"orders_orders\.csv, line 1: missing column\(s\) currency_code"
    )


def test_wrong_delimiter_is_named(mini_raw, contract):
    path = mini_raw / "crm_leads.csv"
    path.write_text(path.read_text().replace(",", ";"))
    _assert_rejected(mini_raw, contract, r"crm_leads\.csv, line 1: wrong delimiter.*';'")


def test_wrong_encoding_names_line_and_byte(mini_raw, contract):
    path = mini_raw / "crm_accounts.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))
    # "Bäckerei" on line 2 is the first non-ASCII character: ä is 0xe4 in Windows-1252.
    _assert_rejected(
        mini_raw,
        contract,
        r"crm_accounts\.csv, line 2, character \d+: not valid UTF-8 \(byte 0xe4\)",
    )


def test_ragged_row_names_line(mini_raw, contract):
    _rewrite_lines(
        mini_raw / "survey_nps_responses.csv",
        lambda lines: [*lines[:2], lines[2] + ",extra", *lines[3:]],
    )
    _assert_rejected(mini_raw, contract, r"survey_nps_responses\.csv, line 3: 6 fields, expected 5")


def test_unclosed_quote_is_reported(mini_raw, contract):
    path = mini_raw / "crm_cancellations.csv"
    path.write_text(
        path.read_text() + 'X0000002,A0000001,2025-02-01 10:00:00,other,"never closed\n'
    )
    _assert_rejected(mini_raw, contract, r"crm_cancellations\.csv, line \d+")


def test_missing_file_is_an_optional_table_with_a_note(mini_raw, contract):
    (mini_raw / "marketing_spend.csv").unlink()
    report = validate_raw_dir(mini_raw, contract, "csv")
    assert report.absent == ["marketing_spend.csv"]
    assert "marketing_spend.csv" not in report.files
    assert report.notes() == [
        "marketing_spend.csv not delivered: read as an empty table (what stays empty without "
        "it: meta.if_absent in models/staging/*/_*__sources.yml)"
    ]


def test_extra_column_warns_but_loads(mini_raw, contract):
    path = mini_raw / "crm_tickets.csv"
    _rewrite_lines(path, lambda lines: [lines[0] + ",note"] + [line + ",x" for line in lines[1:]])
    report = validate_raw_dir(mini_raw, contract, "csv")
    assert any("crm_tickets.csv" in w and "note" in w for w in report.warnings)


def test_parquet_missing_column_and_corrupt_file(tmp_path, mini_raw, contract):
    folder = tmp_path / "pq"
    folder.mkdir()
    for csv_path in mini_raw.glob("*.csv"):
        table = pacsv.read_csv(
            csv_path,
            convert_options=pacsv.ConvertOptions(
                column_types={
                    name: pa.string() for name in csv_path.read_text().splitlines()[0].split(",")
                }
            ),
        )
        pq.write_table(table, folder / f"{csv_path.stem}.parquet")
    assert validate_raw_dir(folder, contract, "parquet").files["orders_orders.parquet"] == 7
    table = pq.read_table(folder / "orders_products.parquet").drop_columns(["tier"])
    pq.write_table(table, folder / "orders_products.parquet")
    _assert_rejected(
        folder, contract, r"orders_products\.parquet: missing column\(s\) tier", "parquet"
    )
    (folder / "orders_products.parquet").write_bytes(b"not parquet at all")
    _assert_rejected(
        folder, contract, r"orders_products\.parquet: not a readable Parquet file", "parquet"
    )
