"""The books in the console: the chart of accounts (with its mapping, the lock date and the forms that change
them), the trial balance, an account's ledger, the journal and one entry; read through the application's queries,
as the API answers them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, request

from oms.application.accounting import queries
from oms.application.accounting.actions import ACCOUNT, JOURNAL_ENTRY, LEDGER
from oms.application.actions import ACTIONS
from oms.application.shared.actions import Action
from oms.entrypoints.console.actions import DETAIL_PAGES, action_url, has_inputs, offered
from oms.entrypoints.console.auth import can
from oms.entrypoints.console.pages import query_day, viewer_page
from oms.entrypoints.http.config import api


def _can(action: Action) -> bool:
    return can(action.role)


def _page(template: str, read: Callable[[], Any], **context: Any) -> Any:
    """A page of the books, with the period its filters chose."""
    return viewer_page(f"console/{template}.html", read, since=request.args.get("since", ""),
                       until=request.args.get("until", ""), action_url=action_url, has_inputs=has_inputs,
                       **context)


def chart_page() -> Any:
    actions = [action for action in ACTIONS if action.resource in (ACCOUNT, LEDGER) and action.collection]
    return _page("chart", lambda: api().system.read(queries.show_chart), actions=actions)


def trial_balance_page() -> Any:
    return _page("trial_balance", lambda: api().system.read(queries.trial_balance, since=query_day("since"),
                                                           until=query_day("until")))


def account_page(ref: str) -> Any:
    return _page("account_ledger", lambda: api().system.read(queries.account_ledger, ref, since=query_day("since"),
                                                            until=query_day("until")),
                 buttons=offered(ACCOUNT, None, _can))


def journal_page() -> Any:
    source = request.args.get("source", "")
    kind, _, ref = source.partition(":")
    return _page("journal", lambda: api().system.read(queries.journal, since=query_day("since"),
                                                     until=query_day("until"), source_kind=kind or None,
                                                     source_ref=ref or None),
                 source=source)


def entry_page(ref: str) -> Any:
    return _page("journal_entry", lambda: api().system.read(queries.show_entry, ref))


def register(bp: Blueprint) -> None:
    bp.add_url_rule("/accounting/chart", "chart", chart_page)
    bp.add_url_rule("/accounting/trial-balance", "trial_balance", trial_balance_page)
    bp.add_url_rule(f"{ACCOUNT.path}/<path:ref>", "account_ledger", account_page)
    bp.add_url_rule(JOURNAL_ENTRY.path, "journal", journal_page)
    bp.add_url_rule(f"{JOURNAL_ENTRY.path}/<path:ref>", "journal_entry", entry_page)
    DETAIL_PAGES[ACCOUNT.name] = "console.account_ledger"
    DETAIL_PAGES[JOURNAL_ENTRY.name] = "console.journal_entry"
