"""The API's examples, as recorded from the example scenario (`python -m oms.entrypoints.http.record_examples`):
for each operation id, the URL's parameters, the query, the request body and the response."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

EXAMPLES_FILE = Path(__file__).with_name("examples.json")


def recorded_examples() -> dict[str, dict[str, Any]]:
    """Every recorded example by operation id; none when the file has not been recorded yet."""
    if not EXAMPLES_FILE.exists():
        return {}
    found: dict[str, dict[str, Any]] = json.loads(EXAMPLES_FILE.read_text(encoding="utf-8"))
    return found
