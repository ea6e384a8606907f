"""Messages that are not ideas, sent to the Teams bot: answered in the turn with where they belong, stored nowhere
(not even in the outbox), and sent as an idea only when the person clicks "Send som forslag likevel"."""

from __future__ import annotations

import logging

import pytest

from bot.texts import t
from classifier import NON_IDEAS
from storage.models import OutboxState, Status
from tests.bot.teams import activities
from tests.bot.teams.activities import KARI, PER
from tests.bot.teams.conftest import Teams, texts_of, verbs_of
from tests.steering.stored import tables_holding

MARKER = "sporbar-markør-59"
TEXT = f"Noe som ikke er et forslag i det hele tatt ({MARKER})"
INTENTS = list(NON_IDEAS)  # every kind of message that is not an idea


def link_of(card: dict) -> str | None:
    links = [a["url"] for a in card["actions"] if a["type"] == "Action.OpenUrl"]
    assert len(links) <= 1
    return links[0] if links else None


@pytest.mark.parametrize("intent", INTENTS)
async def test_a_message_that_is_not_an_idea_is_told_where_it_belongs_and_kept_nowhere(
        teams: Teams, classifier, connection, caplog, intent):
    caplog.set_level(logging.DEBUG)
    classifier.intent = intent
    await teams.say(KARI, TEXT, activity_id="1763900000555")

    sent = teams.last_to(KARI)
    # A reply within the turn, not a proactive message from the outbox.
    assert sent.path == f"/v3/conversations/{KARI.conversation}/activities/1763900000555"
    card = sent.card
    redirect = teams.services.org.redirect(intent)
    shown = texts_of(card)
    assert shown[0] == t("nb", f"steer.{intent}") and redirect.text.get("nb") in shown
    assert t("nb", "steer.not_stored") in shown
    assert link_of(card) == (str(redirect.link) if redirect.link else None)
    [anyway] = [a for a in card["actions"] if a["type"] == "Action.Execute"]
    assert (anyway["title"], anyway["verb"], anyway["data"]) == ("Send som forslag likevel", "idea.send_anyway",
                                                                 {"text": TEXT})
    assert teams.ideas() == [] and teams.outbox() == []
    assert tables_holding(connection, MARKER) == []
    assert [r.name for r in caplog.records if MARKER in r.getMessage()] == []


async def test_send_anyway_stores_one_idea_and_shows_the_confirmation_in_place_of_the_card(teams: Teams, classifier,
                                                                                          connection, caplog):
    caplog.set_level(logging.DEBUG)
    classifier.intent = "it_support"
    await teams.say(KARI, TEXT)
    [anyway] = [a for a in teams.last_to(KARI).card["actions"] if a["type"] == "Action.Execute"]

    card = await teams.click(KARI, anyway["verb"], anyway["data"])
    assert t("nb", "thanks") in texts_of(card) and t("nb", "sent_to_triage") in texts_of(card)
    assert verbs_of(card) == ["idea.wrong_area", "idea.make_anonymous", "idea.withdraw"]
    [idea] = teams.ideas()
    assert (idea.text, idea.status) == (TEXT, Status.RECEIVED)
    # The card in place of the clicked one is the confirmation: the outbox's copy is not sent as well.
    await teams.deliver()
    assert len(teams.connector.to(KARI.conversation)) == 1  # the answer that offered the button, nothing since
    received = [row for row in teams.outbox() if row.kind == "idea_received"]
    assert [row.state for row in received] == [OutboxState.DELIVERED]


async def test_a_redelivered_click_on_send_anyway_makes_no_second_idea(teams: Teams, classifier):
    classifier.intent = "chatter"
    click = activities.invoke(KARI, "idea.send_anyway", {"text": "Felles kalender for møterom"}, teams.service_url)
    for _ in range(2):
        response = await teams.post(click)
        assert t("nb", "thanks") in texts_of(response.json()["value"])
    assert [idea.text for idea in teams.ideas()] == ["Felles kalender for møterom"]


async def test_a_redelivered_message_that_is_not_an_idea_is_answered_once(teams: Teams, classifier):
    classifier.intent = "facility_fault"
    message = activities.message(KARI, TEXT, teams.service_url)
    for _ in range(2):
        assert (await teams.post(message)).status_code == 202
    assert len(teams.connector.to(KARI.conversation)) == 1
    assert teams.ideas() == []


async def test_the_answer_speaks_english_to_an_english_speaker(teams: Teams, classifier):
    classifier.intent = "personal_hr"
    await teams.say(PER, TEXT, locale="en-GB")
    card = teams.last_to(PER).card
    assert texts_of(card)[0] == "This looks like a question about your own employment."
    assert "E-mail: lonn@loten.kommune.no" in texts_of(card)
    assert [a["title"] for a in card["actions"]] == ["Send as an idea anyway"]  # personal_hr has no link in Løten


async def test_when_the_connector_fails_the_answer_is_dropped_not_queued_and_the_text_not_logged(
        teams: Teams, classifier, connection, caplog):
    caplog.set_level(logging.DEBUG)
    classifier.intent = "varsling"
    teams.connector.fail_next(503)
    await teams.say(KARI, TEXT)
    assert teams.connector.to(KARI.conversation) == []
    assert teams.outbox() == [] and tables_holding(connection, MARKER) == []
    assert "was not sent (ClientResponseError)" in caplog.text
    assert [r.name for r in caplog.records if MARKER in r.getMessage()] == []
