"""An employee in personal chat: a message becomes an idea, the answer card and its buttons, "mine forslag", "hjelp".

Every test goes through `POST /api/messages` with Teams' activity shapes; answers arrive at the Bot Connector fake.
"""

from __future__ import annotations

import asyncio
import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from storage.models import Channel, Idea, Identity, OutboxState, Status, Submitter
from tests.bot.teams import activities
from tests.bot.teams.activities import KARI, PER
from tests.bot.teams.conftest import Teams, texts_of, verbs_of

IDEA = "Innfør felles turnusplanlegging i hjemmetjenesten, så vi slipper dobbeltbemanning i helgene"


@pytest.fixture(autouse=True)
def _routes_to_health(classifier) -> None:
    classifier.focus_area = "helse-og-livskvalitet"


def clicked(card: dict) -> dict:
    return card["actions"][0]["data"]


async def test_a_message_becomes_an_idea_and_the_answer_card_says_where_it_went(teams: Teams) -> None:
    await teams.say(KARI, IDEA)

    [idea] = teams.ideas()
    assert (idea.text, idea.channel, idea.focus_area, idea.commissioner) == (
        IDEA, Channel.TEAMS, "helse-og-livskvalitet", "arne-jorstad")
    sent = teams.last_to(KARI)
    assert sent.method == "POST" and sent.path == f"/v3/conversations/{KARI.conversation}/activities"
    card = sent.card
    assert card["type"] == "AdaptiveCard" and card["version"] == "1.4"
    assert "Sendt til Helse og livskvalitet — Arne Jørstad." in texts_of(card)
    assert [a["title"] for a in card["actions"]] == ["Feil område?", "Gjør anonym", "Angre"]
    assert all(a["type"] == "Action.Execute" for a in card["actions"])
    assert clicked(card) == {"idea_id": idea.id, "expected": "received"}
    # The answer went through the outbox and is marked delivered; the commissioner's card waits for the worker.
    received, routed = teams.outbox()
    assert (received.kind, received.state, received.recipient) == (
        "idea_received", OutboxState.DELIVERED, f"submitter:{idea.submitter_id}")
    assert (routed.kind, routed.state, routed.recipient) == ("idea_routed", OutboxState.PENDING,
                                                             f"user:{activities.ARNE.aad}")


async def test_while_an_idea_is_routed_and_stored_the_server_answers_other_requests(teams: Teams, classifier,
                                                                                   monkeypatch) -> None:
    # Routing and the database run in the adapter's thread, not on the event loop every request shares.
    routing, release = threading.Event(), threading.Event()
    classify = classifier.classify

    def held_classify(text: str, **kwargs):
        routing.set()
        release.wait(5)  # on the event loop this would hold every request for the whole five seconds
        return classify(text, **kwargs)

    monkeypatch.setattr(classifier, "classify", held_classify)
    message = asyncio.create_task(teams.say(KARI, IDEA))
    assert await asyncio.to_thread(routing.wait, 5)
    # Timed from the request, not from the message: how long the turn takes to reach routing is not the point.
    began = time.monotonic()
    health = await teams.client.get("/healthz")
    answered_after = time.monotonic() - began
    release.set()
    await message
    assert health.status_code == 200 and answered_after < 2.0
    assert [idea.text for idea in teams.ideas()] == [IDEA]


async def test_the_conversation_reference_is_stored_at_first_contact(teams: Teams) -> None:
    await teams.say(KARI, IDEA)

    with teams.services.session_factory() as session:
        identity = session.scalar(select(Identity).where(Identity.channel == Channel.TEAMS))
        submitter = session.get(Submitter, identity.submitter_id)
    assert identity.external_id == KARI.aad
    reference = identity.address["conversation_reference"]
    assert reference["conversation"]["id"] == KARI.conversation
    assert reference["serviceUrl"] == teams.service_url
    assert "activityId" not in reference  # proactive messages are new posts, not replies to an old message
    assert (submitter.display_name, submitter.locale) == ("Kari Nordmann", "nb")


async def test_a_redelivered_activity_makes_no_second_idea_and_no_second_answer(teams: Teams) -> None:
    activity = activities.message(KARI, IDEA, teams.service_url)
    for _ in range(2):
        assert (await teams.post(activity)).status_code == 202

    assert len(teams.ideas()) == 1
    assert len(teams.connector.to(KARI.conversation)) == 1


