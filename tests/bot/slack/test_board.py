"""Colleagues' ideas in Slack: "Populære forslag" in the App Home with support buttons, the shared ideas shown
before a DM or form is stored ("Støtt dette i stedet" / "Send mitt forslag", the text kept until the person
chooses), and "Del med kolleger" in the form and on a DM's confirmation."""

from __future__ import annotations

import dataclasses
import json

import pytest
from sqlalchemy import func, select

from core.intake import Draft, SubmitterRef
from core.orgconfig import Sharing
from core.submission import submit
from core.unit_of_work import transaction
from storage.models import Channel, Support
from tests.bot.slack import payloads
from tests.bot.slack.conftest import DM, KARI
from tests.bot.slack.test_forms import form_values
from tests.bot.slack.test_steering import buttons
from tests.fakes import OverlapClassifier

POOL = "Felles vikarpool for hjemmetjenesten i hele kommunen"
LIKE_POOL = "Vikarpool for hjemmetjenesten i kommunen"
ELSEWHERE = "Solcellepanel på taket av rådhuset"


@pytest.fixture
def slack_services(slack_services):
    """Sharing by choice, and a classifier that finds ideas sharing words."""
    org = slack_services.org.model_copy(update={"sharing": Sharing.OPT_IN})
    return dataclasses.replace(slack_services, org=org, classifier=OverlapClassifier("helse-og-livskvalitet"))


def shared_by_per(services, text: str = POOL) -> int:
    """Per Hansen sent an anonymous idea and shared it (through any channel: the web here)."""
    ref = SubmitterRef(channel=Channel.WEB, external_id="per", display_name="Per Hansen")
    with transaction(services) as uow:
        done = submit(uow=uow, draft=Draft(text=text, submitter=ref, channel=Channel.WEB, shared=True,
                                           anonymous=True))
    return done.idea.id  # type: ignore[union-attr]


def supports(services, idea_id: int) -> int:
    with services.session_factory() as session:
        return session.scalar(select(func.count()).select_from(Support).where(Support.idea_id == idea_id)) or 0


def shown(blocks) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def accessories(blocks) -> list[dict]:
    return [b["accessory"] for b in blocks if b.get("accessory")]


async def prompt_for(slack, text: str = LIKE_POOL, ts: str = "1700000000.000500") -> dict:
    await slack.dm(text, message_ts=ts)
    [prompt] = await slack.posted(channel=DM[KARI], thread_ts=ts, text="Kolleger har sendt lignende forslag")
    return prompt


def click_in(slack, prompt: dict, button: dict) -> dict:
    click = payloads.block_actions(button["action_id"], button["value"], user=KARI, channel=prompt["channel"],
                                   message_ts=prompt["ts"], response_url=slack.fake.response_url())
    click["message"]["thread_ts"] = prompt["thread_ts"]
    return click


# -- before a DM is stored ----------------------------------------------------------------------------------


async def test_a_dm_like_a_shared_idea_shows_it_first_and_support_instead_counts_once(slack):
    shared = shared_by_per(slack.services)
    prompt = await prompt_for(slack)

    assert await slack.count_ideas() == 1  # Kari's idea waits for her choice
    [instead] = accessories(prompt["blocks"])
    assert (instead["text"]["text"], instead["value"]) == ("Støtt dette i stedet", str(shared))
    [send] = buttons(prompt["blocks"])
    assert (send["text"]["text"], send["value"]) == ("Send mitt forslag", LIKE_POOL)  # the text is kept
    assert "Per" not in shown(prompt["blocks"]) and "0 støtter" in shown(prompt["blocks"])

    for _ in range(2):  # a second click is the same one support
        assert (await slack.interactive(click_in(slack, prompt, instead))).status_code == 200
    await slack.settle()
    [update, _] = slack.fake.to("chat.update")
    assert update["ts"] == prompt["ts"] and "Du støtter nå forslag" in update["text"]
    assert "actions" not in shown(update["blocks"])  # nothing left to click
    assert supports(slack.services, shared) == 1 and await slack.count_ideas() == 1


async def test_send_mine_stores_the_text_as_written_once_confirmed_in_the_thread(slack):
    shared_by_per(slack.services)
    prompt = await prompt_for(slack, ts="1700000000.000600")
    [send] = buttons(prompt["blocks"])

    for _ in range(2):  # the prompt is the delivery key: a second click finds the idea the first stored
        assert (await slack.interactive(click_in(slack, prompt, send))).status_code == 200
    [confirmation] = await slack.posted(channel=DM[KARI], thread_ts="1700000000.000600",
                                        text="Sendt til Helse og livskvalitet — Arne Jørstad.")
    ideas = await slack.ideas()
    assert [i.text for i in ideas] == [POOL, LIKE_POOL] and ideas[1].channel is Channel.SLACK
    assert any("Forslaget ditt er sendt." in u["text"] for u in slack.fake.to("chat.update"))
    assert "Del med kolleger" in [b["text"]["text"] for b in buttons(confirmation["blocks"])]


async def test_a_dm_unlike_any_shared_idea_is_stored_at_once(slack):
    shared_by_per(slack.services)
    await slack.dm(ELSEWHERE, message_ts="1700000000.000700")
    await slack.posted(channel=DM[KARI], thread_ts="1700000000.000700", text="Sendt til Helse og livskvalitet — "
                                                                             "Arne Jørstad.")
    assert [i.text for i in await slack.ideas()][-1] == ELSEWHERE


