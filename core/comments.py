"""Colleagues' discussion of a shared idea: read it, comment, report a comment, hide one (administrators).

Who may read, write and hide, and how a comment is signed, is decided in core/actors.py: a colleague under their
own name, the idea's sender only as "innsender" (never who), its handler as the official answer. Every comment and
every hiding is an event in the idea's history, written as the voice, never as the person. A comment passes the
same text checks as an idea, and the sender's rate limit (SUBMIT_RATE_LIMIT) counts comments as it counts ideas.
A comment enough people report (the org config's `comments.hide_after_reports`) is hidden until an administrator
shows it again. None of these commits.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.exc import IntegrityError

from core import notify
from core.actors import (
    COLLEAGUE,
    REPORTS,
    SUBMITTER,
    Actor,
    as_submitter,
    may_moderate,
    own_submitter_ids,
    require_discussion,
    voice_of,
)
from core.errors import Forbidden, InvalidInput, NotFound, RateLimited
from core.intake import SubmitterRef, ensure_submitter
from core.locale import day_of
from core.textcheck import require_clean, tidy
from core.unit_of_work import UnitOfWork
from storage.discussion import add_report, comments_on, get_comment, nth_newest_comment_since, report_count, reported_by
from storage.models import Comment, Event, EventKind, Idea, Voice, utcnow
from storage.queries import get_idea, lock_submitter


@dataclass(frozen=True)
class CommentView:
    """A comment as the reader may see it: a hidden one's text only for administrators; "innsender" unnamed and
    with the day it was written, not the minute."""

    id: int
    idea_id: int
    voice: Voice
    author: str | None  # None: "innsender", or a colleague since erased
    text: str | None  # None: hidden from this reader
    hidden: bool
    created_at: datetime | date
    mine: bool
    reported: bool  # by the reader


@dataclass(frozen=True)
class Reported:
    comment_id: int
    hidden: bool


def comments(*, uow: UnitOfWork, actor: Actor, idea_id: int) -> list[CommentView]:
    """The idea's discussion, oldest first."""
    require_discussion(uow.org, get_idea(uow.session, idea_id), idea_id)
    found = comments_on(uow.session, idea_id)
    mine = own_submitter_ids(uow.session, as_submitter(actor))
    reported = reported_by(uow.session, [c.id for c in found], mine)
    return [view(c, actor, mine=c.submitter_id in mine, reported=c.id in reported) for c in found]


def comment(*, uow: UnitOfWork, actor: Actor, idea_id: int, text: str) -> CommentView:
    """Write in the idea's discussion; the handler's comment is its official answer, and its followers hear of it."""
    session = uow.session
    idea = require_discussion(uow.org, get_idea(session, idea_id, for_update=True), idea_id)
    cleaned = _checked(text, uow.org.comments.max_length)
    person = _person(uow, actor)
    _check_rate(uow, [person])
    voice = voice_of(session, actor, uow.org, idea)
    written = Comment(idea_id=idea.id, submitter_id=person, voice=voice, text=cleaned,
                      author_name=_signature(uow, actor, voice), staff_id=actor.user_id if voice is Voice.HANDLER
                      else None)
    session.add(written)
    session.flush()
    session.add(Event(idea_id=idea.id, kind=EventKind.COMMENTED, actor=_label(actor, voice), to_value=str(written.id)))
    if voice is Voice.HANDLER:
        notify.tell_followers(session=session, idea=idea, org=uow.org, news={"what": "answer", "note": cleaned})
    session.flush()
    return view(written, actor, mine=True, reported=False)


def report(*, uow: UnitOfWork, actor: Actor, comment_id: int) -> Reported:
    """Tell the administrators a comment does not belong here; once per person. Enough reports hide it."""
    session = uow.session
    found, idea = _comment_on_board(uow, comment_id, for_update=True)
    person = _person(uow, actor)
    if found.submitter_id is not None and found.submitter_id in own_submitter_ids(session, as_submitter(actor)):
        raise Forbidden("You cannot report your own comment.")
    try:
        with session.begin_nested():
            add_report(session, comment_id=found.id, submitter_id=person)
    except IntegrityError:
        return Reported(comment_id=found.id, hidden=found.hidden_at is not None)  # reported already: once
    if found.hidden_at is None and report_count(session, found.id) >= uow.org.comments.hide_after_reports:
        _set_hidden(uow, found, idea, hidden=True, by=REPORTS)
    session.flush()
    return Reported(comment_id=found.id, hidden=found.hidden_at is not None)


