"""Append-only writers for the generated tables: one CSV or Parquet file per table."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq


class TableWriter:
    """Writes chunks of each table to `<folder>/<prefix><name>.<fmt>`, header once.

    CSV files hold text exactly as a raw delivery would (ISO dates, `true`/`false`, empty for
    null, money with two decimals); Parquet files keep the types.
    """

    def __init__(self, folder: Path, fmt: str, prefix: str = "") -> None:
        self.folder = folder
        self.fmt = fmt
        self.prefix = prefix
        self._writers: dict[str, object] = {}
        self._sinks: dict[str, object] = {}

    def write(self, name: str, table: pa.Table) -> None:
        if self.fmt == "csv":
            table = table.cast(pa.schema([(field.name, pa.string()) for field in table.schema]))
        writer = self._writers.get(name)
        if writer is None:
            path = self.folder / f"{self.prefix}{name}.{self.fmt}"
            if self.fmt == "csv":
                sink = pa.OSFile(str(path), "wb")
                writer = pacsv.CSVWriter(
                    sink, table.schema, write_options=pacsv.WriteOptions(quoting_style="needed")
                )
                self._sinks[name] = sink
            else:
                writer = pq.ParquetWriter(str(path), table.schema, compression="zstd")
            self._writers[name] = writer
        writer.write_table(table)

    def close(self) -> None:
        for writer in self._writers.values():
            writer.close()
        for sink in self._sinks.values():
            sink.close()
        self._writers.clear()
        self._sinks.clear()
