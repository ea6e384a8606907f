"""Sharing ideas with colleagues and supporting them (core/support.py, the sharing rules in core/actors.py)."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core import handling, intake, lifecycle, privacy, reading, support
from core.actors import Actor, Role
from core.errors import Conflict, Forbidden, NotFound
from core.orgconfig import OrgConfig, Sharing
from core.services import Services
from core.unit_of_work import UnitOfWork
from storage.board import BoardOrder
from storage.models import Channel, Event, EventKind, Status, Support
from tests.core.helpers import submit
from tests.fakes import StaticClassifier
from tests.people import ADMIN, EMPLOYEE, HELSE, OPPVEKST, OTHER_EMPLOYEE

OBJECT_ID = "6f1c2a9e-4b7d-4c1e-9a3f-2d8e5b7c1a40"
# One person, known to the web login and to Teams by the same Entra object id (storage.identities.people_behind).
LISE_ON_THE_WEB = Actor(role=Role.EMPLOYEE, user_id=OBJECT_ID.upper(), name="Lise Berg")
LISE_IN_TEAMS = Actor(role=Role.EMPLOYEE, user_id=OBJECT_ID, channel=Channel.TEAMS, name="Lise B. (Teams)")


def uow_with(session: Session, services: Services, org: OrgConfig, sharing: Sharing) -> UnitOfWork:
    return UnitOfWork(session=session,
                      services=dataclasses.replace(services, org=org.model_copy(update={"sharing": sharing})))


@pytest.fixture
def uow(session: Session, services: Services, org: OrgConfig) -> UnitOfWork:
    return uow_with(session, services, org, Sharing.OPT_IN)


def shared_idea(uow: UnitOfWork, *, text: str = "Felles innkjøp av kontorrekvisita", anonymous: bool = False,
                by: Actor = EMPLOYEE, shared: bool = True):
    idea = submit(uow.session, uow.org, text=text, by=by, anonymous=anonymous)
    if shared:
        handling.share(uow=uow, actor=OPPVEKST, idea_id=idea.id, shared=True)
    return idea


def board_ids(uow: UnitOfWork, actor: Actor = OTHER_EMPLOYEE, **filters: object) -> list[int]:
    return [item.id for item in support.board(uow=uow, actor=actor, **filters).items]  # type: ignore[arg-type]


@pytest.mark.parametrize(("sharing", "ticked", "unticked"), [
    (Sharing.OFF, False, False),
    (Sharing.OPT_IN, True, False),
    (Sharing.ON, True, True),
])
def test_the_policy_decides_which_ideas_colleagues_see(session, services, org, sharing, ticked, unticked):
    uow = uow_with(session, services, org, sharing)

    def send(text: str, shared: bool) -> int:
        ref = intake.SubmitterRef(channel=Channel.WEB, external_id="kari", display_name="Kari Nordmann")
        draft = intake.Draft(text=text, submitter=ref, channel=Channel.WEB, shared=shared)
        return intake.submit(session=session, draft=draft, classifier=StaticClassifier("barn-og-unge"),
                             org=uow.org).id

    with_box, without = send("Delt forslag", True), send("Privat forslag", False)
    on_board = set(board_ids(uow))
    assert (with_box in on_board, without in on_board) == (ticked, unticked)
    assert support.board(uow=uow, actor=OTHER_EMPLOYEE).sharing is sharing


@pytest.mark.parametrize("closing", [Status.DECLINED, Status.DUPLICATE])
def test_declined_and_duplicate_ideas_leave_the_board(uow, closing):
    original = shared_idea(uow, text="Originalen")
    idea = shared_idea(uow)
    assert idea.id in board_ids(uow)
    handling.change_status(uow=uow, actor=OPPVEKST, idea_id=idea.id, to=closing, note="Nei takk.",
                           duplicate_of=original.id if closing is Status.DUPLICATE else None)
    assert idea.id not in board_ids(uow)
    with pytest.raises(NotFound):
        support.support(uow=uow, actor=OTHER_EMPLOYEE, idea_id=idea.id)


def test_a_withdrawn_idea_leaves_the_board(uow):
    idea = shared_idea(uow)
    lifecycle.withdraw(session=uow.session, idea=idea, actor=EMPLOYEE, window=uow.services.withdraw_window)
    assert idea.id not in board_ids(uow)


def test_only_the_areas_commissioner_or_an_administrator_shares_and_only_under_opt_in(session, services, org, uow):
    idea = shared_idea(uow, shared=False)
    with pytest.raises(NotFound):  # another area's idea is not there for HELSE at all
        handling.share(uow=uow, actor=HELSE, idea_id=idea.id, shared=True)
    done = handling.share(uow=uow, actor=ADMIN, idea_id=idea.id, shared=True)
    assert done.idea.shared and done.happened == (EventKind.SHARED,)
    assert handling.share(uow=uow, actor=OPPVEKST, idea_id=idea.id, shared=False).idea.shared is False
    for policy in (Sharing.OFF, Sharing.ON):
        with pytest.raises(Conflict):
            handling.share(uow=uow_with(session, services, org, policy), actor=OPPVEKST, idea_id=idea.id,
                           shared=True)


def test_support_counts_once_and_can_be_taken_back(uow):
    idea = shared_idea(uow)
    assert support.support(uow=uow, actor=OTHER_EMPLOYEE, idea_id=idea.id) == support.Supported(idea.id, 1, True)
    assert support.support(uow=uow, actor=OTHER_EMPLOYEE, idea_id=idea.id).count == 1  # a double click
    assert support.support(uow=uow, actor=HELSE, idea_id=idea.id).count == 2  # staff are colleagues too
    assert support.withdraw_support(uow=uow, actor=OTHER_EMPLOYEE, idea_id=idea.id) == support.Supported(
        idea.id, 1, False)
    assert support.withdraw_support(uow=uow, actor=OTHER_EMPLOYEE, idea_id=idea.id).count == 1  # nothing to take
    changes = uow.session.scalars(select(Event).where(Event.idea_id == idea.id,
                                                      Event.kind == EventKind.SUPPORT_CHANGED)).all()
    # Each change is in the history as a count, by "colleague": never who.
    assert [(e.actor, e.to_value) for e in changes] == [("colleague", "1"), ("colleague", "2"), ("colleague", "1")]


def test_one_person_on_the_web_and_in_teams_supports_once(uow):
    idea = shared_idea(uow)
    # Lise has written to the Teams bot before, so she is already a submitter there.
    submit(uow.session, uow.org, text="Lises eget forslag", by=LISE_IN_TEAMS, channel=Channel.TEAMS)
    assert support.support(uow=uow, actor=LISE_IN_TEAMS, idea_id=idea.id).count == 1
    from_the_web = support.support(uow=uow, actor=LISE_ON_THE_WEB, idea_id=idea.id)
    assert (from_the_web.count, from_the_web.supported) == (1, True)
    assert [item.supported for item in support.board(uow=uow, actor=LISE_ON_THE_WEB).items
            if item.id == idea.id] == [True]
    assert support.withdraw_support(uow=uow, actor=LISE_ON_THE_WEB, idea_id=idea.id).count == 0
    assert uow.session.scalar(select(func.count()).select_from(Support)) == 0


@pytest.mark.parametrize("case", ["own", "own_from_teams_twin", "unshared", "missing", "accepted"])
def test_support_is_refused(uow, case):
    expected: type[Exception] = {"own": Forbidden, "own_from_teams_twin": Forbidden, "unshared": NotFound,
                                 "missing": NotFound, "accepted": Conflict}[case]
    author = LISE_IN_TEAMS if case == "own_from_teams_twin" else EMPLOYEE
    idea = shared_idea(uow, by=author, shared=case != "unshared")
    supporter = {"own": EMPLOYEE, "own_from_teams_twin": LISE_ON_THE_WEB}.get(case, OTHER_EMPLOYEE)
    if case == "accepted":
        handling.accept(uow=uow, actor=OPPVEKST, idea_id=idea.id, note="Vi gjør det.")
    with pytest.raises(expected):
        support.support(uow=uow, actor=supporter, idea_id=999_999_999 if case == "missing" else idea.id)


def test_the_board_shows_no_submitter_and_no_supporter(uow):
    hidden = shared_idea(uow, text="Anonymt forslag om vikarpool", anonymous=True)
    support.support(uow=uow, actor=OTHER_EMPLOYEE, idea_id=hidden.id)
    handling.review(uow=uow, actor=OPPVEKST, idea_id=hidden.id, note="Vi ser på det.")
    item = next(i for i in support.board(uow=uow, actor=LISE_ON_THE_WEB).items if i.id == hidden.id)
    shown = repr(item)
    for name in ("Kari", "Nordmann", "Per", "Hansen", "kari", "per"):
        assert name not in shown
    assert (item.answer, item.support_count, item.supported, item.mine) == ("Vi ser på det.", 1, False, False)
    mine = next(i for i in support.board(uow=uow, actor=EMPLOYEE).items if i.id == hidden.id)
    assert mine.mine  # only to its submitter, who may not support it


def test_the_board_sorts_filters_and_searches(uow):
    first = shared_idea(uow, text="Vikarpool for hjemmetjenesten")
    second = shared_idea(uow, text="Felles kantine på rådhuset")
    support.support(uow=uow, actor=OTHER_EMPLOYEE, idea_id=first.id)
    assert board_ids(uow, order=BoardOrder.MOST_SUPPORTED)[0] == first.id
    assert board_ids(uow, q="kantine") == [second.id]
    assert board_ids(uow, focus_area="helse-og-livskvalitet") == []
    assert set(board_ids(uow, status=Status.RECEIVED)) == {first.id, second.id}


def test_commissioners_see_the_count_on_the_idea(uow):
    idea = shared_idea(uow)
    support.support(uow=uow, actor=OTHER_EMPLOYEE, idea_id=idea.id)
    assert reading.show(uow=uow, actor=OPPVEKST, idea_id=idea.id).support_count == 1
    assert [i.support_count for i in reading.find(uow=uow, actor=OPPVEKST).items if i.id == idea.id] == [1]


def test_a_persons_supports_are_in_their_copy_and_go_with_slett_meg(uow):
    idea = shared_idea(uow)
    support.support(uow=uow, actor=OTHER_EMPLOYEE, idea_id=idea.id)
    copy = privacy.export_data(session=uow.session, channel=Channel.WEB, external_id="per", via=Channel.API)
    assert [s["idea_id"] for s in copy["supports"]] == [idea.id]
    privacy.erase(session=uow.session, channel=Channel.WEB, external_id="per", via=Channel.API)
    assert uow.session.scalar(select(func.count()).select_from(Support)) == 0
    assert support.board(uow=uow, actor=EMPLOYEE).items[0].support_count == 0
