"""Following an idea: its sender and supporters do by default, anyone who can see it may follow it or stop; and how
each person wants to hear of what happens to the ideas they follow (at once, or in a daily or weekly digest).

Followers hear of status changes and official answers (core/notify.py `tell_followers`; the digests in
core/follow_digest.py). Nothing shows anyone who follows an idea. None of these commits.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError

from core.actors import Actor, as_submitter, may_follow, on_board, own_submitter_ids
from core.errors import NotFound
from core.intake import SubmitterRef, ensure_submitter
from core.unit_of_work import UnitOfWork
from storage.follows import choices, choose, digests, followed_by, followers, set_digest
from storage.models import Digest, Idea
from storage.queries import all_ideas, get_idea


@dataclass(frozen=True)
class Following:
    idea_id: int
    following: bool


@dataclass(frozen=True)
class FollowedIdea:
    id: int
    heading: str
    status: str
    on_board: bool  # else the reader's own idea, or one they handle, that colleagues cannot see


def follow(*, uow: UnitOfWork, actor: Actor, idea_id: int) -> Following:
    return _choose(uow, actor, idea_id, following=True)


def unfollow(*, uow: UnitOfWork, actor: Actor, idea_id: int) -> Following:
    """Stop hearing of the idea; for its sender too (their own notifications of it still come, in their channel)."""
    return _choose(uow, actor, idea_id, following=False)


def is_following(*, uow: UnitOfWork, actor: Actor, idea_id: int) -> bool:
    idea = _visible(uow, actor, idea_id)
    people = own_submitter_ids(uow.session, as_submitter(actor))
    return bool(people) and any(person in people for person in followers(uow.session, idea))


def followed(*, uow: UnitOfWork, actor: Actor) -> list[FollowedIdea]:
    """The ideas I follow that I can still see, newest first."""
    people = own_submitter_ids(uow.session, as_submitter(actor))
    ideas = all_ideas(uow.session, where=[Idea.id.in_(followed_by(uow.session, people))])
    shown = [idea for idea in ideas if may_follow(uow.session, actor, uow.org, idea)]
    return [FollowedIdea(id=idea.id, heading=idea.title or _opening(idea.text), status=idea.status.value,
                         on_board=on_board(uow.org, idea))
            for idea in sorted(shown, key=lambda i: (i.received_on, i.id), reverse=True)]


def digest_of(*, uow: UnitOfWork, actor: Actor) -> Digest:
    people = own_submitter_ids(uow.session, as_submitter(actor))
    chosen = digests(uow.session, people)
    return chosen[min(people)] if people and min(people) in chosen else Digest.IMMEDIATE


def choose_digest(*, uow: UnitOfWork, actor: Actor, digest: Digest) -> Digest:
    """At once, daily or weekly: how I hear of every idea I follow."""
    people = _people(uow, actor)
    try:
        with uow.session.begin_nested():
            set_digest(uow.session, submitter_ids=people, digest=digest)
    except IntegrityError:  # the same person choosing at the same moment elsewhere: the later choice stands
        set_digest(uow.session, submitter_ids=people, digest=digest)
    return digest


def _choose(uow: UnitOfWork, actor: Actor, idea_id: int, *, following: bool) -> Following:
    idea = _visible(uow, actor, idea_id)
    people = _people(uow, actor)
    if choices(uow.session, [idea.id], people).get(idea.id) is not following:
        try:
            with uow.session.begin_nested():
                choose(uow.session, idea_id=idea.id, submitter_ids=people, following=following)
        except IntegrityError:  # a double click: the other made the same choice first
            choose(uow.session, idea_id=idea.id, submitter_ids=people, following=following)
    return Following(idea_id=idea.id, following=following)


def _visible(uow: UnitOfWork, actor: Actor, idea_id: int) -> Idea:
    idea = get_idea(uow.session, idea_id)
    if idea is None or not may_follow(uow.session, actor, uow.org, idea):
        raise NotFound(f"Idea {idea_id} not found.")
    return idea


def _people(uow: UnitOfWork, actor: Actor) -> list[int]:
    """The person's rows, the first made at first contact, so the choice is theirs to see, copy and erase."""
    me = as_submitter(actor)
    people = own_submitter_ids(uow.session, me)
    if not people:
        ensure_submitter(uow.session, SubmitterRef(channel=me.channel, external_id=me.user_id, display_name=me.name,
                                                   locale=None, verified_email=me.verified_email))
        people = own_submitter_ids(uow.session, me)
    return people


def _opening(text: str, length: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"
