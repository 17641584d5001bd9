#!/usr/bin/env bash
# All tests: lint, dbt build (models + data tests + unit tests) on DuckDB and on Spark with the
# demo data, then pytest. Set KUNDENSTAMM_SKIP_SPARK=1 to leave out the Spark build locally.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"
export DBT_PROFILES_DIR="$PWD/profiles"
export KUNDENSTAMM_DUCKDB_PATH="$PWD/warehouse/test/kundenstamm.duckdb"
export KUNDENSTAMM_SPARK_WAREHOUSE="$PWD/warehouse/test/spark-warehouse"
rm -rf warehouse/test && mkdir -p warehouse/test

echo "== lint"
ruff check src tests scripts
ruff format --check src tests scripts
sqlfluff lint models macros tests analyses --processes 2 --disable-progress-bar
dbt parse --quiet
dbt-score lint --manifest target/manifest.json --show failing-items

echo "== dbt build on DuckDB (demo data)"
kundenstamm build --target duckdb

if [ "${KUNDENSTAMM_SKIP_SPARK:-0}" != "1" ]; then
  echo "== dbt build on Spark (demo data)"
  kundenstamm build --target spark
fi

echo "== pytest"
pytest
