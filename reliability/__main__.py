"""`python -m reliability [--quick] [--only flash,crash,storm,hostile,events,renewals,cart-recovery,
cart-flash-sale] [--backends sqlite,postgres]`:
run the scenarios against real servers, print a table of scenario -> result, exit 1 if any failed."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

from attrs import frozen

from reliability.cart_flash_sale import CartFlashSale, cart_flash_sale
from reliability.cart_recovery import CartRecovery, cart_recovery
from reliability.crash import Crash, crash
from reliability.events_crash import EventsCrash, events_crash
from reliability.flash_sale import FlashSale, flash_sale
from reliability.hostile import hostile_input
from reliability.outcome import Outcome
from reliability.renewals_crash import RenewalsCrash, renewals_crash
from reliability.storm import Storm, idempotency_storm
from reliability.target import BACKENDS, Target, running_target

SCENARIOS = ("flash", "crash", "storm", "hostile", "events", "renewals", "cart-recovery", "cart-flash-sale")
POSTGRES_ONLY = ("crash", "events")  # gunicorn workers to kill


@frozen
class Sizes:
    flash: FlashSale
    crash: Crash
    storm: Storm
    events: EventsCrash
    renewals: RenewalsCrash
    cart_recovery: CartRecovery
    cart_flash_sale: CartFlashSale


FULL = Sizes(FlashSale(), Crash(), Storm(), EventsCrash(), RenewalsCrash(), CartRecovery(), CartFlashSale())
QUICK = Sizes(FlashSale(units=100, clients=16, buyers=150), Crash(placements=400, kills=3), Storm(),
              EventsCrash(placements=200, clients=8, kills=1), RenewalsCrash(subscriptions=100),
              CartRecovery(carts=300, batch=20), CartFlashSale(units=100, clients=16))


def scenarios(sizes: Sizes) -> dict[str, Callable[[Target], Outcome]]:
    return {
        "flash": lambda target: flash_sale(target, sizes.flash),
        "crash": lambda target: crash(target, sizes.crash),
        "storm": lambda target: idempotency_storm(target, sizes.storm),
        "hostile": hostile_input,
        "events": lambda target: events_crash(target, sizes.events),
        "renewals": lambda target: renewals_crash(target, sizes.renewals),
        "cart-recovery": lambda target: cart_recovery(target, sizes.cart_recovery),
        "cart-flash-sale": lambda target: cart_flash_sale(target, sizes.cart_flash_sale),
    }


def table(outcomes: list[Outcome]) -> str:
    rows = [(o.scenario, o.backend, "pass" if o.passed else "FAIL", f"{o.seconds:.1f} s", o.summary)
            for o in outcomes]
    headers = ("scenario", "backend", "result", "time", "what happened")
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    lines = ["| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |",
             "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    lines += ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="reduced sizes (as in CI)")
    parser.add_argument("--only", default=",".join(SCENARIOS), help=f"some of {','.join(SCENARIOS)}")
    parser.add_argument("--backends", default=",".join(BACKENDS), help="sqlite, postgres or both")
    args = parser.parse_args()
    chosen, backends = args.only.split(","), args.backends.split(",")
    if unknown := (set(chosen) - set(SCENARIOS)) | (set(backends) - set(BACKENDS)):
        parser.error(f"unknown: {', '.join(sorted(unknown))}")
    runs = scenarios(QUICK if args.quick else FULL)
    outcomes: list[Outcome] = []
    started = time.perf_counter()
    for backend in backends:
        wanted = [name for name in chosen if name not in POSTGRES_ONLY or backend == "postgres"]
        if not wanted:
            continue
        print(f"{backend}: starting the server", flush=True)
        with running_target(backend) as target:
            for name in wanted:
                print(f"{backend}: {name} ...", flush=True)
                outcome = runs[name](target)
                outcomes.append(outcome)
                print(outcome.report(), flush=True)
    print()
    print(table(outcomes))
    failed = [o for o in outcomes if not o.passed]
    print(f"\n{len(outcomes) - len(failed)} passed, {len(failed)} failed in {time.perf_counter() - started:.0f} s")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
