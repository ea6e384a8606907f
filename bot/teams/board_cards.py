"""Adaptive Cards for colleagues' ideas: the board ("populære": the most supported shared ideas, to support from
the card) and the shared ideas shown before a new idea is stored. Every text comes from bot/texts.py; no
submitter's or supporter's name is on any of it (a BoardItem carries none)."""

from __future__ import annotations

from bot import turns
from bot.teams.cards import MAX_TEXT, Card, card, execute, notice, text
from bot.teams.verbs import INPUT_SHARED, Verb
from bot.texts import status_label, t
from core import support
from core.actors import Actor
from core.orgconfig import Sharing
from core.services import Services
from core.similar import SimilarShared
from core.support import Board, BoardItem
from storage.board import BoardOrder

POPULAR = 5  # a card stays short; the web board (/ideer) has them all
SNIPPET = 400


def popular_board(services: Services, actor: Actor) -> Board | None:
    """The most supported shared ideas, or None when the org shares nothing. Database work: the adapter's thread."""
    if services.org.sharing is Sharing.OFF:
        return None
    return turns.look(services, support.board, actor=actor, order=BoardOrder.MOST_SUPPORTED, page_size=POPULAR)


def supports(locale: str, count: int) -> str:
    return t(locale, "board.supports_one") if count == 1 else t(locale, "board.supports", n=count)


def _snippet(value: str) -> str:
    value = " ".join(value.split())
    return value if len(value) <= SNIPPET else value[: SNIPPET - 1] + "…"


def item(entry: BoardItem, locale: str, *, instead: bool = False) -> Card:
    """One shared idea in a Container, with its own button: Støtt / Trekk støtten, or "Støtt dette i stedet"."""
    facts = " · ".join([status_label(locale, entry.status), entry.area(locale) or t(locale, "not_routed"),
                        supports(locale, entry.support_count)])
    body = [text(t(locale, "idea_ref", id=entry.id, title=entry.heading), weight="Bolder"),
            text(_snippet(entry.text)), text(facts, subtle=True)]
    if entry.answer:
        body.append(text(t(locale, "board.answer", note=entry.answer[:MAX_TEXT])))
    if entry.mine:
        body.append(text(t(locale, "board.yours"), subtle=True))
    elif entry.supported:
        body.append(text(t(locale, "board.you_support"), subtle=True))
    container: Card = {"type": "Container", "separator": True, "items": body}
    if entry.open and not entry.mine:
        data = {"idea_id": entry.id}
        if instead:
            button = execute(t(locale, "button.support_instead"), Verb.SUPPORT_INSTEAD, data, style="positive",
                             validate_inputs=False)
        elif entry.supported:
            button = execute(t(locale, "button.take_back"), Verb.TAKE_BACK, data, validate_inputs=False)
        else:
            button = execute(t(locale, "button.support"), Verb.SUPPORT, data, style="positive",
                             validate_inputs=False)
        body.append({"type": "ActionSet", "actions": [button]})
    return container


def popular(board: Board | None, *, locale: str, note: str | None = None, error: bool = False) -> Card:
    """The answer to "populære": the most supported shared ideas with their status, answer and count."""
    if board is None:
        return card([*notice(note, error=error), text(t(locale, "board.off"))])
    body = [*notice(note, error=error), text(t(locale, "board.popular"), weight="Bolder", size="Medium"),
            text(t(locale, "board.popular_intro"), subtle=True)]
    if not board.items:
        body.append(text(t(locale, "board.none")))
    body += [item(entry, locale) for entry in board.items[:POPULAR]]
    return card(body)


def similar(found: SimilarShared, *, words: str, locale: str, share_choice: bool) -> Card:
    """Shared ideas like the message just written: "Støtt dette i stedet" on each, or "Send mitt forslag", which
    carries the `words` (nothing is stored before the person chooses) and, under `sharing: opt_in`, the toggle
    "Del med kolleger"."""
    body = [text(t(locale, "similar.heading"), weight="Bolder", size="Medium"), text(t(locale, "similar.intro")),
            *(item(entry, locale, instead=True) for entry in found.items),
            text(t(locale, "similar.send_hint"), subtle=True)]
    if share_choice:
        body.append({"type": "Input.Toggle", "id": INPUT_SHARED, "title": t(locale, "field.shared"),
                     "value": "false", "valueOn": "true", "valueOff": "false"})
    return card(body, [execute(t(locale, "button.send_mine"), Verb.SEND_MINE, {"text": words}, style="positive")])
