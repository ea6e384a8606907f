"""Commissioners: routed ideas arrive as a card in their personal chat (or a channel), they act on the card, the card
is updated in place, and the submitter is told by a proactive message. Only the area's commissioner or an
administrator may act.
"""

from __future__ import annotations

import pytest
from sqlalchemy import update

from core.routing import Routing, SimilarIdea
from storage.models import Idea, OutboxMessage, OutboxState, Status
from tests.bot.teams import activities
from tests.bot.teams.activities import ADMIN, ARNE, KARI, OPPVEKST, PER, TRIAGE_CHANNEL
from tests.bot.teams.conftest import Teams, texts_of, verbs_of
from tests.fakes import StaticClassifier

IDEA = "Innfør felles turnusplanlegging i hjemmetjenesten"


class SimilarClassifier(StaticClassifier):
    """Routes to one area and calls every earlier idea similar."""

    def classify(self, text: str, *, exclude: int | None = None) -> Routing:
        routing = super().classify(text)
        similar = [SimilarIdea(idea_id=i, score=0.8) for i, _ in self.remembered]
        return Routing(focus_area=routing.focus_area, confidence=0.87, abstained=False, similar=similar)


@pytest.fixture
def classifier() -> SimilarClassifier:
    return SimilarClassifier("helse-og-livskvalitet")


async def routed_card(teams: Teams, text: str = IDEA, *, by=KARI) -> dict:
    """Kari sends an idea and the worker delivers the commissioner's card; returns that card."""
    await teams.install(ARNE)
    await teams.say(by, text)
    await teams.deliver()
    return teams.last_to(ARNE).card


def data_of(card: dict) -> dict:
    return card["actions"][0]["data"]


async def test_a_routed_idea_arrives_as_a_card_with_confidence_similar_ideas_and_actions(teams: Teams) -> None:
    await teams.say(PER, "Felles turnus for hele helsesektoren")  # an earlier, similar idea
    card = await routed_card(teams)

    texts = texts_of(card)
    assert texts[0] == "Nytt forslag til Helse og livskvalitet"
    assert IDEA in texts and "Status: Mottatt" in texts and "Sikkerhet: 87\u00a0%" in texts
    assert "Fra: Kari Nordmann" in texts
    earlier = teams.ideas()[0]
    assert "Lignende forslag:" in texts
    assert f"#{earlier.id} · 80\u00a0% likt · Felles turnus for hele helsesektoren" in texts
    assert [a["title"] for a in card["actions"]] == [
        "Ta til vurdering", "Godta", "Avslå", "Duplikat av …", "Send til annet område", "Anslå innsparing"]
    assert data_of(card) == {"idea_id": teams.ideas()[1].id, "expected": "received"}


async def test_take_into_review_updates_the_card_in_place_and_tells_the_submitter(teams: Teams) -> None:
    card = await routed_card(teams)

    updated = await teams.click(ARNE, "staff.in_review", data_of(card))

    assert texts_of(updated)[0] == "Til vurdering av Arne Jørstad."
    assert "Status: Til vurdering" in texts_of(updated)
    assert verbs_of(updated) == ["staff.accept", "staff.decline", "staff.duplicate", "staff.reroute",
                                 "staff.estimate"]
    assert data_of(updated)["expected"] == "in_review"
    assert teams.ideas()[0].status is Status.IN_REVIEW
    await teams.deliver()
    told = teams.last_to(KARI)
    assert told.path == f"/v3/conversations/{KARI.conversation}/activities"
    assert texts_of(told.card) == [f"Forslaget ditt «{IDEA}» er nå: Til vurdering."]


async def test_accept_then_implemented(teams: Teams) -> None:
    card = await routed_card(teams)

    accepted = await teams.click(ARNE, "staff.accept", data_of(card))
    assert texts_of(accepted)[0] == "Godtatt av Arne Jørstad."
    assert teams.ideas()[0].status is Status.ACCEPTED
    assert verbs_of(accepted) == ["staff.implemented", "staff.estimate"]

    done = await teams.click(ARNE, "staff.implemented", data_of(accepted))
    assert texts_of(done)[0] == "Gjennomført av Arne Jørstad."
    assert verbs_of(done) == ["staff.estimate"]  # the saving can still be estimated


