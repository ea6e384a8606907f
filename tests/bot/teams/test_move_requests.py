"""The submitter's "Feil område?" as the commissioner gets it in Teams: a card saying where the submitter asks to
move the idea, with "Flytt til …" and "Behold i …" beside the request; and what the submitter is told of the answer.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select

from bot import turns
from core import handling
from storage.models import Correction
from tests.bot.teams.activities import ARNE, KARI, OPPVEKST
from tests.bot.teams.conftest import Teams, texts_of, verbs_of
from tests.people import HELSE

IDEA = "Felles skolehelsetjeneste for barneskolene"
ASKED = "Innsenderen ber om å flytte til Løten for barn og unge."


@pytest.fixture(autouse=True)
def _routes_to_health(classifier) -> None:
    classifier.focus_area = "helse-og-livskvalitet"


async def ask(teams: Teams, *, anonymous: bool = False) -> None:
    """Kari sends an idea (made anonymous first if asked) and asks to move it to barn-og-unge, with a reason."""
    await teams.install(ARNE)
    await teams.install(OPPVEKST)
    await teams.say(KARI, IDEA)
    data = teams.last_to(KARI).card["actions"][0]["data"]
    if anonymous:
        await teams.click(KARI, "idea.make_anonymous", data)
    await teams.click(KARI, "idea.move", data, inputs={"focus_area": "barn-og-unge", "note": "Det gjelder skolene."})


async def request_card(teams: Teams, *, anonymous: bool = False) -> dict[str, Any]:
    await ask(teams, anonymous=anonymous)
    await teams.deliver()
    return teams.last_to(ARNE).card


def answers(card: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The buttons beside the request, by verb."""
    return {a["verb"]: a for b in card["body"] if b["type"] == "ActionSet" for a in b["actions"]}


def corrections(teams: Teams) -> list[tuple[str, str]]:
    with teams.services.session_factory() as session:
        return [(c.focus_area, c.actor) for c in session.scalars(select(Correction))]


async def test_the_request_arrives_as_a_card_with_both_answers(teams: Teams) -> None:
    card = await request_card(teams)

    texts = texts_of(card)
    assert texts[0] == "Ønske om å flytte et forslag fra Helse og livskvalitet"
    assert ASKED in texts and "Innsenderens begrunnelse: Det gjelder skolene." in texts
    move, keep = answers(card).values()
    assert (move["title"], move["verb"]) == ("Flytt til Løten for barn og unge", "staff.move_as_asked")
    assert move["data"]["focus_area"] == "barn-og-unge"
    assert (keep["title"], keep["verb"]) == ("Behold i Helse og livskvalitet", "staff.keep_area")
    assert "staff.accept" in verbs_of(card)  # the idea itself is still to be answered


async def test_moving_as_asked_reroutes_the_idea_and_tells_everyone(teams: Teams) -> None:
    card = await request_card(teams)

    moved = await teams.click(ARNE, "staff.move_as_asked", answers(card)["staff.move_as_asked"]["data"])

    assert texts_of(moved)[0] == "Flyttet til Løten for barn og unge av Arne Jørstad."
    assert ASKED not in texts_of(moved) and answers(moved) == {} and verbs_of(moved) == []
    idea = teams.ideas()[0]
    assert (idea.focus_area, idea.commissioner) == ("barn-og-unge", "kommunalsjef-oppvekst")
    assert corrections(teams) == [("barn-og-unge", "commissioner:arne-jorstad")]
    await teams.deliver()
    assert texts_of(teams.last_to(OPPVEKST).card)[0] == "Nytt forslag til Løten for barn og unge"
    assert texts_of(teams.last_to(KARI).card) == [
        f"Forslaget ditt «{IDEA}» er flyttet til Løten for barn og unge — Kommunalsjef oppvekst."]


async def test_keeping_asks_for_a_reason_and_tells_the_submitter(teams: Teams) -> None:
    card = await request_card(teams)

    form = await teams.click(ARNE, "staff.keep_area", answers(card)["staff.keep_area"]["data"])
    [reason] = [b for b in form["body"] if b["type"] == "Input.Text"]
    assert reason["id"] == "reason" and not reason.get("isRequired")
    assert verbs_of(form) == ["staff.keep_area_confirm", "staff.show"]

    kept = await teams.click(ARNE, "staff.keep_area_confirm", form["actions"][0]["data"],
                             inputs={"reason": "Helse eier skolehelsen."})

    assert texts_of(kept)[0] == "Beholdt i Helse og livskvalitet av Arne Jørstad."
    assert ASKED not in texts_of(kept) and answers(kept) == {} and "staff.accept" in verbs_of(kept)
    assert teams.ideas()[0].focus_area == "helse-og-livskvalitet"
    assert corrections(teams) == []
    await teams.deliver()
    assert texts_of(teams.last_to(KARI).card) == [
        f"Forslaget ditt «{IDEA}» blir i Helse og livskvalitet; det flyttes ikke til Løten for barn og unge.",
        "Begrunnelse: Helse eier skolehelsen."]

    again = await teams.click(ARNE, "staff.keep_area", answers(card)["staff.keep_area"]["data"])
    assert texts_of(again)[0] == "Ønsket om å flytte forslaget er allerede besvart."


async def test_a_request_answered_before_its_card_went_out_is_not_sent(teams: Teams) -> None:
    await ask(teams)
    turns.change(teams.services, handling.keep_area, actor=HELSE, idea_id=teams.ideas()[0].id)
    welcomed = len(teams.connector.to(ARNE.conversation))

    await teams.deliver()

    sent = [texts_of(s.card)[0] for s in teams.connector.to(ARNE.conversation)[welcomed:]]
    assert sent == ["Nytt forslag til Helse og livskvalitet"]  # the idea's own card, not the answered request


async def test_the_request_of_an_anonymous_idea_does_not_name_the_submitter(teams: Teams) -> None:
    card = await request_card(teams, anonymous=True)

    assert "Fra: anonym" in texts_of(card) and ASKED in texts_of(card)
    assert "Kari" not in json.dumps(card, ensure_ascii=False)
