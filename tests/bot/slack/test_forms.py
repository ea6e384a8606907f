"""/forslag, the new-idea form, the "Send som forslag" shortcut and the App Home."""

from __future__ import annotations

from sqlalchemy import select

from bot import turns
from core import handling
from storage.models import Idea
from tests.bot.slack import payloads
from tests.bot.slack.conftest import DM, HELSE, KARI, PER
from tests.people import HELSE as HELSE_ACTOR


def form_values(text: str | None, *, title: str | None = None, anonymous: bool = False,
                area: str | None = None, unit: str | None = None) -> dict:
    return {"title": payloads.typed(title), "text": payloads.typed(text),
            "anonymous": payloads.checked("yes") if anonymous else payloads.checked(),
            "focus_area": payloads.chosen(area), "unit": payloads.chosen(unit)}


async def test_slash_command_with_text_sends_the_idea(slack):
    response = await slack.command("Digitale timelister for alle enheter")
    # The answer is the acknowledgement itself, given once the idea is stored: Slack never resends a command.
    assert response.status_code == 200
    answer = response.json()
    assert answer["response_type"] == "ephemeral" and answer["text"].startswith("Takk for forslaget!")
    assert await slack.count_ideas() == 1
    # The confirmation with its buttons goes to the DM with the bot, opened for this employee.
    [reply] = await slack.posted(channel=DM[KARI])
    assert reply["text"].startswith("Sendt til") and "thread_ts" not in reply
    assert slack.fake.to("conversations.open")[0]["users"] == KARI
    [idea] = await slack.ideas()
    assert idea.text == "Digitale timelister for alle enheter"


async def test_slash_command_without_text_opens_the_form_and_the_form_sends_the_idea(slack):
    await slack.command("")
    [opened] = await slack.fake.wait_for("views.open")
    view = opened["view"]
    assert view["callback_id"] == "new_idea" and view["title"]["text"] == "Nytt forslag"
    assert [b["block_id"] for b in view["blocks"]] == ["title", "text", "anonymous", "focus_area", "unit"]
    area_options = view["blocks"][3]["element"]["options"]
    assert [o["value"] for o in area_options] == ["barn-og-unge", "helse-og-livskvalitet", "samfunnsutvikler"]
    # The units (virksomheter) under their areas' names: the person who works there names theirs.
    option_groups = view["blocks"][4]["element"]["option_groups"]
    groups = {g["label"]["text"]: [o["value"] for o in g["options"]] for g in option_groups}
    assert "sykehjem" in groups["Helse og livskvalitet"] and "skolene" in groups["Løten for barn og unge"]

    response = await slack.submit("new_idea", form_values("Flere lekeapparater i barnehagen", title="Lekeplass",
                                                          anonymous=True, area="barn-og-unge"), user=KARI)
    assert response.status_code == 200 and response.text == ""  # empty body: the form closes
    [reply] = await slack.posted(channel=DM[KARI])
    assert "Løten for barn og unge" in reply["text"] and "anonymt" in reply["text"]
    [idea] = await slack.ideas()
    assert (idea.title, idea.anonymous, idea.focus_area) == ("Lekeplass", True, "barn-og-unge")


async def test_a_unit_named_in_the_form_decides_the_area(slack):
    response = await slack.submit("new_idea", form_values("Felles innkjøp av sengetøy", unit="sykehjem"), user=KARI)
    assert response.status_code == 200 and response.text == ""
    [idea] = await slack.ideas()
    assert (idea.unit, idea.focus_area) == ("sykehjem", "helse-og-livskvalitet")


async def test_a_unit_of_another_area_than_the_one_chosen_is_refused_on_the_unit(slack):
    typed = form_values("Felles innkjøp av sengetøy", area="barn-og-unge", unit="sykehjem")
    answer = (await slack.submit("new_idea", typed, user=KARI)).json()
    assert answer["response_action"] == "errors" and set(answer["errors"]) == {"unit"}
    assert await slack.count_ideas() == 0


async def test_the_form_refuses_an_empty_idea_in_place(slack):
    response = await slack.submit("new_idea", form_values("   "), user=KARI)
    assert response.json() == {"response_action": "errors",
                               "errors": {"text": "Forslaget er tomt. Skriv hva du foreslår."}}
    assert await slack.count_ideas() == 0