async def test_decline_asks_for_the_reason_which_the_submitter_is_told(teams: Teams) -> None:
    card = await routed_card(teams)

    form = await teams.click(ARNE, "staff.decline", data_of(card))
    [reason] = [b for b in form["body"] if b["type"] == "Input.Text"]
    assert (reason["id"], reason["isRequired"]) == ("reason", True)
    assert verbs_of(form) == ["staff.decline_confirm", "staff.show"]
    assert teams.ideas()[0].status is Status.RECEIVED  # nothing happens before the reason

    again = await teams.click(ARNE, "staff.decline_confirm", data_of(form), inputs={"reason": "  "})
    assert texts_of(again)[0] == "Skriv en begrunnelse. Den vises for innsenderen."
    assert teams.ideas()[0].status is Status.RECEIVED

    declined = await teams.click(ARNE, "staff.decline_confirm", data_of(form),
                                 inputs={"reason": "Turnus er avtalt med tillitsvalgte ut 2027."})
    assert texts_of(declined)[0] == "Avslått av Arne Jørstad."
    assert teams.ideas()[0].status is Status.DECLINED
    await teams.deliver()
    assert texts_of(teams.last_to(KARI).card) == [
        f"Forslaget ditt «{IDEA}» er nå: Avslått.",
        "Svar fra Arne Jørstad: Turnus er avtalt med tillitsvalgte ut 2027."]


async def test_estimate_the_saving_which_the_card_then_shows(teams: Teams) -> None:
    card = await routed_card(teams)

    form = await teams.click(ARNE, "staff.estimate", data_of(card))
    [amount] = [b for b in form["body"] if b["type"] == "Input.Number"]
    assert (amount["id"], amount["min"], "value" in amount) == ("estimated_saving_nok", 0, False)
    assert verbs_of(form) == ["staff.estimate_confirm", "staff.show"]

    for wrong_amount in ("mye", "-5", 10**11):
        wrong = await teams.click(ARNE, "staff.estimate_confirm", data_of(form),
                                  inputs={"estimated_saving_nok": wrong_amount})
        assert texts_of(wrong)[0] == "Skriv et helt antall kroner fra 0 til 10 milliarder, eller la feltet stå tomt."
    assert teams.ideas()[0].estimated_saving_nok is None

    done = await teams.click(ARNE, "staff.estimate_confirm", data_of(form), inputs={"estimated_saving_nok": 250000})
    assert texts_of(done)[0] == "Anslått årlig innsparing satt til 250\u00a0000\u00a0kr av Arne Jørstad."
    assert "Anslått årlig innsparing: 250\u00a0000\u00a0kr" in texts_of(done)
    assert teams.ideas()[0].estimated_saving_nok == 250_000
    assert teams.ideas()[0].status is Status.RECEIVED  # estimating answers nothing yet

    again = await teams.click(ARNE, "staff.estimate", data_of(done))
    [amount] = [b for b in again["body"] if b["type"] == "Input.Number"]
    assert amount["value"] == 250_000
    cleared = await teams.click(ARNE, "staff.estimate_confirm", data_of(again), inputs={"estimated_saving_nok": ""})
    assert texts_of(cleared)[0] == "Anslaget ble fjernet av Arne Jørstad."
    assert teams.ideas()[0].estimated_saving_nok is None


async def test_cancel_on_a_form_shows_the_card_again(teams: Teams) -> None:
    card = await routed_card(teams)
    back = await teams.click(ARNE, "staff.show", data_of(card))

    assert verbs_of(back) == verbs_of(card)


async def test_duplicate_points_at_the_earlier_idea(teams: Teams) -> None:
    await teams.say(PER, "Felles turnus for hele helsesektoren")
    card = await routed_card(teams)
    earlier, idea = teams.ideas()

    form = await teams.click(ARNE, "staff.duplicate", data_of(card))
    assert any(b.get("id") == "duplicate_of" for b in form["body"])
    wrong = await teams.click(ARNE, "staff.duplicate_confirm", data_of(form), inputs={"duplicate_of": "9999"})
    assert texts_of(wrong)[0] == "Det gikk ikke: Idea 9999 (duplicate_of) not found."

    done = await teams.click(ARNE, "staff.duplicate_confirm", data_of(form), inputs={"duplicate_of": earlier.id})
    assert texts_of(done)[0] == "Duplikat av Arne Jørstad."
    with teams.services.session_factory() as session:
        stored = session.get(Idea, idea.id)
        assert (stored.status, stored.duplicate_of_id) == (Status.DUPLICATE, earlier.id)
    # Merged: Kari hears where her idea went, Per that a similar one joined his, each in Teams.
    await teams.deliver()
    assert f"Det er slått sammen med forslag {earlier.id}" in " ".join(texts_of(teams.last_to(KARI).card))
    assert texts_of(teams.last_to(PER).card) == [
        "Et lignende forslag er slått sammen med forslaget ditt «Felles turnus for hele helsesektoren». Nå støtter 1 "
        "det."]


async def test_send_to_another_area_moves_the_idea_and_the_card_keeps_no_buttons(teams: Teams) -> None:
    card = await routed_card(teams)

    chooser = await teams.click(ARNE, "staff.reroute", data_of(card))
    assert verbs_of(chooser) == ["staff.reroute_confirm", "staff.show"]
    moved = await teams.click(ARNE, "staff.reroute_confirm", data_of(chooser), inputs={"focus_area": "barn-og-unge"})

    assert texts_of(moved)[0] == "Flyttet til Løten for barn og unge av Arne Jørstad."
    assert "actions" not in moved
    idea = teams.ideas()[0]
    assert (idea.focus_area, idea.commissioner) == ("barn-og-unge", "kommunalsjef-oppvekst")
    # The new commissioner gets the idea once they have talked to the bot; the submitter is told.
    await teams.install(OPPVEKST)
    await teams.deliver()
    assert texts_of(teams.last_to(OPPVEKST).card)[0] == "Nytt forslag til Løten for barn og unge"
    assert "Forslaget ditt «" in texts_of(teams.last_to(KARI).card)[0]


