"""A Spark session configured exactly like the `spark` target of profiles/profiles.yml.

The profile is the one home of the Spark settings (warehouse folder, metastore, memory, shuffle
partitions, time zone, logging): the Python steps and the engine comparison read the same
`server_side_parameters`, rendered with the same environment variables as dbt renders them.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import jinja2
import yaml


def _env_var(name: str, default: str | None = None) -> str:
    if name in os.environ:
        return os.environ[name]
    if default is None:
        raise KeyError(f"environment variable {name} is not set")
    return default


def spark_conf(project_dir: Path) -> dict[str, str]:
    """The `server_side_parameters` of the profile's spark target, rendered."""
    profiles_dir = Path(os.environ.get("DBT_PROFILES_DIR", project_dir / "profiles"))
    if not profiles_dir.is_absolute():
        profiles_dir = project_dir / profiles_dir
    document = yaml.safe_load((profiles_dir / "profiles.yml").read_text(encoding="utf-8"))
    parameters = document["kundenstamm"]["outputs"]["spark"]["server_side_parameters"]
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined)
    return {
        key: environment.from_string(str(value)).render(env_var=_env_var)
        for key, value in parameters.items()
    }


def spark_session(project_dir: Path, app_name: str = "kundenstamm"):
    """A Hive-enabled local Spark session on the project's Spark warehouse.

    Relative paths in the profile are relative to the current folder, as they are for dbt: run
    it from the project folder.
    """
    # pyspark warns that pandas 3 is newer than it was tested with, on import and on every
    # conversion; those the project uses (toPandas, createDataFrame, toArrow) are covered by the
    # engine-equivalence test. Only that warning of pyspark's own modules is silenced.
    warnings.filterwarnings(
        "ignore",
        message="PySpark does not yet fully support pandas",
        category=FutureWarning,
        module=r"pyspark\.",
    )
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name)
    for key, value in spark_conf(project_dir).items():
        builder = builder.config(key, value)
    return builder.enableHiveSupport().getOrCreate()


def dump_schema(project_dir: Path, schema: str, out: Path, views: bool = False) -> list[str]:
    """Write every table (and, with `views`, every view) of a Spark schema as Parquet files
    `<out>/<name>.parquet`; return the names. Run in a child process by `read_schema_in_child`."""
    import pyarrow.parquet as pq

    session = spark_session(project_dir, "kundenstamm-dump")
    try:
        names = sorted(
            table.name
            for table in session.catalog.listTables(schema)
            if not table.isTemporary and (views or table.tableType != "VIEW")
        )
        out.mkdir(parents=True, exist_ok=True)
        for name in names:
            pq.write_table(session.table(f"`{schema}`.`{name}`").toArrow(), out / f"{name}.parquet")
    finally:
        session.stop()
    return names


def read_schema_in_child(
    project_dir: Path, schema: str, env: dict[str, str] | None = None, views: bool = False
):
    """Every table of a Spark schema as Arrow tables, read by a child process (its JVM, and the
    lock it takes on the embedded metastore, end with it)."""
    import subprocess
    import sys
    import tempfile

    import pyarrow.parquet as pq

    environment = dict(os.environ)
    environment.update(env or {})
    with tempfile.TemporaryDirectory() as folder:
        command = [
            sys.executable,
            "-m",
            "kundenstamm.spark",
            "--project-dir",
            str(project_dir),
            "--schema",
            schema,
            "--out",
            folder,
        ]
        if views:
            command.append("--views")
        result = subprocess.run(
            command, cwd=project_dir, env=environment, capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise RuntimeError(f"reading Spark schema {schema} failed:\n{result.stderr[-4000:]}")
        return {path.stem: pq.read_table(path) for path in sorted(Path(folder).glob("*.parquet"))}


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Write a Spark schema's tables as Parquet.")
    parser.add_argument("--project-dir", type=Path, required=True)
    parser.add_argument("--schema", required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--views", action="store_true")
    args = parser.parse_args(argv)
    dump_schema(args.project_dir, args.schema, args.out, args.views)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
