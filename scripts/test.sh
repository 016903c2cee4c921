#!/usr/bin/env bash
# Runs every check and test: ruff, mypy --strict, the import-linter contracts, then pytest (unit + integration,
# PostgreSQL included: OMS_TEST_POSTGRES_URL, default postgresql+psycopg://postgres@127.0.0.1:5432/postgres), on as
# many pytest-xdist workers as the machine has cores (OMS_TEST_WORKERS=0 runs them in this process, e.g. to use --pdb);
# the 25 slowest tests are listed at the end, to keep the run short.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
bash scripts/venv.sh dev >/dev/null
bin=.venv/bin
"$bin/python" -m compileall -q -j 0 tests benchmarks  # as venv.sh does src
echo "== ruff"; "$bin/ruff" check .
echo "== mypy --strict"; "$bin/mypy"
echo "== import contracts"; "$bin/lint-imports"
echo "== pytest"; "$bin/pytest" -p no:cacheprovider -n "${OMS_TEST_WORKERS:-auto}" --durations=25 "$@"