async def test_with_sharing_off_a_dm_is_stored_as_before(slack):
    shared_by_per(slack.services)
    slack.services.org = slack.services.org.model_copy(update={"sharing": Sharing.OFF})
    await slack.dm(LIKE_POOL, message_ts="1700000000.000800")
    await slack.posted(channel=DM[KARI], thread_ts="1700000000.000800")
    assert await slack.count_ideas() == 2


# -- "Del med kolleger" --------------------------------------------------------------------------------------


async def test_a_dm_is_shared_afterwards_from_its_confirmation(slack):
    await slack.dm(ELSEWHERE, message_ts="1700000000.000900")
    [confirmation] = await slack.posted(channel=DM[KARI], thread_ts="1700000000.000900")
    share = next(b for b in buttons(confirmation["blocks"]) if b["text"]["text"] == "Del med kolleger")

    await slack.click(share["action_id"], share["value"], user=KARI, message=confirmation)
    [redrawn] = await slack.fake.wait_for("chat.update")
    assert "Del med kolleger" not in [b["text"]["text"] for b in buttons(redrawn["blocks"])]
    [idea] = await slack.ideas()
    assert idea.shared


async def test_the_form_asks_to_share_and_shows_similar_ideas_above_what_was_written(slack):
    shared = shared_by_per(slack.services)
    typed = {**form_values(LIKE_POOL, title="Vikarer"), "shared": payloads.checked("yes")}
    first = await slack.interactive(payloads.view_submission("new_idea", typed, user=KARI, view_id="VSIM1"))
    answer = first.json()
    assert answer["response_action"] == "update"
    form = answer["view"]
    assert form["submit"]["text"] == "Send mitt forslag" and "Kolleger har sendt lignende forslag" in shown(form)
    assert [a["value"] for a in accessories(form["blocks"])] == [str(shared)]
    fields = {b["block_id"]: b["element"] for b in form["blocks"] if b["type"] == "input"}
    assert fields["text"]["initial_value"] == LIKE_POOL and fields["title"]["initial_value"] == "Vikarer"
    assert [o["value"] for o in fields["shared"]["initial_options"]] == ["yes"]  # kept as ticked
    assert await slack.count_ideas() == 1

    again = await slack.interactive(payloads.view_submission("new_idea", typed, user=KARI, view_id="VSIM1",
                                                             metadata=form["private_metadata"]))
    assert again.status_code == 200 and again.text == ""  # stored, the form closes
    idea = (await slack.ideas())[-1]
    assert (idea.text, idea.title, idea.shared) == (LIKE_POOL, "Vikarer", True)


async def test_support_instead_from_the_form_closes_it_with_what_happened(slack):
    shared = shared_by_per(slack.services)
    first = await slack.interactive(payloads.view_submission("new_idea", form_values(LIKE_POOL), user=KARI,
                                                             view_id="VSIM2"))
    [instead] = accessories(first.json()["view"]["blocks"])
    click = {**payloads.home_button(instead["action_id"], user=KARI), "container": {"type": "view", "view_id": "VSIM2"},
             "view": {"id": "VSIM2", "type": "modal", "hash": "1.abc", "callback_id": "new_idea"}}
    click["actions"][0]["value"] = instead["value"]
    await slack.interactive(click)
    [updated] = await slack.fake.wait_for("views.update")
    assert updated["view_id"] == "VSIM2" and "Du støtter nå forslag" in shown(updated["view"])
    assert "submit" not in updated["view"]
    assert supports(slack.services, shared) == 1 and await slack.count_ideas() == 1


async def test_the_new_idea_form_asks_to_share_under_opt_in(slack):
    await slack.interactive(payloads.home_button("idea_new", user=KARI))
    [opened] = await slack.fake.wait_for("views.open")
    assert "shared" in [b.get("block_id") for b in opened["view"]["blocks"]]


# -- "Populære forslag" in the App Home ---------------------------------------------------------------------


async def test_app_home_shows_popular_ideas_without_names_and_supports_from_there(slack):
    shared = shared_by_per(slack.services)
    await slack.event(payloads.app_home_opened(user=KARI))
    [home] = await slack.fake.wait_for("views.publish")
    blocks = home["view"]["blocks"]
    assert blocks[0]["text"]["text"] == "Populære forslag" and POOL in shown(blocks)
    assert "Per" not in shown(blocks) and "0 støtter" in shown(blocks)
    [give] = accessories(blocks)
    assert (give["text"]["text"], give["value"]) == ("Støtt", str(shared))

    click = payloads.home_button(give["action_id"], user=KARI)
    click["actions"][0]["value"] = give["value"]
    await slack.interactive(click)
    [_, after] = await slack.fake.wait_for("views.publish", 2)
    assert "1 støtter" in shown(after["view"]["blocks"]) and "Du støtter dette forslaget." in shown(after["view"])
    [take_back] = accessories(after["view"]["blocks"])
    assert take_back["text"]["text"] == "Trekk støtten" and supports(slack.services, shared) == 1

    click = payloads.home_button(take_back["action_id"], user=KARI)
    click["actions"][0]["value"] = take_back["value"]
    await slack.interactive(click)
    await slack.fake.wait_for("views.publish", 3)
    assert supports(slack.services, shared) == 0


async def test_app_home_has_no_popular_ideas_when_nothing_is_shared(slack):
    slack.services.org = slack.services.org.model_copy(update={"sharing": Sharing.OFF})
    await slack.event(payloads.app_home_opened(user=KARI))
    [home] = await slack.fake.wait_for("views.publish")
    assert "Populære forslag" not in shown(home["view"]["blocks"])