def hide(*, uow: UnitOfWork, actor: Actor, comment_id: int, hidden: bool = True) -> CommentView:
    """An administrator hides a comment, or shows a hidden one again."""
    if not may_moderate(actor):
        raise Forbidden("Only an administrator may hide a comment or show it again.")
    found, idea = _comment_on_board(uow, comment_id, for_update=True)
    if (found.hidden_at is not None) != hidden:
        _set_hidden(uow, found, idea, hidden=hidden, by=actor.label)
    uow.session.flush()
    return view(found, actor, mine=False, reported=False)


def view(found: Comment, reader: Actor, *, mine: bool, reported: bool) -> CommentView:
    hidden = found.hidden_at is not None
    innsender = found.voice is Voice.SUBMITTER
    return CommentView(id=found.id, idea_id=found.idea_id, voice=found.voice,
                       author=None if innsender else found.author_name,
                       text=found.text if not hidden or may_moderate(reader) or mine else None, hidden=hidden,
                       created_at=day_of(found.created_at) if innsender else found.created_at, mine=mine,
                       reported=reported)


def _set_hidden(uow: UnitOfWork, found: Comment, idea: Idea, *, hidden: bool, by: str) -> None:
    found.hidden_at, found.hidden_by = (utcnow(), by) if hidden else (None, None)
    kind = EventKind.COMMENT_HIDDEN if hidden else EventKind.COMMENT_SHOWN
    uow.session.add(Event(idea_id=idea.id, kind=kind, actor=by, to_value=str(found.id)))


def _comment_on_board(uow: UnitOfWork, comment_id: int, *, for_update: bool = False) -> tuple[Comment, Idea]:
    found = get_comment(uow.session, comment_id, for_update=for_update)
    idea = get_idea(uow.session, found.idea_id) if found is not None else None
    if found is None or idea is None:
        raise NotFound(f"Comment {comment_id} not found.")
    try:
        return found, require_discussion(uow.org, idea, idea.id)
    except NotFound:
        raise NotFound(f"Comment {comment_id} not found.") from None


def _person(uow: UnitOfWork, actor: Actor) -> int:
    """The writer's first person row, made at first contact (like a support), so the comment is theirs to see, copy
    and erase."""
    me = as_submitter(actor)
    people = own_submitter_ids(uow.session, me)
    if not people:
        ensure_submitter(uow.session, SubmitterRef(channel=me.channel, external_id=me.user_id, display_name=me.name,
                                                   locale=None, verified_email=me.verified_email))
        people = own_submitter_ids(uow.session, me)
    return min(people)


def _signature(uow: UnitOfWork, actor: Actor, voice: Voice) -> str | None:
    if voice is Voice.SUBMITTER:
        return None
    if voice is Voice.HANDLER:
        staff = uow.org.commissioner(actor.user_id) or uow.org.administrator(actor.user_id)
        return staff.name if staff else actor.name
    return actor.name


def _label(actor: Actor, voice: Voice) -> str:
    """The comment in the idea's history: the handler by role and id like every handler's act, otherwise the voice."""
    return actor.label if voice is Voice.HANDLER else SUBMITTER if voice is Voice.SUBMITTER else COLLEAGUE


def _checked(text: str, max_length: int) -> str:
    cleaned = tidy(text)
    if not cleaned:
        raise InvalidInput("The comment is empty. Write something before sending.", field="text")
    if len(cleaned) > max_length:
        raise InvalidInput(f"The comment is {len(cleaned)} characters long; at most {max_length} are allowed.",
                           field="text")
    require_clean(cleaned, field="comment")
    return cleaned


def _check_rate(uow: UnitOfWork, people: list[int]) -> None:
    """The submission rate limit, counted over the person's comments: as many comments as ideas in the window."""
    limit = uow.settings.submit_limit
    if limit is None:
        return
    now = utcnow()
    lock_submitter(uow.session, people[0])
    blocking = nth_newest_comment_since(uow.session, submitter_ids=people, since=now - limit.period, n=limit.count)
    if blocking is None:
        return
    retry_after = max(1, math.ceil((blocking + limit.period - now).total_seconds()))
    raise RateLimited(f"You have written {limit.count} comments in a short while, the most allowed ({limit.text}). "
                      f"Try again in {retry_after} seconds.", retry_after=retry_after)
