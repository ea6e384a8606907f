"""An anonymous idea: the commissioner never sees who sent it (not on a card, not in what goes over the wire, not in
the logs, not from the directory), and the submitter is still told about every status change.
"""

from __future__ import annotations

import json
import logging

import pytest

from bot.teams import graph as graph_module
from storage.models import Status
from tests.bot.teams.activities import ARNE, KARI
from tests.bot.teams.conftest import Teams, texts_of
from tests.bot.teams.fakes import GraphFake, StaticCredential

IDEA = "Sykefraværet i hjemmetjenesten henger sammen med turnusen; la oss prøve ønsketurnus"
KARI_MARKS = (KARI.aad, KARI.name, KARI.channel_id, "Kari")


@pytest.fixture(autouse=True)
def _routes_to_health(classifier) -> None:
    classifier.focus_area = "helse-og-livskvalitet"


@pytest.fixture
def teams_settings(teams_settings, graph: GraphFake, monkeypatch):
    """Graph configured too, with Kari in the directory: it must still not be asked about her."""
    monkeypatch.setattr(graph_module, "app_credential", lambda _settings: StaticCredential())
    graph.add(KARI.aad, name=KARI.name, mail="kari.nordmann@loten.kommune.no", department="Hjemmetjenesten")
    return teams_settings.model_copy(update={"graph_client_id": "graph-app", "graph_client_secret": "s",
                                             "graph_api_url": graph.url})


def assert_no_trace_of_kari(value: object) -> None:
    dumped = json.dumps(value, ensure_ascii=False)
    for mark in KARI_MARKS:
        assert mark not in dumped, f"{mark!r} leaked"


async def test_an_anonymous_idea_reaches_the_commissioner_without_the_submitter(
        teams: Teams, graph: GraphFake, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    await teams.install(ARNE)
    await teams.say(KARI, IDEA)
    data = teams.last_to(KARI).card["actions"][0]["data"]
    await teams.click(KARI, "idea.make_anonymous", data)

    await teams.deliver()  # the commissioner's card is rendered now, from the idea as it is: anonymous

    card = teams.last_to(ARNE).card
    assert "Fra: anonym" in texts_of(card)
    assert_no_trace_of_kari(card)
    assert graph.requests == []  # the directory is not even asked

    updated = await teams.click(ARNE, "staff.in_review", card["actions"][0]["data"])
    assert_no_trace_of_kari(updated)
    assert "Fra: anonym" in texts_of(updated)

    # Everything that went over the wire to anyone but Kari is free of her.
    for sent in teams.connector.sent:
        if sent.conversation_id != KARI.conversation:
            assert_no_trace_of_kari(sent.body)
    # And the logs of the whole flow, at DEBUG, of our code and the SDK alike.
    for record in caplog.records:
        if record.name != "aiohttp.access":  # the fakes' own access log
            assert_no_trace_of_kari(record.getMessage())


async def test_the_submitter_of_an_anonymous_idea_is_still_told_about_status_changes(teams: Teams) -> None:
    await teams.install(ARNE)
    await teams.say(KARI, IDEA)
    await teams.click(KARI, "idea.make_anonymous", teams.last_to(KARI).card["actions"][0]["data"])
    await teams.deliver()
    card = teams.last_to(ARNE).card

    await teams.click(ARNE, "staff.decline_confirm", card["actions"][0]["data"],
                      inputs={"reason": "Ønsketurnus prøves allerede på Løten sykehjem."})
    await teams.deliver()

    assert teams.ideas()[0].status is Status.DECLINED
    told = teams.last_to(KARI)
    status, answer = texts_of(told.card)
    assert status.startswith("Forslaget ditt «Sykefraværet i hjemmetjenesten") and status.endswith("er nå: Avslått.")
    assert answer == "Svar fra Arne Jørstad: Ønsketurnus prøves allerede på Løten sykehjem."


async def test_my_ideas_still_lists_the_anonymous_idea_for_its_submitter(teams: Teams) -> None:
    await teams.say(KARI, IDEA)
    await teams.click(KARI, "idea.make_anonymous", teams.last_to(KARI).card["actions"][0]["data"])

    await teams.say(KARI, "mine forslag")

    assert any(IDEA[:40] in text for text in texts_of(teams.last_to(KARI).card))
