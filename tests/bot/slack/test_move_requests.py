"""The submitter's "Feil område?" as the commissioner gets it in Slack: a card saying where the submitter asks to
move the idea, with "Flytt til …" and "Behold i …"; and what the submitter is told of the answer."""

from __future__ import annotations

import json

from sqlalchemy import select

from storage.models import Correction
from tests.bot.slack import payloads
from tests.bot.slack.conftest import DM, HELSE, KARI, OPPVEKST

TEXT = "Felles skolehelsetjeneste for barneskolene"


def buttons(blocks):
    return {e["action_id"]: e for b in blocks if b["type"] == "actions" for e in b["elements"]}


def words(message) -> str:
    return json.dumps(message["blocks"], ensure_ascii=False)


async def asked(slack, *, anonymous: bool = False):
    """Kari sends an idea (made anonymous first if asked) and asks to move it to barn-og-unge; the commissioner's
    card for the request, as it arrived."""
    await slack.dm(TEXT, user=KARI)
    [confirmation] = await slack.posted(channel=DM[KARI])
    [idea] = await slack.ideas()
    if anonymous:
        await slack.click("idea_make_anonymous", f"{idea.id}:received", user=KARI, message=confirmation)
        await slack.fake.wait_for("chat.update")
    await slack.click("idea_wrong_area", f"{idea.id}:received", user=KARI, message=confirmation)
    [opened] = await slack.fake.wait_for("views.open")
    await slack.submit("wrong_area", {"focus_area": payloads.chosen("barn-og-unge"),
                                      "note": payloads.typed("Det gjelder skolene.")},
                       user=KARI, metadata=opened["view"]["private_metadata"])
    [_, card] = await slack.posted(2, channel=DM[HELSE])
    return card


async def corrections(slack) -> list[tuple[str, str]]:
    await slack.settle()
    with slack.services.session_factory() as session:
        return [(c.focus_area, c.actor) for c in session.scalars(select(Correction))]


async def test_moving_as_asked_reroutes_the_idea_and_tells_everyone(slack):
    card = await asked(slack)
    move = buttons(card["blocks"])["review_move_as_asked"]
    assert move["text"]["text"] == "Flytt til Løten for barn og unge"

    await slack.click("review_move_as_asked", move["value"], user=HELSE, message=card)
    [_, updated] = await slack.fake.wait_for("chat.update", 2)  # the first redrew Kari's confirmation
    assert "Flyttet til Løten for barn og unge av Arne Jørstad." in words(updated)
    assert "Innsenderen ber om" not in words(updated) and buttons(updated["blocks"]) == {}
    moved = (await slack.ideas())[0]
    assert (moved.focus_area, moved.commissioner) == ("barn-og-unge", "kommunalsjef-oppvekst")
    # A decision by the commissioner: the classifier learns from it.
    assert await corrections(slack) == [("barn-og-unge", "commissioner:arne-jorstad")]
    [new_card] = await slack.posted(channel=DM[OPPVEKST])
    assert new_card["text"].startswith("Nytt forslag til Løten for barn og unge")
    [_, told] = await slack.posted(2, channel=DM[KARI])
    assert "er flyttet til Løten for barn og unge" in told["text"]


async def test_keeping_asks_for_a_reason_and_tells_the_submitter(slack):
    card = await asked(slack)
    keep = buttons(card["blocks"])["review_keep_area"]
    assert keep["text"]["text"] == "Behold i Helse og livskvalitet"

    await slack.click("review_keep_area", keep["value"], user=HELSE, message=card)
    [_, opened] = await slack.fake.wait_for("views.open", 2)
    assert opened["view"]["callback_id"] == "review_keep_area"
    [reason] = opened["view"]["blocks"]
    assert reason["optional"] is True
    response = await slack.submit("review_keep_area", {"reason": payloads.typed("Helse eier skolehelsen.")},
                                  user=HELSE, metadata=opened["view"]["private_metadata"])
    assert response.status_code == 200 and response.text == ""

    [_, updated] = await slack.fake.wait_for("chat.update", 2)
    assert "Beholdt i Helse og livskvalitet av Arne Jørstad." in words(updated)
    assert "Innsenderen ber om" not in words(updated)
    assert "review_keep_area" not in buttons(updated["blocks"])
    assert "review_accept" in buttons(updated["blocks"])  # still the commissioner's to answer
    stays = (await slack.ideas())[0]
    assert stays.focus_area == "helse-og-livskvalitet"
    assert await corrections(slack) == []
    [_, told] = await slack.posted(2, channel=DM[KARI])
    assert told["text"] == (f"Forslaget ditt «{TEXT}» blir i Helse og livskvalitet; det flyttes ikke til Løten for "
                            "barn og unge.\nBegrunnelse: Helse eier skolehelsen.")


async def test_an_answered_request_is_not_answered_again_from_an_old_card(slack):
    card = await asked(slack)
    keep = buttons(card["blocks"])["review_keep_area"]
    await slack.click("review_keep_area", keep["value"], user=HELSE, message=card)
    [_, opened] = await slack.fake.wait_for("views.open", 2)
    await slack.submit("review_keep_area", {"reason": payloads.typed(None)}, user=HELSE,
                       metadata=opened["view"]["private_metadata"])
    await slack.settle()

    await slack.click("review_keep_area", keep["value"], user=HELSE, message=card)
    [told] = await slack.fake.wait_for("chat.postEphemeral")
    assert told["text"] == "Ønsket om å flytte forslaget er allerede besvart."
    assert len(slack.fake.to("views.open")) == 2  # no form this time
    [_, told_kari] = await slack.posted(2, channel=DM[KARI])
    assert told_kari["text"].endswith("det flyttes ikke til Løten for barn og unge.")  # without a reason


async def test_the_request_of_an_anonymous_idea_does_not_name_the_submitter(slack):
    card = await asked(slack, anonymous=True)
    assert "Fra: anonym" in words(card)
    assert "Kari" not in words(card) and "Kari" not in card["text"]
    assert "Innsenderen ber om å flytte til Løten for barn og unge." in words(card)