async def test_a_refused_idea_is_explained_in_the_form_which_stays_open(slack):
    response = await slack.submit("new_idea", form_values("Forslag med skjult tegn\x07 i teksten"), user=KARI)
    answer = response.json()
    assert answer["response_action"] == "errors" and set(answer["errors"]) == {"text"}
    assert answer["errors"]["text"]  # the reason, in the employee's language
    assert await slack.count_ideas() == 0


async def test_a_message_shortcut_turns_a_message_into_an_idea_after_confirming(slack):
    payload = payloads.message_action("send_as_idea", user=KARI, channel="C0GENERAL", author=PER,
                                      text="Vi kunne delt én varebil mellom vaktmesterne",
                                      response_url=slack.fake.response_url())
    assert (await slack.interactive(payload)).status_code == 200
    [opened] = await slack.fake.wait_for("views.open")
    view = opened["view"]
    assert view["callback_id"] == "confirm_idea" and view["title"]["text"] == "Send som forslag"
    assert view["blocks"][1]["element"]["initial_value"] == "Vi kunne delt én varebil mellom vaktmesterne"
    assert opened["trigger_id"] == payload["trigger_id"]

    await slack.submit("confirm_idea", form_values("Vi kunne delt én varebil mellom vaktmesterne"), user=KARI)
    await slack.posted(channel=DM[KARI])
    [idea] = await slack.ideas()
    assert idea.text == "Vi kunne delt én varebil mellom vaktmesterne"
    with slack.services.session_factory() as session:
        submitter = session.scalar(select(Idea).where(Idea.id == idea.id)).submitter
        assert submitter.identities[0].external_id == KARI  # the one who used the shortcut sends it


async def test_app_home_lists_my_ideas_with_status_and_latest_answer(slack):
    await slack.dm("Felles bilordning for hjemmetjenesten")
    await slack.posted(channel=DM[KARI])
    [idea] = await slack.ideas()
    turns.change(slack.services, handling.decline, actor=HELSE_ACTOR, idea_id=idea.id,
                 reason="Dette er allerede prøvd i 2024.")

    await slack.event(payloads.app_home_opened(user=KARI))
    [published] = await slack.fake.wait_for("views.publish")
    assert published["user_id"] == KARI and published["view"]["type"] == "home"
    shown = str(published["view"]["blocks"])
    assert "Mine forslag" in shown and "Felles bilordning for hjemmetjenesten" in shown
    assert "Status: Avslått" in shown and "Siste svar: Dette er allerede prøvd i 2024." in shown
    assert "Send et nytt forslag" in shown

    await slack.interactive(payloads.home_button("idea_new", user=KARI))
    [opened] = await slack.fake.wait_for("views.open")
    assert opened["view"]["callback_id"] == "new_idea"


async def test_app_home_in_english_and_empty(slack):
    await slack.event(payloads.app_home_opened(user=PER))
    [published] = await slack.fake.wait_for("views.publish")
    shown = str(published["view"]["blocks"])
    assert "My ideas" in shown and "You have not sent any ideas yet" in shown


async def test_app_home_messages_tab_draws_nothing(slack):
    await slack.event(payloads.app_home_opened(user=KARI, tab="messages"))
    await slack.settle()
    assert slack.fake.to("views.publish") == []


async def test_staff_send_ideas_like_anyone(slack):
    await slack.command("Fellesmøte for alle kommunalsjefer", user=HELSE)
    await slack.posted(channel=DM[HELSE])
    assert await slack.count_ideas() == 1


async def test_a_refused_slash_command_says_why_in_its_answer(slack):
    slack.services.settings.submit_rate_limit = "1/minute"
    await slack.command("Første forslag i dag")
    response = await slack.command("Andre forslag i dag")
    assert response.json()["text"] == ("Takk! Du har sendt mange forslag på kort tid, så dette ble ikke sendt. "
                                       "Prøv igjen om 1 min.")
    assert [i.text for i in await slack.ideas()] == ["Første forslag i dag"]
