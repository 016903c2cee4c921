"""What a scenario found: a one-line summary, and every problem (none when it passed)."""

from __future__ import annotations

from collections import Counter

from attrs import define, field

from reliability import invariants
from reliability.invariants import Acknowledged


@define
class Outcome:
    scenario: str
    backend: str
    summary: str = ""
    problems: list[str] = field(factory=list)
    seconds: float = 0.0

    @property
    def passed(self) -> bool:
        return not self.problems

    def expect(self, condition: bool, problem: str) -> None:
        if not condition:
            self.problems.append(problem)

    def check_invariants(self, database_url: str, acknowledged: dict[str, Acknowledged] | None = None) -> None:
        violations = invariants.check(database_url, acknowledged)
        self.problems += [f"invariant: {violation}" for violation in violations]

    def report(self) -> str:
        """The summary, then each problem on a line of its own (the first 20)."""
        shown = self.problems[:20] + ([f"... and {len(self.problems) - 20} more"] if len(self.problems) > 20 else [])
        return "\n".join([f"{self.scenario} on {self.backend}: {self.summary}", *(f"  - {p}" for p in shown)])


def tally(counter: Counter[str]) -> str:
    return ", ".join(f"{count} {what}" for what, count in counter.most_common())
