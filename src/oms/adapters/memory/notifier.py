"""A notifier that keeps the messages in memory: for tests, demos and embedding, where nothing should leave."""

from __future__ import annotations

from attrs import define, field

from oms.ports.shared.notifier import EmailMessage, NotificationFailed


@define
class InMemoryNotifier:
    """`sent`: every message taken, in order (a message sent twice is there twice, as a mail server would get it);
    `fail_next(n)` makes the next n sends raise NotificationFailed without taking the message, for tests of retries.
    `attempts` counts every call, failed or not."""

    sent: list[EmailMessage] = field(factory=list)
    attempts: int = field(default=0, init=False)
    _failures: list[bool] = field(factory=list, init=False)  # one per coming failure: whether it is permanent

    def send(self, message: EmailMessage) -> None:
        self.attempts += 1
        if self._failures:
            permanent = self._failures.pop(0)
            raise NotificationFailed(message.message_id, "the server is unavailable (a failure asked for by a test)",
                                     permanent=permanent)
        self.sent.append(message)

    def fail_next(self, count: int = 1, *, permanent: bool = False) -> None:
        """Make the next `count` sends fail (transiently, unless `permanent`)."""
        self._failures.extend([permanent] * count)

    def sent_to(self, address: str) -> list[EmailMessage]:
        """The messages sent to this address (compared without case)."""
        return [m for m in self.sent if address.lower() in (to.lower() for to in m.to)]

    @property
    def message_ids(self) -> list[str]:
        return [m.message_id for m in self.sent]
