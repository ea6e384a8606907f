"""The numbers of an area package: each idea's amount per budget year, the package's sums, and what they are
measured against — the area's share of the phase's target and the sum of its units' savings challenges.

`amounts_of` and `one_off_cost_of` are the one place an idea's money enters a package: the idea's effect in each of
the phase's budget years, as core/savings.py computes it for every view of the idea, and its one-off cost.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from core.budget import Phase
from core.orgconfig import OrgConfig
from core.saving_plan import explicit_amounts
from core.savings import effect_by_year
from storage.models import Idea


def amounts_of(idea: Idea, phase: Phase) -> dict[int, int]:
    """The idea's saving in each of the phase's budget years, in NOK; empty while it has neither an estimate nor
    an amount for a single year."""
    explicit = explicit_amounts(idea)
    if idea.estimated_saving_nok is None and not explicit:
        return {}
    return effect_by_year(annual_nok=idea.estimated_saving_nok, effect_year=idea.effect_year,
                          years=phase.budget_years, explicit=explicit)


def one_off_cost_of(idea: Idea) -> int | None:
    """What the idea costs once to bring about, in NOK; None while not known (the documents leave it blank)."""
    return idea.one_off_cost_nok


def area_share(org: OrgConfig, phase: Phase, focus_area: str) -> int:
    """The part of the phase's target the area's package is measured against.

    The org config's `phases[].area_shares` when it names the area. Otherwise what the named shares leave of the
    target is split between the areas not named, in proportion to their units' annual budgets (a unit is
    challenged on its budget, so a larger budget carries a larger part); when none of those areas has units, it
    is split evenly between them.
    """
    if focus_area in phase.area_shares:
        return phase.area_shares[focus_area]
    rest = max(phase.savings_target_nok - sum(phase.area_shares.values()), 0)
    others = [area for area in org.area_ids if area not in phase.area_shares]
    budgets = {area: sum(u.annual_budget_nok for u in org.units_of(area)) for area in others}
    total = sum(budgets.values())
    if total:
        return round(rest * budgets.get(focus_area, 0) / total)
    return round(rest / len(others)) if others else 0


def area_challenge(org: OrgConfig, focus_area: str) -> int:
    """The sum of the savings challenges (by default 2 % of the annual budget) of the area's units."""
    return sum(unit.challenge_nok for unit in org.units_of(focus_area))


@dataclass(frozen=True)
class Figures:
    """A package's sums per budget year against its targets. The target year is the phase's last budget year:
    a multi-year programme's target is the reduction reached by then, and a one-year phase has only that one."""

    years: tuple[int, ...]
    by_year: Mapping[int, int]
    share_nok: int
    challenge_nok: int

    @property
    def target_year(self) -> int:
        return self.years[-1]

    @property
    def packaged_nok(self) -> int:
        """The package's sum in the target year."""
        return self.by_year.get(self.target_year, 0)

    @property
    def gap_to_share_nok(self) -> int:
        """How much is missing to the area's share; 0 once it is reached."""
        return max(self.share_nok - self.packaged_nok, 0)

    @property
    def gap_to_challenge_nok(self) -> int:
        return max(self.challenge_nok - self.packaged_nok, 0)

    @property
    def below_share(self) -> bool:
        return self.packaged_nok < self.share_nok


def figures(org: OrgConfig, phase: Phase, focus_area: str, amounts: Iterable[Mapping[int, int]]) -> Figures:
    years = tuple(sorted(phase.budget_years))
    by_year = dict.fromkeys(years, 0)
    for each in amounts:
        for year, amount in each.items():
            by_year[year] = by_year.get(year, 0) + amount
    return Figures(years=years, by_year=by_year, share_nok=area_share(org, phase, focus_area),
                   challenge_nok=area_challenge(org, focus_area))
