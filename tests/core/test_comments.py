"""Colleagues' comments on shared ideas (core/comments.py): who may write, how a comment is signed, moderation,
and the text checks and rate limit every comment passes like an idea."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from core import comments, handling
from core.actors import Actor, Role
from core.comment_settings import CommentSettings
from core.errors import Forbidden, InvalidCharacters, InvalidInput, NotFound, RateLimited
from core.orgconfig import Sharing
from core.unit_of_work import UnitOfWork
from storage.models import Event, EventKind, Voice
from tests.core.helpers import submit
from tests.core.test_support import uow_with
from tests.people import ADMIN, EMPLOYEE, HELSE, OPPVEKST, OTHER_EMPLOYEE

THIRD = Actor(role=Role.EMPLOYEE, user_id="ola", name="Ola Dunk")
FOURTH = Actor(role=Role.EMPLOYEE, user_id="eva", name="Eva Li")


@pytest.fixture
def uow(session, services, org) -> UnitOfWork:
    return uow_with(session, services, org, Sharing.ON)


def idea_on_board(uow: UnitOfWork, *, anonymous: bool = False, by: Actor = EMPLOYEE) -> int:
    return submit(uow.session, uow.org, text="Felles bilpark for hjemmetjenesten", by=by, anonymous=anonymous).id


def history_of(uow: UnitOfWork, idea_id: int) -> list[Event]:
    return list(uow.session.scalars(select(Event).where(Event.idea_id == idea_id).order_by(Event.id)))


def test_a_colleague_comments_under_their_name_and_it_is_in_the_history(uow):
    idea = idea_on_board(uow)
    written = comments.comment(uow=uow, actor=OTHER_EMPLOYEE, idea_id=idea, text="  Godt forslag! \u202e ")
    assert (written.voice, written.author, written.text) == (Voice.COLLEAGUE, "Per Hansen", "Godt forslag!")
    shown = comments.comments(uow=uow, actor=THIRD, idea_id=idea)
    assert [(c.author, c.text, c.mine) for c in shown] == [("Per Hansen", "Godt forslag!", False)]
    event = history_of(uow, idea)[-1]
    assert (event.kind, event.actor, event.to_value) == (EventKind.COMMENTED, "colleague", str(written.id))


@pytest.mark.parametrize("anonymous", [True, False])
def test_the_sender_answers_only_as_innsender_never_named(uow, anonymous):
    idea = idea_on_board(uow, anonymous=anonymous)
    comments.comment(uow=uow, actor=OTHER_EMPLOYEE, idea_id=idea, text="Hvem betaler?")
    answer = comments.comment(uow=uow, actor=EMPLOYEE, idea_id=idea, text="Driftsbudsjettet.")
    assert (answer.voice, answer.author) == (Voice.SUBMITTER, None)
    seen = comments.comments(uow=uow, actor=THIRD, idea_id=idea)[-1]
    assert (seen.voice, seen.author) == (Voice.SUBMITTER, None)
    # The day, not the minute: the time of an answer says nothing of when its sender was online.
    assert not hasattr(seen.created_at, "hour")
    assert "Kari" not in repr(seen) and "kari" not in repr(history_of(uow, idea)[-1].__dict__)
    assert history_of(uow, idea)[-1].actor == "submitter"


def test_the_handlers_answer_is_official_and_named_by_the_org_config(uow, org):
    idea = idea_on_board(uow)
    answer = comments.comment(uow=uow, actor=OPPVEKST, idea_id=idea, text="Vi ser på det i januar.")
    assert answer.voice is Voice.HANDLER
    assert answer.author == org.commissioner(OPPVEKST.user_id).name
    assert history_of(uow, idea)[-1].actor == OPPVEKST.label
    # Another area's commissioner is a colleague here, under their name.
    other = comments.comment(uow=uow, actor=HELSE, idea_id=idea, text="Helse vil gjerne være med.")
    assert other.voice is Voice.COLLEAGUE


@pytest.mark.parametrize("sharing", [Sharing.OFF, Sharing.OPT_IN])
def test_no_discussion_of_an_idea_colleagues_cannot_see(session, services, org, sharing):
    uow = uow_with(session, services, org, sharing)
    idea = idea_on_board(uow)
    for actor in (OTHER_EMPLOYEE, EMPLOYEE):
        with pytest.raises(NotFound):
            comments.comment(uow=uow, actor=actor, idea_id=idea, text="Hei")
        with pytest.raises(NotFound):
            comments.comments(uow=uow, actor=actor, idea_id=idea)
    if sharing is Sharing.OPT_IN:  # shared by its handler: now it has a discussion
        handling.share(uow=uow, actor=OPPVEKST, idea_id=idea, shared=True)
        assert comments.comment(uow=uow, actor=OTHER_EMPLOYEE, idea_id=idea, text="Hei").voice is Voice.COLLEAGUE


@pytest.mark.parametrize(("text", "error"), [
    ("   \u200b ", InvalidInput),
    ("Null\x00tegn", InvalidCharacters),
    ("x" * 2001, InvalidInput),
])
def test_a_comment_passes_the_same_text_checks_as_an_idea(uow, text, error):
    idea = idea_on_board(uow)
    with pytest.raises(error):
        comments.comment(uow=uow, actor=OTHER_EMPLOYEE, idea_id=idea, text=text)
    assert comments.comments(uow=uow, actor=OTHER_EMPLOYEE, idea_id=idea) == []


def test_comments_count_against_the_rate_limit(session, services, org):
    limited = dataclasses.replace(services, settings=services.settings.model_copy(
        update={"submit_rate_limit": "2/minute"}))
    uow = UnitOfWork(session=session, services=dataclasses.replace(
        limited, org=org.model_copy(update={"sharing": Sharing.ON})))
    idea = idea_on_board(uow)
    for n in range(2):
        comments.comment(uow=uow, actor=OTHER_EMPLOYEE, idea_id=idea, text=f"Kommentar {n}")
    with pytest.raises(RateLimited) as refused:
        comments.comment(uow=uow, actor=OTHER_EMPLOYEE, idea_id=idea, text="En til")
    assert 1 <= refused.value.retry_after <= 60
    comments.comment(uow=uow, actor=THIRD, idea_id=idea, text="Noen andre kan fortsatt skrive")


def test_enough_reports_hide_a_comment_and_each_person_counts_once(session, services, org):
    uow = uow_with(session, services, org, Sharing.ON)
    uow = dataclasses.replace(uow, services=dataclasses.replace(uow.services, org=uow.org.model_copy(
        update={"comments": CommentSettings(hide_after_reports=2)})))
    idea = idea_on_board(uow)
    rude = comments.comment(uow=uow, actor=OTHER_EMPLOYEE, idea_id=idea, text="Dumt forslag")
    with pytest.raises(Forbidden):
        comments.report(uow=uow, actor=OTHER_EMPLOYEE, comment_id=rude.id)
    assert comments.report(uow=uow, actor=THIRD, comment_id=rude.id).hidden is False
    assert comments.report(uow=uow, actor=THIRD, comment_id=rude.id).hidden is False  # once per person
    assert comments.report(uow=uow, actor=FOURTH, comment_id=rude.id).hidden is True
    seen = comments.comments(uow=uow, actor=THIRD, idea_id=idea)[0]
    assert (seen.hidden, seen.text, seen.reported) == (True, None, True)
    assert comments.comments(uow=uow, actor=ADMIN, idea_id=idea)[0].text == "Dumt forslag"
    event = history_of(uow, idea)[-1]
    assert (event.kind, event.actor) == (EventKind.COMMENT_HIDDEN, "reports")


def test_an_administrator_hides_and_shows_a_comment_nobody_else_may(uow):
    idea = idea_on_board(uow)
    written = comments.comment(uow=uow, actor=OTHER_EMPLOYEE, idea_id=idea, text="Navn på en kollega her")
    for actor in (OPPVEKST, THIRD, EMPLOYEE):
        with pytest.raises(Forbidden):
            comments.hide(uow=uow, actor=actor, comment_id=written.id)
    assert comments.hide(uow=uow, actor=ADMIN, comment_id=written.id).hidden is True
    assert comments.comments(uow=uow, actor=THIRD, idea_id=idea)[0].text is None
    assert comments.comments(uow=uow, actor=OTHER_EMPLOYEE, idea_id=idea)[0].text is not None  # the writer's own
    assert comments.hide(uow=uow, actor=ADMIN, comment_id=written.id, hidden=False).hidden is False
    kinds = [e.kind for e in history_of(uow, idea)][-2:]
    assert kinds == [EventKind.COMMENT_HIDDEN, EventKind.COMMENT_SHOWN]
    with pytest.raises(NotFound):
        comments.hide(uow=uow, actor=ADMIN, comment_id=written.id + 999)
