"""The budget side of the org config: the phases of a savings programme and the units (virksomheter) challenged
to save.

A phase is the window in which ideas are gathered for a budget: it opens on `starts` and closes on `deadline`, the
day the proposals must be ready for the budget. A unit belongs to one focus area, whose commissioner collects its
proposals, and is challenged to save a share of its annual budget. Both are checked with the rest of the org
config (core/orgconfig.py), whose errors name the file and the key.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from itertools import pairwise
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from core.bilingual import Text

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
DEFAULT_CHALLENGE_PERCENT = 2.0


class Phase(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=ID_PATTERN, max_length=64)
    name: Text
    savings_target_nok: int = Field(ge=0)
    starts: date
    deadline: date  # the budget date: the proposals must be ready by then
    budget_years: list[int] = Field(min_length=1)
    # A multi-year programme's target is the cumulative reduction in the last budget year against this year's
    # spending (Lillehammer's Balanse'24: 70 mill. kr less in 2024 than in 2021).
    baseline_year: int | None = None
    # The part of the target each area's package is measured against, in NOK; an area left out gets a part of
    # the rest by its units' budgets (core/package_figures.py: area_share).
    area_shares: dict[str, int] = {}

    @model_validator(mode="after")
    def _dates(self) -> Self:
        if self.deadline < self.starts:
            raise ValueError(f"deadline {self.deadline} is before starts {self.starts}")
        if self.baseline_year is not None and self.baseline_year >= min(self.budget_years):
            raise ValueError(f"baseline_year {self.baseline_year} must be before the first budget year "
                             f"{min(self.budget_years)}")
        return self

    def is_open(self, on: date) -> bool:
        return self.starts <= on <= self.deadline


class Unit(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=ID_PATTERN, max_length=64)
    name: Text
    focus_area: str
    annual_budget_nok: int = Field(gt=0)
    challenge_percent: float = Field(DEFAULT_CHALLENGE_PERCENT, ge=0.0, le=100.0)
    leader: str | None = Field(None, min_length=1, description="a person id of the org config, or a name")

    @property
    def challenge_nok(self) -> int:
        return round(self.annual_budget_nok * self.challenge_percent / 100)


def check_phases(phases: list[Phase]) -> None:
    _require_unique("phases", [p.id for p in phases])
    ordered = sorted(enumerate(phases), key=lambda item: item[1].starts)
    for (i, first), (j, second) in pairwise(ordered):
        if second.starts <= first.deadline:
            raise ValueError(f"phases[{j}]: '{second.id}' starts {second.starts}, before phases[{i}] "
                             f"'{first.id}' ends {first.deadline}; phases may not overlap")


def check_area_shares(phases: list[Phase], areas: list[str]) -> None:
    for index, phase in enumerate(phases):
        for area, amount in phase.area_shares.items():
            if area not in areas:
                raise ValueError(f"phases[{index}].area_shares: unknown focus area '{area}'; known: "
                                 f"{', '.join(areas)}")
            if amount < 0:
                raise ValueError(f"phases[{index}].area_shares.{area}: must be 0 or more, not {amount}")


def check_units(units: list[Unit], areas: list[str]) -> None:
    _require_unique("units", [u.id for u in units])
    for index, unit in enumerate(units):
        if unit.focus_area not in areas:
            raise ValueError(f"units[{index}].focus_area: unknown focus area '{unit.focus_area}'; "
                             f"known: {', '.join(areas)}")


def _require_unique(key: str, ids: list[str]) -> None:
    repeated = sorted(i for i, n in Counter(ids).items() if n > 1)
    if repeated:
        raise ValueError(f"{key}: id used more than once: {', '.join(repeated)}")
