"""Colleagues' ideas in Teams: "populære" answers with the most supported shared ideas and support buttons, a
message like shared ideas shows them before it is stored ("Støtt dette i stedet" / "Send mitt forslag", with "Del
med kolleger"), and a plain message's confirmation offers "Del med kolleger" under `sharing: opt_in`. Support counts
once per person across Teams and the web (one Entra object id)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.teams.package import manifest
from core import support
from core.actors import Actor, Role
from core.intake import Draft, SubmitterRef
from core.orgconfig import OrgConfig, Sharing
from core.submission import submit
from core.unit_of_work import transaction
from storage.models import Channel, Support
from tests.bot.teams.activities import APP_ID, KARI
from tests.bot.teams.conftest import Teams, texts_of, verbs_of
from tests.fakes import OverlapClassifier

POOL = "Felles vikarpool for hjemmetjenesten i hele kommunen"
LIKE_POOL = "Vikarpool for hjemmetjenesten i kommunen"
ELSEWHERE = "Solcellepanel på taket av rådhuset"
KARI_ON_THE_WEB = Actor(role=Role.EMPLOYEE, user_id=KARI.aad, channel=Channel.WEB, name="Kari Nordmann")


@pytest.fixture
def classifier() -> OverlapClassifier:
    return OverlapClassifier("helse-og-livskvalitet")


@pytest.fixture
def teams_org(teams_org: OrgConfig) -> OrgConfig:
    return teams_org.model_copy(update={"sharing": Sharing.OPT_IN})


def shared_by_per(teams: Teams, text: str = POOL) -> int:
    ref = SubmitterRef(channel=Channel.WEB, external_id="per", display_name="Per Hansen")
    with transaction(teams.services) as uow:
        done = submit(uow=uow, draft=Draft(text=text, submitter=ref, channel=Channel.WEB, shared=True,
                                           anonymous=True))
    return done.idea.id  # type: ignore[union-attr]


def supports(teams: Teams, idea_id: int) -> int:
    with teams.services.session_factory() as session:
        return session.scalar(select(func.count()).select_from(Support).where(Support.idea_id == idea_id)) or 0


def executes(card: dict[str, Any]) -> list[dict[str, Any]]:
    """Every Action.Execute on the card, in its containers too."""
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "Action.Execute":
                found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(card)
    return found


def button(card: dict[str, Any], title: str) -> dict[str, Any]:
    return next(a for a in executes(card) if a["title"] == title)


async def test_a_message_like_a_shared_idea_shows_it_first_and_support_instead_counts(teams: Teams):
    shared = shared_by_per(teams)
    await teams.say(KARI, LIKE_POOL)

    card = teams.last_to(KARI).card
    assert texts_of(card)[0] == "Kolleger har sendt lignende forslag"
    assert len(teams.ideas()) == 1  # Kari's idea waits for her choice
    instead = button(card, "Støtt dette i stedet")
    assert instead["data"] == {"idea_id": shared}
    mine = button(card, "Send mitt forslag")
    assert mine["data"] == {"text": LIKE_POOL}  # the text is kept until she chooses
    assert any(b.get("type") == "Input.Toggle" and b["title"] == "Del med kolleger" for b in card["body"])
    assert "Per" not in json.dumps(card, ensure_ascii=False)
    # Answered in the turn: the waiting text is in no outbox row (nor anywhere else but the card).
    assert all(LIKE_POOL not in json.dumps(row.payload, ensure_ascii=False) for row in teams.outbox())

    answer = await teams.click(KARI, instead["verb"], instead["data"])
    assert texts_of(answer)[0].startswith(f"Takk! Du støtter nå forslag {shared}")
    assert supports(teams, shared) == 1 and len(teams.ideas()) == 1


async def test_send_mine_stores_the_text_shared_as_chosen_and_confirms_in_place(teams: Teams):
    shared_by_per(teams)
    await teams.say(KARI, LIKE_POOL)
    mine = button(teams.last_to(KARI).card, "Send mitt forslag")

    card = await teams.click(KARI, mine["verb"], {**mine["data"], "shared": "true"})
    assert "Takk for forslaget!" in texts_of(card)
    assert "idea.share" not in verbs_of(card)  # shared already
    idea = teams.ideas()[-1]
    assert (idea.text, idea.channel, idea.shared) == (LIKE_POOL, Channel.TEAMS, True)


async def test_a_plain_message_is_stored_at_once_and_can_be_shared_afterwards(teams: Teams):
    shared_by_per(teams)
    await teams.say(KARI, ELSEWHERE)
    card = teams.last_to(KARI).card
    assert "Takk for forslaget!" in texts_of(card)
    share = next(a for a in card["actions"] if a["verb"] == "idea.share")
    assert share["title"] == "Del med kolleger"

    shared = await teams.click(KARI, share["verb"], share["data"])
    assert "Forslaget er delt med kolleger." in texts_of(shared) and "idea.share" not in verbs_of(shared)
    assert teams.ideas()[-1].shared


async def test_with_sharing_off_a_message_is_stored_as_before(teams: Teams):
    shared_by_per(teams)
    teams.services.org = teams.services.org.model_copy(update={"sharing": Sharing.OFF})
    await teams.say(KARI, LIKE_POOL)
    card = teams.last_to(KARI).card
    assert "Takk for forslaget!" in texts_of(card) and "idea.share" not in verbs_of(card)
    assert len(teams.ideas()) == 2


@pytest.mark.parametrize("command", ["populære", "Popular"])
async def test_popular_answers_with_the_board_and_support_counts_once_with_the_web(teams: Teams, command):
    shared = shared_by_per(teams)
    with transaction(teams.services) as uow:  # Kari supported it on the web, signed in with Entra ID
        support.support(uow=uow, actor=KARI_ON_THE_WEB, idea_id=shared)

    await teams.say(KARI, command)
    card = teams.last_to(KARI).card
    shown = json.dumps(card, ensure_ascii=False)
    assert POOL in shown and "1 støtter" in shown and "Du støtter dette forslaget." in shown
    assert "Per" not in shown  # neither the (anonymous) submitter nor any supporter is named
    take_back = button(card, "Trekk støtten")

    again = await teams.click(KARI, "board.support", {"idea_id": shared})  # a stale "Støtt" from an older card
    assert "1 støtter" in json.dumps(again, ensure_ascii=False) and supports(teams, shared) == 1

    after = await teams.click(KARI, take_back["verb"], take_back["data"])
    assert "0 støtter" in json.dumps(after, ensure_ascii=False) and supports(teams, shared) == 0
    assert button(after, "Støtt")["data"] == {"idea_id": shared}


async def test_popular_says_so_when_nothing_is_shared(teams: Teams):
    teams.services.org = teams.services.org.model_copy(update={"sharing": Sharing.OFF})
    await teams.say(KARI, "populære")
    assert texts_of(teams.last_to(KARI).card) == ["Forslag deles ikke med kolleger her."]
    assert teams.ideas() == []


async def test_my_own_idea_on_the_board_has_no_support_button(teams: Teams):
    await teams.say(KARI, ELSEWHERE)
    share = next(a for a in teams.last_to(KARI).card["actions"] if a["verb"] == "idea.share")
    await teams.click(KARI, share["verb"], share["data"])
    await teams.say(KARI, "populære")
    card = teams.last_to(KARI).card
    assert "Dette er ditt forslag." in json.dumps(card, ensure_ascii=False) and executes(card) == []
    refused = await teams.click(KARI, "board.support", {"idea_id": teams.ideas()[-1].id})
    assert "Du kan ikke støtte ditt eget forslag." in texts_of(refused)


@pytest.mark.parametrize(("sharing", "listed"), [(Sharing.OFF, False), (Sharing.OPT_IN, True), (Sharing.ON, True)])
def test_the_app_package_lists_populaere_where_ideas_are_shared(teams_services, sharing, listed):
    settings = teams_services.settings.model_copy(update={"teams_app_id": APP_ID,
                                                          "public_url": "https://forslag.loten.kommune.no"})
    org = teams_services.org.model_copy(update={"sharing": sharing})
    [bot] = manifest(settings=settings, org=org, version="1.0.0")["bots"]
    titles = [c["title"] for c in bot["commandLists"][0]["commands"]]
    assert ("populære" in titles) is listed and titles[:3] == ["hjelp", "mine forslag", "skjema"]
