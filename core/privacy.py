"""A person's own data: a copy of everything kept about them, and erasure of their identity from their ideas.

Both are written to the audit log, which administrators read, as one entry per request. The person is found by
one channel identity: the web login behind the API and the pages, or — for an administrator's `forslagskassa
privacy` command — any channel's. A web login from Entra ID and a Teams identity carry the same Entra object id
(a GUID; Teams keeps it lowercased), so either one also finds the other and the copy and the erasure cover both.
Other identities (Slack, a development login, a web login without an object id) share no id with any other
channel and stay separate submitters.

Erasure keeps the ideas — they belong to the municipality's follow-up — but cuts every tie to the person: their
supports of colleagues' ideas (removed, so the counts drop), their reports of comments, the ideas they follow and
their digest setting (removed), their comments (kept in the discussion, no longer signed or tied to them), the
submitter link, the channel identities (and with them the addresses used to reach them), the name and mail, the
delivery keys that embed a login, and the notifications still waiting for them. An idea sent openly gets a
`submitter_erased` event and becomes anonymous. An idea sent anonymously changes nowhere staff can see (no event,
not even its `updated_at`): a visible change at the moment of the erasure would tie it to the person's open ideas,
and so to their name. For the same reason an "innsender" answer stays as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from core.actors import SUBMITTER
from storage.board import forget_supports_of, supports_of
from storage.discussion import comments_of, forget_comments_of, reports_of
from storage.follows import digests, follow_rows_of, forget_following_of
from storage.identities import people_behind
from storage.models import (
    AuditEntry,
    Channel,
    Event,
    EventKind,
    Idea,
    Identity,
    Submitter,
    utcnow,
)
from storage.participation import forget as forget_participation_of
from storage.queries import audit_page, forget_outbox_of, ideas_of


class Action:
    EXPORTED = "data_exported"
    ERASED = "submitter_erased"


@dataclass(frozen=True)
class Erasure:
    ideas: int
    identities: int
    erased_at: datetime | None


def export_data(*, session: Session, channel: Channel, external_id: str, via: Channel,
                now: datetime | None = None, actor: str = "self", verified_email: str | None = None) -> dict[str, Any]:
    """Everything kept about the person behind (`channel`, `external_id`), as plain data; audited.

    `profile` is the submitter the identity asked for belongs to (else its linked twin's); `linked_profiles` the
    other submitters found to be the same person (`verified_email`: what the asking login's channel vouches for,
    see storage.identities.people_behind)."""
    now = now or utcnow()
    people = people_behind(session, channel=channel, external_id=external_id, verified_email=verified_email)
    data: dict[str, Any] = {"exported_at": now, "profile": None, "linked_profiles": [], "identities": [],
                            "ideas": [], "supports": [], "comments": [], "comment_reports": [], "follows": [],
                            "digest": None}
    if people:
        data |= {"profile": _profile(people[0]), "linked_profiles": [_profile(p) for p in people[1:]],
                 "identities": [_identity(i) for person in people for i in person.identities],
                 "ideas": [_idea(idea) for idea in ideas_of(session, people)],
                 "supports": [{"idea_id": idea_id, "created_at": when}
                              for idea_id, when in supports_of(session, [p.id for p in people])]}
        data |= _discussion(session, [p.id for p in people])
    record(session=session, action=Action.EXPORTED, subject=people[0] if people else None, via=via, now=now,
           actor=actor, detail={"ideas": len(data["ideas"]), "submitters": len(people)})
    return data


def erase(*, session: Session, channel: Channel, external_id: str, via: Channel,
          now: datetime | None = None, actor: str = "self", verified_email: str | None = None) -> Erasure:
    """Cut the person behind (`channel`, `external_id`) from everything they sent; audited. Idempotent."""
    now = now or utcnow()
    people = people_behind(session, channel=channel, external_id=external_id, verified_email=verified_email)
    ideas = ideas_of(session, people)
    for idea in ideas:
        _detach(session, idea, now)
    identities = sum(len(person.identities) for person in people)
    # A support is the person's own act, not the municipality's record: it goes, and the count with it. So do
    # their reports, follows, digest setting and place in the participation figures. Their comments stay where
    # others answered them, without name or person: removed, a comment's gap would show when they were erased,
    # and beside it the "innsender" answers they also left.
    forget_supports_of(session, [person.id for person in people])
    forget_comments_of(session, [person.id for person in people])
    forget_following_of(session, [person.id for person in people])
    forget_participation_of(session, [person.id for person in people])
    for person in people:
        _forget_person(session, person, now)
    record(session=session, action=Action.ERASED, subject=people[0] if people else None, via=via, now=now,
           actor=actor, detail={"ideas": len(ideas), "identities": identities, "submitters": len(people)})
    for person in people:
        person.identities.clear()
    session.flush()
    return Erasure(ideas=len(ideas), identities=identities, erased_at=now if people else None)


def record(*, session: Session, action: str, subject: Submitter | None, via: Channel, now: datetime,
           detail: dict[str, Any] | None = None, actor: str = "self") -> AuditEntry:
    """One line of the audit trail. `subject` is kept as its internal number, never by name."""
    entry = AuditEntry(action=action, actor=actor, subject=f"submitter:{subject.id}" if subject else None, via=via,
                       detail=detail, created_at=now)
    session.add(entry)
    return entry


def audit_trail(*, session: Session, limit: int = 100, offset: int = 0) -> tuple[list[AuditEntry], int]:
    """Newest first, with the total count."""
    return audit_page(session, limit=limit, offset=offset)


def _detach(session: Session, idea: Idea, now: datetime) -> None:
    if idea.anonymous:
        idea.submitter_id, idea.source_key = None, None
        # Written back as it is: otherwise the column's onupdate would stamp the erasure time on it.
        flag_modified(idea, "updated_at")
        return
    idea.submitter_id, idea.source_key, idea.anonymous, idea.updated_at = None, None, True, now
    session.add(Event(idea_id=idea.id, kind=EventKind.SUBMITTER_ERASED, actor=SUBMITTER, created_at=now))


def _forget_person(session: Session, submitter: Submitter, now: datetime) -> None:
    submitter.display_name = None
    submitter.email = None
    submitter.erased_at = now
    # Notifications to the person: undeliverable now, and their payloads name chat threads of theirs.
    forget_outbox_of(session, f"submitter:{submitter.id}")


def _discussion(session: Session, ids: list[int]) -> dict[str, Any]:
    chosen = digests(session, ids)
    return {
        "comments": [{"id": c.id, "idea_id": c.idea_id, "voice": c.voice.value, "signed_as": c.author_name,
                      "text": c.text, "hidden": c.hidden_at is not None, "created_at": c.created_at}
                     for c in comments_of(session, ids)],
        "comment_reports": [{"comment_id": comment_id, "created_at": when}
                            for comment_id, when in reports_of(session, ids)],
        "follows": [{"idea_id": f.idea_id, "following": f.following, "created_at": f.created_at}
                    for f in follow_rows_of(session, ids)],
        "digest": chosen[min(chosen)].value if chosen else None,
    }


def _profile(submitter: Submitter) -> dict[str, Any]:
    return {"display_name": submitter.display_name, "email": submitter.email, "locale": submitter.locale,
            "created_at": submitter.created_at}


def _identity(identity: Identity) -> dict[str, Any]:
    # The stored delivery address (a chat conversation reference) is the service's plumbing, not shown.
    return {"channel": identity.channel.value, "external_id": identity.external_id,
            "verified_email": identity.verified_email, "created_at": identity.created_at}


def _idea(idea: Idea) -> dict[str, Any]:
    return {
        "id": idea.id, "title": idea.title, "text": idea.text, "status": idea.status.value,
        "focus_area": idea.focus_area, "anonymous": idea.anonymous, "channel": idea.channel.value,
        "estimated_saving_nok": idea.estimated_saving_nok, "created_at": idea.created_at,
        "updated_at": idea.updated_at,
        "events": [{"kind": e.kind.value, "actor": e.actor, "from_value": e.from_value, "to_value": e.to_value,
                    "note": e.note, "created_at": e.created_at} for e in idea.events],
    }
