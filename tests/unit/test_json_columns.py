"""JSON columns (the outbox's payloads) are written by orjson, and what it does not take by the standard library:
the same values come back either way."""

from __future__ import annotations

import json
from pathlib import Path

from oms.adapters.sql.shared.engine import build_engine, json_text


def test_a_payload_reads_back_equal_and_an_integer_beyond_64_bits_falls_back_to_the_standard_library() -> None:
    payload = {"number": "INV-2026-000001", "total": "107.10", "lines": [{"sku": "Å-1", "quantity": "1"}],
               "flag": True, "none": None}
    huge = {"n": 2**70}

    assert json.loads(json_text(payload)) == payload
    assert json.loads(json_text(huge)) == huge


def test_both_databases_encode_json_columns_with_it(tmp_path: Path) -> None:
    for url in ("postgresql://postgres@127.0.0.1/postgres", f"sqlite:///{tmp_path}/oms.db"):
        engine = build_engine(url)  # connects lazily: nothing is opened here
        assert engine.dialect._json_serializer is json_text
