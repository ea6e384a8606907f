from datetime import timedelta

import pytest
from sqlalchemy import select

from core import lifecycle
from core.errors import Conflict, Forbidden, InvalidInput, NotFound
from storage.models import Correction, EventKind, OutboxMessage, Status, utcnow
from tests.core.helpers import submit
from tests.people import ADMIN, EMPLOYEE, HELSE, OPPVEKST, OTHER_EMPLOYEE

S = Status
# Every pair of statuses: which moves the rules allow. The rest must be refused.
ALLOWED = {
    (S.RECEIVED, S.IN_REVIEW), (S.RECEIVED, S.ACCEPTED), (S.RECEIVED, S.DECLINED), (S.RECEIVED, S.DUPLICATE),
    (S.IN_REVIEW, S.ACCEPTED), (S.IN_REVIEW, S.DECLINED), (S.IN_REVIEW, S.DUPLICATE),
    (S.ACCEPTED, S.IMPLEMENTED),
}
PATH_TO = {
    S.RECEIVED: [], S.IN_REVIEW: [S.IN_REVIEW], S.ACCEPTED: [S.IN_REVIEW, S.ACCEPTED],
    S.IMPLEMENTED: [S.IN_REVIEW, S.ACCEPTED, S.IMPLEMENTED], S.DECLINED: [S.DECLINED],
    S.DUPLICATE: [S.DUPLICATE],
}
TARGETS = [s for s in Status if s is not S.WITHDRAWN]


def move(session, org, idea, to, actor=OPPVEKST):
    extra = {"note": "Begrunnelse"} if to is S.DECLINED else {}
    if to is S.DUPLICATE:
        extra["duplicate_of"] = submit(session, org, text="Det første forslaget").id
    return lifecycle.transition(session=session, idea=idea, to=to, actor=actor, org=org, **extra)


@pytest.mark.parametrize("start", list(PATH_TO))
@pytest.mark.parametrize("to", TARGETS)
def test_only_the_lifecycle_moves_are_allowed(session, org, start, to):
    idea = submit(session, org)
    for step in PATH_TO[start]:
        move(session, org, idea, step)
    if (start, to) in ALLOWED:
        move(session, org, idea, to)
        assert idea.status is to
    else:
        with pytest.raises(Conflict, match=f"cannot become {to.value}"):
            move(session, org, idea, to)
        assert idea.status is start


def test_accepting_an_idea_nobody_reviewed_records_the_review_first(session, org):
    idea = submit(session, org)
    written = lifecycle.transition(session=session, idea=idea, to=S.ACCEPTED, actor=OPPVEKST, org=org, note="Ja")
    session.flush()
    assert [(e.from_value, e.to_value, e.note) for e in written] == [
        ("received", "in_review", None), ("in_review", "accepted", "Ja")]
    assert idea.status is S.ACCEPTED and idea.first_answered_at is not None


def test_a_change_writes_an_event_and_tells_a_chat_submitter(session, org):
    from storage.models import Channel

    idea = submit(session, org, channel=Channel.SLACK)
    lifecycle.transition(session=session, idea=idea, to=S.IN_REVIEW, actor=OPPVEKST, org=org, note="Vi ser på det")
    session.flush()
    last = idea.events[-1]
    assert (last.kind, last.actor, last.from_value, last.to_value, last.note) == (
        EventKind.STATUS_CHANGED, "commissioner:kommunalsjef-oppvekst", "received", "in_review", "Vi ser på det")
    told = session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "status_changed")).one()
    assert told.recipient == f"submitter:{idea.submitter_id}"
    assert told.payload == {"from": "received", "to": "in_review", "note": "Vi ser på det"}


def test_first_answer_time_is_kept_from_the_first_move(session, org):
    idea = submit(session, org)
    move(session, org, idea, S.IN_REVIEW)
    first = idea.first_answered_at
    move(session, org, idea, S.ACCEPTED)
    assert first is not None and idea.first_answered_at == first


@pytest.mark.parametrize("note", ["   ", "\u200b\u200d", "\u202e\u2066 \u00ad"], ids=["spaces", "zero-width", "bidi"])
def test_declining_needs_a_reason(session, org, note):
    idea = submit(session, org)
    with pytest.raises(InvalidInput, match="reason"):
        lifecycle.transition(session=session, idea=idea, to=S.DECLINED, actor=OPPVEKST, org=org, note=note)
    assert idea.status is S.RECEIVED


def test_a_note_is_kept_without_bidi_overrides(session, org):
    idea = submit(session, org)
    [event] = lifecycle.transition(session=session, idea=idea, to=S.DECLINED, actor=OPPVEKST, org=org,
                                   note="For dyrt \u202e.gnp\u202c")
    assert event.note == "For dyrt .gnp"


def test_duplicate_must_point_at_another_existing_idea(session, org):
    idea = submit(session, org)
    for duplicate_of, error in ((None, InvalidInput), (idea.id, InvalidInput), (999_999, NotFound)):
        with pytest.raises(error):
            lifecycle.transition(session=session, idea=idea, to=S.DUPLICATE, actor=OPPVEKST, org=org,
                                 duplicate_of=duplicate_of)
    original = submit(session, org, text="Samme idé, tidligere")
    lifecycle.transition(session=session, idea=idea, to=S.DUPLICATE, actor=OPPVEKST, org=org,
                         duplicate_of=original.id)
    assert idea.duplicate_of_id == original.id


