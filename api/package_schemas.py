"""Request and response bodies of the area package routes (api/routers/packages.py)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from api.schemas import IdeaOut, idea_out
from core.package_views import PackageView


class ItemIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    idea_id: int = Field(ge=1, le=2**31 - 1, description="An accepted or implemented idea of the area.")
    assessment: str | None = Field(None, max_length=4_000, description="The commissioner's assessment, printed in "
                                                                      "the documents.")


class AssessmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    assessment: str | None = Field(max_length=4_000, description="Empty or null clears it.")


class OrderIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    idea_ids: list[Annotated[int, Field(ge=1, le=2**31 - 1)]] = Field(
        max_length=1_000, description="Every idea of the package, each once, first to last.")


class SendBackIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    note: str | None = Field(None, max_length=4_000, description="What should change; kept in the history.")


class AdoptIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    adopted_on: date = Field(description="The day the council adopted it.")
    case_reference: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)] = Field(
        description="The council's case, e.g. 'PS 45/27'.")


class LineOut(BaseModel):
    position: int
    idea: IdeaOut
    amounts: dict[str, int] = Field(description="The saving per budget year (the year as the key), in NOK.")
    one_off_cost_nok: int | None
    assessment: str | None


class FiguresOut(BaseModel):
    budget_years: list[int]
    by_year: dict[str, int] = Field(description="The package's sum per budget year, in NOK.")
    target_year: int = Field(description="The budget year the target is measured in: the phase's last.")
    packaged_nok: int = Field(description="The package's sum in the target year.")
    share_nok: int = Field(description="The area's share of the phase's target (phases[].area_shares, else the "
                                       "target split by the units' budgets).")
    challenge_nok: int = Field(description="The sum of the area's units' savings challenges.")
    gap_to_share_nok: int
    gap_to_challenge_nok: int
    below_share: bool


class StepOut(BaseModel):
    kind: str
    actor: str
    idea_id: int | None
    note: str | None
    created_at: datetime


class PackageOut(BaseModel):
    focus_area: str
    phase: str
    state: str = Field(description="draft, submitted (to the chief executive) or adopted (frozen).")
    submitted_at: datetime | None
    adopted_on: date | None
    case_reference: str | None
    lines: list[LineOut]
    figures: FiguresOut
    history: list[StepOut]
    candidates: list[IdeaOut] = Field(description="The area's accepted or implemented ideas no package of the phase "
                                                  "holds yet; empty unless a draft.")
    may_change: bool
    may_submit: bool
    may_send_back: bool
    may_adopt: bool


def package_out(view: PackageView) -> dict[str, Any]:
    figures = view.figures
    return {
        "focus_area": view.focus_area, "phase": view.phase.id, "state": view.state.value,
        "submitted_at": view.submitted_at, "adopted_on": view.adopted_on, "case_reference": view.case_reference,
        "lines": [{"position": line.position, "idea": idea_out(line.idea),
                   "amounts": {str(year): amount for year, amount in line.amounts.items()},
                   "one_off_cost_nok": line.one_off_cost_nok, "assessment": line.assessment} for line in view.lines],
        "figures": {"budget_years": list(figures.years),
                    "by_year": {str(year): amount for year, amount in figures.by_year.items()},
                    "target_year": figures.target_year, "packaged_nok": figures.packaged_nok,
                    "share_nok": figures.share_nok, "challenge_nok": figures.challenge_nok,
                    "gap_to_share_nok": figures.gap_to_share_nok, "gap_to_challenge_nok": figures.gap_to_challenge_nok,
                    "below_share": figures.below_share},
        "history": [{"kind": s.kind.value, "actor": s.actor, "idea_id": s.idea_id, "note": s.note,
                     "created_at": s.created_at} for s in view.history],
        "candidates": [idea_out(idea) for idea in view.candidates],
        "may_change": view.may_change, "may_submit": view.may_submit, "may_send_back": view.may_send_back,
        "may_adopt": view.may_adopt,
    }
