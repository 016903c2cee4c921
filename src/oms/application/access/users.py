"""Use cases of console users: create one, change a password, disable one, and sign in with throttling."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from oms.domain.access.tokens import Role
from oms.domain.access.users import User, normalize_username
from oms.domain.shared.errors import AlreadyExists, BusinessRuleViolation, ConcurrencyConflict, InvalidValue, NotFound
from oms.domain.shared.ids import new_id
from oms.ports.access.users import PasswordHasher, UserStore
from oms.ports.shared.clock import Clock

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 1024  # far beyond any passphrase; keeps hashing a pasted file from tying up a worker
WRONG_CREDENTIALS = "the username or password is wrong"
SIGN_IN_ATTEMPTS = 3  # tries of one sign-in when another request changed the same user in between


class SignInRefused(BusinessRuleViolation):
    """A sign-in that did not succeed. Unknown users, wrong passwords and disabled users get the same message, so
    that the answer does not tell which usernames exist; only a locked user is told when to try again."""

    def __init__(self, detail: str = WRONG_CREDENTIALS) -> None:
        super().__init__("SignInRefused", detail)


def check_password(password: str) -> str:
    """A new password: at least `MIN_PASSWORD_LENGTH` characters, which is what makes guessing slow."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidValue("password", f"must be at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InvalidValue("password", f"must be at most {MAX_PASSWORD_LENGTH} characters")
    return password


def create_user(users: UserStore, hasher: PasswordHasher, clock: Clock, *, username: str, name: str,
                role: Role | str, password: str) -> User:
    """A new active user. A taken username is refused before the (slow) password hash is computed."""
    username = normalize_username(username)
    role = role if isinstance(role, Role) else Role.parse(role)
    check_password(password)
    if users.by_username(username) is not None:
        raise AlreadyExists("user", username)
    user = User(id=new_id(), username=username, name=name, role=role, password_hash=hasher.hash(password),
                created_at=clock.now())
    users.add(user)
    return user


def _existing(users: UserStore, username: str) -> User:
    user = users.by_username(username)
    if user is None:
        raise NotFound("user", username)
    return user


def set_password(users: UserStore, hasher: PasswordHasher, clock: Clock, username: str, password: str) -> User:
    """Give a user a new password; it also lifts a lock. The console's other sessions of the user end, since
    their `password_fingerprint` no longer matches."""
    check_password(password)
    user = _existing(users, username)
    user.change_password(hasher.hash(password))
    users.save(user)
    return user


def disable_user(users: UserStore, clock: Clock, username: str) -> User:
    """Take a user's access away: the next sign-in and the next console request of the user are refused."""
    user = _existing(users, username)
    user.disable(clock.now())
    users.save(user)
    return user


def sign_in(users: UserStore, hasher: PasswordHasher, clock: Clock, username: str, password: str) -> User:
    """The user these credentials belong to, signed in now; raises `SignInRefused` otherwise.

    Every refusal but a lock costs one password hash, so the time of the answer does not tell whether the username
    exists. Wrong passwords are counted (`User.sign_in_failed`), a success resets the count and, when the hash was
    made with weaker parameters than today's, stores a new one."""
    for _ in range(SIGN_IN_ATTEMPTS - 1):
        try:
            return _sign_in_once(users, hasher, clock, username, password)
        except ConcurrencyConflict:
            continue  # another request counted a failure or changed the user meanwhile: judge again on fresh data
    return _sign_in_once(users, hasher, clock, username, password)


def _sign_in_once(users: UserStore, hasher: PasswordHasher, clock: Clock, username: str, password: str) -> User:
    now = clock.now()
    try:
        user = users.by_username(normalize_username(username))
    except InvalidValue:
        user = None
    if user is None or len(password) > MAX_PASSWORD_LENGTH:
        hasher.hash(password[:MAX_PASSWORD_LENGTH])  # as long as checking a real user's password
        raise SignInRefused()
    if user.locked_at(now):
        raise SignInRefused(_locked(user))
    if not hasher.verify(user.password_hash, password):
        if not user.active:
            raise SignInRefused()
        user.sign_in_failed(now)
        users.save(user)
        raise SignInRefused(_locked(user) if user.locked_at(now) else WRONG_CREDENTIALS)
    if not user.active:
        raise SignInRefused()
    user.signed_in(now)
    if hasher.needs_rehash(user.password_hash):
        user.change_password(hasher.hash(password))
    users.save(user)
    return user


def _locked(user: User) -> str:
    """When a locked user may try again, to the minute, rounded up so that trying then works."""
    until = (user.locked_until or datetime.min.replace(tzinfo=UTC)).astimezone(UTC)
    minute = until.replace(second=0, microsecond=0)
    shown = minute if minute == until else minute + timedelta(minutes=1)
    return f"too many failed sign-ins; try again after {shown:%H:%M} UTC"


def password_fingerprint(user: User) -> str:
    """A short stable digest of the user's password hash, kept in a console session: when the password changes,
    the fingerprint does, and every session made with the old one is signed out."""
    return hashlib.sha256(user.password_hash.encode("utf-8")).hexdigest()[:16]
