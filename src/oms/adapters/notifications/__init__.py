"""Notifiers: messages sent to an SMTP server (`smtp.py`), configured by one URL (`url.py`, OMS_SMTP_URL).

`notifier_from_url(url)` is how a deployment chooses: an smtp:// or smtps:// URL gives an `SmtpNotifier`; none gives
no notifier (what would send messages sends none). The in-memory notifier of tests and demos is
`oms.adapters.memory.notifier.InMemoryNotifier`.
"""

from __future__ import annotations

from oms.adapters.notifications.smtp import SmtpNotifier
from oms.adapters.notifications.url import InvalidSmtpUrl, SmtpSettings, parse_smtp_url
from oms.ports.shared.notifier import Notifier

__all__ = ["InvalidSmtpUrl", "SmtpNotifier", "SmtpSettings", "notifier_from_url", "parse_smtp_url"]


def notifier_from_url(url: str | None) -> Notifier | None:
    """The notifier of this URL, or None when it is unset (InvalidSmtpUrl, naming the part, when it is wrong)."""
    if not url or not url.strip():
        return None
    return SmtpNotifier.from_url(url)
