"""The idea form in Teams ("skjema" / "form"): the employee names the unit (virksomhet) the idea concerns, which
decides its area, as on the web form and in Slack's modal. Sending it goes through the same submit as a typed
message; a form that stores nothing comes back with why and with what was typed."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest

from bot.texts import t
from core.orgconfig import Sharing
from storage.models import Channel, OutboxState
from tests.bot.teams import activities
from tests.bot.teams.activities import ARNE, KARI
from tests.bot.teams.conftest import Teams, texts_of, verbs_of
from tests.bot.teams.test_board import POOL, shared_by_per
from tests.fakes import OverlapClassifier
from tests.steering.stored import tables_holding

TEXT = "Felles innkjøp av sengetøy for alle avdelingene"
MARKER = "sporbar-markør-77"


@pytest.fixture(autouse=True)
def _reads_it_as_another_area(classifier) -> None:
    classifier.focus_area = "barn-og-unge"  # the model reads it otherwise; the person who works there knows


def inputs(card: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {block["id"]: block for block in card["body"] if block["type"].startswith("Input.")}


async def form_for(teams: Teams, user: activities.User = KARI, word: str = "skjema", **kwargs: Any) -> dict:
    await teams.say(user, word, **kwargs)
    return teams.last_to(user).card


async def send(teams: Teams, card: dict[str, Any], user: activities.User = KARI, **typed: Any) -> dict[str, Any]:
    """Fill in the card's inputs (the rest as the card has them) and press its last button, as Teams would."""
    values = {key: block.get("value", "") for key, block in inputs(card).items()} | typed
    [button] = [a for a in card["actions"] if a["type"] == "Action.Execute"]
    return await teams.click(user, button["verb"], button["data"], inputs=values)


@pytest.mark.parametrize(("word", "locale", "unknown", "choice"), [
    ("skjema", "nb-NO", "Vet ikke", "Helse og livskvalitet – Sykehjem"),
    ("Form", "en-GB", "Don't know", "Health and quality of life – Nursing home"),
])
async def test_the_command_answers_with_the_form_offering_the_orgs_units(teams: Teams, word, locale, unknown,
                                                                        choice):
    card = await form_for(teams, word=word, locale=locale)

    assert card["version"] == "1.4" and teams.ideas() == []
    fields = inputs(card)
    assert list(fields) == ["text", "title", "unit", "anonymous"]  # no "Del med kolleger" while nothing is shared
    assert fields["text"]["isRequired"] and fields["text"]["isMultiline"] and fields["text"]["maxLength"] == 10_000
    choices = fields["unit"]["choices"]
    assert choices[0] == {"title": unknown, "value": "-"} and fields["unit"]["value"] == "-"
    assert {"title": choice, "value": "sykehjem"} in choices
    assert [c["value"] for c in choices[1:]] == [u.id for a in teams.services.org.focus_areas
                                                 for u in teams.services.org.units_of(a.id)]
    assert verbs_of(card) == ["idea.send_form"]


async def test_under_opt_in_the_form_asks_whether_to_share(teams: Teams):
    teams.services.org = teams.services.org.model_copy(update={"sharing": Sharing.OPT_IN})
    card = await form_for(teams)
    assert inputs(card)["shared"]["title"] == "Del med kolleger"


async def test_help_names_the_form(teams: Teams):
    await teams.say(KARI, "hjelp")
    assert "«skjema»" in texts_of(teams.last_to(KARI).card)[0]


@pytest.mark.parametrize("anonymous", [False, True])
async def test_a_named_unit_decides_the_area_and_its_commissioner_gets_the_idea(teams: Teams, anonymous: bool):
    await teams.install(ARNE)
    card = await form_for(teams)
    seen = len(teams.connector.to(KARI.conversation))

    answer = await send(teams, card, text=TEXT, title="Sengetøy", unit="sykehjem",
                        anonymous="true" if anonymous else "false")

    [idea] = teams.ideas()
    assert (idea.text, idea.title, idea.unit, idea.focus_area, idea.commissioner, idea.anonymous, idea.channel) == (
        TEXT, "Sengetøy", "sykehjem", "helse-og-livskvalitet", "arne-jorstad", anonymous, Channel.TEAMS)
    assert "Sendt til Helse og livskvalitet — Arne Jørstad." in texts_of(answer)
    assert (t("nb", "sent_anonymous") in texts_of(answer)) is anonymous
    await teams.deliver()
    assert "Sengetøy" in json.dumps(teams.last_to(ARNE).card, ensure_ascii=False)
    assert ("Kari Nordmann" in json.dumps(teams.last_to(ARNE).card, ensure_ascii=False)) is not anonymous
    # The card in place of the form is the confirmation: the outbox's copy is not sent to Kari as well.
    assert len(teams.connector.to(KARI.conversation)) == seen
    assert [r.state for r in teams.outbox() if r.kind == "idea_received"] == [OutboxState.DELIVERED]


