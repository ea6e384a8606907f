"""Block Kit for messages and the App Home, built from IdeaViews. Every word comes from bot.texts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.slack.ids import Action, Ref
from bot.texts import status_label, t, where
from bot.texts_savings import saving_lines
from core.locale import date, money, percent
from core.presentation import IdeaView
from core.steering import Steered
from storage.models import Status

Block = dict[str, Any]
SECTION_LIMIT = 2900  # Slack refuses section texts over 3000 characters
MAX_SIMILAR = 3
MAX_LISTED = 20  # a DM or App Home list stays readable; the web pages show everything
BUTTON_VALUE_LIMIT = 2000  # Slack refuses a button whose value is longer

# The saving can be estimated while an idea is considered and after: it counts towards the target once accepted.
REVIEW_BUTTONS: dict[str, list[Action]] = {
    Status.RECEIVED: [Action.IN_REVIEW, Action.ACCEPT, Action.DECLINE, Action.DUPLICATE, Action.REROUTE,
                      Action.ESTIMATE],
    Status.IN_REVIEW: [Action.ACCEPT, Action.DECLINE, Action.DUPLICATE, Action.REROUTE, Action.ESTIMATE],
    Status.ACCEPTED: [Action.IMPLEMENTED, Action.ESTIMATE],
    Status.IMPLEMENTED: [Action.ESTIMATE],
}
BUTTON_TEXT = {
    Action.IN_REVIEW: "button.in_review", Action.ACCEPT: "button.accept", Action.DECLINE: "button.decline",
    Action.DUPLICATE: "button.duplicate", Action.REROUTE: "button.reroute", Action.IMPLEMENTED: "button.implemented",
    Action.WRONG_AREA: "button.wrong_area", Action.MAKE_ANONYMOUS: "button.make_anonymous",
    Action.WITHDRAW: "button.withdraw", Action.NEW_IDEA: "button.new_idea", Action.ESTIMATE: "button.estimate",
    Action.SEND_ANYWAY: "steer.anyway", Action.SUPPORT: "button.support", Action.TAKE_BACK: "button.take_back",
    Action.SUPPORT_INSTEAD: "button.support_instead", Action.SEND_MINE: "button.send_mine",
    Action.SHARE: "button.share",
}


def escape(text: str) -> str:
    """User text inside mrkdwn: Slack only needs these three escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": clip(text, SECTION_LIMIT)}}