@pytest.mark.parametrize("actor", [HELSE, EMPLOYEE])
def test_only_the_area_commissioner_or_an_admin_may_answer(session, org, actor):
    idea = submit(session, org, area="barn-og-unge", by=EMPLOYEE)
    with pytest.raises(Forbidden):
        move(session, org, idea, S.IN_REVIEW, actor=actor)
    move(session, org, idea, S.IN_REVIEW, actor=ADMIN)
    assert idea.status is S.IN_REVIEW


def test_triage_ideas_are_routed_by_administrators_only(session, org):
    idea = submit(session, org, area=None)
    with pytest.raises(Forbidden, match="triage"):
        lifecycle.reroute(session=session, idea=idea, focus_area="barn-og-unge", actor=OPPVEKST, org=org)
    lifecycle.reroute(session=session, idea=idea, focus_area="barn-og-unge", actor=ADMIN, org=org)
    assert (idea.focus_area, idea.commissioner) == ("barn-og-unge", "kommunalsjef-oppvekst")


def test_a_reroute_is_an_event_and_a_labelled_correction(session, org):
    idea = submit(session, org, text="Nye vinduer på skolen", area="barn-og-unge")
    lifecycle.reroute(session=session, idea=idea, focus_area="samfunnsutvikler", actor=OPPVEKST, org=org)
    session.flush()
    assert idea.commissioner == "frank-hauge"
    assert (idea.events[-1].kind, idea.events[-1].from_value, idea.events[-1].to_value) == (
        EventKind.REROUTED, "barn-og-unge", "samfunnsutvikler")
    correction = session.scalars(select(Correction)).one()
    assert (correction.text, correction.focus_area, correction.predicted) == (
        "Nye vinduer på skolen", "samfunnsutvikler", "barn-og-unge")


def test_reroute_refuses_unknown_areas_and_closed_ideas(session, org):
    idea = submit(session, org)
    with pytest.raises(InvalidInput, match="Unknown focus area"):
        lifecycle.reroute(session=session, idea=idea, focus_area="nope", actor=ADMIN, org=org)
    move(session, org, idea, S.DECLINED)
    with pytest.raises(Conflict):
        lifecycle.reroute(session=session, idea=idea, focus_area="samfunnsutvikler", actor=ADMIN, org=org)


def test_estimated_saving_is_recorded_with_history(session, org):
    idea = submit(session, org)
    lifecycle.set_estimated_saving(session=session, idea=idea, amount_nok=250_000, actor=OPPVEKST, org=org)
    lifecycle.set_estimated_saving(session=session, idea=idea, amount_nok=300_000, actor=OPPVEKST, org=org)
    session.flush()
    assert idea.estimated_saving_nok == 300_000
    assert [(e.from_value, e.to_value) for e in idea.events if e.kind is EventKind.SAVING_ESTIMATED] == [
        (None, "250000"), ("250000", "300000")]
    with pytest.raises(InvalidInput):
        lifecycle.set_estimated_saving(session=session, idea=idea, amount_nok=-1, actor=OPPVEKST, org=org)


def test_the_submitter_can_withdraw_only_their_own_idea_and_only_shortly_after(session, org):
    idea = submit(session, org, by=EMPLOYEE)
    window = timedelta(minutes=10)
    with pytest.raises(Forbidden):
        lifecycle.withdraw(session=session, idea=idea, actor=OTHER_EMPLOYEE, window=window)
    with pytest.raises(Conflict, match="10 minutes"):
        lifecycle.withdraw(session=session, idea=idea, actor=EMPLOYEE, window=window,
                           now=utcnow() + timedelta(minutes=11))
    lifecycle.withdraw(session=session, idea=idea, actor=EMPLOYEE, window=window)
    assert idea.status is S.WITHDRAWN


def test_making_an_idea_anonymous_afterwards(session, org):
    idea = submit(session, org, by=EMPLOYEE)
    with pytest.raises(Forbidden):
        lifecycle.make_anonymous(session=session, idea=idea, actor=OTHER_EMPLOYEE)
    lifecycle.make_anonymous(session=session, idea=idea, actor=EMPLOYEE)
    assert idea.anonymous


def test_the_submitter_asks_to_move_an_idea_and_does_not_reroute_it(session, org):
    """A routing teaches the classifier, so only the idea's handlers route; the submitter asks instead
    (tests/core/test_move_requests.py), which moves nothing and writes no correction."""
    idea = submit(session, org, by=EMPLOYEE, area="barn-og-unge")
    with pytest.raises(Forbidden):
        lifecycle.reroute(session=session, idea=idea, focus_area="samfunnsutvikler", actor=EMPLOYEE, org=org)
    lifecycle.ask_to_move(session=session, idea=idea, focus_area="samfunnsutvikler", actor=EMPLOYEE, org=org)
    with pytest.raises(Forbidden):
        lifecycle.ask_to_move(session=session, idea=idea, focus_area="samfunnsutvikler", actor=OTHER_EMPLOYEE,
                              org=org)
    session.flush()
    assert (idea.focus_area, idea.commissioner) == ("barn-og-unge", "kommunalsjef-oppvekst")
    assert idea.events[-1].kind is EventKind.MOVE_REQUESTED
    assert session.scalars(select(Correction)).all() == []
