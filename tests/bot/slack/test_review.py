"""The commissioner's card: what it shows, each action, in-place updates, stale clicks and refusals."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from storage.models import Event, EventKind, Status
from tests.bot.slack import payloads
from tests.bot.slack.conftest import ADMIN, DIREKTOR, DM, HELSE, KARI, OPPVEKST, PER, with_slack_ids


async def routed(slack, text="Bedre skilting til legevakten", *, user=KARI, anonymous=False):
    """An idea sent by DM (or the form, when anonymous), and the card its commissioner received."""
    if anonymous:
        await slack.submit("new_idea", {"text": payloads.typed(text), "anonymous": payloads.checked("yes")},
                           user=user)
    else:
        await slack.dm(text, user=user)
    await slack.settle()
    idea = next(i for i in await slack.ideas() if i.text == text)
    card = next(m for m in slack.messages() if m["channel"] == DM[HELSE] and f"#{idea.id} " in str(m["blocks"]))
    return idea, card


def action_ids(blocks):
    return [e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]]


async def transitions(slack, idea_id):
    await slack.settle()
    with slack.services.session_factory() as session:
        return session.scalar(select(func.count()).select_from(Event).where(
            Event.idea_id == idea_id, Event.kind == EventKind.STATUS_CHANGED)) or 0


async def test_the_card_shows_confidence_three_similar_ideas_and_the_buttons(slack):
    for n in range(4):
        await routed(slack, f"Tidligere forslag nummer {n} om hjemmetjenesten")
    idea, card = await routed(slack, "Felles turnusplan for hjemmetjenesten")
    assert card["channel"] == DM[HELSE]
    shown = json.dumps(card["blocks"], ensure_ascii=False)
    assert card["blocks"][0]["text"]["text"] == "Nytt forslag til Helse og livskvalitet"
    assert "Sikkerhet: 87\u00a0%" in shown and "Fra: Kari Nordmann" in shown and "Svarfrist:" in shown
    assert "Lignende forslag:" in shown
    assert shown.count("\u00a0% likt") == 3  # four earlier ideas are similar; the card shows the best three
    assert "nummer 3" in shown and "nummer 0" not in shown
    assert action_ids(card["blocks"]) == ["review_in_review", "review_accept", "review_decline", "review_duplicate",
                                          "review_reroute", "review_estimate"]
    assert {e["value"] for b in card["blocks"] if b["type"] == "actions" for e in b["elements"]} == {
        f"{idea.id}:received"}


async def test_in_review_updates_the_card_in_place_and_tells_the_submitter(slack):
    idea, card = await routed(slack)
    response = await slack.click("review_in_review", f"{idea.id}:received", user=HELSE, message=card)
    assert response.status_code == 200
    [updated] = await slack.fake.wait_for("chat.update")
    assert (updated["channel"], updated["ts"]) == (card["channel"], card["ts"])
    assert "Til vurdering av Arne Jørstad." in json.dumps(updated["blocks"], ensure_ascii=False)
    assert action_ids(updated["blocks"]) == ["review_accept", "review_decline", "review_duplicate", "review_reroute",
                                             "review_estimate"]
    told = await slack.posted(2, channel=DM[KARI])
    assert told[-1]["text"] == "Forslaget ditt «Bedre skilting til legevakten» er nå: Til vurdering."


async def test_a_second_click_on_a_stale_card_changes_nothing(slack):
    idea, card = await routed(slack)
    await slack.click("review_accept", f"{idea.id}:received", user=HELSE, message=card)
    await slack.fake.wait_for("chat.update")
    await slack.click("review_accept", f"{idea.id}:received", user=HELSE, message=card)
    [told] = await slack.fake.wait_for("chat.postEphemeral")
    assert told["user"] == HELSE and told["text"] == "Forslaget er allerede godtatt; ingenting ble endret."
    # Accept from "received" passes through "in review": two events, not four.
    assert await transitions(slack, idea.id) == 2
    assert (await slack.ideas())[0].status is Status.ACCEPTED
    [_, redrawn] = await slack.fake.wait_for("chat.update", 2)
    assert action_ids(redrawn["blocks"]) == ["review_implemented", "review_estimate"]


async def test_implemented_after_accepted(slack):
    idea, card = await routed(slack)
    await slack.click("review_accept", f"{idea.id}:received", user=HELSE, message=card)
    await slack.fake.wait_for("chat.update")
    await slack.click("review_implemented", f"{idea.id}:accepted", user=HELSE, message=card)
    [_, updated] = await slack.fake.wait_for("chat.update", 2)
    assert action_ids(updated["blocks"]) == ["review_estimate"]  # the saving can still be estimated
    assert (await slack.ideas())[0].status is Status.IMPLEMENTED


async def test_anyone_but_the_areas_commissioner_or_an_admin_is_refused(slack):
    idea, card = await routed(slack)
    for user in (KARI, OPPVEKST):
        await slack.click("review_accept", f"{idea.id}:received", user=user, message=card)
        await slack.click("review_decline", f"{idea.id}:received", user=user, message=card)
    refusals = await slack.fake.wait_for("chat.postEphemeral", 4)
    assert {(r["user"], r["text"]) for r in refusals} == {
        (user, "Bare kommunalsjefen for området eller en administrator kan gjøre dette.") for user in (KARI, OPPVEKST)}
    await slack.settle()
    assert slack.fake.to("views.open") == [] and slack.fake.to("chat.update") == []
    assert (await slack.ideas())[0].status is Status.RECEIVED

    await slack.click("review_in_review", f"{idea.id}:received", user=ADMIN, message=card)
    await slack.fake.wait_for("chat.update")
    assert (await slack.ideas())[0].status is Status.IN_REVIEW


async def test_decline_asks_the_reason_and_the_submitter_is_told_it(slack):
    idea, card = await routed(slack)
    await slack.click("review_decline", f"{idea.id}:received", user=HELSE, message=card)
    [opened] = await slack.fake.wait_for("views.open")
    view = opened["view"]
    assert view["callback_id"] == "review_decline" and view["title"]["text"] == "Avslå forslag"

    blank = await slack.submit("review_decline", {"reason": payloads.typed("  ")}, user=HELSE,
                               metadata=view["private_metadata"])
    assert blank.json()["errors"] == {"reason": "Skriv en begrunnelse. Den vises for innsenderen."}

    done = await slack.submit("review_decline", {"reason": payloads.typed("Skiltingen eies av Sykehuset Innlandet.")},
                              user=HELSE, metadata=view["private_metadata"])
    assert done.status_code == 200 and done.text == ""
    [updated] = await slack.fake.wait_for("chat.update")
    assert (updated["channel"], updated["ts"]) == (card["channel"], card["ts"])
    assert "Avslått av Arne Jørstad." in json.dumps(updated["blocks"], ensure_ascii=False)
    told = await slack.posted(2, channel=DM[KARI])
    assert told[-1]["text"] == ("Forslaget ditt «Bedre skilting til legevakten» er nå: Avslått.\n"
                                "Svar fra Arne Jørstad: Skiltingen eies av Sykehuset Innlandet.")


async def test_a_stale_decline_form_is_refused_in_the_form(slack):
    idea, card = await routed(slack)
    await slack.click("review_decline", f"{idea.id}:received", user=HELSE, message=card)
    [opened] = await slack.fake.wait_for("views.open")
    await slack.click("review_accept", f"{idea.id}:received", user=ADMIN, message=card)
    await slack.fake.wait_for("chat.update")
    response = await slack.submit("review_decline", {"reason": payloads.typed("Nei")}, user=HELSE,
                                  metadata=opened["view"]["private_metadata"])
    assert response.json()["errors"] == {"reason": "Forslaget er allerede godtatt; ingenting ble endret."}
    assert (await slack.ideas())[0].status is Status.ACCEPTED


async def test_estimate_the_saving_in_a_form_shown_on_the_card_and_counted(slack):
    idea, card = await routed(slack)
    await slack.click("review_estimate", f"{idea.id}:received", user=HELSE, message=card)
    [opened] = await slack.fake.wait_for("views.open")
    view = opened["view"]
    assert view["callback_id"] == "review_estimate" and view["title"]["text"] == "Anslå innsparing"
    assert "initial_value" not in view["blocks"][0]["element"]  # nothing estimated yet

    for wrong_amount in ("12,5", "99999999999"):
        wrong = await slack.submit("review_estimate", {"saving": payloads.number(wrong_amount)}, user=HELSE,
                                   metadata=view["private_metadata"])
        assert wrong.json()["errors"] == {
            "saving": "Skriv et helt antall kroner fra 0 til 10 milliarder, eller la feltet stå tomt."}
    assert (await slack.ideas())[0].estimated_saving_nok is None

    done = await slack.submit("review_estimate", {"saving": payloads.number("120000")}, user=HELSE,
                              metadata=view["private_metadata"])
    assert done.status_code == 200 and done.text == ""
    [updated] = await slack.fake.wait_for("chat.update")
    shown = json.dumps(updated["blocks"], ensure_ascii=False)
    assert "Anslått årlig innsparing: 120\u00a0000\u00a0kr" in shown
    assert "Anslått årlig innsparing satt til 120\u00a0000\u00a0kr av Arne Jørstad." in shown
    assert (await slack.ideas())[0].estimated_saving_nok == 120_000
    assert (await slack.ideas())[0].status is Status.RECEIVED  # estimating answers nothing yet

    # The next form starts with the estimate; emptying the field removes it.
    await slack.click("review_estimate", f"{idea.id}:received", user=HELSE, message=updated)
    [_, reopened] = await slack.fake.wait_for("views.open", 2)
    assert reopened["view"]["blocks"][0]["element"]["initial_value"] == "120000"
    await slack.submit("review_estimate", {"saving": payloads.number(None)}, user=HELSE,
                       metadata=reopened["view"]["private_metadata"])
    await slack.fake.wait_for("chat.update", 2)
    assert (await slack.ideas())[0].estimated_saving_nok is None


async def test_only_the_areas_commissioner_or_an_admin_may_estimate(slack):
    idea, card = await routed(slack)
    await slack.click("review_estimate", f"{idea.id}:received", user=OPPVEKST, message=card)
    [told] = await slack.fake.wait_for("chat.postEphemeral")
    assert told["text"] == "Bare kommunalsjefen for området eller en administrator kan gjøre dette."
    assert slack.fake.to("views.open") == []


async def test_duplicate_of_an_earlier_idea_found_by_number_or_words(slack):
    earlier, _ = await routed(slack, "Felles bilpark for hjemmetjenesten", user=PER)
    idea, card = await routed(slack, "Delte biler i hjemmesykepleien")
    await slack.click("review_duplicate", f"{idea.id}:received", user=HELSE, message=card)
    [opened] = await slack.fake.wait_for("views.open")
    metadata = opened["view"]["private_metadata"]
    assert opened["view"]["blocks"][0]["element"]["type"] == "external_select"

    async def options(query):
        body = payloads.interactive(payloads.block_suggestion("duplicate_pick", query, user=HELSE, metadata=metadata))
        response = await slack.post(body, content_type="application/x-www-form-urlencoded")
        return [(o["value"], o["text"]["text"]) for o in response.json()["options"]]

    assert (await options(""))[0] == (str(earlier.id), f"#{earlier.id} Felles bilpark for hjemmetjenesten")
    assert await options(f"#{earlier.id}") == [(str(earlier.id), f"#{earlier.id} Felles bilpark for hjemmetjenesten")]
    assert [v for v, _ in await options("bilpark")] == [str(earlier.id)]
    assert str(idea.id) not in [v for v, _ in await options("")]

    await slack.submit("review_duplicate", {"duplicate_of": payloads.chosen(str(earlier.id), kind="external_select",
                                                                            action_id="duplicate_pick")},
                       user=HELSE, metadata=metadata)
    await slack.fake.wait_for("chat.update")
    marked = next(i for i in await slack.ideas() if i.id == idea.id)
    assert (marked.status, marked.duplicate_of_id) == (Status.DUPLICATE, earlier.id)
    # Merged: Kari hears where her idea went, Per that a similar one joined his, each in a DM.
    await slack.settle()
    told = [m["text"] for m in slack.messages() if m["channel"] == DM[KARI]]
    assert told[-1].endswith(f"er nå: Duplikat. Det er slått sammen med forslag {earlier.id}, og de som støttet "
                             "ditt, teller nå der.")
    assert [m["text"] for m in slack.messages() if m["channel"] == DM[PER]][-1] == (  # Per reads English
        "A similar idea was merged into your idea “Felles bilpark for hjemmetjenesten”. Supporters now: 1.")


async def test_options_are_empty_for_someone_who_is_not_staff(slack):
    idea, _ = await routed(slack)
    metadata = json.dumps({"idea": idea.id, "status": "received", "channel": None, "ts": None})
    body = payloads.interactive(payloads.block_suggestion("duplicate_pick", "", user=KARI, metadata=metadata))
    response = await slack.post(body, content_type="application/x-www-form-urlencoded")
    assert response.json() == {"options": []}


async def test_reroute_moves_the_idea_and_the_old_card_loses_its_buttons(slack):
    idea, card = await routed(slack)
    await slack.click("review_reroute", f"{idea.id}:received", user=HELSE, message=card)
    [opened] = await slack.fake.wait_for("views.open")
    assert opened["view"]["callback_id"] == "review_reroute"
    await slack.submit("review_reroute", {"focus_area": payloads.chosen("samfunnsutvikler"),
                                          "note": payloads.typed("Skilting er eiendom sitt ansvar.")},
                       user=HELSE, metadata=opened["view"]["private_metadata"])
    [updated] = await slack.fake.wait_for("chat.update")
    assert "Flyttet til Kommunen som samfunnsutvikler av Arne Jørstad." in json.dumps(updated["blocks"],
                                                                                      ensure_ascii=False)
    assert action_ids(updated["blocks"]) == []
    [new_card] = await slack.posted(channel=DM[DIREKTOR])
    assert new_card["blocks"][0]["text"]["text"] == "Nytt forslag til Kommunen som samfunnsutvikler"
    told = await slack.posted(2, channel=DM[KARI])
    assert "er flyttet til Kommunen som samfunnsutvikler — Frank Hauge" in told[-1]["text"]


async def test_an_anonymous_idea_never_names_its_sender_but_they_are_still_told(slack):
    idea, card = await routed(slack, "Anonymt forslag om bemanning", anonymous=True)
    assert "Fra: anonym" in json.dumps(card["blocks"], ensure_ascii=False)
    for call in slack.fake.calls:  # every message shown to anyone but Kari herself
        if call.method.startswith("chat.") and call.args.get("channel") != DM[KARI]:
            assert "Kari" not in json.dumps(call.args, ensure_ascii=False) and KARI not in json.dumps(call.args)
    await slack.click("review_accept", f"{idea.id}:received", user=HELSE, message=card)
    [updated] = await slack.fake.wait_for("chat.update")
    assert "Kari" not in json.dumps(updated, ensure_ascii=False)
    told = await slack.posted(2, channel=DM[KARI])
    assert told[-1]["text"] == "Forslaget ditt «Anonymt forslag om bemanning» er nå: Godtatt."


async def test_the_triage_channel_gets_ideas_nobody_could_route(slack):
    slack.services.org = with_slack_ids(slack.services.org, triage_channel="C0TRIAGE")
    slack.services.classifier.focus_area = None
    await slack.dm("Noe helt annet")
    [card] = await slack.posted(channel="C0TRIAGE")
    assert card["blocks"][0]["text"]["text"] == "Nytt forslag til fordeling"
    [idea] = await slack.ideas()
    await slack.click("review_reroute", f"{idea.id}:received", user=ADMIN, message=card)
    [opened] = await slack.fake.wait_for("views.open")
    await slack.submit("review_reroute", {"focus_area": payloads.chosen("helse-og-livskvalitet")}, user=ADMIN,
                       metadata=opened["view"]["private_metadata"])
    await slack.fake.wait_for("chat.update")
    assert (await slack.posted(channel=DM[HELSE]))[0]["text"].startswith("Nytt forslag til Helse og livskvalitet")


async def test_a_commissioner_with_english_slack_gets_english_cards(slack):
    slack.fake.user(HELSE, name="Arne Jørstad", locale="en-GB")
    idea, card = await routed(slack)
    assert card["blocks"][0]["text"]["text"] == "New idea for Health and quality of life"
    await slack.click("review_in_review", f"{idea.id}:received", user=HELSE, message=card)
    [updated] = await slack.fake.wait_for("chat.update")
    assert "In review by Arne Jørstad." in json.dumps(updated["blocks"], ensure_ascii=False)
