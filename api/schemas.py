"""Request and response bodies of the REST API."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from core.presentation import IdeaView
from core.steering import Steered
from storage.models import Status

EXACT = ("The moment; for an anonymous idea, only the day (Europe/Oslo) of what its submitter did, to anyone but "
         "the submitter: the exact time of a named idea sent just before or after would say who it was.")


class IdeaIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=10_000)] = Field(
        description="1..10,000 characters after trimming."
    )
    title: str | None = Field(None, max_length=200)
    anonymous: bool = False
    focus_area: str | None = Field(None, max_length=64, description="Optional: the submitter's own choice.")
    send_anyway: bool = Field(False, description="Store it as an idea even if it looks like something else "
                                                 "(a report of wrongdoing, a help request, chatter).")
    shared: bool = Field(False, description="\"Del med kolleger\": show it to every employee on the board. Counts "
                                            "when the org's sharing is opt_in; under on every idea is shared.")
    unit: str | None = Field(None, max_length=64, description="Optional: the unit (virksomhet) the idea concerns, an "
                                                              "id from the org config; the idea goes to its area.")


class TransitionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    to: Status
    note: str | None = Field(None, max_length=4_000, description="Shown to the submitter; required to decline.")
    duplicate_of: int | None = Field(None, ge=1, le=2**31 - 1)


class RouteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    focus_area: str = Field(min_length=1, max_length=64)
    note: str | None = Field(None, max_length=4_000)


class KeepIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    note: str | None = Field(None, max_length=4_000, description="Why it stays; shown to the submitter.")


class IdeaPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    estimated_saving_nok: int | None = Field(ge=0, le=10_000_000_000)


Amount = Annotated[int, Field(ge=0, le=10_000_000_000)]


class SavingPlanIn(BaseModel):
    """The saving as a budget needs it. Only the fields sent change; null takes a figure away."""

    model_config = ConfigDict(extra="forbid")
    estimated_saving_nok: Amount | None = Field(None, description="The estimated annual saving, NOK per year.")
    one_off_cost_nok: Amount | None = Field(None, description="What it costs once to carry out, NOK.")
    effect_year: int | None = Field(None, ge=2000, le=2100, description="The budget year the saving takes effect.")
    effect_amounts: dict[int, Amount] | None = Field(
        None, max_length=20, examples=[{"2027": 125_000}],
        description="Amounts for single budget years that override the annual saving there (a half-year effect in "
                    "the first year); replaces those given before, null or {} takes them all away. Not before the "
                    "effect year.")
    qualitative: bool = Field(False, description="A gain that is not money: quality, working environment, "
                                                 "climate. Needs `qualitative_text`; false takes both away.")
    qualitative_text: str | None = Field(None, max_length=500, description="That gain in a few words.")


class RealisedIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    amount_nok: Amount | None = Field(description="What the implemented idea saved, NOK; null takes it away.")
    realised_on: date | None = Field(None, description="The day it was measured (default today, Europe/Oslo); "
                                                       "not in the future, not before the idea came in.")


class UnitIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    unit: str | None = Field(max_length=64, description="A unit of the idea's focus area, or null for none.")


class RedirectOut(BaseModel):
    intent: str
    text: str
    link: str | None
    email: str | None
    phone: str | None


class SteeredOut(BaseModel):
    """A message that is not an idea: nothing was stored; this is where it belongs."""

    intent: str = Field(description="varsling, hms_avvik, it_support, facility_fault, personal_hr, question or "
                                    "chatter")
    redirect: RedirectOut


class SimilarOut(BaseModel):
    idea_id: int
    score: float


class EventOut(BaseModel):
    kind: str
    actor: str
    from_value: str | None
    to_value: str | None
    note: str | None
    created_at: datetime | date = Field(description=EXACT)


class IdeaOut(BaseModel):
    id: int
    title: str | None
    text: str
    status: Status
    focus_area: str | None
    sub_topic: str | None
    service: str | None = Field(None, description="The shared service category (config/shared/services.yaml) the "
                                                 "classifier read the idea as; null when it was not read as one.")
    commissioner: str | None
    confidence: float | None
    abstained: bool
    anonymous: bool
    channel: str
    estimated_saving_nok: int | None
    phase: str | None = Field(None, description="The phase of the savings programme (org config `phases`) open "
                                               "when the idea came in; null between phases.")
    unit: str | None = Field(None, description="The unit (org config `units`) whose savings challenge the idea "
                                              "counts towards; set by its handler.")
    duplicate_of: int | None
    similar: list[SimilarOut]
    submitter_name: str | None = Field(description="Only for staff, and never for an anonymous idea.")
    created_at: datetime | date = Field(description=EXACT)
    updated_at: datetime | date = Field(description=EXACT)
    first_answered_at: datetime | None
    shared: bool = Field(False, description="Whether colleagues see it on the board (GET /api/v1/board).")
    support_count: int = Field(0, description="How many colleagues support it; who they are is never shown.")
    one_off_cost_nok: int | None = None
    effect_year: int | None = Field(None, description="The budget year the saving takes effect.")
    effect_amounts: dict[int, int] = Field({}, description="Amounts given for single budget years.")
    effect_by_year: dict[int, int] = Field(
        {}, description="The saving in each budget year of its horizon: its phase's budget years (four at least, "
                        "as the economic plan), the annual saving from the effect year on unless a year has its "
                        "own amount.")
    qualitative: bool = Field(False, description="Whether it brings a gain that is not money.")
    qualitative_text: str | None = None
    realised_saving_nok: int | None = Field(None, description="What it saved, entered once it is implemented.")
    realised_on: date | None = Field(None, description="The day the realised saving was measured.")


class MergedOut(BaseModel):
    """An idea merged into this one as a duplicate: its text only, never who sent it or when."""

    text: str


class MoveRequestOut(BaseModel):
    """The submitter's request to move the idea, until its commissioner (or an administrator) moves or keeps it."""

    focus_area: str
    note: str | None
    requested_at: datetime | date = Field(description=EXACT)


