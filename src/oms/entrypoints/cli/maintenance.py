"""`oms system ...`: the maintenance jobs the scheduler runs, for an admin to run by hand (made from the action
table, see `actions`)."""

from __future__ import annotations

import click


@click.group("system")
def system() -> None:
    """Maintenance: the scheduler's jobs, run now."""