async def test_a_click_on_an_out_of_date_card_changes_nothing(teams: Teams) -> None:
    card = await routed_card(teams)
    with teams.services.session_factory.begin() as session:
        session.execute(update(Idea).values(status=Status.IN_REVIEW))

    for verb in ("staff.in_review", "staff.accept", "staff.decline", "staff.reroute"):
        stale = await teams.click(ARNE, verb, data_of(card))
        assert texts_of(stale)[0] == "Forslaget er allerede til vurdering; ingenting ble endret.", verb
        assert data_of(stale)["expected"] == "in_review"  # the refreshed card can be used
    assert teams.ideas()[0].status is Status.IN_REVIEW


@pytest.mark.parametrize("who", [OPPVEKST, KARI, PER], ids=["other-commissioner", "submitter", "employee"])
async def test_only_the_areas_commissioner_or_an_administrator_may_act(teams: Teams, who) -> None:
    card = await routed_card(teams)

    for verb in ("staff.accept", "staff.decline", "staff.decline_confirm", "staff.reroute_confirm", "staff.show",
                 "staff.estimate", "staff.estimate_confirm"):
        refused = await teams.click(who, verb, data_of(card), inputs={"reason": "x", "focus_area": "barn-og-unge",
                                                                      "estimated_saving_nok": 1000})
        assert texts_of(refused) == ["Bare kommunalsjefen for området eller en administrator kan gjøre dette."]
    idea = teams.ideas()[0]
    assert (idea.status, idea.focus_area, idea.estimated_saving_nok) == (
        Status.RECEIVED, "helse-og-livskvalitet", None)


async def test_an_administrator_may_act_on_any_area(teams: Teams) -> None:
    card = await routed_card(teams)

    updated = await teams.click(ADMIN, "staff.accept", data_of(card), locale="en-US")

    assert texts_of(updated)[0] == "Accepted by Prosjektleder virksomhetsgjennomgang."
    assert teams.ideas()[0].status is Status.ACCEPTED


async def test_a_commissioner_who_never_talked_to_the_bot_gets_the_card_once_they_do(teams: Teams) -> None:
    await teams.say(KARI, IDEA)
    await teams.deliver()

    routed = next(row for row in teams.outbox() if row.kind == "idea_routed")
    assert routed.state is OutboxState.PENDING and "not opened a chat" in routed.last_error
    assert teams.connector.to(ARNE.conversation) == []

    await teams.install(ARNE)
    with teams.services.session_factory.begin() as session:  # the retry is due (the worker's backoff elapsed)
        session.execute(update(OutboxMessage).values(next_attempt_at=OutboxMessage.created_at))
    await teams.deliver()
    assert texts_of(teams.last_to(ARNE).card)[0] == "Nytt forslag til Helse og livskvalitet"


async def test_a_commissioner_is_welcomed_as_one_when_the_app_is_installed(teams: Teams) -> None:
    await teams.install(ARNE)
    await teams.install(PER)
    assert texts_of(teams.last_to(ARNE).card) == [
        "Her får du nye forslag til området ditt, med knapper for å svare på dem. "
        "Du kan også sende egne forslag her: skriv dem rett inn."]
    assert texts_of(teams.last_to(PER).card)[0].startswith("Skriv forslaget ditt rett her")  # an employee


async def test_ideas_for_the_triage_queue_go_to_the_channel_in_the_org_config(teams: Teams, classifier) -> None:
    classifier.focus_area = None
    triage = teams.services.org.triage.model_copy(update={"teams_conversation": TRIAGE_CHANNEL})
    teams.services.org = teams.services.org.model_copy(update={"triage": triage})

    await teams.say(KARI, "Noe helt annet")
    await teams.deliver()

    sent = teams.last_to(TRIAGE_CHANNEL)
    assert sent.path == f"/v3/conversations/{TRIAGE_CHANNEL}/activities"  # a new post, not a reply
    assert texts_of(sent.card)[0] == "Nytt forslag til fordeling"
    assert sent.body["conversation"]["id"] == TRIAGE_CHANNEL


async def test_the_bot_added_to_a_team_logs_the_conversation_id_for_the_org_config(teams: Teams, caplog) -> None:
    caplog.set_level("INFO", logger="bot.teams")
    response = await teams.post(activities.added_to_team(ADMIN, teams.service_url))

    assert response.status_code == 202
    assert TRIAGE_CHANNEL in caplog.text
    assert teams.connector.sent == []
