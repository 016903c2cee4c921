"""`BodyLimit`: a WSGI middleware that reads every request body up to the size limit, chunked or not, before the app.

Why: gunicorn hands a chunked body to the app without a Content-Length, and Werkzeug's limit on such a stream
stops reading at exactly the limit without telling that more was coming, so the app used to run the first MiB of a
larger body (or choke on its cut-off JSON). Here the body is read by counting the bytes actually received: at most
`limit` + 1 of them are kept, and the app is handed them as a body with a Content-Length. A body over the limit then
carries a Content-Length over the limit, which the app refuses with 413 before it reads or runs anything. Waitress
(`oms serve`) buffers a chunked body itself and gives it a Content-Length; the middleware changes nothing there.

The rest of a body over the limit, up to `DRAIN_BYTES`, is read and thrown away before the app answers, so the
client, which sends its whole body before it reads an answer, gets the 413 on a connection that stays usable.
Without that, gunicorn closed the connection with the body unread, its kernel answered the client's next bytes
with a reset, and the client saw "connection reset" or a broken pipe instead of the 413. A client that sends more
than `DRAIN_BYTES` beyond the limit is not waited for: the server then closes the connection as before.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

READ_SIZE = 64 * 1024
DRAIN_BYTES = 16 * 1024 * 1024


def _is_chunked(environ: WSGIEnvironment) -> bool:
    return "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()


def _declared_length(environ: WSGIEnvironment) -> int | None:
    """The Content-Length, if there is a valid one and the body is not chunked."""
    if _is_chunked(environ):
        return None
    value = environ.get("CONTENT_LENGTH", "").strip()
    return int(value) if value.isascii() and value.isdigit() else None


def _read(stream: IO[bytes], size: int) -> bytes:
    """Up to `size` bytes, fewer only if the body ends first."""
    parts, got = [], 0
    while got < size:
        part = stream.read(min(READ_SIZE, size - got))
        if not part:
            break
        parts.append(part)
        got += len(part)
    return b"".join(parts)


def _discard(stream: IO[bytes], size: int) -> None:
    """Read and forget up to `size` bytes."""
    while size > 0:
        part = stream.read(min(READ_SIZE, size))
        if not part:
            return
        size -= len(part)


class BodyLimit:
    """Wraps a WSGI app so that it never sees more than `limit` + 1 bytes of a body, and sees how many it got."""

    def __init__(self, app: WSGIApplication, limit: int) -> None:
        self.app = app
        self.limit = limit

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        declared = _declared_length(environ)
        stream: IO[bytes] = environ["wsgi.input"]
        if declared is not None:
            if declared > self.limit:  # refused on its Content-Length: nothing of it is kept
                body = b""
                if declared <= self.limit + DRAIN_BYTES:
                    _discard(stream, declared)
            else:  # kept whole; a body that ends short of its Content-Length still looks so to the app (400)
                body = _read(stream, declared)
        elif _is_chunked(environ) and environ.get("wsgi.input_terminated"):
            body = _read(stream, self.limit + 1)  # up to the end of the body, which the server marks
            if len(body) > self.limit:
                _discard(stream, DRAIN_BYTES)
            environ.pop("HTTP_TRANSFER_ENCODING")
            environ["CONTENT_LENGTH"] = str(len(body))
        else:  # no body, or one whose end the server does not mark: Werkzeug reads none of it either
            return self.app(environ, start_response)
        environ["wsgi.input"] = io.BytesIO(body)
        return self.app(environ, start_response)