async def test_a_redelivered_click_makes_no_second_idea(teams: Teams):
    click = activities.invoke(KARI, "idea.send_form", {}, teams.service_url,
                              inputs={"text": TEXT, "unit": "skolene", "anonymous": "false"})
    for _ in range(2):
        response = await teams.post(click)
        assert t("nb", "thanks") in texts_of(response.json()["value"])
    assert [(idea.text, idea.unit) for idea in teams.ideas()] == [(TEXT, "skolene")]


@pytest.mark.parametrize(("typed", "said"), [
    ({"text": "   ", "unit": "sykehjem"}, "Forslaget er tomt. Skriv hva du foreslår."),
    ({"text": TEXT, "unit": "bibliotek"}, "Den virksomheten finnes ikke. Velg en fra lista, eller «Vet ikke»."),
])
async def test_bad_input_returns_the_form_with_the_error_and_what_was_typed(teams: Teams, typed, said):
    card = await form_for(teams)

    again = await send(teams, card, title="Sengetøy", anonymous="true", **typed)

    assert texts_of(again)[:2] == [said, t("nb", "form.kept")] and teams.ideas() == []
    kept = inputs(again)
    assert (kept["text"]["value"], kept["title"]["value"], kept["anonymous"]["value"]) == (
        typed["text"], "Sengetøy", "true")
    # A unit we offered stays chosen; one we did not is shown as "Vet ikke", not silently kept.
    assert kept["unit"]["value"] == ("sykehjem" if typed["unit"] == "sykehjem" else "-")
    assert verbs_of(again) == ["idea.send_form"]


async def test_a_varsling_in_the_form_is_steered_and_stored_nowhere(teams: Teams, classifier, connection, caplog):
    caplog.set_level(logging.DEBUG)
    classifier.intent = "varsling"
    card = await form_for(teams)
    words = f"Noe jeg må varsle om ({MARKER})"

    steered = await send(teams, card, text=words, unit="sykehjem")

    assert texts_of(steered)[0] == t("nb", "steer.varsling") and t("nb", "steer.not_stored") in texts_of(steered)
    assert inputs(steered)["text"]["value"] == words and inputs(steered)["unit"]["value"] == "sykehjem"
    [anyway] = [a for a in steered["actions"] if a["type"] == "Action.Execute"]
    assert (anyway["title"], anyway["data"]) == ("Send som forslag likevel", {"send_anyway": True})
    assert teams.ideas() == [] and tables_holding(connection, MARKER) == []
    assert [r.name for r in caplog.records if MARKER in r.getMessage()] == []

    stored = await send(teams, steered)  # the person chose to send it as an idea after all

    assert t("nb", "thanks") in texts_of(stored)
    assert [(idea.text, idea.unit) for idea in teams.ideas()] == [(words, "sykehjem")]


async def test_shared_ideas_like_it_are_shown_first_and_the_form_then_stores_it(teams: Teams):
    teams.services.classifier = OverlapClassifier("barn-og-unge")
    teams.services.org = teams.services.org.model_copy(update={"sharing": Sharing.OPT_IN})
    per_idea = shared_by_per(teams)
    card = await form_for(teams)

    similar = await send(teams, card, text=POOL, unit="sykehjem", shared="true")

    assert t("nb", "similar.heading") in texts_of(similar) and str(per_idea) in json.dumps(similar)
    assert inputs(similar)["shared"]["value"] == "true" and len(teams.ideas()) == 1
    stored = await send(teams, similar)
    assert t("nb", "thanks") in texts_of(stored)
    mine = teams.ideas()[-1]
    assert (mine.unit, mine.focus_area, mine.shared) == ("sykehjem", "helse-og-livskvalitet", True)
