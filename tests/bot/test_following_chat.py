"""Following ideas from Slack and Teams alike: "følg 12", "ikke følg 12", "varsler daglig", and what a follower is
told in their chat — at once, or in the morning's digest. Each test runs against both chats' fakes."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from bot import turns
from core import comments, handling
from core.follow_digest import enqueue_follow_digests
from core.orgconfig import Sharing
from core.outbox import deliver_due
from core.services import Services
from storage.models import Idea
from tests.bot.slack import conftest as slack_fixtures
from tests.bot.slack.conftest import DM, KARI, PER
from tests.bot.teams import activities
from tests.bot.teams import conftest as teams_fixtures
from tests.bot.teams.conftest import texts_of
from tests.people import ADMIN

TUESDAY_7 = datetime(2025, 11, 25, 6, 0, tzinfo=UTC)
# Both chats' fixtures, for the one `chat` picks per run.
fake_slack, slack, slack_services = slack_fixtures.fake_slack, slack_fixtures.slack, slack_fixtures.slack_services
graph, teams, teams_org = teams_fixtures.graph, teams_fixtures.teams, teams_fixtures.teams_org
teams_services, teams_settings = teams_fixtures.teams_services, teams_fixtures.teams_settings


class SlackChat:
    def __init__(self, driven: Any) -> None:
        self.slack, self.services = driven, driven.services
        driven.fake.user(PER, name="Per Hansen")  # in Norwegian, like Per in Teams
        self.users = {"kari": KARI, "per": PER}
        self.seen = 0

    async def say(self, who: str, text: str) -> str:
        seen = len(self.slack.messages())
        await self.slack.dm(text, user=self.users[who])
        await self.slack.settle()
        self.seen = len(self.slack.messages())
        return [m for m in self.slack.messages()[seen:] if m["channel"] == DM[self.users[who]]][-1]["text"]

    async def told(self, who: str) -> list[str]:
        """What reached the person since the last look, after an outbox pass."""
        await self.slack.settle()
        await deliver_due(session_factory=self.services.session_factory, notifiers=self.services.notifiers,
                          give_up_after=self.services.give_up_after)
        new, self.seen = self.slack.messages()[self.seen:], len(self.slack.messages())
        return [m["text"] for m in new if m["channel"] == DM[self.users[who]]]


class TeamsChat:
    def __init__(self, driven: Any) -> None:
        self.teams, self.services = driven, driven.services
        self.users = {"kari": activities.KARI, "per": activities.PER}
        self.seen: dict[str, int] = {}

    async def say(self, who: str, text: str) -> str:
        await self.teams.say(self.users[who], text)
        self.seen[who] = len(self.teams.connector.to(self.users[who].conversation))
        return "\n".join(texts_of(self.teams.last_to(self.users[who]).card))

    async def told(self, who: str) -> list[str]:
        await self.teams.deliver()
        sent = self.teams.connector.to(self.users[who].conversation)
        new = sent[self.seen.get(who, 0):]
        self.seen[who] = len(sent)
        return ["\n".join(texts_of(s.card)) for s in new if s.card]


@pytest.fixture(params=["slack", "teams"])
def chat(request: pytest.FixtureRequest, database_url: str) -> SlackChat | TeamsChat:
    # `database_url` is named so the run on each database (tests/conftest.py) reaches the chat picked here.
    if request.param == "slack":
        return SlackChat(request.getfixturevalue("slack"))
    return TeamsChat(request.getfixturevalue("teams"))


def share_all(services: Services) -> None:
    services.org = services.org.model_copy(update={"sharing": Sharing.ON})


async def idea_from_kari(chat: SlackChat | TeamsChat) -> int:
    await chat.say("kari", "Felles vikarpool for barnehagene")
    await chat.told("kari")
    with chat.services.session_factory() as session:
        return int(session.scalar(select(Idea.id).order_by(Idea.created_at.desc(), Idea.id.desc())) or 0)


async def test_follow_by_command_and_hear_at_once(chat):
    share_all(chat.services)
    idea = await idea_from_kari(chat)
    assert "med en gang" in await chat.say("per", "varsler")
    assert f"Du følger nå forslag {idea}" in await chat.say("per", f"Følg  {idea}")
    await chat.told("per")
    turns.change(chat.services, handling.accept, actor=ADMIN, idea_id=idea, note="Vi starter i januar.")
    [told] = await chat.told("per")
    assert f"Forslag {idea} som du følger" in told and "Godtatt" in told and "Vi starter i januar." in told
    assert "Kari" not in told
    assert f"Du følger ikke lenger forslag {idea}" in await chat.say("per", f"ikke følg {idea}")
    turns.write(chat.services, comments.comment, actor=ADMIN, idea_id=idea, text="Oppstart 6. januar.")
    assert await chat.told("per") == []


async def test_a_daily_digest_set_in_chat(chat):
    share_all(chat.services)
    idea = await idea_from_kari(chat)
    await chat.say("per", f"følg {idea}")
    assert "samlet hver morgen" in await chat.say("per", "varsler daglig")
    await chat.told("per")
    turns.write(chat.services, comments.comment, actor=ADMIN, idea_id=idea, text="Vi trenger tall fra dere.")
    assert await chat.told("per") == []  # waits for the morning
    with chat.services.session_factory.begin() as session:
        assert enqueue_follow_digests(session=session, now=TUESDAY_7) == 1
    [digest] = await chat.told("per")
    assert "Nytt om forslag du følger, siden i går:" in digest
    assert f"Forslag {idea} «Felles vikarpool for barnehagene»: kommunen svarte «Vi trenger tall fra dere.»" in digest
    assert "samlet mandag morgen" in await chat.say("per", "notifications weekly")  # either language's words


async def test_nothing_to_follow_when_sharing_is_off(chat):
    idea = await idea_from_kari(chat)
    assert f"Fant ikke forslag {idea}" in await chat.say("per", f"følg {idea}")
    assert "Fant ikke forslag 999999" in await chat.say("per", "følg 999999")
