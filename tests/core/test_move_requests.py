""""Feil område?" is a request: the submitter asks, the idea stays, and whoever handles it moves it or keeps it.
Only a commissioner's or an administrator's routing is a correction the classifier learns from."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core import handling, my_ideas
from core.actors import employee
from core.errors import Conflict, Forbidden, InvalidInput, NotFound
from core.orgconfig import OrgConfig
from core.services import Services
from core.unit_of_work import UnitOfWork
from storage.models import Channel, Correction, EventKind, Idea, OutboxMessage, Status
from tests.core.helpers import submit
from tests.people import ADMIN, HELSE, OPPVEKST

KARI = employee(Channel.SLACK, "kari")  # as Slack knows her: the ideas below come from Slack
PER = employee(Channel.SLACK, "per")
HELSE_AREA, BARN, SAMFUNN = "helse-og-livskvalitet", "barn-og-unge", "samfunnsutvikler"


@pytest.fixture
def uow(session: Session, services: Services, org: OrgConfig) -> UnitOfWork:
    """Every commissioner and administrator reachable in Slack, so their notifications are queued."""
    people = {"kommunalsjef-oppvekst": "UOPPVEKST", "arne-jorstad": "UHELSE", "frank-hauge": "UDIREKTOR",
              "forslagskassa-admin": "UADMIN"}
    reachable = org.model_copy(update={
        "commissioners": [c.model_copy(update={"slack_user_id": people[c.id]}) for c in org.commissioners],
        "administrators": [a.model_copy(update={"slack_user_id": people[a.id]}) for a in org.administrators]})
    return UnitOfWork(session=session, services=dataclasses.replace(services, org=reachable))


def sent(uow: UnitOfWork, area: str | None = HELSE_AREA) -> Idea:
    return submit(uow.session, uow.org, area=area, channel=Channel.SLACK)


def since(uow: UnitOfWork, idea: Idea, first: int = 0) -> list[tuple[str, str, dict]]:
    """The notifications about `idea` after the first `first` of them: (kind, recipient, payload)."""
    rows = uow.session.scalars(select(OutboxMessage).where(OutboxMessage.idea_id == idea.id)
                               .order_by(OutboxMessage.id)).all()
    return [(o.kind, o.recipient, o.payload) for o in rows[first:]]


def corrections(uow: UnitOfWork) -> int:
    return uow.session.scalar(select(func.count()).select_from(Correction)) or 0


def test_a_request_leaves_the_idea_where_it_is_and_tells_the_commissioner(uow):
    idea = sent(uow)
    before = len(since(uow, idea))

    done = my_ideas.ask_to_move(uow=uow, actor=KARI, idea_id=idea.id, focus_area=BARN, note=" Gjelder skolene. ")

    assert done.happened == (EventKind.MOVE_REQUESTED,)
    assert (idea.focus_area, idea.commissioner, idea.status) == (HELSE_AREA, "arne-jorstad", Status.RECEIVED)
    last = done.idea.history[-1]
    assert (last.kind, last.actor, last.from_value, last.to_value, last.note) == (
        EventKind.MOVE_REQUESTED, "submitter", HELSE_AREA, BARN, "Gjelder skolene.")
    assert done.idea.move_request is not None
    assert (done.idea.move_request.focus_area, done.idea.move_request.area("nb")) == (BARN, "Løten for barn og unge")
    assert since(uow, idea, before) == [("move_requested", "user:UHELSE", {"focus_area": HELSE_AREA,
                                                                           "requested": BARN})]
    assert corrections(uow) == 0  # nothing is learnt from a request


def test_a_request_in_the_triage_queue_goes_to_the_administrators(uow):
    idea = sent(uow, area=None)
    before = len(since(uow, idea))

    my_ideas.ask_to_move(uow=uow, actor=KARI, idea_id=idea.id, focus_area=BARN)

    assert idea.focus_area is None
    assert since(uow, idea, before) == [("move_requested", "user:UADMIN", {"focus_area": None, "requested": BARN})]


def test_only_the_submitter_asks_and_only_while_the_idea_is_open(uow):
    idea = sent(uow)
    with pytest.raises(NotFound):  # someone else's idea answers like one that does not exist
        my_ideas.ask_to_move(uow=uow, actor=PER, idea_id=idea.id, focus_area=BARN)
    with pytest.raises(Forbidden):  # its commissioner may see it, but moves it rather than asks
        my_ideas.ask_to_move(uow=uow, actor=HELSE, idea_id=idea.id, focus_area=BARN)
    with pytest.raises(InvalidInput, match="Unknown focus area"):
        my_ideas.ask_to_move(uow=uow, actor=KARI, idea_id=idea.id, focus_area="nope")
    with pytest.raises(Conflict, match="already in"):
        my_ideas.ask_to_move(uow=uow, actor=KARI, idea_id=idea.id, focus_area=HELSE_AREA)

    handling.review(uow=uow, actor=HELSE, idea_id=idea.id)
    assert my_ideas.ask_to_move(uow=uow, actor=KARI, idea_id=idea.id, focus_area=BARN).idea.move_request
    handling.accept(uow=uow, actor=HELSE, idea_id=idea.id)
    with pytest.raises(Conflict, match="accepted"):
        my_ideas.ask_to_move(uow=uow, actor=KARI, idea_id=idea.id, focus_area=SAMFUNN)


def test_a_second_request_replaces_the_first(uow):
    idea = sent(uow)
    my_ideas.ask_to_move(uow=uow, actor=KARI, idea_id=idea.id, focus_area=BARN)
    before = len(since(uow, idea))

    again = my_ideas.ask_to_move(uow=uow, actor=KARI, idea_id=idea.id, focus_area=SAMFUNN, note="Heller hit.")

    assert again.idea.move_request is not None
    assert (again.idea.move_request.focus_area, again.idea.move_request.note) == (SAMFUNN, "Heller hit.")
    assert [kind for kind, *_ in since(uow, idea, before)] == ["move_requested"]  # the commissioner is told again


def test_keeping_answers_the_request_and_tells_the_submitter_why(uow):
    idea = sent(uow)
    my_ideas.ask_to_move(uow=uow, actor=KARI, idea_id=idea.id, focus_area=BARN)
    before = len(since(uow, idea))

    kept = handling.keep_area(uow=uow, actor=HELSE, idea_id=idea.id, note="Helse eier dette.",
                              expected=Status.RECEIVED)

    assert kept.happened == (EventKind.MOVE_DECLINED,) and kept.idea.move_request is None
    last = kept.idea.history[-1]
    assert (last.actor, last.from_value, last.to_value, last.note) == (
        "commissioner:arne-jorstad", HELSE_AREA, BARN, "Helse eier dette.")
    assert idea.focus_area == HELSE_AREA
    assert since(uow, idea, before) == [("move_declined", f"submitter:{idea.submitter_id}",
                                         {"focus_area": HELSE_AREA, "requested": BARN, "note": "Helse eier dette."})]
    assert corrections(uow) == 0
    with pytest.raises(Conflict, match="answered already"):  # once is enough
        handling.keep_area(uow=uow, actor=HELSE, idea_id=idea.id)


def test_only_the_handler_keeps_and_only_a_pending_request(uow):
    idea = sent(uow)
    with pytest.raises(Conflict, match="Nobody has asked"):
        handling.keep_area(uow=uow, actor=HELSE, idea_id=idea.id)
    my_ideas.ask_to_move(uow=uow, actor=KARI, idea_id=idea.id, focus_area=BARN)
    with pytest.raises(Forbidden):  # the submitter may see it, but not decide
        handling.keep_area(uow=uow, actor=KARI, idea_id=idea.id)
    with pytest.raises(NotFound):  # the commissioner of the area asked for does not decide either
        handling.keep_area(uow=uow, actor=OPPVEKST, idea_id=idea.id)
    assert handling.keep_area(uow=uow, actor=ADMIN, idea_id=idea.id).idea.move_request is None


def test_moving_as_asked_is_a_reroute_which_answers_the_request_and_teaches(uow):
    idea = sent(uow)
    my_ideas.ask_to_move(uow=uow, actor=KARI, idea_id=idea.id, focus_area=BARN)

    moved = handling.reroute(uow=uow, actor=HELSE, idea_id=idea.id, focus_area=BARN)

    assert moved.idea.move_request is None and idea.focus_area == BARN
    correction = uow.session.scalars(select(Correction)).one()
    assert (correction.focus_area, correction.predicted, correction.actor) == (
        BARN, HELSE_AREA, "commissioner:arne-jorstad")


def test_a_request_lapses_when_the_idea_is_closed(uow):
    idea = sent(uow)
    my_ideas.ask_to_move(uow=uow, actor=KARI, idea_id=idea.id, focus_area=BARN)

    declined = handling.decline(uow=uow, actor=HELSE, idea_id=idea.id, reason="Prøvd før.")

    assert declined.idea.move_request is None
    with pytest.raises(Conflict):
        handling.keep_area(uow=uow, actor=HELSE, idea_id=idea.id)


def test_nothing_the_submitter_does_writes_a_correction(uow):
    """Only corrections by commissioners and administrators train: every submitter's way of touching the area."""
    idea = sent(uow)
    my_ideas.ask_to_move(uow=uow, actor=KARI, idea_id=idea.id, focus_area=BARN)
    with pytest.raises(Forbidden):  # the staff's reroute is not the submitter's, whatever the channel offers
        handling.reroute(uow=uow, actor=KARI, idea_id=idea.id, focus_area=BARN)
    my_ideas.make_anonymous(uow=uow, actor=KARI, idea_id=idea.id)
    my_ideas.withdraw(uow=uow, actor=KARI, idea_id=idea.id)
    assert corrections(uow) == 0
