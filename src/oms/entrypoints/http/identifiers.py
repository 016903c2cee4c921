"""What a path or query parameter, or an identifier field of a body, may hold: UTF-8 text without control characters.

Such input is refused at the boundary (400 for a parameter, 422 for a body field) so it never reaches the
application: PostgreSQL cannot store or even compare a NUL, and no code, number or id holds a control character,
so every backend answers alike. A URL's bytes that are not UTF-8 (a lone surrogate's among them) are refused too:
Werkzeug would hand them on as U+FFFD in the path and percent-encoded in the query. Free-text fields of bodies
(names, notes, references) keep taking any character but NUL and unpaired surrogates (see `converter`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote_to_bytes

from oms.entrypoints.http.problems import Culprit, Problem
from oms.entrypoints.json.identifiers import unfit

NOT_UTF8 = "must be UTF-8 text"


def check_path(args: Mapping[str, str], environ: Mapping[str, Any]) -> None:
    """Raise a 400 naming every path parameter that holds a control character or bytes that are not UTF-8 (which
    Werkzeug decodes to U+FFFD: a parameter holding one, in a path that is not UTF-8, is where they were)."""
    utf8 = _path_is_utf8(environ)
    culprits = []
    for name, value in args.items():
        detail = NOT_UTF8 if not utf8 and "\ufffd" in value else unfit(value)
        if detail is not None:
            culprits.append(Culprit(detail, parameter=name))
    if culprits:
        raise Problem("malformed-request", "; ".join(f"path parameter {c.parameter}: {c.detail}" for c in culprits),
                      errors=culprits)


def _path_is_utf8(environ: Mapping[str, Any]) -> bool:
    """Whether the path's bytes are UTF-8: PATH_INFO holds them as Latin-1 (PEP 3333), and the request line as sent
    (RAW_URI under gunicorn, REQUEST_URI under waitress and Werkzeug) holds them percent-encoded."""
    paths = [environ.get("PATH_INFO", "").encode("latin-1", "replace")]
    raw = environ.get("RAW_URI") or environ.get("REQUEST_URI")
    if isinstance(raw, str):
        paths.append(unquote_to_bytes(raw.partition("?")[0].encode("latin-1", "replace")))
    return all(_is_utf8(path) for path in paths)


def undecodable_query_parameters(query_string: bytes) -> list[str]:
    """The names of the query parameters whose name or value, percent-decoded, is not UTF-8."""
    names = []
    for pair in query_string.split(b"&"):
        raw_name, _, raw_value = pair.partition(b"=")
        name, value = (unquote_to_bytes(part.replace(b"+", b" ")) for part in (raw_name, raw_value))
        if not (_is_utf8(name) and _is_utf8(value)):
            names.append(name.decode("utf-8", "replace"))
    return names


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
