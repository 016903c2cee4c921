"""`python -m reliability.renewal_worker DATABASE_URL DAY [--charge]`: the renewal job of DAY in a process of its own,
as the scheduler runs it (renewals_crash.py starts several and kills one), then with `--charge` the charges of the
invoices made, through the scenario's recording provider (what the relay does after the commit); exit 1 if a
subscription failed."""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime

import oms
from oms.adapters.sql import SqlDatabase
from reliability.recording_provider import RecordingProvider


def main() -> None:
    url, day = sys.argv[1], date.fromisoformat(sys.argv[2])
    database = SqlDatabase.from_url(url, cache=True)  # as the scheduler keeps master data
    try:
        system = oms.bootstrap(uow_factory=database.unit_of_work,
                               clock=oms.FixedClock(datetime(day.year, day.month, day.day, 9, tzinfo=UTC)))
        run = oms.renew_due_subscriptions(system, day)
        if "--charge" in sys.argv[3:]:
            charged = oms.make_charges(system, RecordingProvider(url), system.read(oms.charges_to_make))
            if charged.failed:
                print("\n".join(f"{key}: {why}" for key, why in charged.failed.items()), file=sys.stderr)
                sys.exit(1)
    finally:
        database.dispose()
    if run.failed:
        print("\n".join(f"{number}: {why}" for number, why in run.failed.items()), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