class IdeaDetail(IdeaOut):
    events: list[EventOut]
    merged_ideas: list[MergedOut] = Field([], description="The duplicates merged into this idea, text only. To an "
                                                          "employee, only those that were shared themselves.")
    move_request: MoveRequestOut | None = Field(description="A pending request by the submitter to move the idea.")


class IdeaPage(BaseModel):
    items: list[IdeaOut]
    total: int
    page: int
    page_size: int


class ShareIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    shared: bool = Field(description="true: colleagues see it on the board; false: they no longer do.")


class SupportOut(BaseModel):
    idea_id: int
    support_count: int
    supported: bool = Field(description="Whether you support it now.")


class BoardItemOut(BaseModel):
    """A shared idea as every colleague sees it: never who sent it, never who supports it, only the day it came."""

    id: int
    title: str | None
    text: str
    status: Status
    focus_area: str | None
    answer: str | None = Field(description="The official answer: the latest note of a status change.")
    support_count: int
    supported: bool = Field(description="Whether you support it.")
    mine: bool = Field(description="Whether you sent it (you cannot support your own idea).")
    received_on: date
    merged_ideas: list[MergedOut] = Field([], description="Shared duplicates merged into it, text only.")


class BoardPage(BaseModel):
    items: list[BoardItemOut]
    total: int
    page: int
    page_size: int
    sharing: str = Field(description="The org's sharing policy: off (the board is empty), opt_in or on.")


def idea_out(idea: IdeaView) -> dict[str, Any]:
    return {
        "id": idea.id, "title": idea.title, "text": idea.text, "status": idea.status,
        "focus_area": idea.focus_area, "sub_topic": idea.sub_topic, "service": idea.service,
        "commissioner": idea.commissioner,
        "confidence": idea.confidence, "abstained": idea.abstained, "anonymous": idea.anonymous,
        "channel": idea.channel.value, "estimated_saving_nok": idea.estimated_saving_nok,
        "phase": idea.phase, "unit": idea.unit,
        "duplicate_of": idea.duplicate_of,
        "similar": [{"idea_id": s.idea_id, "score": s.score} for s in idea.similar],
        "submitter_name": idea.submitter_name,
        "created_at": idea.created_at, "updated_at": idea.updated_at, "first_answered_at": idea.first_answered_at,
        "shared": idea.shared, "support_count": idea.support_count, **saving_out(idea),
    }


def saving_out(idea: IdeaView) -> dict[str, Any]:
    saving = idea.saving
    return {"one_off_cost_nok": saving.one_off_cost_nok, "effect_year": saving.effect_year,
            "effect_amounts": saving.explicit, "effect_by_year": saving.by_year, "qualitative": saving.qualitative,
            "qualitative_text": saving.qualitative_text, "realised_saving_nok": saving.realised_nok,
            "realised_on": saving.realised_on}


def idea_detail(idea: IdeaView) -> dict[str, Any]:
    events = [EventOut.model_validate(e, from_attributes=True).model_dump() for e in idea.history]
    asked = idea.move_request
    move_request = asked and {"focus_area": asked.focus_area, "note": asked.note, "requested_at": asked.asked_at}
    return {**idea_out(idea), "events": events, "move_request": move_request,
            "merged_ideas": merged_out(idea.merged)}


def merged_out(texts: Sequence[str]) -> list[dict[str, str]]:
    return [{"text": text} for text in texts]


def steered_out(steered: Steered, locale: str) -> dict[str, Any]:
    return {"intent": steered.intent, "redirect": steered.described(locale)}
