"""The area package in Teams: the submitter hears that their idea is in the adopted budget, and the commissioner is
reminded of a package below the area's share, in a card and in the weekly digest."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import update

from bot import turns
from core import handling, packages
from core.digest import enqueue_digests
from core.package_reminders import enqueue_reminders
from storage.models import Idea
from tests.bot.teams.activities import ARNE, KARI
from tests.bot.teams.conftest import Teams, texts_of
from tests.people import ADMIN, HELSE

AREA, PHASE = "helse-og-livskvalitet", "fase-1"
WITHIN = datetime(2026, 10, 19, 8, 0, tzinfo=UTC)  # 12 days before phase 1's deadline, a Monday


@pytest.fixture(autouse=True)
def _routes(classifier) -> None:
    classifier.focus_area = AREA


@pytest.mark.parametrize("anonymous", [False, True])
async def test_the_submitter_hears_their_idea_is_in_the_budget(teams: Teams, anonymous: bool) -> None:
    await teams.say(KARI, "Felles turnusplanlegging for hjemmetjenesten")
    [idea] = teams.ideas()
    with teams.services.session_factory.begin() as session:
        session.execute(update(Idea).where(Idea.id == idea.id).values(anonymous=anonymous))
    services = teams.services
    turns.change(services, handling.accept, actor=HELSE, idea_id=idea.id)
    turns.change(services, handling.estimate_saving, actor=HELSE, idea_id=idea.id, amount_nok=250_000)
    turns.write(services, packages.add, actor=HELSE, focus_area=AREA, phase=PHASE, idea_id=idea.id)
    turns.write(services, packages.submit, actor=HELSE, focus_area=AREA, phase=PHASE)
    turns.write(services, packages.adopt, actor=ADMIN, focus_area=AREA, phase=PHASE, adopted_on=date(2026, 12, 10),
                case_reference="PS 45/27")
    await teams.deliver()
    assert texts_of(teams.last_to(KARI).card) == [
        "Forslaget ditt «Felles turnusplanlegging for hjemmetjenesten» er med i budsjettet for 2027.",
        "Vedtatt i sak PS 45/27."]


async def test_the_commissioner_is_reminded_in_a_card_and_in_the_digest(teams: Teams) -> None:
    await teams.install(ARNE)
    with teams.services.session_factory.begin() as session:
        enqueue_reminders(session=session, org=teams.services.org, now=WITHIN)
    await teams.deliver()
    [reminder] = texts_of(teams.last_to(ARNE).card)
    assert reminder.startswith("Fristen for Fase 1: 5 millioner til budsjettet for 2027 er 31.10.2026. Pakken for "
                               "Helse og livskvalitet er på 0\u00a0kr i 2027")
    with teams.services.session_factory.begin() as session:
        enqueue_digests(session=session, org=teams.services.org, now=WITHIN)
    await teams.deliver()
    heading, line = texts_of(teams.last_to(ARNE).card)
    assert heading == "Pakker under områdets andel:"
    assert line.startswith("Helse og livskvalitet, Fase 1: 5 millioner til budsjettet for 2027: 0\u00a0kr av ")
