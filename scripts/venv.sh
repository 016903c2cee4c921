#!/usr/bin/env bash
# Creates .venv beside the project and installs oms into it (with the dev tools when asked), once per change
# of pyproject.toml. Sourced by run.sh and test.sh; prints the python to use.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
extras=${1:-}
python=${PYTHON:-python3}
if ! command -v "$python" >/dev/null; then
    echo "oms needs Python 3.11 or newer as $python" >&2
    exit 1
fi
if [ ! -x "$root/.venv/bin/python" ]; then
    "$python" -m venv "$root/.venv" >&2
fi
stamp="$root/.venv/.installed${extras:+-$extras}"
if [ ! -f "$stamp" ] || [ "$root/pyproject.toml" -nt "$stamp" ]; then
    "$root/.venv/bin/python" -m pip install --quiet --disable-pip-version-check -e "$root${extras:+[$extras]}" >&2
    touch "$stamp"
fi
# oms's own modules compiled ahead (only what changed): where PYTHONDONTWRITEBYTECODE is set, as on CI's machines,
# every `oms` process, server worker and test worker compiled them again at each start (0.3 s a process)
"$root/.venv/bin/python" -m compileall -q -j 0 "$root/src" >&2
echo "$root/.venv/bin/python"
