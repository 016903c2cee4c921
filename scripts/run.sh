#!/usr/bin/env bash
# Runs oms: installs it into .venv on first use, then starts it with demo data.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/scripts/venv.sh" >/dev/null
exec "$root/.venv/bin/oms" demo "$@"
