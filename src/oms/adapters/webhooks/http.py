"""The webhook sender on urllib3: a bounded connect and read timeout, no redirects followed, no retries of its own
(the delivery worker schedules them)."""

from __future__ import annotations

from collections.abc import Mapping

import urllib3

from oms.ports.webhooks.sender import SendResult

CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 5.0


class Urllib3WebhookSender:
    def __init__(self, connect_timeout: float = CONNECT_TIMEOUT, read_timeout: float = READ_TIMEOUT,
                 pool_size: int = 8) -> None:
        self._pool = urllib3.PoolManager(
            num_pools=pool_size, maxsize=pool_size, retries=False,
            timeout=urllib3.Timeout(connect=connect_timeout, read=read_timeout))

    def post(self, url: str, body: bytes, headers: Mapping[str, str]) -> SendResult:
        try:
            response = self._pool.request("POST", url, body=body, headers=dict(headers), redirect=False,
                                          retries=False, preload_content=False)
        except urllib3.exceptions.HTTPError as error:
            return SendResult(None, f"{type(error).__name__}: {error}"[:500])
        try:
            response.read(64 * 1024, decode_content=False)  # enough to reuse the connection; the rest is dropped
        except urllib3.exceptions.HTTPError:
            pass
        finally:
            response.release_conn()
        return SendResult(response.status)
