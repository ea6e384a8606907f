"""Marking an idea as a duplicate merges it into the original (core/merging.py): its supporters move, each person
once; its submitter supports the original unless they sent it; its text stays under the original, text only; both
submitters are told, each in their channel; both ideas get an event."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from core import following, handling, reading, support
from core.actors import Actor, Role
from core.errors import InvalidInput
from core.orgconfig import Sharing
from core.unit_of_work import UnitOfWork
from storage.models import Channel, Event, EventKind, OutboxMessage, Status, Support
from tests.core.helpers import submit
from tests.core.test_support import LISE_IN_TEAMS, LISE_ON_THE_WEB, shared_idea, uow_with
from tests.people import EMPLOYEE, OPPVEKST, OTHER_EMPLOYEE

ORIGINAL_TEXT = "Felles vikarpool for alle barnehagene"
DUPLICATE_TEXT = "Vikarer som deles mellom barnehagene"
ANNE = Actor(role=Role.EMPLOYEE, user_id="anne", name="Anne Dahl")
OLA = Actor(role=Role.EMPLOYEE, user_id="ola", name="Ola Berg")


@pytest.fixture
def uow(session, services, org) -> UnitOfWork:
    return uow_with(session, services, org, Sharing.OPT_IN)


def supporters(uow: UnitOfWork, idea_id: int) -> list[int]:
    return sorted(uow.session.scalars(select(Support.submitter_id).where(Support.idea_id == idea_id)))


def person(uow: UnitOfWork, actor: Actor) -> int:
    return min(support.own_submitter_ids(uow.session, actor))


def merge(uow: UnitOfWork, duplicate: int, original: int):
    return handling.mark_duplicate(uow=uow, actor=OPPVEKST, idea_id=duplicate, original_id=original)


def test_supporters_move_once_and_the_duplicates_submitter_joins_them(uow):
    original = shared_idea(uow, text=ORIGINAL_TEXT, by=EMPLOYEE)
    duplicate = shared_idea(uow, text=DUPLICATE_TEXT, by=OTHER_EMPLOYEE)
    for actor in (ANNE, OLA):  # Anne supports both: she counts once
        support.support(uow=uow, actor=actor, idea_id=duplicate.id)
    support.support(uow=uow, actor=ANNE, idea_id=original.id)

    done = merge(uow, duplicate.id, original.id)

    expected = sorted(person(uow, actor) for actor in (ANNE, OLA, OTHER_EMPLOYEE))
    assert supporters(uow, original.id) == expected and supporters(uow, duplicate.id) == []
    assert done.happened == (EventKind.STATUS_CHANGED, EventKind.MERGED_AWAY, EventKind.MERGED_IN)
    assert done.idea.status is Status.DUPLICATE and done.idea.duplicate_of == original.id
    shown = reading.show(uow=uow, actor=OPPVEKST, idea_id=original.id)
    assert shown.support_count == 3 and shown.merged == (DUPLICATE_TEXT,)
    events = uow.session.scalars(select(Event).where(Event.kind.in_([EventKind.MERGED_AWAY, EventKind.MERGED_IN]))
                                 .order_by(Event.id)).all()
    assert [(e.idea_id, e.kind, e.from_value, e.to_value, e.actor) for e in events] == [
        (duplicate.id, EventKind.MERGED_AWAY, None, str(original.id), "commissioner:kommunalsjef-oppvekst"),
        (original.id, EventKind.MERGED_IN, str(duplicate.id), "3", "commissioner:kommunalsjef-oppvekst")]
    # The supporters moved can take their support back from the original, once.
    assert support.withdraw_support(uow=uow, actor=OLA, idea_id=original.id).count == 2


def test_the_submitter_of_both_is_not_made_a_supporter_of_their_own_idea_nor_told_twice(uow):
    original = submit(uow.session, uow.org, text=ORIGINAL_TEXT, by=EMPLOYEE, channel=Channel.SLACK)
    duplicate = submit(uow.session, uow.org, text=DUPLICATE_TEXT, by=EMPLOYEE, channel=Channel.SLACK)
    for idea in (original, duplicate):
        handling.share(uow=uow, actor=OPPVEKST, idea_id=idea.id, shared=True)
    support.support(uow=uow, actor=OLA, idea_id=duplicate.id)
    before = _outbox_top(uow)

    merge(uow, duplicate.id, original.id)

    assert supporters(uow, original.id) == [person(uow, OLA)]
    assert [(m.idea_id, m.kind) for m in _outbox_since(uow, before)] == [(duplicate.id, "status_changed")]


def test_linked_identities_count_as_one_person(uow):
    """Lise supported the duplicate in Teams and the original on the web: one person, one support."""
    original = shared_idea(uow, text=ORIGINAL_TEXT, by=EMPLOYEE)
    duplicate = shared_idea(uow, text=DUPLICATE_TEXT, by=OTHER_EMPLOYEE)
    support.support(uow=uow, actor=LISE_IN_TEAMS, idea_id=duplicate.id)
    support.support(uow=uow, actor=LISE_ON_THE_WEB, idea_id=original.id)

    merge(uow, duplicate.id, original.id)

    assert len(supporters(uow, original.id)) == 2  # Lise and the duplicate's submitter


def test_both_submitters_are_told_in_their_own_channel(uow):
    original = submit(uow.session, uow.org, text=ORIGINAL_TEXT, by=EMPLOYEE, channel=Channel.SLACK)
    duplicate = submit(uow.session, uow.org, text=DUPLICATE_TEXT, by=OTHER_EMPLOYEE, channel=Channel.TEAMS,
                       anonymous=True)
    before = _outbox_top(uow)

    merge(uow, duplicate.id, original.id)

    told = [(m.idea_id, m.kind, m.channel, m.recipient, m.payload) for m in _outbox_since(uow, before)]
    assert told == [
        (duplicate.id, "status_changed", Channel.TEAMS, f"submitter:{duplicate.submitter_id}",
         {"from": "received", "to": "duplicate", "note": None}),
        (original.id, "idea_merged", Channel.SLACK, f"submitter:{original.submitter_id}", {"supporters": 1})]


@pytest.mark.parametrize(("sharing", "duplicate_shared", "colleagues_read_it"), [
    (Sharing.ON, False, True),
    (Sharing.OPT_IN, True, True),
    (Sharing.OPT_IN, False, False),
])
def test_the_text_stays_under_the_original_without_its_sender(session, services, org, sharing, duplicate_shared,
                                                              colleagues_read_it):
    uow = uow_with(session, services, org, sharing)
    original = shared_idea(uow, text=ORIGINAL_TEXT, by=EMPLOYEE, shared=sharing is Sharing.OPT_IN)
    duplicate = shared_idea(uow, text=DUPLICATE_TEXT, by=OTHER_EMPLOYEE, anonymous=True,
                            shared=sharing is Sharing.OPT_IN and duplicate_shared)
    merge(uow, duplicate.id, original.id)

    # Handlers always read it; the original's submitter and colleagues only what its sender shared.
    assert reading.show(uow=uow, actor=OPPVEKST, idea_id=original.id).merged == (DUPLICATE_TEXT,)
    expected = (DUPLICATE_TEXT,) if colleagues_read_it else ()
    assert reading.show(uow=uow, actor=EMPLOYEE, idea_id=original.id).merged == expected
    item = next(i for i in support.board(uow=uow, actor=ANNE).items if i.id == original.id)
    assert item.merged == expected
    triage = reading.find(uow=uow, actor=OPPVEKST, ids={original.id}, with_history=True).items
    assert triage[0].merged == (DUPLICATE_TEXT,)
    # Nothing of the anonymous duplicate's sender reaches the original's view.
    view = reading.show(uow=uow, actor=OPPVEKST, idea_id=original.id)
    assert "Per" not in repr(view) and duplicate.id not in {item.id for item in support.board(uow=uow,
                                                                                              actor=ANNE).items}


def test_a_duplicate_of_a_duplicate_is_refused_with_the_original_to_use(uow):
    original = shared_idea(uow, text=ORIGINAL_TEXT)
    first = shared_idea(uow, text=DUPLICATE_TEXT, by=OTHER_EMPLOYEE)
    merge(uow, first.id, original.id)
    second = shared_idea(uow, text="Enda en vikarpool", by=ANNE)
    with pytest.raises(InvalidInput, match=f"duplicate of idea {original.id}"):
        merge(uow, second.id, first.id)


def _outbox_top(uow: UnitOfWork) -> int:
    return max(uow.session.scalars(select(OutboxMessage.id)).all() or [0])


def _outbox_since(uow: UnitOfWork, top: int) -> list[OutboxMessage]:
    uow.session.flush()
    return list(uow.session.scalars(select(OutboxMessage).where(OutboxMessage.id > top).order_by(OutboxMessage.id)))


def test_followers_of_the_duplicate_follow_the_original_and_a_choice_made_there_stands(uow):
    original = shared_idea(uow, text=ORIGINAL_TEXT, by=EMPLOYEE)
    duplicate = shared_idea(uow, text=DUPLICATE_TEXT, by=OTHER_EMPLOYEE)
    following.follow(uow=uow, actor=ANNE, idea_id=duplicate.id)  # she follows the duplicate only
    following.follow(uow=uow, actor=OLA, idea_id=duplicate.id)
    following.unfollow(uow=uow, actor=OLA, idea_id=original.id)  # he chose not to hear of the original

    merge(uow, duplicate.id, original.id)

    assert following.is_following(uow=uow, actor=ANNE, idea_id=original.id)
    assert not following.is_following(uow=uow, actor=OLA, idea_id=original.id)
    # The duplicate's sender supports the original now, and so follows it, without a choice made for them.
    assert following.is_following(uow=uow, actor=OTHER_EMPLOYEE, idea_id=original.id)
