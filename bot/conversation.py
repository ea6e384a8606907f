"""What a chat conversation can do, the same for Slack and Teams. Each call is one unit of work.

Adapters translate platform payloads into these calls and render the returned views; the rules stay in core/.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import intake, lifecycle
from core.actors import Actor, Role, require_handler, require_visible, visible_ideas
from core.errors import Conflict, Forbidden, NotFound
from core.services import Services
from storage.models import Channel, Event, EventKind, Idea, Identity, Status, Submitter
from storage.queries import get_idea, list_ideas, people_behind

SNIPPET = 140


@dataclass(frozen=True)
class SimilarView:
    idea_id: int
    score: float
    snippet: str


@dataclass(frozen=True)
class IdeaView:
    """Everything a chat message about an idea shows. Never names the submitter of an anonymous idea."""

    id: int
    title: str
    text: str
    status: str
    focus_area: str | None
    area_name: dict[str, str] | None
    commissioner_name: str | None
    confidence: float | None
    anonymous: bool
    submitter_name: str | None
    similar: list[SimilarView]
    created_at: datetime
    deadline: datetime
    latest_note: str | None
    estimated_saving_nok: int | None

    def area(self, locale: str) -> str | None:
        return self.area_name and (self.area_name["en"] if locale == "en" else self.area_name["nb"])


@dataclass(frozen=True)
class Address:
    """Where a submitter is reached on a channel; looked up only when delivering to them."""

    external_id: str
    address: dict[str, object] | None
    locale: str


def submit(services: Services, *, draft: intake.Draft) -> IdeaView:
    with services.session_factory.begin() as session:
        idea = intake.submit(session=session, draft=draft, router=services.router, org=services.org,
                             limit=services.settings.submit_limit)
        session.flush()
        return build_view(session, services, idea)


def view(services: Services, idea_id: int) -> IdeaView:
    with services.session_factory() as session:
        idea = get_idea(session, idea_id)
        if idea is None:
            raise NotFound(f"Idea {idea_id} not found.")
        return build_view(session, services, idea)


def my_ideas(services: Services, *, channel: Channel, external_id: str, limit: int = 10) -> list[IdeaView]:
    with services.session_factory() as session:
        people = people_behind(session, channel=channel, external_id=external_id)
        if not people:
            return []
        page = list_ideas(session, where=[Idea.submitter_id.in_([p.id for p in people])], page_size=limit)
        return [build_view(session, services, idea) for idea in page.items]


def employee(channel: Channel, external_id: str) -> Actor:
    return Actor(role=Role.EMPLOYEE, user_id=external_id, channel=channel)


def staff(services: Services, *, channel: Channel, platform_user_id: str) -> Actor | None:
    """The commissioner or administrator behind a Slack user id or Teams AAD object id, if any."""
    field = {Channel.SLACK: "slack_user_id", Channel.TEAMS: "teams_aad_id"}[channel]
    found = services.org.person_by(field=field, value=platform_user_id)
    if found is None:
        return None
    role, person = found
    return Actor(role=Role(role), user_id=person.id, channel=channel, name=person.name)


def withdraw(services: Services, *, actor: Actor, idea_id: int) -> IdeaView:
    return _change(services, actor, idea_id, lambda s, idea: lifecycle.withdraw(
        session=s, idea=idea, actor=actor, window=services.withdraw_window))


def make_anonymous(services: Services, *, actor: Actor, idea_id: int) -> IdeaView:
    return _change(services, actor, idea_id, lambda s, idea: lifecycle.make_anonymous(
        session=s, idea=idea, actor=actor))


def reroute(services: Services, *, actor: Actor, idea_id: int, focus_area: str, note: str | None = None) -> IdeaView:
    return _change(services, actor, idea_id, lambda s, idea: lifecycle.reroute(
        session=s, idea=idea, focus_area=focus_area, actor=actor, org=services.org, note=note))


def estimate(services: Services, *, actor: Actor, idea_id: int, amount_nok: int | None) -> IdeaView:
    return _change(services, actor, idea_id, lambda s, idea: lifecycle.set_estimated_saving(
        session=s, idea=idea, amount_nok=amount_nok, actor=actor, org=services.org))


def answer(services: Services, *, actor: Actor, idea_id: int, to: Status, expected: Status | None = None,
           note: str | None = None, duplicate_of: int | None = None) -> IdeaView:
    """A commissioner's button. `expected` is the status the clicked message showed: a stale click changes nothing.

    "Accept" on an idea nobody has reviewed yet passes through in_review, so the history stays complete.
    """

    def apply(session: Session, idea: Idea) -> None:
        if expected is not None and idea.status is not expected:
            raise Conflict(f"The idea is already {idea.status.value}.")
        if to is Status.ACCEPTED and idea.status is Status.RECEIVED:
            lifecycle.transition(session=session, idea=idea, to=Status.IN_REVIEW, actor=actor, org=services.org)
        lifecycle.transition(session=session, idea=idea, to=to, actor=actor, org=services.org, note=note,
                             duplicate_of=duplicate_of)

    return _change(services, actor, idea_id, apply)


def may_handle(services: Services, *, actor: Actor, idea_id: int) -> bool:
    """Whether the actor may answer or route the idea; asked before opening a form, so a refusal comes first."""
    with services.session_factory() as session:
        idea = get_idea(session, idea_id)
        if idea is None:
            return False
        try:
            require_handler(actor, services.org, idea)
        except Forbidden:
            return False
        return True


def search(services: Services, *, actor: Actor, q: str | None, exclude: int | None = None,
           limit: int = 20) -> list[IdeaView]:
    """Ideas the actor may see, newest first: by number ("#12", "12") or by words in the title and text."""
    q = (q or "").strip()
    with services.session_factory() as session:
        where = visible_ideas(session, actor, services.org)
        if exclude is not None:
            where.append(Idea.id != exclude)
        number = q.removeprefix("#")
        if number.isdigit():
            where.append(Idea.id == int(number))
            q = ""
        page = list_ideas(session, where=where, q=q or None, page_size=limit)
        return [build_view(session, services, idea) for idea in page.items]


def submitter_address(services: Services, *, submitter_id: int, channel: Channel) -> Address | None:
    with services.session_factory() as session:
        row = session.execute(
            select(Identity, Submitter.locale)
            .join(Submitter)
            .where(Identity.submitter_id == submitter_id, Identity.channel == channel,
                   Submitter.erased_at.is_(None))
        ).first()
        if row is None:
            return None
        identity, locale = row
        return Address(external_id=identity.external_id, address=identity.address, locale=locale)


def build_view(session: Session, services: Services, idea: Idea) -> IdeaView:
    org = services.org
    area = org.area(idea.focus_area)
    commissioner = org.commissioner(idea.commissioner) if idea.commissioner else None
    return IdeaView(
        id=idea.id,
        title=idea.title or _snippet(idea.text, 60),
        text=idea.text,
        status=idea.status.value,
        focus_area=idea.focus_area,
        area_name=area.name.model_dump() if area else None,
        commissioner_name=commissioner.name if commissioner else None,
        confidence=idea.confidence,
        anonymous=idea.anonymous,
        submitter_name=None if idea.anonymous or idea.submitter is None else idea.submitter.display_name,
        similar=_similar(session, idea),
        created_at=idea.created_at,
        deadline=idea.created_at + timedelta(days=org.sla_days),
        latest_note=_latest_note(session, idea.id),
        estimated_saving_nok=idea.estimated_saving_nok,
    )


def _change(services: Services, actor: Actor, idea_id: int, apply: Callable[[Session, Idea], object]) -> IdeaView:
    with services.session_factory.begin() as session:
        idea = require_visible_or_own(session, services, actor, idea_id)
        apply(session, idea)
        session.flush()
        return build_view(session, services, idea)


def require_visible_or_own(session: Session, services: Services, actor: Actor, idea_id: int) -> Idea:
    idea = get_idea(session, idea_id, for_update=True)
    return require_visible(session, actor, services.org, idea, idea_id)


def _similar(session: Session, idea: Idea) -> list[SimilarView]:
    scores = {s["idea_id"]: s["score"] for s in (idea.similar or [])}
    if not scores:
        return []
    rows = session.execute(select(Idea.id, Idea.text).where(Idea.id.in_(scores))).all()
    found = [SimilarView(idea_id=i, score=scores[i], snippet=_snippet(text, SNIPPET)) for i, text in rows]
    return sorted(found, key=lambda s: -s.score)


def _latest_note(session: Session, idea_id: int) -> str | None:
    return session.scalar(
        select(Event.note)
        .where(Event.idea_id == idea_id, Event.kind == EventKind.STATUS_CHANGED, Event.note.is_not(None))
        .order_by(Event.id.desc())
        .limit(1)
    )


def _snippet(text: str, length: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"
