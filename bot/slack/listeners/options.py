"""Choices loaded while a form is open: the earlier idea in "Duplikat av …", by number or words.

Answered inside Slack's three seconds from the database; the idea's similar ideas come first when nothing is typed.
"""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot import turns
from bot.slack.blocks import clip
from bot.slack.ids import Action, Ref
from bot.slack.runtime import Runtime
from bot.texts import t
from core import reading
from core.actors import Actor
from core.presentation import IdeaView

MAX_OPTIONS = 20


def register(app: AsyncApp, rt: Runtime) -> None:
    @app.options(Action.DUPLICATE_PICK)
    async def earlier_ideas(ack: AsyncAck, body: dict[str, Any]) -> None:
        actor = rt.staff(body["user"]["id"])
        if actor is None:
            await ack(options=[])
            return
        ref = Ref.from_metadata((body.get("view") or {}).get("private_metadata") or "{}")
        locale = (await rt.people.get(body["user"]["id"], timeout=0.5)).locale
        query = (body.get("value") or "").strip()
        found = await rt.run(choices, rt, actor, ref, query)
        await ack(options=[option(v, locale) for v in found[:MAX_OPTIONS]])


def choices(rt: Runtime, actor: Actor, ref: Ref, query: str) -> list[IdeaView]:
    found = turns.look(rt.services, reading.search, actor=actor, q=query, exclude=ref.idea_id, limit=MAX_OPTIONS)
    if query:
        return found
    shown = turns.look(rt.services, reading.show, actor=None, idea_id=ref.idea_id)
    similar = [v for s in shown.similar
               for v in turns.look(rt.services, reading.search, actor=actor, q=f"#{s.idea_id}", exclude=ref.idea_id)]
    return similar + [v for v in found if v.id not in {s.id for s in similar}]


def option(view: IdeaView, locale: str) -> dict[str, Any]:
    return {"text": {"type": "plain_text", "text": clip(t(locale, "idea_ref", id=view.id, title=view.heading), 75)},
            "value": str(view.id)}
