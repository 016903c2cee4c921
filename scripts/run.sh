#!/usr/bin/env bash
# Runs oms: installs it into .venv on first use, then serves the API and the scheduler on ./oms.db (SQLite, created
# and migrated on first start) with demo data, at http://127.0.0.1:8000/api/v1. Extra arguments go to `oms serve`.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
bash scripts/venv.sh >/dev/null
exec .venv/bin/oms serve --demo "$@"