async def test_english_when_the_activity_locale_is_english(teams: Teams) -> None:
    await teams.say(KARI, IDEA, locale="en-US")

    card = teams.last_to(KARI).card
    assert "Sent to Health and quality of life — Arne Jørstad." in texts_of(card)
    assert [a["title"] for a in card["actions"]] == ["Wrong area?", "Make anonymous", "Undo"]


async def test_an_idea_for_no_clear_area_goes_to_the_administrators(teams: Teams, classifier) -> None:
    classifier.focus_area = None
    await teams.say(KARI, "Noe helt annet")

    assert teams.ideas()[0].focus_area is None
    assert "Takk! Forslaget er sendt til administratorene, som finner rett område for det." in texts_of(
        teams.last_to(KARI).card)


@pytest.mark.parametrize("word", ["hjelp", "Hjelp", "help"])
async def test_help_explains_the_bot_and_makes_no_idea(teams: Teams, word: str) -> None:
    await teams.say(KARI, word)

    assert teams.ideas() == []
    [text] = texts_of(teams.last_to(KARI).card)
    assert text.startswith("Skriv forslaget ditt rett her")


async def test_an_empty_message_makes_no_idea(teams: Teams) -> None:
    await teams.say(KARI, "   ")

    assert teams.ideas() == []
    assert texts_of(teams.last_to(KARI).card) == ["Forslaget er tomt. Skriv hva du foreslår."]


async def test_my_ideas_lists_the_employees_own_ideas_with_status(teams: Teams) -> None:
    await teams.say(KARI, IDEA)
    await teams.say(KARI, "Digitale timelister for alle")
    await teams.say(PER, "Per sitt forslag")
    first = teams.ideas()[0]
    with teams.services.session_factory.begin() as session:
        session.execute(update(Idea).where(Idea.id == first.id).values(status=Status.IN_REVIEW))

    await teams.say(KARI, "mine forslag")

    texts = texts_of(teams.last_to(KARI).card)
    assert texts[0] == "Mine forslag"
    assert any(text.startswith(f"#{first.id} ") for text in texts)
    assert any(text.startswith("Til vurdering · Helse og livskvalitet") for text in texts)
    assert not any("Per sitt forslag" in text for text in texts)


async def test_my_ideas_in_english_and_for_someone_without_ideas(teams: Teams) -> None:
    await teams.say(PER, "my ideas", locale="en-GB")

    assert texts_of(teams.last_to(PER).card) == [
        "You have not sent any ideas yet. Write your idea here and I will pass it on."]


async def test_the_bot_being_installed_stores_the_conversation_and_says_hello(teams: Teams) -> None:
    await teams.install(KARI)

    with teams.services.session_factory() as session:
        identity = session.scalar(select(Identity).where(Identity.external_id == KARI.aad))
    assert identity.address["conversation_reference"]["conversation"]["id"] == KARI.conversation
    assert texts_of(teams.last_to(KARI).card)[0].startswith("Skriv forslaget ditt rett her")


async def test_messages_outside_personal_chat_are_not_ideas(teams: Teams) -> None:
    activity = activities.message(KARI, "@Forslagskassa hei", teams.service_url)
    activity["conversation"] |= {"conversationType": "channel", "id": activities.TRIAGE_CHANNEL}
    assert (await teams.post(activity)).status_code == 202

    assert teams.ideas() == [] and teams.connector.sent == []


# -- the buttons on the answer card ----------------------------------------------------------------------------


