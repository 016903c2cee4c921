"""What the console is built from: its settings (the key that signs sessions) and the stores it signs users in
with, kept in `app.extensions`."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path

from attrs import field, frozen
from flask import current_app
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from oms.ports.access.users import PasswordHasher, UserStore

EXTENSION = "oms.console"
SIGN_IN_LIMIT = "10 per minute"  # per client address, on top of the per-user lockout of the access context


@frozen(kw_only=True)
class ConsoleSettings:
    """`secret_key` signs the session cookies and the CSRF tokens: every process serving one database must share it
    (OMS_SECRET_KEY). `sign_in_limit`: sign-in attempts a client address may make (flask-limiter's notation);
    `limit_storage`: where they are counted (memory:// per process; redis://... to share among processes)."""

    secret_key: str
    sign_in_limit: str = SIGN_IN_LIMIT
    limit_storage: str = "memory://"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, *, database_url: str | None = None,
                 shared: bool = False) -> ConsoleSettings:
        """OMS_SECRET_KEY, else a key kept beside the embedded SQLite file (made on first start, readable by its
        owner only), else a key made for this process alone (sessions then end when it stops), which `shared` (one
        of several processes serving a database: gunicorn's workers) refuses with a ValueError that says what to
        set: each worker would sign sessions the others reject."""
        env = os.environ if environ is None else environ
        given = env.get("OMS_SECRET_KEY", "").strip()
        if not given and shared and _sqlite_file(database_url) is None:
            raise ValueError("set OMS_SECRET_KEY (the same random string for every worker, e.g. from "
                             "`python3 -c 'import secrets; print(secrets.token_urlsafe(32))'`): it signs the "
                             "console's sessions and forms")
        key = given or _kept_key(database_url)
        return cls(secret_key=key, sign_in_limit=env.get("OMS_SIGN_IN_LIMIT", "").strip() or SIGN_IN_LIMIT,
                   limit_storage=env.get("OMS_RATE_LIMIT_STORAGE", "").strip() or "memory://")


def _kept_key(database_url: str | None) -> str:
    path = _sqlite_file(database_url)
    if path is None:
        return secrets.token_urlsafe(32)
    keyfile = path.with_name(path.name + ".secret")
    try:
        return keyfile.read_text().strip()
    except FileNotFoundError:
        pass
    key = secrets.token_urlsafe(32)
    try:
        descriptor = os.open(keyfile, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first: use theirs
        return keyfile.read_text().strip()
    with os.fdopen(descriptor, "w") as out:
        out.write(key + "\n")
    return key


def _sqlite_file(database_url: str | None) -> Path | None:
    prefix = "sqlite:///"
    if not database_url or not database_url.startswith(prefix) or ":memory:" in database_url:
        return None
    return Path(database_url[len(prefix):].split("?")[0]).resolve()


@frozen(kw_only=True)
class Console:
    """Everything a console view reaches through `current_app.extensions["oms.console"]`; `sign_ins` counts the
    sign-in attempts of each client address (the `limits` library, which flask-limiter is built on: only the
    sign-in form is limited, so nothing runs on the API's requests)."""

    users: UserStore
    passwords: PasswordHasher
    settings: ConsoleSettings
    sign_ins: MovingWindowRateLimiter = field(init=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "sign_ins", MovingWindowRateLimiter(storage_from_string(self.settings.limit_storage)))

    def may_try_to_sign_in(self, address: str) -> bool:
        """Count one sign-in attempt from `address`; False once it made more than the settings allow."""
        return self.sign_ins.hit(parse(self.settings.sign_in_limit), "sign-in", address)


def console() -> Console:
    found: Console = current_app.extensions[EXTENSION]
    return found