def context(*texts: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": clip(x, 2000)} for x in texts[:10]]}


def button(action: Action, locale: str, *, value: str = "", style: str | None = None,
           label: str | None = None) -> Block:
    """`label`: the words of a button that names something (an area); the others' come from BUTTON_TEXT."""
    words = label or t(locale, BUTTON_TEXT[action])
    element: Block = {"type": "button", "action_id": action.value,
                      "text": {"type": "plain_text", "text": clip(words, 75)}}
    if value:
        element["value"] = value
    if style:
        element["style"] = style
    return element


def actions(elements: list[Block], *, block_id: str | None = None) -> list[Block]:
    if not elements:
        return []
    block: Block = {"type": "actions", "elements": elements}
    if block_id:
        block["block_id"] = block_id
    return [block]


def where_it_went(view: IdeaView, locale: str) -> str:
    area = view.area(locale)
    if area is None:
        return t(locale, "sent_to_triage")
    return t(locale, "sent_to", area=area, commissioner=view.commissioner_name or "")


# -- to the employee ------------------------------------------------------------------------------------


def confirmation(view: IdeaView, locale: str, *, notice: str | None = None) -> tuple[str, list[Block]]:
    """The answer under the employee's message: where it went, and the buttons while they still apply.

    `notice` replaces the where-it-went line, e.g. after the employee asked to move the idea.
    """
    lines = [notice or where_it_went(view, locale)]
    if view.anonymous:
        lines.append(t(locale, "sent_anonymous"))
    if view.status == Status.WITHDRAWN:
        lines = [t(locale, "withdrawn")]
    blocks = [section("\n".join(lines)), context(escape(t(locale, "idea_ref", id=view.id, title=view.heading)))]
    if view.status == Status.RECEIVED:
        value = Ref(view.id, view.status).button_value()
        elements = [button(Action.WRONG_AREA, locale, value=value)]
        if not view.anonymous:
            elements.append(button(Action.MAKE_ANONYMOUS, locale, value=value))
        if view.shareable:  # sent by plain message under `sharing: opt_in`: nothing asked yet
            elements.append(button(Action.SHARE, locale, value=value))
        elements.append(button(Action.WITHDRAW, locale, value=value, style="danger"))
        blocks += actions(elements, block_id=f"idea-{view.id}")
    return "\n".join(lines), blocks


def steered(found: Steered, locale: str, *, text: str, too_long: str = "steer.too_long") -> tuple[str, list[Block]]:
    """The answer to a message that is not an idea: where it belongs, and "Send som forslag likevel".

    The message's text rides on the button (it is stored nowhere here), which opens the idea form filled with it.
    Slack caps a button's value, so a longer text gets `too_long` instead: the way to send it without the button.
    """
    blocks = steered_notice(found, locale)
    if len(text) <= BUTTON_VALUE_LIMIT:
        blocks += actions([button(Action.SEND_ANYWAY, locale, value=text)], block_id="steered")
    else:
        blocks.append(context(escape(t(locale, too_long))))
    return t(locale, f"steer.{found.intent}"), blocks


def steered_notice(found: Steered, locale: str) -> list[Block]:
    """What the message looks like, where it belongs (the org's text, link, e-mail, phone), and that nothing of it
    was kept."""
    redirect = found.redirect
    lines = [f"*{escape(t(locale, 'steer.where'))}*", escape(redirect.text.get(locale))]
    if redirect.link:
        lines.append(f"<{redirect.link}|{escape(t(locale, 'steer.link'))}>")
    if redirect.email:
        lines.append(t(locale, "steer.email", email=f"<mailto:{redirect.email}|{escape(redirect.email)}>"))
    if redirect.phone:
        lines.append(escape(t(locale, "steer.phone", phone=redirect.phone)))
    return [section(f"*{escape(t(locale, f'steer.{found.intent}'))}*"), section("\n".join(lines)),
            context(escape(t(locale, "steer.not_stored")))]


def status_changed(view: IdeaView, locale: str, *, to: str, note: str | None) -> tuple[str, list[Block]]:
    text = t(locale, "status_changed", title=view.heading, status=status_label(locale, to))
    if to == Status.DUPLICATE and view.duplicate_of:  # where it went: merged into the original
        text = f"{text} {t(locale, 'merged_status', id=view.duplicate_of)}"
    blocks = [section(escape(text))]
    if note:
        who = view.commissioner_name or ""
        blocks.append(section(escape(t(locale, "status_note", commissioner=who, note=note))))
        text = f"{text}\n{t(locale, 'status_note', commissioner=who, note=note)}"
    return text, blocks


def merged_into_yours(view: IdeaView, locale: str, *, supporters: int) -> tuple[str, list[Block]]:
    text = t(locale, "merged_into_yours", title=view.heading, n=supporters)
    return text, [section(escape(text))]


def move_declined(view: IdeaView, locale: str, *, requested: str, note: str | None) -> tuple[str, list[Block]]:
    """The answer to the employee's "Feil område?" when the idea stays: where, and why if the handler said."""
    text = t(locale, "move_declined", title=view.heading, area=where(locale, view), requested=requested)
    lines = [text] + ([t(locale, "reason", note=note)] if note else [])
    return "\n".join(lines), [section(escape(line)) for line in lines]


def rerouted(view: IdeaView, locale: str) -> tuple[str, list[Block]]:
    area = view.area(locale) or t(locale, "not_routed")
    text = t(locale, "rerouted", title=view.heading, area=area, commissioner=view.commissioner_name or "")
    return text, [section(escape(text))]


def idea_list(views: list[IdeaView], locale: str) -> list[Block]:
    """"Mine forslag": each idea's status and the latest answer, newest first."""
    if not views:
        return [section(t(locale, "no_ideas"))]
    blocks: list[Block] = []
    for view in views[:MAX_LISTED]:
        lines = [f"*{escape(t(locale, 'idea_ref', id=view.id, title=view.heading))}*",
                 t(locale, "status_line", status=status_label(locale, view.status)) + " · "
                 + (view.area(locale) or t(locale, "not_routed"))]
        if view.latest_note:
            lines.append(escape(t(locale, "latest_answer", note=view.latest_note)))
        blocks += [section("\n".join(lines)), context(t(locale, "sent_at", date=date(locale, view.created_at)))]
    return blocks


def home(views: list[IdeaView], locale: str, *, above: list[Block] | None = None) -> Block:
    """`above`: "Populære forslag" (bot/slack/board_blocks.py), when the org shares ideas with colleagues."""
    blocks: list[Block] = [
        *(above or []),
        {"type": "header", "text": {"type": "plain_text", "text": t(locale, "my_ideas")}},
        *actions([button(Action.NEW_IDEA, locale, style="primary")]),
        {"type": "divider"},
        *idea_list(views, locale),
        context(t(locale, "help")),
    ]
    return {"type": "home", "blocks": blocks[:100]}


# -- to commissioners -----------------------------------------------------------------------------------


def review_card(view: IdeaView, locale: str, *, acted: str | None = None, with_buttons: bool = True,
                heading: str | None = None) -> tuple[str, list[Block]]:
    """The commissioner's card: the idea, how sure the routing was, similar ideas, the submitter's request to move
    it, and what can be done now.

    Without buttons once the idea has left the reader's hands (rerouted elsewhere). `heading`: what the card is
    about, when it is not a new idea.
    """
    area = view.area(locale)
    heading = heading or (t(locale, "new_for_you", area=area) if area else t(locale, "new_for_triage"))
    sender = t(locale, "from", name=view.submitter_name) if view.submitter_name else t(locale, "from_anonymous")
    facts = [escape(sender), t(locale, "status_line", status=status_label(locale, view.status)),
             t(locale, "deadline", date=date(locale, view.deadline))]
    if view.confidence is not None:
        facts.append(t(locale, "confidence", percent=percent(locale, view.confidence, 0)))
    if service := view.service_label(locale):
        facts.append(t(locale, "service", name=service))
    if view.estimated_saving_nok is not None:
        facts.append(t(locale, "saving", amount=money(locale, view.estimated_saving_nok)))
    facts += [escape(line) for line in saving_lines(locale, view)]
    blocks: list[Block] = [
        {"type": "header", "text": {"type": "plain_text", "text": clip(heading, 150)}},
        section(f"*{escape(t(locale, 'idea_ref', id=view.id, title=view.heading))}*\n{escape(view.text)}"),
        context(*facts),
    ]
    if view.similar:
        lines = [t(locale, "similar")] + [
            escape(t(locale, "similar_item", id=s.idea_id, percent=percent(locale, s.score, 0), snippet=s.snippet))
            for s in view.similar[:MAX_SIMILAR]]
        blocks.append(section("\n".join(lines)))
    if acted:
        blocks.append(context(escape(acted)))
    blocks += move_request(view, locale, with_buttons=with_buttons)
    buttons = REVIEW_BUTTONS.get(view.status, []) if with_buttons else []
    value = Ref(view.id, view.status).button_value()
    styles = {Action.ACCEPT: "primary", Action.DECLINE: "danger"}
    blocks += actions([button(a, locale, value=value, style=styles.get(a)) for a in buttons],
                      block_id=f"review-{view.id}")
    return f"{heading}: {view.heading}", blocks


def move_request(view: IdeaView, locale: str, *, with_buttons: bool) -> list[Block]:
    """"Innsenderen ber om å flytte til X", the submitter's reason, and the two answers: move it there or keep it.
    The move button carries the area, so it moves the idea where this card said even if the request changes."""
    request = view.move_request
    if request is None:
        return []
    lines = [f"*{escape(t(locale, 'move_request', area=request.area(locale)))}*"]
    if request.note:
        lines.append(escape(t(locale, "move_request_note", note=request.note)))
    blocks = [section("\n".join(lines))]
    if with_buttons:
        move = button(Action.MOVE_AS_ASKED, locale, style="primary",
                      value=Ref(view.id, view.status, area=request.focus_area).button_value(),
                      label=t(locale, "button.move_as_asked", area=request.area(locale)))
        keep = button(Action.KEEP_AREA, locale, value=Ref(view.id, view.status).button_value(),
                      label=t(locale, "button.keep_area", area=where(locale, view)))
        blocks += actions([move, keep], block_id=f"move-request-{view.id}")
    return blocks


def digest(views: list[IdeaView], locale: str, *, days: int, packages: Sequence[str] = ()) -> tuple[str, list[Block]]:
    """The overdue ideas, and `packages` (a heading and its lines, bot.texts.digest_packages) when some are below
    their share."""
    content: list[Block] = []
    heading = t(locale, "digest", days=days)
    if views:
        lines = [escape(t(locale, "digest_item", id=v.id, title=v.heading, date=date(locale, v.deadline),
                          area=v.area(locale) or t(locale, "not_routed"))) for v in views[:MAX_LISTED]]
        content += [section(f"*{heading}*"), section("\n".join(f"• {line}" for line in lines))]
    if packages:
        first, *rest = packages
        heading = heading if views else first
        content += [section(f"*{escape(first)}*"), section("\n".join(f"• {escape(line)}" for line in rest))]
    return heading, content


def package_adopted(view: IdeaView, locale: str, *, years: str, case: str | None) -> tuple[str, list[Block]]:
    lines = [t(locale, "package_adopted", title=view.heading, years=years)]
    if case:
        lines.append(t(locale, "package_case", case=case))
    return "\n".join(lines), [section(escape(line)) for line in lines]