async def test_wrong_area_asks_for_another_area_and_says_who_decides(teams: Teams) -> None:
    await teams.say(KARI, IDEA)
    data = clicked(teams.last_to(KARI).card)

    chooser = await teams.click(KARI, "idea.wrong_area", data)
    assert "Den som behandler forslaget, avgjør om det flyttes, og du får beskjed her." in texts_of(chooser)
    [choices] = [b for b in chooser["body"] if b["type"] == "Input.ChoiceSet"]
    assert {c["value"] for c in choices["choices"]} == {"barn-og-unge", "samfunnsutvikler"}
    [note] = [b for b in chooser["body"] if b["type"] == "Input.Text"]
    assert note["id"] == "note" and not note.get("isRequired")
    assert verbs_of(chooser) == ["idea.move", "idea.show"]

    card = await teams.click(KARI, "idea.move", data,
                             inputs={"focus_area": "samfunnsutvikler", "note": "Det gjelder byggene."})

    assert texts_of(card)[0] == ("Du har bedt om å flytte forslaget til Kommunen som samfunnsutvikler. Arne Jørstad "
                                 "(Helse og livskvalitet) avgjør det, og du får beskjed her.")
    assert "Sendt til Helse og livskvalitet — Arne Jørstad." in texts_of(card)  # where it still is
    idea = teams.ideas()[0]
    assert (idea.focus_area, idea.commissioner) == ("helse-og-livskvalitet", "arne-jorstad")
    assert [o.kind for o in teams.outbox()][-1] == "move_requested"  # to Arne, who decides


async def test_cancel_on_the_chooser_shows_the_answer_card_again(teams: Teams) -> None:
    await teams.say(KARI, IDEA)
    card = await teams.click(KARI, "idea.show", clicked(teams.last_to(KARI).card))

    assert verbs_of(card) == ["idea.wrong_area", "idea.make_anonymous", "idea.withdraw"]


async def test_make_anonymous_hides_the_name_and_removes_its_button(teams: Teams) -> None:
    await teams.say(KARI, IDEA)

    card = await teams.click(KARI, "idea.make_anonymous", clicked(teams.last_to(KARI).card))

    assert texts_of(card)[0] == "Forslaget er nå anonymt."
    assert "Forslaget er anonymt: navnet ditt vises ikke for noen." in texts_of(card)
    assert verbs_of(card) == ["idea.wrong_area", "idea.withdraw"]
    assert teams.ideas()[0].anonymous is True


async def test_undo_withdraws_the_idea_within_the_window(teams: Teams) -> None:
    await teams.say(KARI, IDEA)

    card = await teams.click(KARI, "idea.withdraw", clicked(teams.last_to(KARI).card))

    assert texts_of(card)[0] == "Forslaget er trukket tilbake."
    assert "actions" not in card
    assert teams.ideas()[0].status is Status.WITHDRAWN


async def test_undo_after_the_window_is_refused_clearly(teams: Teams) -> None:
    await teams.say(KARI, IDEA)
    idea = teams.ideas()[0]
    with teams.services.session_factory.begin() as session:
        session.execute(update(Idea).where(Idea.id == idea.id).values(created_at=idea.created_at - timedelta(hours=1)))

    card = await teams.click(KARI, "idea.withdraw", clicked(teams.last_to(KARI).card))

    assert texts_of(card)[0] == "Et forslag kan bare trekkes tilbake de første 10 minuttene etter innsending."
    assert teams.ideas()[0].status is Status.RECEIVED


async def test_undo_on_an_idea_already_in_review_is_a_stale_click(teams: Teams) -> None:
    await teams.say(KARI, IDEA)
    data = clicked(teams.last_to(KARI).card)
    with teams.services.session_factory.begin() as session:
        session.execute(update(Idea).where(Idea.id == data["idea_id"]).values(status=Status.IN_REVIEW))

    card = await teams.click(KARI, "idea.withdraw", data)

    assert texts_of(card)[0] == "Forslaget er allerede til vurdering; ingenting ble endret."
    assert teams.ideas()[0].status is Status.IN_REVIEW


async def test_someone_else_cannot_use_the_employees_buttons(teams: Teams) -> None:
    await teams.say(KARI, IDEA)
    data = clicked(teams.last_to(KARI).card)

    for verb in ("idea.withdraw", "idea.make_anonymous", "idea.wrong_area", "idea.show"):
        card = await teams.click(PER, verb, data)
        assert texts_of(card) == ["Fant ikke forslaget."]
    idea = teams.ideas()[0]
    assert (idea.status, idea.anonymous) == (Status.RECEIVED, False)


async def test_a_click_with_data_we_did_not_send_is_answered_without_changing_anything(teams: Teams) -> None:
    await teams.say(KARI, IDEA)

    for data in ({}, {"idea_id": "x"}, {"idea_id": 1, "expected": "nonsense"}):
        card = await teams.click(KARI, "idea.withdraw", data)
        assert texts_of(card) == ["Fant ikke forslaget."]
    assert teams.ideas()[0].status is Status.RECEIVED
