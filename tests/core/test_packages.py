"""The area package (core/packages.py): its lifecycle, who may do what with it, its sums against the area's share
and its units' challenges, the events it writes, and the submitters told when it is adopted."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from core import handling, packages
from core.errors import Conflict, Forbidden, InvalidInput, NotFound
from core.notify import Kind
from core.package_figures import amounts_of, area_challenge, area_share, figures
from core.package_views import current_phase, overview
from core.stats import follow_up
from core.unit_of_work import UnitOfWork
from storage.models import Channel, Event, EventKind, OutboxMessage, Package, PackageEventKind, PackageState
from tests.core.helpers import submit
from tests.people import ADMIN, EMPLOYEE, HELSE, OPPVEKST

AREA, PHASE = "barn-og-unge", "fase-1"


@pytest.fixture
def uow(session, services) -> UnitOfWork:
    return UnitOfWork(session=session, services=services)


def accepted(uow: UnitOfWork, *, saving: int | None = 100_000, text: str = "Felles innkjøp av lisenser",
             area: str = AREA, anonymous: bool = False, channel: Channel = Channel.API) -> int:
    idea = submit(uow.session, uow.org, text=text, area=area, anonymous=anonymous, channel=channel)
    handler = OPPVEKST if area == AREA else HELSE
    handling.accept(uow=uow, actor=handler, idea_id=idea.id, note="Godt forslag, vi gjør det.")
    if saving is not None:
        handling.estimate_saving(uow=uow, actor=handler, idea_id=idea.id, amount_nok=saving)
    return idea.id


def add(uow: UnitOfWork, idea_id: int, actor=OPPVEKST):
    return packages.add(uow=uow, actor=actor, focus_area=AREA, phase=PHASE, idea_id=idea_id)


def idea_events(uow: UnitOfWork, idea_id: int) -> list[tuple[EventKind, str | None, str | None]]:
    rows = uow.session.scalars(select(Event).where(Event.idea_id == idea_id).order_by(Event.id))
    return [(e.kind, e.from_value, e.to_value) for e in rows]


def test_the_commissioner_assembles_orders_submits_and_the_admin_adopts(uow):
    first, second = accepted(uow, saving=300_000), accepted(uow, saving=200_000, text="Samkjøring av skyss")
    add(uow, first)
    view = add(uow, second)
    assert [line.idea.id for line in view.lines] == [first, second]
    assert view.figures.by_year == {2027: 500_000}

    view = packages.reorder(uow=uow, actor=OPPVEKST, focus_area=AREA, phase=PHASE, order=[second, first])
    assert [(line.position, line.idea.id) for line in view.lines] == [(1, second), (2, first)]
    view = packages.assess(uow=uow, actor=OPPVEKST, focus_area=AREA, phase=PHASE, idea_id=first,
                           assessment="Kan gjennomføres fra august.")
    assert view.lines[1].assessment == "Kan gjennomføres fra august."

    view = packages.submit(uow=uow, actor=OPPVEKST, focus_area=AREA, phase=PHASE)
    assert view.state is PackageState.SUBMITTED and view.may_send_back and not view.may_adopt
    with pytest.raises(Conflict):
        add(uow, accepted(uow, text="For sent"))
    with pytest.raises(Forbidden):
        packages.adopt(uow=uow, actor=OPPVEKST, focus_area=AREA, phase=PHASE, adopted_on=date(2026, 12, 10),
                       case_reference="PS 45/27")

    view = packages.adopt(uow=uow, actor=ADMIN, focus_area=AREA, phase=PHASE, adopted_on=date(2026, 12, 10),
                          case_reference="PS 45/27")
    assert (view.state, view.adopted_on, view.case_reference) == (PackageState.ADOPTED, date(2026, 12, 10),
                                                                  "PS 45/27")
    assert [step.kind for step in view.history] == [
        PackageEventKind.OPENED, PackageEventKind.IDEA_ADDED, PackageEventKind.IDEA_ADDED, PackageEventKind.REORDERED,
        PackageEventKind.ASSESSED, PackageEventKind.SUBMITTED, PackageEventKind.ADOPTED]
    assert idea_events(uow, first)[-3:] == [(EventKind.PACKAGED, None, PHASE),
                                            (EventKind.PACKAGE_STATE, "draft", "submitted"),
                                            (EventKind.ADOPTED, None, PHASE)]


def test_an_adopted_package_is_frozen(uow):
    idea = accepted(uow)
    add(uow, idea)
    packages.submit(uow=uow, actor=OPPVEKST, focus_area=AREA, phase=PHASE)
    packages.adopt(uow=uow, actor=ADMIN, focus_area=AREA, phase=PHASE, adopted_on=date(2026, 12, 10),
                   case_reference="PS 45/27")
    for change in (lambda: packages.remove(uow=uow, actor=ADMIN, focus_area=AREA, phase=PHASE, idea_id=idea),
                   lambda: packages.send_back(uow=uow, actor=ADMIN, focus_area=AREA, phase=PHASE),
                   lambda: packages.submit(uow=uow, actor=ADMIN, focus_area=AREA, phase=PHASE),
                   lambda: packages.adopt(uow=uow, actor=ADMIN, focus_area=AREA, phase=PHASE,
                                          adopted_on=date(2026, 12, 11), case_reference="PS 46/27")):
        with pytest.raises(Conflict):
            change()


def test_sent_back_it_is_a_draft_again_and_ideas_can_be_removed(uow):
    idea = accepted(uow)
    add(uow, idea)
    packages.submit(uow=uow, actor=OPPVEKST, focus_area=AREA, phase=PHASE)
    view = packages.send_back(uow=uow, actor=ADMIN, focus_area=AREA, phase=PHASE, note="Mer fra skolene.")
    assert view.state is PackageState.DRAFT and view.history[-1].note == "Mer fra skolene."
    view = packages.remove(uow=uow, actor=OPPVEKST, focus_area=AREA, phase=PHASE, idea_id=idea)
    assert view.lines == () and idea in [c.id for c in view.candidates]
    assert idea_events(uow, idea)[-1] == (EventKind.UNPACKAGED, PHASE, None)


def test_a_commissioner_packages_only_their_own_area_and_the_admin_every_area(uow):
    idea = accepted(uow)
    with pytest.raises(Forbidden):
        add(uow, idea, actor=HELSE)
    with pytest.raises(Forbidden):
        packages.show(uow=uow, actor=HELSE, focus_area=AREA, phase=PHASE)
    with pytest.raises(Forbidden):
        packages.show(uow=uow, actor=EMPLOYEE, focus_area=AREA, phase=PHASE)
    assert [line.idea.id for line in add(uow, idea, actor=ADMIN).lines] == [idea]
    assert [v.focus_area for v in overview(uow=uow, actor=OPPVEKST, phase=PHASE)] == [AREA]
    assert [v.focus_area for v in overview(uow=uow, actor=ADMIN, phase=PHASE)] == uow.org.area_ids


def test_only_accepted_or_implemented_ideas_of_the_area_go_in_once_per_phase(uow):
    received = submit(uow.session, uow.org, text="Ikke behandlet", area=AREA)
    with pytest.raises(Conflict, match="only accepted or implemented"):
        add(uow, received.id)
    other_area = accepted(uow, area="helse-og-livskvalitet")
    with pytest.raises(Conflict, match="another focus area"):
        add(uow, other_area, actor=ADMIN)
    idea = accepted(uow)
    handling.implement(uow=uow, actor=OPPVEKST, idea_id=idea)
    add(uow, idea)
    with pytest.raises(Conflict, match="already in a package"):
        add(uow, idea)
    # Another phase's package may take it (another budget).
    view = packages.add(uow=uow, actor=OPPVEKST, focus_area=AREA, phase="fase-2", idea_id=idea)
    assert [line.idea.id for line in view.lines] == [idea]


def test_unknown_area_phase_and_a_wrong_order_are_refused(uow):
    with pytest.raises(NotFound):
        packages.show(uow=uow, actor=ADMIN, focus_area="ukjent", phase=PHASE)
    with pytest.raises(NotFound):
        packages.show(uow=uow, actor=ADMIN, focus_area=AREA, phase="fase-9")
    add(uow, accepted(uow))
    with pytest.raises(InvalidInput):
        packages.reorder(uow=uow, actor=OPPVEKST, focus_area=AREA, phase=PHASE, order=[1, 2])
    with pytest.raises(Conflict, match="empty"):
        packages.submit(uow=uow, actor=HELSE, focus_area="helse-og-livskvalitet", phase=PHASE)
    with pytest.raises(InvalidInput):
        packages.submit(uow=uow, actor=OPPVEKST, focus_area=AREA, phase=PHASE)
        packages.adopt(uow=uow, actor=ADMIN, focus_area=AREA, phase=PHASE, adopted_on=date(2026, 12, 1),
                       case_reference="  ")


def test_reading_a_package_or_changing_one_not_started_writes_nothing(uow):
    view = packages.show(uow=uow, actor=OPPVEKST, focus_area=AREA, phase=PHASE)
    assert view.state is PackageState.DRAFT and view.history == ()
    assert packages.reorder(uow=uow, actor=OPPVEKST, focus_area=AREA, phase=PHASE, order=[]).history == ()
    with pytest.raises(NotFound):
        packages.remove(uow=uow, actor=OPPVEKST, focus_area=AREA, phase=PHASE, idea_id=1)
    with pytest.raises(Conflict, match="empty"):
        packages.submit(uow=uow, actor=OPPVEKST, focus_area=AREA, phase=PHASE)
    with pytest.raises(Forbidden):
        packages.reorder(uow=uow, actor=HELSE, focus_area=AREA, phase=PHASE, order=[])
    assert not uow.session.new and uow.session.scalars(select(Package)).all() == []


def test_the_sums_per_budget_year_against_the_share_and_the_challenge(uow):
    org = uow.org
    phase = org.phase(PHASE)
    # Løten names no shares: the 5 mill. kr are split by the units' budgets (barn-og-unge: 62 + 128 of 544 mill.).
    units = sum(u.annual_budget_nok for u in org.units)
    assert area_share(org, phase, AREA) == round(5_000_000 * 190_000_000 / units)
    assert area_challenge(org, AREA) == round(0.02 * 190_000_000)
    add(uow, accepted(uow, saving=1_000_000))
    add(uow, accepted(uow, saving=None, text="Uten anslag ennå"))
    view = packages.show(uow=uow, actor=OPPVEKST, focus_area=AREA, phase=PHASE)
    assert view.figures.by_year == {2027: 1_000_000}
    assert view.figures.packaged_nok == 1_000_000
    assert view.figures.gap_to_share_nok == area_share(org, phase, AREA) - 1_000_000
    assert view.figures.below_share
    # A named share wins; what it leaves is split between the others.
    named = phase.model_copy(update={"area_shares": {AREA: 1_000_000}})
    assert area_share(org, named, AREA) == 1_000_000
    helse = sum(u.annual_budget_nok for u in org.units_of("helse-og-livskvalitet"))
    rest = sum(u.annual_budget_nok for u in org.units if u.focus_area != AREA)
    assert area_share(org, named, "helse-og-livskvalitet") == round(4_000_000 * helse / rest)


def test_a_multi_year_phase_counts_the_saving_in_every_budget_year(uow):
    phase = uow.org.phase(PHASE).model_copy(update={"budget_years": [2022, 2023, 2024]})
    idea = submit(uow.session, uow.org, text="Flerårig")
    idea.estimated_saving_nok = 250_000
    assert amounts_of(idea, phase) == {2022: 250_000, 2023: 250_000, 2024: 250_000}
    summed = figures(uow.org, phase, AREA, [amounts_of(idea, phase), amounts_of(idea, phase)])
    assert summed.by_year == {2022: 500_000, 2023: 500_000, 2024: 500_000} and summed.target_year == 2024


def test_the_current_phase_is_the_open_one_else_the_next_else_the_last(org):
    assert current_phase(org, date(2026, 10, 1)).id == "fase-1"
    assert current_phase(org, date(2026, 12, 5)).id == "fase-2"
    assert current_phase(org, date(2026, 1, 1)).id == "fase-1"
    assert current_phase(org, date(2030, 1, 1)).id == "fase-2"


@pytest.mark.parametrize("anonymous", [False, True])
def test_adoption_tells_each_chat_submitter_anonymous_ones_too(uow, anonymous):
    in_slack = accepted(uow, channel=Channel.SLACK, anonymous=anonymous)
    in_teams = accepted(uow, channel=Channel.TEAMS, anonymous=anonymous, text="Digital innsjekk")
    on_the_web = accepted(uow, channel=Channel.WEB, text="Felles vikarpool")
    for idea in (in_slack, in_teams, on_the_web):
        add(uow, idea)
    packages.submit(uow=uow, actor=OPPVEKST, focus_area=AREA, phase=PHASE)
    packages.adopt(uow=uow, actor=ADMIN, focus_area=AREA, phase=PHASE, adopted_on=date(2026, 12, 10),
                   case_reference="PS 45/27")
    told = uow.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == Kind.PACKAGE_ADOPTED)).all()
    assert sorted((m.idea_id, m.channel) for m in told) == sorted([(in_slack, Channel.SLACK),
                                                                   (in_teams, Channel.TEAMS)])
    assert all(m.recipient.startswith("submitter:") for m in told)
    assert told[0].payload == {"phase": PHASE, "years": "2027", "case_reference": "PS 45/27"}


def test_the_follow_up_shows_each_areas_package_packaged_and_adopted(uow):
    add(uow, accepted(uow, saving=400_000))
    packages.submit(uow=uow, actor=OPPVEKST, focus_area=AREA, phase=PHASE)
    packages.adopt(uow=uow, actor=ADMIN, focus_area=AREA, phase=PHASE, adopted_on=date(2026, 12, 10),
                   case_reference="PS 45/27")
    figures = follow_up(session=uow.session, org=uow.org)["packages"]
    share = area_share(uow.org, uow.org.phase(PHASE), AREA)
    assert figures[PHASE][AREA] == {"state": "adopted", "target_year": 2027, "packaged_nok": 400_000,
                                    "adopted_nok": 400_000, "share_nok": share,
                                    "challenge_nok": area_challenge(uow.org, AREA),
                                    "gap_to_share_nok": share - 400_000}
    assert figures[PHASE]["helse-og-livskvalitet"]["state"] == "draft"
    assert figures["fase-2"][AREA]["packaged_nok"] == 0
