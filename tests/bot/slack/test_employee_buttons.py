"""The buttons under the confirmation: "Feil område?" (asks to move the idea), "Gjør anonym", "Angre" — each redraws
the message."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import update

from storage.models import Idea, Status, utcnow
from tests.bot.slack import payloads
from tests.bot.slack.conftest import DM, HELSE, KARI, OPPVEKST, PER


async def sent(slack, text="Bedre skilting til legevakten", user=KARI):
    await slack.dm(text, user=user)
    [confirmation] = await slack.posted(channel=DM[user])
    [idea] = [i for i in await slack.ideas() if i.text == text]
    return idea, confirmation


def buttons(blocks):
    return {e["action_id"]: e for b in blocks if b["type"] == "actions" for e in b["elements"]}


async def test_make_anonymous_updates_the_confirmation_in_place(slack):
    idea, confirmation = await sent(slack)
    await slack.click("idea_make_anonymous", f"{idea.id}:received", user=KARI, message=confirmation)
    [updated] = await slack.fake.wait_for("chat.update")
    assert (updated["channel"], updated["ts"]) == (DM[KARI], confirmation["ts"])
    assert "navnet ditt vises ikke" in updated["text"]
    assert set(buttons(updated["blocks"])) == {"idea_wrong_area", "idea_withdraw"}
    assert (await slack.ideas())[0].anonymous is True


async def test_withdraw_within_the_window(slack):
    idea, confirmation = await sent(slack)
    await slack.click("idea_withdraw", f"{idea.id}:received", user=KARI, message=confirmation)
    [updated] = await slack.fake.wait_for("chat.update")
    assert updated["text"] == "Forslaget er trukket tilbake." and buttons(updated["blocks"]) == {}
    assert (await slack.ideas())[0].status is Status.WITHDRAWN

    # The old message clicked again: a clear answer, nothing changes.
    await slack.click("idea_withdraw", f"{idea.id}:received", user=KARI, message=confirmation)
    [told] = await slack.fake.wait_for("chat.postEphemeral")
    assert told == {**told, "user": KARI, "channel": DM[KARI],
                    "text": "Forslaget er allerede trukket tilbake; ingenting ble endret."}


async def test_withdraw_after_the_window_is_refused(slack):
    idea, confirmation = await sent(slack)
    with slack.services.session_factory.begin() as session:
        session.execute(update(Idea).where(Idea.id == idea.id).values(created_at=utcnow() - timedelta(hours=1)))
    await slack.click("idea_withdraw", f"{idea.id}:received", user=KARI, message=confirmation)
    [told] = await slack.fake.wait_for("chat.postEphemeral")
    assert told["text"] == "Et forslag kan bare trekkes tilbake de første 10 minuttene etter innsending."
    assert (await slack.ideas())[0].status is Status.RECEIVED


async def test_only_the_sender_can_use_the_buttons(slack):
    idea, confirmation = await sent(slack)
    await slack.click("idea_make_anonymous", f"{idea.id}:received", user=PER, message=confirmation)
    [told] = await slack.fake.wait_for("chat.postEphemeral")
    assert told["user"] == PER and told["text"] == "Idea not found."  # Per's Slack is in English
    assert (await slack.ideas())[0].anonymous is False
    assert slack.fake.to("chat.update") == []


async def test_wrong_area_asks_for_another_area_and_the_commissioner_decides(slack):
    idea, confirmation = await sent(slack)
    await slack.click("idea_wrong_area", f"{idea.id}:received", user=KARI, message=confirmation)
    [opened] = await slack.fake.wait_for("views.open")
    view = opened["view"]
    assert view["callback_id"] == "wrong_area" and view["title"]["text"] == "Feil område?"
    hint, picker, note = view["blocks"]
    assert hint["elements"][0]["text"] == "Den som behandler forslaget, avgjør om det flyttes, og du får beskjed her."
    assert [o["value"] for o in picker["element"]["options"]] == ["barn-og-unge", "samfunnsutvikler"]
    assert note["optional"] is True
    assert json.loads(view["private_metadata"]) == {"idea": idea.id, "status": "received", "channel": DM[KARI],
                                                     "ts": confirmation["ts"]}

    response = await slack.submit("wrong_area", {"focus_area": payloads.chosen("barn-og-unge"),
                                                 "note": payloads.typed("Det gjelder skolene.")},
                                  user=KARI, metadata=view["private_metadata"])
    assert response.status_code == 200 and response.text == ""
    [updated] = await slack.fake.wait_for("chat.update")
    assert updated["text"].startswith("Du har bedt om å flytte forslaget til Løten for barn og unge. Arne Jørstad "
                                      "(Helse og livskvalitet) avgjør det, og du får beskjed her.")
    assert (updated["channel"], updated["ts"]) == (DM[KARI], confirmation["ts"])
    # Asked, not moved: it stays with its commissioner, who gets the request with the two answers.
    stays = (await slack.ideas())[0]
    assert (stays.focus_area, stays.commissioner) == ("helse-og-livskvalitet", "arne-jorstad")
    [_, request] = await slack.posted(2, channel=DM[HELSE])
    assert request["text"].startswith("Ønske om å flytte et forslag fra Helse og livskvalitet")
    said = json.dumps(request["blocks"], ensure_ascii=False)
    assert "Innsenderen ber om å flytte til Løten for barn og unge." in said and "Det gjelder skolene." in said
    assert {"review_move_as_asked", "review_keep_area"} <= set(buttons(request["blocks"]))
    assert [m for m in slack.messages() if m["channel"] == DM[OPPVEKST]] == []
    assert len(await slack.posted(channel=DM[KARI])) == 1  # the answer was the redrawn confirmation


async def test_wrong_area_after_the_idea_was_accepted_is_refused_in_the_form(slack):
    idea, confirmation = await sent(slack)
    [card] = await slack.posted(channel=DM[HELSE])
    await slack.click("idea_wrong_area", f"{idea.id}:received", user=KARI, message=confirmation)
    [opened] = await slack.fake.wait_for("views.open")
    await slack.click("review_accept", f"{idea.id}:received", user=HELSE, message=card)
    await slack.fake.wait_for("chat.update")

    response = await slack.submit("wrong_area", {"focus_area": payloads.chosen("barn-og-unge")}, user=KARI,
                                  metadata=opened["view"]["private_metadata"])
    assert response.json() == {"response_action": "errors",
                               "errors": {"focus_area": "Forslaget er allerede godtatt; ingenting ble endret."}}
    assert (await slack.ideas())[0].focus_area == "helse-og-livskvalitet"


async def test_wrong_area_on_someone_elses_idea_is_refused_before_the_form_opens(slack):
    idea, confirmation = await sent(slack)
    await slack.click("idea_wrong_area", f"{idea.id}:received", user=PER, message=confirmation)
    [told] = await slack.fake.wait_for("chat.postEphemeral")
    assert told["user"] == PER and told["text"] == "Idea not found."
    assert slack.fake.to("views.open") == []
    assert (await slack.ideas())[0].focus_area == "helse-og-livskvalitet"
