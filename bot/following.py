"""Following ideas from a chat, alike in Slack and Teams: the text commands ("følg 12", "ikke følg 12", "varsler
daglig"; in English "follow 12", "unfollow 12", "notifications daily") and the texts of what followers are told.
The rules are core/following.py's; a turn runs one use case (bot/turns.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot import turns
from bot.texts import TEXTS, status_label, t
from core import following
from core.actors import Actor
from core.errors import NotFound
from core.notify import Kind
from core.outbox import Notification
from core.services import Services
from storage.models import Digest

ANSWER_SHOWN = 300  # characters of an official answer in a message; the rest is on the board
NEWS = frozenset({Kind.FOLLOWED, Kind.FOLLOW_DIGEST})


@dataclass(frozen=True)
class Command:
    follow: bool | None = None  # follow (True) or unfollow (False) `idea_id`
    idea_id: int | None = None
    digest: Digest | None = None  # choose it; None with `follow` None: say what is chosen


def _words(key: str) -> str:
    return "|".join(re.escape(word) for word in TEXTS[key])


_FOLLOW = re.compile(rf"^(?P<verb>{_words('command.unfollow')}|{_words('command.follow')})\s*#?(?P<id>\d{{1,12}})$")
_DIGESTS = {word: digest for digest in Digest for word in TEXTS[f"command.digest.{digest.value}"]}
_NOTIFICATIONS = re.compile(rf"^(?:{_words('command.notifications')})(?:\s+(?P<choice>\S+))?$")


def parse(text: str) -> Command | None:
    """The command in a whole message (already casefolded and with its spaces collapsed), or None."""
    if found := _FOLLOW.match(text):
        return Command(follow=found["verb"] not in TEXTS["command.unfollow"], idea_id=int(found["id"]))
    if (found := _NOTIFICATIONS.match(text)) and (found["choice"] is None or found["choice"] in _DIGESTS):
        return Command(digest=_DIGESTS.get(found["choice"] or ""))
    return None


def run(services: Services, actor: Actor, command: Command, locale: str) -> tuple[str, dict[str, object]]:
    """Do what the command says; the answer's text key and values, in the person's language. Database work: the
    adapter's thread."""
    if command.follow is not None and command.idea_id is not None:
        use_case = following.follow if command.follow else following.unfollow
        try:
            turns.write(services, use_case, actor=actor, idea_id=command.idea_id)
        except NotFound:
            return "follow.not_found", {"id": command.idea_id}
        return ("follow.done" if command.follow else "follow.undone"), {"id": command.idea_id}
    chosen = command.digest
    if chosen is not None:
        turns.write(services, following.choose_digest, actor=actor, digest=chosen)
    else:
        chosen = turns.look(services, following.digest_of, actor=actor)
    return "digest.now", {"choice": t(locale, f"digest.{chosen.value}")}


def news_lines(locale: str, notification: Notification) -> list[str]:
    """What a follower is told (core/notify.py Kind.FOLLOWED and Kind.FOLLOW_DIGEST): plain lines, from the
    notification alone. The idea's text and sender are never in it; its heading is on the board for everyone."""
    if notification.kind == Kind.FOLLOW_DIGEST:
        return digest_lines(locale, notification.payload)
    return update_lines(locale, notification.idea_id, notification.payload)


def update_lines(locale: str, idea_id: int | None, payload: dict[str, Any]) -> list[str]:
    """A followed idea's news, told at once: what happened, the answer, and how to stop."""
    heading = str(payload.get("heading") or "")
    if payload.get("what") == "answer":
        lines = [t(locale, "followed.answer", id=idea_id, heading=heading), _shown(payload.get("note"))]
    else:
        lines = [t(locale, "followed.status", id=idea_id, heading=heading,
                   status=status_label(locale, str(payload.get("to")))).rstrip()]
        if payload.get("note"):
            lines.append(t(locale, "followed.note", note=_shown(payload["note"])))
    return [*lines, t(locale, "followed.stop", id=idea_id)]


def digest_lines(locale: str, payload: dict[str, Any]) -> list[str]:
    """The daily or weekly digest: a heading, then one line per piece of news."""
    lines = [t(locale, f"followed.digest.{payload.get('period', 'daily')}")]
    for item in payload.get("items") or []:
        values = {"id": item.get("idea_id"), "heading": item.get("heading") or ""}
        if item.get("what") == "answer":
            lines.append(t(locale, "followed.digest.answer", note=_shown(item.get("note"), 120), **values))
        else:
            lines.append(t(locale, "followed.digest.status", status=status_label(locale, str(item.get("to"))),
                           **values))
    if payload.get("more"):
        lines.append(t(locale, "followed.digest.more", n=payload["more"]))
    return lines


def _shown(text: object, length: int = ANSWER_SHOWN) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= length else text[: length - 1] + "…"
