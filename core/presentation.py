"""The idea as a caller may see it: what every channel renders, built in one place.

A view never names the submitter of an anonymous idea, and names no submitter at all to an employee
(`actors.may_see_submitter`); of an anonymous idea, it gives only the day of what the submitter did to anyone but
the submitter (`actors.may_see_exact_times`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from core.actors import (
    SUBMITTER,
    Actor,
    is_shared,
    may_see_exact_times,
    may_see_merged,
    may_see_submitter,
    may_share,
)
from core.lifecycle import pending_move
from core.locale import day_of
from core.orgconfig import OrgConfig, Sharing
from core.saving_plan import SavingView
from core.saving_plan import view as saving_view
from storage.board import support_counts
from storage.merging import merged_into
from storage.models import Channel, Event, EventKind, Idea, Status
from storage.queries import history, idea_texts_by_id

SNIPPET = 140
HEADING = 60

Moment = datetime | date
"""A time as shown: the day alone where the exact time is kept from the reader."""


@dataclass(frozen=True)
class SimilarView:
    idea_id: int
    score: float
    snippet: str | None = None  # only in a detailed view


@dataclass(frozen=True)
class EventView:
    kind: EventKind
    actor: str
    from_value: str | None
    to_value: str | None
    note: str | None
    created_at: Moment


@dataclass(frozen=True)
class MoveRequest:
    """The submitter's pending request to move the idea to another area, until its handler moves or keeps it."""

    focus_area: str
    area_name: dict[str, str]
    note: str | None
    asked_at: Moment

    def area(self, locale: str) -> str:
        return self.area_name["en"] if locale == "en" else self.area_name["nb"]


@dataclass(frozen=True)
class IdeaView:
    id: int
    title: str | None
    text: str
    status: Status
    focus_area: str | None
    area_name: dict[str, str] | None
    sub_topic: str | None
    service: str | None  # the shared service category the classifier read the idea as
    service_name: dict[str, str] | None  # its name, nb and en, when the org maps its areas onto the categories
    commissioner: str | None
    commissioner_name: str | None
    confidence: float | None
    abstained: bool
    anonymous: bool
    channel: Channel
    submitter_name: str | None
    estimated_saving_nok: int | None
    duplicate_of: int | None
    similar: tuple[SimilarView, ...]
    created_at: Moment
    updated_at: Moment
    first_answered_at: datetime | None
    deadline: Moment
    phase: str | None = None  # the programme's phase open when the idea came in
    unit: str | None = None  # the unit (virksomhet) whose savings challenge it counts towards
    shared: bool = False  # seen by colleagues on the board (the org's policy, and the idea's own choice)
    support_count: int = 0  # how many colleagues support it; who they are is never shown
    saving: SavingView = field(default_factory=SavingView)  # one-off cost, effect per year, realised, ...
    shareable: bool = False  # not shared yet, and may be (sharing: opt_in, still open): "Del med kolleger"
    # Only in a detailed view (or one given its events): the whole history, the latest answer the submitter was
    # given, and the submitter's request to move the idea while nobody has answered it.
    history: tuple[EventView, ...] = field(default=())
    latest_note: str | None = None
    move_request: MoveRequest | None = None
    # The texts of the ideas merged into this one as duplicates: text only (core/merging.py). In a detailed view,
    # or one given them.
    merged: tuple[str, ...] = ()

    @property
    def heading(self) -> str:
        return self.title or snippet(self.text, HEADING)

    def area(self, locale: str) -> str | None:
        return self.area_name and (self.area_name["en"] if locale == "en" else self.area_name["nb"])

    def service_label(self, locale: str) -> str | None:
        return self.service_name and (self.service_name["en"] if locale == "en" else self.service_name["nb"])


