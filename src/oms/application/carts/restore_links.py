"""The link of a recovery message that restores its cart: `{base}/shop/carts/<cart id>/restore?key=<key>`.

The key is `<stage>.<HMAC-SHA256 of the cart id and the stage>` under a server secret, so only oms can make one, it
names the stage whose message was followed (to count recoveries by stage), and it opens that cart alone. The secret
is derived from the server's (OMS_SECRET_KEY) for this purpose only: a key of a link never signs a session."""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import quote, urlencode

from attrs import field, frozen

PURPOSE = b"oms cart restore links v1"


def _base(value: str) -> str:
    return value.rstrip("/")


@frozen(kw_only=True)
class RestoreLinks:
    """Makes and checks the links that restore a cart. `base_url`: where the shop front answers (OMS_PUBLIC_URL);
    `secret`: the server's secret (never shown)."""

    base_url: str = field(converter=_base)
    secret: str = field(repr=False)

    def _mac(self, cart_id: str, stage: int) -> str:
        key = hmac.new(self.secret.encode(), PURPOSE, hashlib.sha256).digest()
        return hmac.new(key, f"{cart_id}\n{stage}".encode(), hashlib.sha256).hexdigest()

    def key(self, cart_id: str, stage: int) -> str:
        """The key of the link of this stage's message of this cart (the same every time it is asked)."""
        return f"{stage}.{self._mac(cart_id, stage)}"

    def url(self, cart_id: str, stage: int) -> str:
        return f"{self.base_url}/shop/carts/{quote(cart_id, safe='')}/restore?" + urlencode(
            {"key": self.key(cart_id, stage)})

    def verify(self, cart_id: str, key: str) -> int | None:
        """The stage whose link this key is, if it was made for this cart by this server; None otherwise (compared
        in constant time)."""
        stage, _, mac = key.partition(".")
        if not (stage.isascii() and stage.isdigit()) or not 0 < int(stage) < 100:
            return None
        return int(stage) if hmac.compare_digest(mac.encode(), self._mac(cart_id, int(stage)).encode()) else None
