"""Following ideas (core/following.py): who follows by default, following and unfollowing, and how followers are
told in their own chat — at once, or in the daily or weekly digest (core/follow_digest.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from core import comments, following, handling, support
from core.actors import Actor, Role
from core.errors import NotFound
from core.follow_digest import DailySchedule, enqueue_follow_digests
from core.notify import Kind
from core.orgconfig import Sharing
from storage.models import Channel, Digest, FollowNews, OutboxMessage, Status
from tests.core.helpers import submit
from tests.core.test_support import uow_with
from tests.people import EMPLOYEE, OPPVEKST

# Tuesday 25 November 2025 and Monday 1 December 2025, 07:00 in Oslo (UTC+1 in winter).
TUESDAY_7 = datetime(2025, 11, 25, 6, 0, tzinfo=UTC)
MONDAY_7 = datetime(2025, 12, 1, 6, 0, tzinfo=UTC)
CHATS = [Channel.SLACK, Channel.TEAMS]


@pytest.fixture
def uow(session, services, org):
    return uow_with(session, services, org, Sharing.ON)


def chat_person(channel: Channel, user: str = "U0FOLLOW") -> Actor:
    """A colleague known in a chat: they said something to the bot once (their idea about something else)."""
    return Actor(role=Role.EMPLOYEE, user_id=user, channel=channel, name="Siri Følger")


def known(uow, actor: Actor) -> Actor:
    submit(uow.session, uow.org, text=f"Noe annet fra {actor.user_id}", by=actor, channel=actor.channel)
    return actor


def followed_rows(uow, kind: str = Kind.FOLLOWED) -> list[OutboxMessage]:
    return list(uow.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == kind)
                                    .order_by(OutboxMessage.id)))


def idea(uow) -> int:
    return submit(uow.session, uow.org, text="Samkjøring av vikarbruk i barnehagene", by=EMPLOYEE).id


@pytest.mark.parametrize("channel", CHATS)
def test_a_supporter_follows_by_default_and_hears_of_changes_and_answers_at_once(uow, channel):
    follower = known(uow, chat_person(channel))
    shared = idea(uow)
    support.support(uow=uow, actor=follower, idea_id=shared)
    assert following.is_following(uow=uow, actor=follower, idea_id=shared)
    handling.accept(uow=uow, actor=OPPVEKST, idea_id=shared, note="Vi prøver fra januar.")
    comments.comment(uow=uow, actor=OPPVEKST, idea_id=shared, text="Oppstart 6. januar.")
    comments.comment(uow=uow, actor=follower, idea_id=shared, text="Flott!")  # a colleague's: no news
    told = followed_rows(uow)
    assert [(m.channel, m.payload["what"]) for m in told] == [(channel, "status"), (channel, "answer")]
    assert told[0].payload | {"heading": None} == {"what": "status", "to": "accepted", "note": "Vi prøver fra januar.",
                                                   "heading": None}
    assert all(m.recipient.startswith("submitter:") for m in told)


def test_the_sender_is_told_once_of_a_status_change_and_web_only_followers_read_the_board(uow):
    shared = idea(uow)  # sent on the web: the sender follows it on its page
    handling.review(uow=uow, actor=OPPVEKST, idea_id=shared)
    assert followed_rows(uow) == []
    chat_sender = known(uow, chat_person(Channel.SLACK, "USENDER"))
    own = submit(uow.session, uow.org, text="Mitt eget forslag", by=chat_sender, channel=Channel.SLACK).id
    handling.review(uow=uow, actor=OPPVEKST, idea_id=own)
    assert followed_rows(uow) == []  # the sender's own notification of it is the existing status_changed
    comments.comment(uow=uow, actor=OPPVEKST, idea_id=own, text="Vi ser på det.")
    assert [m.payload["what"] for m in followed_rows(uow)] == ["answer"]


@pytest.mark.parametrize("channel", CHATS)
def test_anyone_who_sees_an_idea_may_follow_and_unfollow_it(uow, channel):
    colleague = known(uow, chat_person(channel))
    shared = idea(uow)
    assert not following.is_following(uow=uow, actor=colleague, idea_id=shared)
    assert following.follow(uow=uow, actor=colleague, idea_id=shared).following
    handling.review(uow=uow, actor=OPPVEKST, idea_id=shared)
    assert len(followed_rows(uow)) == 1
    assert shared in [i.id for i in following.followed(uow=uow, actor=colleague)]
    following.unfollow(uow=uow, actor=colleague, idea_id=shared)
    support.support(uow=uow, actor=colleague, idea_id=shared)  # supporting later does not undo the choice
    handling.accept(uow=uow, actor=OPPVEKST, idea_id=shared)
    assert len(followed_rows(uow)) == 1
    assert shared not in [i.id for i in following.followed(uow=uow, actor=colleague)]


def test_nobody_follows_an_idea_they_cannot_see(session, services, org):
    uow = uow_with(session, services, org, Sharing.OFF)
    shared = idea(uow)
    with pytest.raises(NotFound):
        following.follow(uow=uow, actor=chat_person(Channel.SLACK), idea_id=shared)
    assert following.follow(uow=uow, actor=EMPLOYEE, idea_id=shared).following  # its sender may


def test_followers_stop_hearing_of_an_idea_no_longer_shared(session, services, org):
    uow = uow_with(session, services, org, Sharing.OPT_IN)
    colleague = known(uow, chat_person(Channel.SLACK))
    shared = idea(uow)
    handling.share(uow=uow, actor=OPPVEKST, idea_id=shared, shared=True)
    following.follow(uow=uow, actor=colleague, idea_id=shared)
    handling.share(uow=uow, actor=OPPVEKST, idea_id=shared, shared=False)
    handling.review(uow=uow, actor=OPPVEKST, idea_id=shared)
    assert followed_rows(uow) == []


@pytest.mark.parametrize("channel", CHATS)
def test_a_daily_digest_gathers_the_news_each_morning(uow, channel):
    follower = known(uow, chat_person(channel))
    first, second = idea(uow), idea(uow)
    for shared in (first, second):
        following.follow(uow=uow, actor=follower, idea_id=shared)
    assert following.choose_digest(uow=uow, actor=follower, digest=Digest.DAILY) is Digest.DAILY
    handling.accept(uow=uow, actor=OPPVEKST, idea_id=first, note="Ja")
    comments.comment(uow=uow, actor=OPPVEKST, idea_id=second, text="Vi trenger tall.")
    assert followed_rows(uow) == []
    assert enqueue_follow_digests(session=uow.session, now=TUESDAY_7) == 1
    digest = followed_rows(uow, Kind.FOLLOW_DIGEST)[0]
    assert (digest.channel, digest.payload["period"]) == (channel, "daily")
    assert [(i["idea_id"], i["what"]) for i in digest.payload["items"]] == [(first, "status"), (second, "answer")]
    assert uow.session.scalars(select(FollowNews)).all() == []
    assert enqueue_follow_digests(session=uow.session, now=TUESDAY_7 + timedelta(hours=2)) == 0  # once a day


def test_a_weekly_digest_waits_for_monday(uow):
    follower = known(uow, chat_person(Channel.TEAMS))
    shared = idea(uow)
    following.follow(uow=uow, actor=follower, idea_id=shared)
    following.choose_digest(uow=uow, actor=follower, digest=Digest.WEEKLY)
    handling.change_status(uow=uow, actor=OPPVEKST, idea_id=shared, to=Status.DECLINED, note="For dyrt.")
    assert enqueue_follow_digests(session=uow.session, now=TUESDAY_7) == 0
    assert enqueue_follow_digests(session=uow.session, now=MONDAY_7) == 1
    payload = followed_rows(uow, Kind.FOLLOW_DIGEST)[0].payload
    assert payload["period"] == "weekly" and payload["items"][0]["to"] == "declined"


def test_the_schedule_runs_from_seven_once_a_day(session_factory):
    schedule = DailySchedule()
    assert schedule.run_if_due(session_factory=session_factory, now=TUESDAY_7 - timedelta(minutes=1)) is None
    assert schedule.run_if_due(session_factory=session_factory, now=TUESDAY_7) == 0
    assert schedule.run_if_due(session_factory=session_factory, now=TUESDAY_7 + timedelta(hours=3)) is None
    assert schedule.due(TUESDAY_7 + timedelta(days=1))
