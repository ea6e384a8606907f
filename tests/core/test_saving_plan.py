"""An idea's saving as a budget needs it: planned by the handler of its area or an administrator, each figure
changed an event; the realised saving only once it is implemented; bad figures refused with the field named."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from core import handling
from core.errors import Conflict, Forbidden, InvalidInput, NotFound
from core.locale import day_of
from core.saving_plan import SavingPlan
from core.services import Services
from core.unit_of_work import UnitOfWork
from storage.models import Event, EventKind, Status, utcnow
from tests.core.helpers import submit
from tests.people import ADMIN, EMPLOYEE, HELSE, OPPVEKST

H = "helse-og-livskvalitet"
PLAN = SavingPlan(annual_nok=400_000, one_off_cost_nok=150_000, effect_year=2027, effect_amounts={2027: 200_000},
                  qualitative=True, qualitative_text="Færre avbrudd for de ansatte")


@pytest.fixture
def uow(session: Session, services: Services) -> UnitOfWork:
    return UnitOfWork(session=session, services=services)


def events(uow: UnitOfWork, idea_id: int) -> list[tuple[EventKind, str, str | None, str | None, str | None]]:
    rows = uow.session.scalars(select(Event).where(Event.idea_id == idea_id, Event.kind != EventKind.RECEIVED)
                               .order_by(Event.id))
    return [(e.kind, e.actor, e.from_value, e.to_value, e.note) for e in rows]


def implemented(uow: UnitOfWork, **kwargs):
    idea = submit(uow.session, uow.org, area=H, **kwargs)
    idea.created_at = utcnow() - timedelta(days=60)
    handling.accept(uow=uow, actor=ADMIN, idea_id=idea.id)
    handling.implement(uow=uow, actor=ADMIN, idea_id=idea.id)
    return idea


@pytest.mark.parametrize(("actor", "label"), [(HELSE, "commissioner:arne-jorstad"),
                                              (ADMIN, "admin:forslagskassa-admin")])
def test_the_handler_plans_the_saving_and_every_figure_is_an_event(uow, actor, label):
    idea = submit(uow.session, uow.org, area=H)
    idea.phase = None  # came in between phases

    done = handling.plan_saving(uow=uow, actor=actor, idea_id=idea.id, changes=PLAN)

    assert done.happened == (EventKind.SAVING_ESTIMATED, EventKind.ONE_OFF_COST_SET, EventKind.EFFECT_YEAR_SET,
                             EventKind.EFFECT_AMOUNT_SET, EventKind.QUALITATIVE_GAIN_SET)
    saving = done.idea.saving
    assert (done.idea.estimated_saving_nok, saving.one_off_cost_nok, saving.effect_year, saving.explicit) == (
        400_000, 150_000, 2027, {2027: 200_000})
    assert (saving.qualitative, saving.qualitative_text) == (True, "Færre avbrudd for de ansatte")
    # Outside a phase, the four years of the economic plan from the effect year; half a year's effect in the first.
    assert saving.by_year == {2027: 200_000, 2028: 400_000, 2029: 400_000, 2030: 400_000}
    assert events(uow, idea.id) == [
        (EventKind.SAVING_ESTIMATED, label, None, "400000", None),
        (EventKind.ONE_OFF_COST_SET, label, None, "150000", None),
        (EventKind.EFFECT_YEAR_SET, label, None, "2027", None),
        (EventKind.EFFECT_AMOUNT_SET, label, None, "2027:200000", None),
        (EventKind.QUALITATIVE_GAIN_SET, label, "false", "true", "Færre avbrudd for de ansatte")]


def test_only_what_changes_is_written_and_fields_not_sent_keep_their_value(uow):
    idea = submit(uow.session, uow.org, area=H)
    idea.phase = None
    handling.plan_saving(uow=uow, actor=HELSE, idea_id=idea.id, changes=PLAN)

    again = handling.plan_saving(uow=uow, actor=HELSE, idea_id=idea.id, changes=PLAN)
    assert again.happened == ()
    done = handling.plan_saving(uow=uow, actor=HELSE, idea_id=idea.id,
                                changes=SavingPlan(effect_amounts={2028: 300_000}, qualitative=False))
    assert done.happened == (EventKind.EFFECT_AMOUNT_SET, EventKind.EFFECT_AMOUNT_SET,
                             EventKind.QUALITATIVE_GAIN_SET)
    assert events(uow, idea.id)[-3:] == [
        (EventKind.EFFECT_AMOUNT_SET, "commissioner:arne-jorstad", "2027:200000", "2027:", None),
        (EventKind.EFFECT_AMOUNT_SET, "commissioner:arne-jorstad", None, "2028:300000", None),
        (EventKind.QUALITATIVE_GAIN_SET, "commissioner:arne-jorstad", "true", "false", None)]
    assert (idea.one_off_cost_nok, idea.effect_year, idea.qualitative_text) == (150_000, 2027, None)
    assert done.idea.saving.by_year == {2027: 400_000, 2028: 300_000, 2029: 400_000, 2030: 400_000}


def test_an_idea_of_a_phase_shows_its_effect_from_the_phases_budget_year(uow):
    idea = submit(uow.session, uow.org, area=H)
    idea.phase = "fase-1"  # serves the 2027 budget
    done = handling.plan_saving(uow=uow, actor=HELSE, idea_id=idea.id,
                                changes=SavingPlan(annual_nok=100_000, effect_year=2028))
    assert done.idea.saving.by_year == {2027: 0, 2028: 100_000, 2029: 100_000, 2030: 100_000}


# Another area's commissioner does not see the idea at all; its submitter sees it but may not handle it.
@pytest.mark.parametrize(("actor", "refusal"), [(OPPVEKST, NotFound), (EMPLOYEE, Forbidden)])
def test_nobody_else_plans_or_records_it(uow, actor, refusal):
    idea = implemented(uow, by=EMPLOYEE)
    before = events(uow, idea.id)
    with pytest.raises(refusal):
        handling.plan_saving(uow=uow, actor=actor, idea_id=idea.id, changes=PLAN)
    with pytest.raises(refusal):
        handling.realise_saving(uow=uow, actor=actor, idea_id=idea.id, amount_nok=1)
    assert events(uow, idea.id) == before and idea.one_off_cost_nok is None and idea.realised_saving_nok is None


@pytest.mark.parametrize(("changes", "field", "message"), [
    (SavingPlan(one_off_cost_nok=-1), "one_off_cost_nok", "The one-off cost must be between 0"),
    (SavingPlan(effect_year=1999), "effect_year", "The effect year must be a budget year between 2000 and 2100"),
    (SavingPlan(effect_amounts={2027: 10**11}), "effect_amounts", "The amount for 2027 must be between 0"),
    (SavingPlan(effect_amounts={3000: 1}), "effect_amounts", "3000 is not a budget year"),
    (SavingPlan(effect_year=2028, effect_amounts={2027: 5}), "effect_amounts",
     "An amount is given for 2027, before the effect year 2028"),
    (SavingPlan(qualitative=True), "qualitative_text", "Say in a few words what is gained"),
    (SavingPlan(qualitative_text="x" * 501), "qualitative_text", "at most 500"),
    (SavingPlan(qualitative_text="a\x00b"), "qualitative_text", "NUL"),
])
def test_bad_figures_are_refused_naming_the_field_and_nothing_changes(uow, changes, field, message):
    idea = submit(uow.session, uow.org, area=H)
    with pytest.raises(InvalidInput, match=message) as refused:
        handling.plan_saving(uow=uow, actor=HELSE, idea_id=idea.id, changes=changes)
    assert refused.value.field == field
    assert events(uow, idea.id) == [] and idea.effect_amounts is None and not idea.qualitative


def test_the_realised_saving_is_recorded_with_its_day_once_the_idea_is_implemented(uow):
    idea = implemented(uow)
    today = day_of(utcnow())

    done = handling.realise_saving(uow=uow, actor=HELSE, idea_id=idea.id, amount_nok=350_000,
                                   realised_on=today - timedelta(days=1))
    assert done.happened == (EventKind.SAVING_REALISED,)
    assert (done.idea.saving.realised_nok, done.idea.saving.realised_on) == (350_000, today - timedelta(days=1))
    handling.realise_saving(uow=uow, actor=ADMIN, idea_id=idea.id, amount_nok=360_000)
    handling.realise_saving(uow=uow, actor=ADMIN, idea_id=idea.id, amount_nok=None)

    yesterday = (today - timedelta(days=1)).isoformat()
    assert [e[1:4] for e in events(uow, idea.id) if e[0] is EventKind.SAVING_REALISED] == [
        ("commissioner:arne-jorstad", None, f"{yesterday}:350000"),
        ("admin:forslagskassa-admin", f"{yesterday}:350000", f"{today.isoformat()}:360000"),
        ("admin:forslagskassa-admin", f"{today.isoformat()}:360000", None)]
    assert (idea.realised_saving_nok, idea.realised_on) == (None, None)


@pytest.mark.parametrize("status", [Status.RECEIVED, Status.ACCEPTED])
def test_before_implementation_there_is_no_realised_saving(uow, status):
    idea = submit(uow.session, uow.org, area=H)
    if status is Status.ACCEPTED:
        handling.accept(uow=uow, actor=HELSE, idea_id=idea.id)
    with pytest.raises(Conflict, match=f"once the idea is implemented; it is {status.value}"):
        handling.realise_saving(uow=uow, actor=HELSE, idea_id=idea.id, amount_nok=100_000)
    assert idea.realised_saving_nok is None


@pytest.mark.parametrize(("day", "message"), [(date(2100, 1, 1), "is in the future"),
                                               (date(2001, 1, 1), "is before the idea came in")])
def test_a_realised_saving_needs_a_plausible_day(uow, day, message):
    idea = implemented(uow)
    with pytest.raises(InvalidInput, match=message) as refused:
        handling.realise_saving(uow=uow, actor=HELSE, idea_id=idea.id, amount_nok=1, realised_on=day)
    assert refused.value.field == "realised_on" and idea.realised_on is None
