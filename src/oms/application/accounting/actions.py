"""The accounting commands, declared once: the chart of accounts, the account mapping, manual journal entries and
the lock date."""

from __future__ import annotations

from typing import Any

from oms.application.accounting import books
from oms.application.accounting.queries import show_account, show_chart, show_entry, show_lock_date
from oms.application.accounting.views import ChartView, LockDateView
from oms.application.shared.actions import Action, Resource
from oms.domain.access.tokens import Role

ACCOUNT = Resource(name="account", title="account", path="/accounting/accounts", cli="account", tag="accounting",
                   show=show_account, ref="code", ref_field="code", key=lambda view: view.code)
JOURNAL_ENTRY = Resource(name="journal_entry", title="journal entry", path="/accounting/journal-entries",
                         cli="ledger", tag="accounting", show=show_entry)
LEDGER = Resource(name="ledger", title="books", path="/accounting", cli="ledger", tag="accounting")


def _lock_date(uow: Any, _command: books.SetLockDate, _result: None) -> LockDateView:
    return show_lock_date(uow)


def _chart(uow: Any, _command: books.MapAccount, _result: None) -> ChartView:
    return show_chart(uow)


def _deleted(uow: Any, _command: books.DeleteAccount, _result: None) -> ChartView:
    return show_chart(uow)


ACTIONS = [
    Action(ACCOUNT, "create", books.CreateAccount, Role.MANAGER, "Add an account to the chart", path="",
           collection=True, status=201, creates=ACCOUNT),
    Action(ACCOUNT, "update", books.UpdateAccount, Role.MANAGER, "Rename an account, deactivate or activate it",
           method="PATCH", path=""),
    Action(ACCOUNT, "delete", books.DeleteAccount, Role.MANAGER, "Delete an account that has no entries",
           method="DELETE", path="", answer=_deleted),
    Action(LEDGER, "map", books.MapAccount, Role.MANAGER, "Post a role (receivable, revenue, tax payable, ...) to an "
           "account, for everything or for one tax rate, product, tax category or warehouse; without an account, "
           "remove the mapping", method="PUT", path="mappings", collection=True, answer=_chart,
           operation="map_account", arguments=("role",)),
    Action(LEDGER, "lock", books.SetLockDate, Role.MANAGER, "Lock the books up to a date: nothing is posted on or "
           "before it", method="PUT", path="lock-date", collection=True, answer=_lock_date,
           operation="set_lock_date", arguments=("lock_date",)),
    Action(LEDGER, "post", books.PostJournalEntry, Role.MANAGER, "Post a manual journal entry whose debits equal "
           "its credits", path="journal-entries", collection=True, status=201, creates=JOURNAL_ENTRY,
           operation="post_journal_entry"),
]
