"""Which notifications a change causes, and to whom. Written to the outbox in the caller's transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from core.actors import tells_colleagues
from core.orgconfig import OrgConfig, Person
from core.outbox import enqueue
from storage.follows import add_news, chat_identities, digests, followers
from storage.models import Channel, Digest, Idea

CHAT_CHANNELS = (Channel.SLACK, Channel.TEAMS)


class Kind:
    RECEIVED = "idea_received"  # to the submitter: where it went
    ROUTED = "idea_routed"  # to the commissioner (or the triage queue): a new idea to handle
    STATUS_CHANGED = "status_changed"  # to the submitter
    REROUTED = "rerouted"  # to the submitter: it went somewhere else
    MOVE_REQUESTED = "move_requested"  # to the commissioner (or the triage queue): the submitter asks to move it
    MOVE_DECLINED = "move_declined"  # to the submitter: it stays where it is
    DIGEST = "overdue_digest"  # to a commissioner: ideas past the SLA (and packages below their share)
    PACKAGE_ADOPTED = "package_adopted"  # to the submitter: the idea is in the budget the council adopted
    PACKAGE_REMINDER = "package_reminder"  # to a commissioner: the deadline nears, the package is below its share
    FOLLOWED = "followed_update"  # to a follower: a status change or an official answer, as it happens
    FOLLOW_DIGEST = "follow_digest"  # to a follower: what happened to the ideas they follow, daily or weekly
    MERGED = "idea_merged"  # to the original's submitter: a similar idea was merged into theirs


def idea_received(*, session: Session, idea: Idea, org: OrgConfig, reply_to: dict[str, object] | None = None) -> None:
    payload: dict[str, Any] = {"focus_area": idea.focus_area}
    if reply_to:
        payload["reply_to"] = reply_to
    _to_submitter(session, idea, Kind.RECEIVED, payload)
    _to_handlers(session, idea, org)


def status_changed(*, session: Session, idea: Idea, old: str, note: str | None) -> None:
    _to_submitter(session, idea, Kind.STATUS_CHANGED, {"from": old, "to": idea.status.value, "note": note})


def rerouted(*, session: Session, idea: Idea, org: OrgConfig, old: str | None) -> None:
    _to_submitter(session, idea, Kind.REROUTED, {"from": old, "focus_area": idea.focus_area})
    _to_handlers(session, idea, org)


def move_requested(*, session: Session, idea: Idea, org: OrgConfig, requested: str) -> None:
    """To whoever decides: the commissioner of the idea's area, or the triage queue. The submitter, who asked, was
    answered in the channel they asked in."""
    _to_handlers(session, idea, org, Kind.MOVE_REQUESTED, {"focus_area": idea.focus_area, "requested": requested})


def move_declined(*, session: Session, idea: Idea, requested: str | None, note: str | None) -> None:
    _to_submitter(session, idea, Kind.MOVE_DECLINED, {"focus_area": idea.focus_area, "requested": requested,
                                                       "note": note})


def package_adopted(*, session: Session, idea: Idea, phase: str, years: str, case_reference: str) -> None:
    """To the submitter in their chat, anonymous or not: the address is looked up only at delivery, as for a
    status change, so the link to an anonymous submitter never leaves the outbox's recipient field."""
    _to_submitter(session, idea, Kind.PACKAGE_ADOPTED, {"phase": phase, "years": years,
                                                        "case_reference": case_reference})


def package_reminder(*, session: Session, commissioner: Person, payload: dict[str, Any]) -> int:
    """To the commissioner in each chat they have; the number of notifications queued."""
    addresses = staff_addresses(commissioner)
    for channel, recipient in addresses:
        enqueue(session=session, idea=None, kind=Kind.PACKAGE_REMINDER, channel=channel, recipient=recipient,
                payload=payload)
    return len(addresses)


def tell_followers(*, session: Session, idea: Idea, org: OrgConfig, news: dict[str, Any],
                   sender_told: bool = False) -> int:
    """Followers hear of a status change or an official answer in their chat, at once or in their digest
    (core/follow_digest.py). `sender_told`: the sender had their own notification already. Followers known only on
    the web see it on the board. Returns how many were told at once."""
    people = [p for p in followers(session, idea) if not (sender_told and p == idea.submitter_id)]
    if not tells_colleagues(org, idea):
        people = [p for p in people if p == idea.submitter_id]
    news = {**news, "heading": idea.title or _opening(idea.text)}
    chosen = digests(session, people)
    at_once = [p for p in people if chosen.get(p, Digest.IMMEDIATE) is Digest.IMMEDIATE]
    for person in people:
        if person not in at_once:
            add_news(session, submitter_id=person, idea_id=idea.id, payload=news)
    told = chat_identities(session, at_once, [c.value for c in CHAT_CHANNELS])
    for submitter_id, channel in told:
        enqueue(session=session, idea=idea, kind=Kind.FOLLOWED, channel=Channel(channel),
                recipient=f"submitter:{submitter_id}", payload=news)
    return len(told)


def merged(*, session: Session, original: Idea, supporters: int) -> None:
    """The duplicate's submitter hears where their idea went from its status change; this tells the original's."""
    _to_submitter(session, original, Kind.MERGED, {"supporters": supporters})


def staff_addresses(person: Person) -> list[tuple[Channel, str]]:
    addresses = []
    if person.slack_user_id:
        addresses.append((Channel.SLACK, f"user:{person.slack_user_id}"))
    if person.teams_aad_id:
        addresses.append((Channel.TEAMS, f"user:{person.teams_aad_id}"))
    return addresses


def _to_submitter(session: Session, idea: Idea, kind: str, payload: dict[str, Any]) -> None:
    # Web and API submitters follow their ideas on the page; chat submitters are told in chat.
    if idea.channel in CHAT_CHANNELS and idea.submitter_id is not None:
        enqueue(session=session, idea=idea, kind=kind, channel=idea.channel,
                recipient=f"submitter:{idea.submitter_id}", payload=payload)


def _to_handlers(session: Session, idea: Idea, org: OrgConfig, kind: str = Kind.ROUTED,
                 payload: dict[str, Any] | None = None) -> None:
    commissioner = org.commissioner(idea.commissioner) if idea.commissioner else None
    addresses = staff_addresses(commissioner) if commissioner else _triage_addresses(org)
    for channel, recipient in addresses:
        enqueue(session=session, idea=idea, kind=kind, channel=channel, recipient=recipient,
                payload=payload or {"focus_area": idea.focus_area})


def _triage_addresses(org: OrgConfig) -> list[tuple[Channel, str]]:
    if org.triage.slack_channel or org.triage.teams_conversation:
        return [(channel, f"channel:{target}") for channel, target in
                ((Channel.SLACK, org.triage.slack_channel), (Channel.TEAMS, org.triage.teams_conversation))
                if target]
    return [address for admin in org.administrators for address in staff_addresses(admin)]


def _opening(text: str, length: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"
