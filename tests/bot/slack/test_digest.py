"""The weekly digest reaches each commissioner in Slack, listing only ideas still waiting for an answer."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from core.digest import enqueue_digests
from core.outbox import deliver_due
from storage.models import Idea, OutboxState, Status, utcnow
from tests.bot.slack.conftest import DM, HELSE, KARI


async def deliver(slack):
    await slack.settle()
    return await deliver_due(session_factory=slack.services.session_factory, notifiers=slack.services.notifiers,
                             give_up_after=slack.services.give_up_after)


async def test_a_commissioner_gets_their_overdue_ideas(slack):
    for text in ("Gammelt forslag om turnus", "Gammelt forslag om sykehjemsmat", "Nytt forslag"):
        await slack.dm(text)
    ideas = {idea.text: idea for idea in await slack.ideas()}  # DMs are taken in concurrently: ids in any order
    turnus, food = ideas["Gammelt forslag om turnus"], ideas["Gammelt forslag om sykehjemsmat"]
    with slack.services.session_factory.begin() as session:
        session.execute(update(Idea).where(Idea.id.in_([turnus.id, food.id]))
                        .values(created_at=utcnow() - timedelta(days=20)))
        assert enqueue_digests(session=session, org=slack.services.org) == 1
        session.execute(update(Idea).where(Idea.id == food.id).values(status=Status.IN_REVIEW))  # answered since
    assert await deliver(slack) == 1
    [digest] = [m for m in slack.messages() if m["channel"] == DM[HELSE] and "dager" in m["text"]]
    assert digest["text"] == "Forslag som har ventet på svar i over 14 dager:"
    shown = str(digest["blocks"])
    assert f"#{turnus.id} Gammelt forslag om turnus — Helse og livskvalitet, over fristen siden" in shown
    assert "sykehjemsmat" not in shown and "Nytt forslag" not in shown
    assert KARI not in shown


async def test_a_digest_whose_ideas_were_all_answered_is_not_sent(slack):
    await slack.dm("Gammelt forslag")
    [idea] = await slack.ideas()
    with slack.services.session_factory.begin() as session:
        session.execute(update(Idea).values(created_at=utcnow() - timedelta(days=20)))
        enqueue_digests(session=session, org=slack.services.org)
        session.execute(update(Idea).where(Idea.id == idea.id).values(status=Status.DECLINED))
    sent = len(slack.messages())
    await deliver(slack)
    assert len(slack.messages()) == sent
    assert {r.state for r in await slack.outbox()} == {OutboxState.DELIVERED}
