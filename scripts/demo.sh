#!/usr/bin/env bash
# The main job: set up, build the warehouse from the demo data (warehouse/kundenstamm.duckdb)
# and render the reports.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/kundenstamm run "$@"
