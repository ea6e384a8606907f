"""Block Kit for colleagues' ideas: "Populære forslag" in the App Home, the shared ideas shown before a new idea is
stored (in a DM thread or the idea form), and the answers to a support. Every word comes from bot.texts; no
submitter's or supporter's name is on any of it (a BoardItem carries none)."""

from __future__ import annotations

from typing import Any

from bot.slack.blocks import BUTTON_VALUE_LIMIT, Block, actions, button, clip, context, escape, section
from bot.slack.ids import Action
from bot.texts import status_label, t
from core.similar import SimilarShared
from core.support import Board, BoardItem

POPULAR = 5  # the App Home stays short; the web board (/ideer) has them all
SNIPPET = 280


def supports(locale: str, count: int) -> str:
    return t(locale, "board.supports_one") if count == 1 else t(locale, "board.supports", n=count)


def item_block(item: BoardItem, locale: str, *, instead: bool = False) -> Block:
    """One shared idea: heading, a snippet, status · area · support count, the official answer, and the button
    (Støtt / Trekk støtten; "Støtt dette i stedet" before a new idea is stored)."""
    lines = [f"*{escape(t(locale, 'idea_ref', id=item.id, title=item.heading))}*",
             escape(clip(" ".join(item.text.split()), SNIPPET)),
             " · ".join([status_label(locale, item.status), item.area(locale) or t(locale, "not_routed"),
                         supports(locale, item.support_count)])]
    if item.answer:
        lines.append(escape(t(locale, "board.answer", note=clip(item.answer, 600))))
    if item.mine:
        lines.append(f"_{t(locale, 'board.yours')}_")
    elif item.supported:
        lines.append(f"_{t(locale, 'board.you_support')}_")
    block = section("\n".join(lines))
    if item.open and not item.mine:
        if instead:
            block["accessory"] = button(Action.SUPPORT_INSTEAD, locale, value=str(item.id), style="primary")
        elif item.supported:
            block["accessory"] = button(Action.TAKE_BACK, locale, value=str(item.id))
        else:
            block["accessory"] = button(Action.SUPPORT, locale, value=str(item.id), style="primary")
    return block


def popular(board: Board | None, locale: str) -> list[Block]:
    """The App Home's "Populære forslag": the most supported shared ideas. None: the org shares nothing."""
    if board is None:
        return []
    blocks: list[Block] = [{"type": "header", "text": {"type": "plain_text", "text": t(locale, "board.popular")}},
                           context(t(locale, "board.popular_intro"))]
    if not board.items:
        return [*blocks, section(t(locale, "board.none")), {"type": "divider"}]
    return [*blocks, *(item_block(item, locale) for item in board.items[:POPULAR]), {"type": "divider"}]


def similar_intro(found: SimilarShared, locale: str) -> list[Block]:
    """The shared ideas like the one being sent, each with "Støtt dette i stedet"."""
    return [section(f"*{escape(t(locale, 'similar.heading'))}*\n{escape(t(locale, 'similar.intro'))}"),
            *(item_block(item, locale, instead=True) for item in found.items)]


def similar_prompt(found: SimilarShared, locale: str, *, text: str) -> tuple[str, list[Block]]:
    """The answer in a DM thread to an idea like shared ones: support one of them, or send the idea, whose text
    rides on the button (the runtime only offers this for texts that fit on one)."""
    blocks = similar_intro(found, locale)
    if len(text) <= BUTTON_VALUE_LIMIT:
        blocks += [context(escape(t(locale, "similar.send_hint"))),
                   *actions([button(Action.SEND_MINE, locale, value=text)], block_id="similar")]
    else:
        blocks.append(context(escape(t(locale, "similar.too_long"))))
    return t(locale, "similar.heading"), blocks


def done(text: str) -> list[Block]:
    """What a prompt or form becomes once the person chose: one line, no buttons left to click twice."""
    return [section(escape(text))]


def supported_line(locale: str, *, idea_id: int, count: int) -> str:
    return t(locale, "supported", id=idea_id, count=supports(locale, count))


def closed_modal(locale: str, text: str) -> dict[str, Any]:
    """The idea form, once the person chose to support a shared idea instead: what happened, and nothing to send."""
    return {"type": "modal", "title": {"type": "plain_text", "text": clip(t(locale, "modal.similar"), 24)},
            "close": {"type": "plain_text", "text": clip(t(locale, "button.close"), 24)}, "blocks": done(text)}
