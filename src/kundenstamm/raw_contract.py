"""The raw data contract: which raw tables exist and which columns each must have.

The single source of truth is the dbt sources YAML (models/staging/<source>/_<source>__sources.yml);
this module reads it so the file validator, the demo seeds and the generator cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class RawTable:
    """One raw table: the dbt source and table name, its identifier (file name) and columns."""

    source: str
    name: str
    identifier: str
    columns: tuple[str, ...]


def load_contract(project_dir: Path) -> dict[str, RawTable]:
    """All raw tables declared in the project's sources YAML, keyed by identifier."""
    tables: dict[str, RawTable] = {}
    for path in sorted((project_dir / "models" / "staging").glob("*/_*__sources.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for source in document.get("sources", []):
            for table in source.get("tables", []):
                identifier = table.get("identifier", table["name"])
                columns = tuple(column["name"] for column in table.get("columns", []))
                tables[identifier] = RawTable(source["name"], table["name"], identifier, columns)
    if not tables:
        raise FileNotFoundError(f"No sources YAML found under {project_dir / 'models' / 'staging'}")
    return tables
