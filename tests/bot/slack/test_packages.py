"""The area package in Slack: the submitter hears that their idea is in the adopted budget (anonymous or not), and
the commissioner is reminded of a package below the area's share, in a message and in the weekly digest."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import update

from bot import turns
from core import handling, packages
from core.digest import enqueue_digests
from core.outbox import deliver_due
from core.package_reminders import enqueue_reminders
from storage.models import Idea
from tests.bot.slack.conftest import DM, HELSE, KARI
from tests.people import ADMIN
from tests.people import HELSE as HELSE_ACTOR

AREA, PHASE = "helse-og-livskvalitet", "fase-1"
WITHIN = datetime(2026, 10, 19, 8, 0, tzinfo=UTC)  # 12 days before phase 1's deadline, a Monday


async def deliver(slack):
    await slack.settle()
    return await deliver_due(session_factory=slack.services.session_factory, notifiers=slack.services.notifiers,
                             give_up_after=slack.services.give_up_after)


@pytest.mark.parametrize("anonymous", [False, True])
async def test_the_submitter_hears_their_idea_is_in_the_budget(slack, anonymous):
    await slack.dm("Felles turnusplanlegging for hjemmetjenesten")
    [idea] = await slack.ideas()
    await deliver(slack)
    with slack.services.session_factory.begin() as session:
        session.execute(update(Idea).where(Idea.id == idea.id).values(anonymous=anonymous))
    services = slack.services
    turns.change(services, handling.accept, actor=HELSE_ACTOR, idea_id=idea.id)
    turns.change(services, handling.estimate_saving, actor=HELSE_ACTOR, idea_id=idea.id, amount_nok=250_000)
    turns.write(services, packages.add, actor=HELSE_ACTOR, focus_area=AREA, phase=PHASE, idea_id=idea.id)
    turns.write(services, packages.submit, actor=HELSE_ACTOR, focus_area=AREA, phase=PHASE)
    await deliver(slack)  # "accepted" told already
    sent = len(slack.messages())
    turns.write(services, packages.adopt, actor=ADMIN, focus_area=AREA, phase=PHASE, adopted_on=date(2026, 12, 10),
                 case_reference="PS 45/27")
    await deliver(slack)
    [told] = [m for m in slack.messages()[sent:] if m["channel"] == DM[KARI]]
    assert told["text"] == ("Forslaget ditt «Felles turnusplanlegging for hjemmetjenesten» er med i budsjettet for "
                            "2027.\nVedtatt i sak PS 45/27.")
    assert [m for m in slack.messages()[sent:] if m["channel"] != DM[KARI]] == []


async def test_the_commissioner_is_reminded_of_a_package_below_the_share(slack):
    with slack.services.session_factory.begin() as session:
        assert enqueue_reminders(session=session, org=slack.services.org, now=WITHIN) == 3
    assert await deliver(slack) == 3
    [reminder] = [m for m in slack.messages() if m["channel"] == DM[HELSE]]
    assert reminder["text"].startswith("Fristen for Fase 1: 5 millioner til budsjettet for 2027 er 31.10.2026. "
                                       "Pakken for Helse og livskvalitet er på 0\u00a0kr i 2027, under områdets "
                                       "andel på ")


async def test_the_weekly_digest_names_the_package_below_the_share(slack):
    with slack.services.session_factory.begin() as session:
        enqueue_digests(session=session, org=slack.services.org, now=WITHIN)
    await deliver(slack)
    [digest] = [m for m in slack.messages() if m["channel"] == DM[HELSE]]
    assert digest["text"] == "Pakker under områdets andel:"
    lines = digest["blocks"][1]["text"]["text"]
    assert lines.startswith("• Helse og livskvalitet, Fase 1: 5 millioner til budsjettet for 2027: 0\u00a0kr av ")
    assert lines.endswith(", frist 31.10.2026")