def present(session: Session, org: OrgConfig, idea: Idea, *, viewer: Actor | None, detail: bool = False,
            events: Sequence[Event] | None = None, supports: int | None = None,
            merged: Sequence[tuple[str, bool]] | None = None) -> IdeaView:
    """`viewer` None: shown to the idea's handlers (a commissioner's card). `detail`: with history, snippets and
    the merged duplicates, at three queries more. `events`: the history, read already for a whole page.
    `supports`: the support count, read already for a whole page (else one query). `merged`: the (text, shared)
    of the duplicates merged into it, read already for a whole page."""
    exact = may_see_exact_times(viewer, idea)
    area = org.area(idea.focus_area)
    commissioner = org.commissioner(idea.commissioner) if idea.commissioner else None
    scores = [(s["idea_id"], s["score"]) for s in idea.similar or []]
    read = list(events or ())
    similar = tuple(SimilarView(idea_id=i, score=score) for i, score in scores)
    if detail:
        read = history(session, [idea.id]).get(idea.id, [])
        merged = merged_into(session, [idea.id]).get(idea.id, [])
        texts = idea_texts_by_id(session, [i for i, _ in scores])
        similar = tuple(sorted((SimilarView(idea_id=i, score=score, snippet=snippet(texts[i], SNIPPET))
                                for i, score in scores if i in texts), key=lambda s: -s.score))
    shown = tuple(_event(e, exact) for e in read)
    return IdeaView(
        id=idea.id, title=idea.title, text=idea.text, status=idea.status, focus_area=idea.focus_area,
        area_name=area.name.model_dump() if area else None, sub_topic=idea.sub_topic,
        service=idea.service, service_name=_service_name(org, idea.service), commissioner=idea.commissioner,
        commissioner_name=commissioner.name if commissioner else None,
        confidence=idea.confidence, abstained=idea.abstained, anonymous=idea.anonymous, channel=idea.channel,
        submitter_name=idea.submitter.display_name if may_see_submitter(viewer, idea) and idea.submitter else None,
        estimated_saving_nok=idea.estimated_saving_nok, duplicate_of=idea.duplicate_of_id, similar=similar,
        created_at=_moment(idea.created_at, exact), updated_at=_moment(idea.updated_at, exact),
        first_answered_at=idea.first_answered_at,
        deadline=_moment(idea.created_at, exact) + timedelta(days=org.sla_days), phase=idea.phase, unit=idea.unit,
        shared=is_shared(org, idea),
        shareable=may_share(org) and not idea.shared and idea.status in (Status.RECEIVED, Status.IN_REVIEW),
        support_count=supports if supports is not None else _support_count(session, org, idea.id),
        saving=saving_view(org, idea),
        history=shown,
        latest_note=latest_note(shown), move_request=_move_request(org, pending_move(read, idea.status), exact),
        merged=tuple(text for text, shared in merged or () if may_see_merged(viewer, org, duplicate_shared=shared)),
    )


def latest_note(events: Sequence[EventView]) -> str | None:
    """The latest public note of a status change: what the submitter was told."""
    notes = [e.note for e in events if e.kind is EventKind.STATUS_CHANGED and e.note]
    return notes[-1] if notes else None


def snippet(text: str, length: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


def _move_request(org: OrgConfig, asked: Event | None, exact: bool) -> MoveRequest | None:
    if asked is None or asked.to_value is None:
        return None
    area = org.area(asked.to_value)  # an area since taken out of the org config keeps its id as its name
    name = area.name.model_dump() if area else {"nb": asked.to_value, "en": asked.to_value}
    return MoveRequest(focus_area=asked.to_value, area_name=name, note=asked.note,
                       asked_at=_moment(asked.created_at, exact))


def _event(event: Event, exact: bool) -> EventView:
    return EventView(kind=event.kind, actor=event.actor, from_value=event.from_value, to_value=event.to_value,
                     note=event.note, created_at=_moment(event.created_at, exact or event.actor != SUBMITTER))


def _moment(when: datetime, exact: bool) -> Moment:
    return when if exact else day_of(when)


@dataclass(frozen=True)
class Outcome:
    """What a use case did: the idea as the actor may now see it, and the events it wrote."""

    idea: IdeaView
    happened: tuple[EventKind, ...]


def _service_name(org: OrgConfig, category: str | None) -> dict[str, str] | None:
    names = {locale: org.service_name(category, locale) for locale in ("nb", "en")}
    return {locale: name for locale, name in names.items() if name} or None


def _support_count(session: Session, org: OrgConfig, idea_id: int) -> int:
    # With sharing off nobody can support an idea: the query is saved on every idea shown, submissions included.
    return support_counts(session, [idea_id]).get(idea_id, 0) if org.sharing is not Sharing.OFF else 0
