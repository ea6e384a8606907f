"""The App Home tab: "Populære forslag" (the most supported ideas shared with colleagues, to support from here,
when the org shares ideas), "Mine forslag" with each idea's status and latest answer, and a button for a new one."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot import turns
from bot.slack import blocks, board_blocks, modals
from bot.slack.ids import Action
from bot.slack.runtime import Runtime
from core import my_ideas, support
from core.orgconfig import Sharing
from storage.board import BoardOrder

FORM_LOOKUP_SECONDS = 1.0  # the trigger for a modal expires three seconds after the click


def register(app: AsyncApp, rt: Runtime) -> None:
    @app.event("app_home_opened")
    async def home_opened(event: dict[str, Any]) -> None:
        if event.get("tab", "home") != "home":  # the Messages tab opens the DM, nothing to draw
            return
        rt.later(publish_home(rt, event["user"]))  # nothing to store: the event need not wait for Slack

    @app.action(Action.NEW_IDEA)
    async def new_idea(ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        locale = await rt.people.locale(body["user"]["id"], timeout=FORM_LOOKUP_SECONDS)
        await rt.open_form(body["trigger_id"], modals.idea_form(locale, rt.areas(locale),
                                                                         share_choice=rt.share_choice,
                                                                         units=rt.units(locale)))


async def publish_home(rt: Runtime, user: str) -> None:
    locale = await rt.people.locale(user)
    actor = await rt.employee(user)
    views = (await rt.run(turns.look, rt.services, my_ideas.list_mine, actor=actor,
                          page_size=blocks.MAX_LISTED)).items
    popular = None
    if rt.services.org.sharing is not Sharing.OFF:
        popular = await rt.run(turns.look, rt.services, support.board, actor=actor, order=BoardOrder.MOST_SUPPORTED,
                               page_size=board_blocks.POPULAR)
    await rt.call("views_publish", user_id=user, view=blocks.home(views, locale,
                                                                   above=board_blocks.popular(popular, locale)))
