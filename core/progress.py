"""How far the savings programme has come: per phase, per focus area (also within each phase) and per unit, the
target, the units' savings challenge, the estimated and the realised savings, and the gap still to close.

Built from the few sums of storage/progress.py and the org config. Every row is made by `_row`, so a figure
added later (what went into an area package, what the council adopted) is one more sum and one more key there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from core.budget import Unit
from core.orgconfig import OrgConfig
from storage.models import Status
from storage.progress import SavingGroup, saving_groups

# An estimate counts once its idea is taken up; the realised saving is only ever entered for implemented ideas.
COUNTED = frozenset({Status.ACCEPTED, Status.IMPLEMENTED})


@dataclass
class Tally:
    """What the ideas of one row add up to."""

    ideas: int = 0
    estimated_nok: int = 0  # the estimated annual savings of its accepted or implemented ideas
    realised_nok: int = 0

    def add(self, group: SavingGroup) -> None:
        self.ideas += group.ideas
        self.realised_nok += group.realised_nok
        if group.status in COUNTED:
            self.estimated_nok += group.estimated_nok


def figures(*, session: Session, org: OrgConfig, today: date) -> dict[str, Any]:
    """{"phases": ..., "areas": ..., "units": ...}, each in the org config's order, every one listed (at zero
    without ideas)."""
    groups = saving_groups(session)
    by_phase = _tally(groups, lambda g: g.phase)
    by_phase_area = _tally(groups, lambda g: (g.phase, g.focus_area))
    by_area = _tally(groups, lambda g: g.focus_area)
    by_unit = _tally(groups, lambda g: g.unit)
    everyone = _challenge(org.units)
    phases = {}
    for phase in org.phases:
        areas = {}
        for area in org.area_ids:
            share = phase.area_shares.get(area)
            areas[area] = _row(by_phase_area.get((phase.id, area)), target=share,
                               challenge=_challenge(org.units_of(area)))
        phases[phase.id] = {
            "deadline": phase.deadline.isoformat(), "days_to_deadline": (phase.deadline - today).days,
            "budget_years": phase.budget_years, "baseline_year": phase.baseline_year,
            **_row(by_phase.get(phase.id), target=phase.savings_target_nok, challenge=everyone, count=True),
            "areas": areas,
        }
    return {
        "phases": phases,
        # Across phases an area's standing target is its units' challenge.
        "areas": {area: _row(by_area.get(area), target=None, challenge=_challenge(org.units_of(area)),
                             gap_to_challenge=True) for area in org.area_ids},
        "units": {unit.id: {"focus_area": unit.focus_area, "annual_budget_nok": unit.annual_budget_nok,
                            "challenge_percent": unit.challenge_percent,
                            **_row(by_unit.get(unit.id), target=None, challenge=unit.challenge_nok,
                                   gap_to_challenge=True)} for unit in org.units},
    }


def _row(tally: Tally | None, *, target: int | None, challenge: int | None, count: bool = False,
         gap_to_challenge: bool = False) -> dict[str, Any]:
    """One row: `gap_nok` is what the estimated savings still lack of the target (negative once past it), or of
    the challenge when that is the row's target; None when the row has neither."""
    tally = tally or Tally()
    goal = challenge if gap_to_challenge and challenge else target
    row: dict[str, Any] = {} if gap_to_challenge else {"target_nok": target}
    if count:
        row["ideas"] = tally.ideas
    return row | {"challenge_nok": challenge, "estimated_nok": tally.estimated_nok,
                  "realised_nok": tally.realised_nok,
                  "gap_nok": None if goal is None else goal - tally.estimated_nok}


def _challenge(units: Iterable[Unit]) -> int:
    return sum(unit.challenge_nok for unit in units)


def _tally[K](groups: Iterable[SavingGroup], key: Callable[[SavingGroup], K]) -> dict[K, Tally]:
    tallies: dict[K, Tally] = {}
    for group in groups:
        tallies.setdefault(key(group), Tally()).add(group)
    return tallies
