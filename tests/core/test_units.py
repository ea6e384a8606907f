"""An idea's unit (virksomhet): named by the handler of its area, one of that area's units, each change an event;
and the phase an idea came in under."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from core import handling
from core.errors import Forbidden, InvalidInput, NotFound
from core.services import Services
from core.unit_of_work import UnitOfWork
from storage.models import Event, EventKind
from tests.core.helpers import submit
from tests.people import ADMIN, EMPLOYEE, HELSE, OPPVEKST

HELSE_AREA = "helse-og-livskvalitet"


@pytest.fixture
def uow(session: Session, services: Services) -> UnitOfWork:
    return UnitOfWork(session=session, services=services)


def unit_events(uow: UnitOfWork, idea_id: int) -> list[tuple[str, str | None, str | None]]:
    rows = uow.session.scalars(select(Event).where(Event.idea_id == idea_id, Event.kind == EventKind.UNIT_SET)
                               .order_by(Event.id))
    return [(e.actor, e.from_value, e.to_value) for e in rows]


@pytest.mark.parametrize(("actor", "label"), [(HELSE, "commissioner:arne-jorstad"),
                                              (ADMIN, "admin:forslagskassa-admin")])
def test_the_areas_commissioner_or_an_administrator_names_the_unit(uow, actor, label):
    idea = submit(uow.session, uow.org, area=HELSE_AREA)

    done = handling.set_unit(uow=uow, actor=actor, idea_id=idea.id, unit="hjemmebaserte-tjenester")
    assert (done.happened, done.idea.unit) == ((EventKind.UNIT_SET,), "hjemmebaserte-tjenester")
    handling.set_unit(uow=uow, actor=actor, idea_id=idea.id, unit=None)

    assert idea.unit is None
    assert unit_events(uow, idea.id) == [(label, None, "hjemmebaserte-tjenester"),
                                         (label, "hjemmebaserte-tjenester", None)]


# Another area's commissioner does not see the idea at all; its submitter sees it but may not handle it.
@pytest.mark.parametrize(("actor", "refusal"), [(OPPVEKST, NotFound), (EMPLOYEE, Forbidden)])
def test_nobody_else_names_it(uow, actor, refusal):
    idea = submit(uow.session, uow.org, area=HELSE_AREA, by=EMPLOYEE)
    with pytest.raises(refusal):
        handling.set_unit(uow=uow, actor=actor, idea_id=idea.id, unit="sykehjem")
    assert idea.unit is None and unit_events(uow, idea.id) == []


@pytest.mark.parametrize(("unit", "message"), [
    ("skolene", "The unit 'skolene' is in 'barn-og-unge', not in the idea's area"),
    ("bibliotek", "The unit 'bibliotek' is unknown"),
])
def test_the_unit_must_be_one_of_the_ideas_area(uow, unit, message):
    idea = submit(uow.session, uow.org, area=HELSE_AREA)
    with pytest.raises(InvalidInput, match=message) as refused:
        handling.set_unit(uow=uow, actor=ADMIN, idea_id=idea.id, unit=unit)
    assert refused.value.field == "unit"
    assert "hjemmebaserte-tjenester, barn-ungdom-og-familie, sykehjem" in refused.value.message


@pytest.mark.parametrize(("now", "phase"), [
    (datetime(2026, 10, 31, 22, 30, tzinfo=UTC), "fase-1"),  # 23:30 on phase 1's deadline in Oslo
    (datetime(2026, 10, 31, 23, 30, tzinfo=UTC), "fase-2"),  # already 1 November in Oslo
    (datetime(2027, 12, 1, 12, 0, tzinfo=UTC), None),  # after the last phase
])
def test_a_new_idea_belongs_to_the_phase_open_that_day_in_oslo(uow, monkeypatch, now, phase):
    monkeypatch.setattr("core.intake.utcnow", lambda: now)
    assert submit(uow.session, uow.org).phase == phase


def test_a_reroute_takes_off_the_unit_of_the_old_area(uow):
    idea = submit(uow.session, uow.org, area=HELSE_AREA)
    handling.set_unit(uow=uow, actor=HELSE, idea_id=idea.id, unit="barn-ungdom-og-familie")

    moved = handling.reroute(uow=uow, actor=HELSE, idea_id=idea.id, focus_area="barn-og-unge")

    assert moved.happened == (EventKind.REROUTED, EventKind.UNIT_SET) and moved.idea.unit is None
    assert unit_events(uow, idea.id)[-1] == ("commissioner:arne-jorstad", "barn-ungdom-og-familie", None)
    handling.set_unit(uow=uow, actor=OPPVEKST, idea_id=idea.id, unit="skolene")  # the new area's own
    assert handling.reroute(uow=uow, actor=ADMIN, idea_id=idea.id, focus_area="samfunnsutvikler").happened == (
        EventKind.REROUTED, EventKind.UNIT_SET)
