#!/usr/bin/env bash
# All tests: lint, dbt build (models + data tests + unit tests) on DuckDB and on Spark with the
# demo data, then pytest (which also compares every mart of the two builds). Each phase's
# duration is printed at the end (and kept in warehouse/test/phases.txt).
# Set KUNDENSTAMM_SKIP_SPARK=1 to leave out the Spark build (and the engine comparison) locally.
set -euo pipefail
cd "$(dirname "$0")/.."

phases=warehouse/test/phases.txt
started=$SECONDS
phase_start=$SECONDS
phase_name=""
phase() {  # phase NAME: end the running phase (recording its duration), start the next
  if [ -n "$phase_name" ]; then
    printf '%-28s %5d s\n' "$phase_name" $((SECONDS - phase_start)) >>"$phases"
  fi
  phase_name=$1
  phase_start=$SECONDS
  [ -n "$phase_name" ] && echo "== $phase_name"
  return 0
}
report_phases() {
  phase ""
  printf '%-28s %5d s\n' "total (test command)" $((SECONDS - started)) >>"$phases"
  echo "== phase durations"
  cat "$phases"
}
trap report_phases EXIT

rm -rf warehouse/test && mkdir -p warehouse/test/build
: >"$phases"

phase "set-up (.venv)"
bash scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"
export DBT_PROFILES_DIR="$PWD/profiles"
export KUNDENSTAMM_DUCKDB_PATH="$PWD/warehouse/test/kundenstamm.duckdb"
export KUNDENSTAMM_SPARK_WAREHOUSE="$PWD/warehouse/test/spark-warehouse"

# without_colours COMMAND...: run it; when the output is no terminal (a CI log, a file), drop the
# colour codes of a tool that writes them anyway (dbt-score)
without_colours() {
  if [ -t 1 ]; then "$@"; else "$@" | sed 's/\x1b\[[0-9;]*m//g'; fi
}

phase "lint"
ruff check src tests scripts
ruff format --check src tests scripts
# The dbt templater renders every model, singular test and analysis of the duckdb target; macro
# files, generic tests and the Spark-only models are in .sqlfluffignore (they are no nodes of it).
sqlfluff lint models tests analyses --processes 2 --disable-progress-bar
# The Spark-only models (models/**/spark/): the jinja templater with dbt's builtins, Spark SQL.
mapfile -t spark_models < <(find models -type d -name spark)
sqlfluff lint --templater jinja --dialect sparksql --disregard-sqlfluffignores \
  --disable-progress-bar "${spark_models[@]}"
dbt parse --quiet
without_colours dbt-score lint --manifest target/manifest.json --show failing-items
# The GitHub workflows, with shellcheck on their run: scripts, and the project's shell scripts.
actionlint -no-color -shellcheck "$PWD/.venv/bin/shellcheck"
shellcheck scripts/*.sh .ci/run

phase "dbt build on DuckDB (demo)"
kundenstamm build --target duckdb

if [ "${KUNDENSTAMM_SKIP_SPARK:-0}" != "1" ]; then
  # Models and seeds on Spark. The data tests are left to the engine comparison in pytest: every
  # mart equal to DuckDB's, where every data test passed, gives the same results; the unit tests
  # (hand-made rows, the same SQL) ran on DuckDB above. The nightly workflow runs both on Spark
  # too, at 20,000 customers (scripts/bench_engines.py builds with every test).
  phase "dbt build on Spark (demo)"
  # A full build: the incremental path on Spark (nightly loads with late data against a full
  # build) is proven by the nightly workflow (KUNDENSTAMM_SPARK_INCREMENTAL=1), which does not fit
  # this command's time budget.
  kundenstamm build --target spark --exclude test_type:data test_type:unit 2>&1 | tee warehouse/test/spark-build.log
fi

phase "pytest"
# Two workers, each test module on one of them (modules share their builds), the slowest modules
# first (tests/python/conftest.py); the slowest tests are listed at the end.
pytest -n 2 --dist loadfile --no-loadscope-reorder --durations=40
