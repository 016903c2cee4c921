"""Every declared action as a console form: `GET /console/<resource>/[<ref>/]do/<action>` shows its form,
`POST` runs its command as the signed-in user, in one transaction, then goes to what it created or acted on.

A refused command shows the form again with what was typed, each error beside the input the API's problem points
at (`#/lines/0/quantity` -> `lines.0.quantity`) and the rest above the form. The URL variables an action takes
besides the resource's ref (a line's id) come as hidden inputs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from attrs import frozen
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from oms.application.actions import ACTIONS
from oms.application.masterdata.queries import branch_list, customer_page, product_page, warehouse_list
from oms.application.shared.actions import Action, Resource
from oms.application.shared.commands import Command
from oms.application.subscriptions.listings import plan_page
from oms.entrypoints.console.auth import actor, require
from oms.entrypoints.console.forms import ROWS, Part, body_of, compacted, flat_inputs, inputs_of, pointer_name
from oms.entrypoints.http.config import api
from oms.entrypoints.http.problems import problem_for
from oms.entrypoints.json.converter import structure

DETAIL_PAGES: dict[str, str] = {}
"""Resource name -> the endpoint of its console page (registered by the pages that show one)."""
FORM_TEMPLATES: dict[tuple[str, str], str] = {}
"""(resource name, action name) -> a template of its own for an action whose form the generic one cannot lay out
well (a goods issue lists the order's lines); it gets the resource as shown (`view`) besides the generic context."""
SUGGESTIONS = 500  # codes offered as you type, per kind


@frozen
class Outcome:
    """What a form's submission came to: where to go next, or the errors to show beside the inputs."""

    redirect_to: str | None = None
    message: str = ""
    errors: Mapping[str, str] = {}
    status: int = 200
    secret: str | None = None  # shown once, on the next page only (a webhook's signing secret)


def action_named(resource: str, name: str) -> Action:
    for action in ACTIONS:
        if action.resource.name == resource and action.name == name:
            return action
    abort(404)
    return None


def url_fields(action: Action) -> list[str]:
    """The command fields an action's URL fills besides the resource's ref (a line's id): hidden inputs."""
    return [field for field in action.url_fields.values() if field != action.resource.ref_field]


def form_of(action: Action, rows: int = ROWS) -> tuple[Part, ...]:
    skip = {action.resource.ref_field} if not action.collection else set()
    return inputs_of(action.command, skip={*skip, *url_fields(action)}, rows=rows)


def has_inputs(action: Action) -> bool:
    """Whether the action asks anything of the user (else a button does it)."""
    return bool(form_of(action, rows=1))


def run(action: Action, ref: str | None, form: MultiDict[str, str]) -> Outcome:
    """Run the action's command from a submitted form, as the signed-in user."""
    parts = form_of(action, rows=_rows(form))
    values = compacted(parts, form)
    filled = {name: form.get(name, "") for name in url_fields(action)}
    if ref is not None:
        filled[action.resource.ref_field] = ref
    by_field = {name: name for name in filled}
    try:
        command: Command[Any] = structure({**body_of(parts, values), **filled, "actor": actor()},
                                          action.command)
        view = api().system.answer(command, lambda uow, result: action.respond(uow, command, result))
    except Exception as error:
        problem = problem_for(error, by_field)
        names = {leaf.name for leaf in flat_inputs(parts)}
        errors = {_input_for(pointer_name(c.pointer), names): c.detail for c in problem.errors if c.pointer}
        shown = [c.detail for c in problem.errors if not c.pointer or _input_for(pointer_name(c.pointer), names)
                 not in names]
        message = problem.detail if not problem.errors or shown else "Correct the fields marked below."
        return Outcome(message=message, errors=errors, status=problem.status)
    return Outcome(redirect_to=_next_page(action, ref, view), message=_done(action, view),
                   secret=getattr(view, "secret", None))


def _input_for(name: str, names: set[str]) -> str:
    """The input an error is about: itself, or the nearest input it is part of (a discount's `value` -> the line's
    discount input)."""
    while name and name not in names:
        name = name.rpartition(".")[0]
    return name


def _rows(form: Mapping[str, str]) -> int:
    given = form.get("_rows", "")
    return max(ROWS, min(int(given), 200)) if given.isdigit() else ROWS


def _next_page(action: Action, ref: str | None, view: Any) -> str:
    target = action.creates or action.resource
    endpoint = DETAIL_PAGES.get(target.name)
    back = request.form.get("_back", "")
    if endpoint is None or (action.creates is None and ref is None):
        return back if back.startswith("/console") else url_for("console.home")
    key = target.key(view) if action.creates is not None else ref
    return url_for(endpoint, ref=key)


def _done(action: Action, view: Any) -> str:
    number = getattr(view, "number", None) or getattr(view, "sku", None) or getattr(view, "code", None)
    return f"{action.summary.split(' (')[0]}: done" + (f" ({number})" if number else "")


def action_page(resource: str, name: str, ref: str | None = None) -> Any:
    action = action_named(resource, name)
    user = require(action.role)
    if isinstance(user, Response):
        return user
    if request.method == "POST":
        outcome = run(action, ref, request.form)
        if outcome.secret is not None and outcome.redirect_to is not None:  # never in a cookie nor a cache
            page = render_template("console/secret_once.html", title=outcome.message, secret=outcome.secret,
                                   next_url=outcome.redirect_to)
            return page, 201, {"Cache-Control": "no-store"}
        if outcome.redirect_to is not None:
            flash(outcome.message, "done")
            return redirect(outcome.redirect_to)
        return render_action(action, ref, request.form, outcome), outcome.status
    return render_action(action, ref, request.args, Outcome())


def render_action(action: Action, ref: str | None, values: Mapping[str, str], outcome: Outcome) -> str:
    rows = _rows(values)
    template = FORM_TEMPLATES.get((action.resource.name, action.name), "console/action.html")
    show = action.resource.show
    view = api().system.read(show, ref) if ref is not None and show is not None and template != "console/action.html" \
        else None
    return render_template(template, action=action, ref=ref, parts=form_of(action, rows), view=view,
                           hidden={name: values.get(name, "") for name in url_fields(action)},
                           values=values, outcome=outcome, rows=rows, back=values.get("_back", ""),
                           datalists=suggestions())


def suggestions() -> dict[str, list[tuple[str, str]]]:
    """The codes a form's inputs offer as you type: products, customers, branches, warehouses and plans."""
    listings, system = api().listings, api().system
    products = product_page(listings, active=True, limit=SUGGESTIONS)
    customers = customer_page(listings, active=True, limit=SUGGESTIONS)
    plans = system.read(plan_page, listings, limit=SUGGESTIONS)
    return {"sku": [(p.sku, p.name) for p in products.items],
            "customer_code": [(c.code, c.name) for c in customers.items],
            "branch_code": [(b.code, b.name) for b in system.read(branch_list).items],
            "warehouse_code": [(w.code, f"{w.name} ({w.branch_code})") for w in system.read(warehouse_list).items],
            "plan_code": [(p.code, f"{p.name}: {p.period_amount.amount} {p.currency} {p.interval}")
                          for p in plans.items]}


def action_url(action: Action, ref: str | None = None, **args: Any) -> str:
    """The URL of an action's form; `args` prefill it (a line's id and current values)."""
    if action.collection:
        return url_for("console.collection_action", resource=action.resource.name, name=action.name, **args)
    return url_for("console.resource_action", resource=action.resource.name, name=action.name, ref=ref, **args)


def offered(resource: Resource, status: str | None, can: Callable[[Action], bool]) -> list[Action]:
    """The actions on one resource the console shows for its status and the user's role."""
    return [action for action in ACTIONS if action.resource.name == resource.name and not action.collection
            and action.offered_in(status) and can(action)]


def register(bp: Blueprint) -> None:
    bp.add_url_rule("/<resource>/do/<name>", "collection_action", action_page, methods=["GET", "POST"])
    bp.add_url_rule("/<resource>/<path:ref>/do/<name>", "resource_action", action_page, methods=["GET", "POST"])

