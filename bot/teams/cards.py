"""Adaptive Cards for employees, built as plain dicts. Every text comes from bot/texts.py.

Buttons are Action.Execute (Universal Actions): Teams sends an `adaptiveCard/action` invoke and shows the card we
answer with in place of the old one. Each button carries the idea id and the status the card showed, so a click on
an out-of-date card is refused instead of acting on something the person did not see.
"""

from __future__ import annotations

from typing import Any

from bot.teams.verbs import INPUT_AREA, INPUT_NOTE, Verb
from bot.texts import status_label, t, where
from core.locale import date
from core.presentation import IdeaView
from core.steering import Steered
from storage.models import Status

SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
VERSION = "1.4"  # the version Teams renders everywhere and the first with Action.Execute
CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
MAX_TEXT = 2_000  # a card has a size limit (about 28 KB); the full idea is on the web page

Card = dict[str, Any]


# -- building blocks ------------------------------------------------------------------------------------------


def card(body: list[Card], actions: list[Card] | None = None) -> Card:
    built: Card = {"type": "AdaptiveCard", "$schema": SCHEMA, "version": VERSION, "body": body}
    if actions:
        built["actions"] = actions
    return built


def text(value: str, *, weight: str | None = None, size: str | None = None, color: str | None = None,
         subtle: bool = False) -> Card:
    block: Card = {"type": "TextBlock", "text": value, "wrap": True}
    if weight:
        block["weight"] = weight
    if size:
        block["size"] = size
    if color:
        block["color"] = color
    if subtle:
        block["isSubtle"] = True
    return block


def notice(value: str | None, *, error: bool = False) -> list[Card]:
    """A line about what just happened (or went wrong), shown at the top of an updated card."""
    if not value:
        return []
    return [text(value, weight="Bolder", color="Attention" if error else "Good")]


def execute(title: str, verb: Verb, data: dict[str, Any], *, style: str | None = None,
            validate_inputs: bool = True) -> Card:
    action: Card = {"type": "Action.Execute", "title": title, "verb": verb.value, "data": data}
    if style:
        action["style"] = style
    if not validate_inputs:  # "Cancel" must work with a required field left empty
        action["associatedInputs"] = "none"
    return action


def clicked(view: IdeaView) -> dict[str, Any]:
    """What every button on an idea carries: which idea, and the status the card showed when it was sent."""
    return {"idea_id": view.id, "expected": view.status}


def idea_body(view: IdeaView) -> list[Card]:
    body = view.text if len(view.text) <= MAX_TEXT else view.text[: MAX_TEXT - 1] + "…"
    return [text(view.heading, weight="Bolder", size="Medium"), text(body)]


def message(value: str, *, error: bool = False) -> Card:
    """A card with one line: the answer to a click that cannot show an idea (not found, not allowed)."""
    return card(notice(value, error=error))


def area_chooser(view: IdeaView, *, locale: str, areas: list[tuple[str, str]], confirm: Verb, cancel: Verb,
                 title: str, asking: bool = False) -> Card:
    """Pick another focus area: "Feil område?" for the employee (`asking`: who decides, and an optional reason),
    "Send til annet område" for staff."""
    choices = [{"title": name, "value": area_id} for area_id, name in areas if area_id != view.focus_area]
    body = [
        text(title, weight="Bolder"),
        *([text(t(locale, "move_hint"), subtle=True)] if asking else []),
        *idea_body(view),
        {"type": "Input.ChoiceSet", "id": INPUT_AREA, "label": t(locale, "field.choose_area"), "style": "expanded",
         "isRequired": True, "errorMessage": t(locale, "field.choose_area"), "choices": choices},
    ]
    if asking:
        body.append({"type": "Input.Text", "id": INPUT_NOTE, "label": t(locale, "field.move_note"),
                     "isMultiline": True, "maxLength": 4000})
    actions = [
        execute(t(locale, "button.submit"), confirm, clicked(view), style="positive"),
        execute(t(locale, "button.cancel"), cancel, clicked(view), validate_inputs=False),
    ]
    return card(body, actions)


# -- the employee's cards -----------------------------------------------------------------------------------


def confirmation(view: IdeaView, *, locale: str, note: str | None = None, error: bool = False) -> Card:
    """The answer to a new idea: where it went and to whom, with "Feil område?", "Gjør anonym", "Del med kolleger"
    (under `sharing: opt_in`, until shared) and "Angre"."""
    if view.status == "withdrawn":
        return card([*notice(t(locale, "withdrawn")), text(view.heading, subtle=True)])
    if view.focus_area:
        where = t(locale, "sent_to", area=view.area(locale), commissioner=view.commissioner_name)
    else:
        where = t(locale, "sent_to_triage")
    body = [*notice(note, error=error), text(t(locale, "thanks"), weight="Bolder", size="Medium"), text(where)]
    if view.anonymous:
        body.append(text(t(locale, "sent_anonymous"), subtle=True))
    body += [text(view.heading, subtle=True), text(t(locale, "status_line", status=status_label(locale, view.status)),
                                                 subtle=True)]
    actions = []
    if view.status == "received":
        actions.append(execute(t(locale, "button.wrong_area"), Verb.WRONG_AREA, clicked(view)))
        if not view.anonymous:
            actions.append(execute(t(locale, "button.make_anonymous"), Verb.MAKE_ANONYMOUS, clicked(view)))
        if view.shareable:  # sent by plain message under `sharing: opt_in`: nothing asked yet
            actions.append(execute(t(locale, "button.share"), Verb.SHARE, clicked(view)))
        actions.append(execute(t(locale, "button.withdraw"), Verb.WITHDRAW, clicked(view), style="destructive"))
    return card(body, actions)


def steered(found: Steered, *, words: str, locale: str) -> Card:
    """The answer to a message that is not an idea: what it looks like, where it belongs, and "Send som forslag
    likevel", which carries the `words` (nothing of it is stored until the person chooses that). A text is at most
    intake.MAX_TEXT characters, well within a card's size for ordinary writing."""
    body, link = steered_notice(found, locale=locale)
    return card(body, [*link, execute(t(locale, "steer.anyway"), Verb.SEND_ANYWAY, {"text": words})])


def steered_notice(found: Steered, *, locale: str) -> tuple[list[Card], list[Card]]:
    """What a text that is not an idea looks like, where it belongs and that nothing was stored (the body), and the
    redirect's link as an Action.OpenUrl (none without one). Shared by the answer to a message and the idea form."""
    redirect = found.redirect
    body = [text(t(locale, f"steer.{found.intent}"), weight="Bolder", size="Medium"),
            text(t(locale, "steer.where"), weight="Bolder"), text(redirect.text.get(locale))]
    if redirect.email:
        body.append(text(t(locale, "steer.email", email=redirect.email)))
    if redirect.phone:
        body.append(text(t(locale, "steer.phone", phone=redirect.phone)))
    body.append(text(t(locale, "steer.not_stored"), subtle=True))
    link = [{"type": "Action.OpenUrl", "title": t(locale, "steer.link"), "url": str(redirect.link)}
            ] if redirect.link else []
    return body, link


def my_ideas(views: list[IdeaView], *, locale: str) -> Card:
    if not views:
        return card([text(t(locale, "no_ideas"))])
    body: list[Card] = [text(t(locale, "my_ideas"), weight="Bolder", size="Medium")]
    for view in views:
        body.append(text(t(locale, "idea_ref", id=view.id, title=view.heading), weight="Bolder"))
        area = view.area(locale) or t(locale, "not_routed")
        body.append(text(f"{status_label(locale, view.status)} · {area} · {date(locale, view.created_at)}",
                         subtle=True))
        if view.latest_note:
            body.append(text(t(locale, "latest_answer", note=view.latest_note)))
    return card(body)


def status_changed(view: IdeaView, *, locale: str, note: str | None) -> Card:
    body = [text(t(locale, "status_changed", title=view.heading, status=status_label(locale, view.status)),
                 weight="Bolder")]
    if view.status == Status.DUPLICATE and view.duplicate_of:  # where it went: merged into the original
        body.append(text(t(locale, "merged_status", id=view.duplicate_of)))
    if note:
        body.append(text(t(locale, "status_note", commissioner=view.commissioner_name or "", note=note)))
    return card(body)


def merged_into_yours(view: IdeaView, *, locale: str, supporters: int) -> Card:
    return card([text(t(locale, "merged_into_yours", title=view.heading, n=supporters), weight="Bolder")])


def move_declined(view: IdeaView, *, locale: str, requested: str, note: str | None) -> Card:
    """The answer to the employee's "Feil område?" when the idea stays: where, and why if the handler said."""
    body = [text(t(locale, "move_declined", title=view.heading, area=where(locale, view), requested=requested),
                 weight="Bolder")]
    if note:
        body.append(text(t(locale, "reason", note=note)))
    return card(body)


def package_adopted(view: IdeaView, *, locale: str, years: str, case: str | None) -> Card:
    body = [text(t(locale, "package_adopted", title=view.heading, years=years), weight="Bolder")]
    if case:
        body.append(text(t(locale, "package_case", case=case)))
    return card(body)


def rerouted(view: IdeaView, *, locale: str) -> Card:
    return card([text(t(locale, "rerouted", title=view.heading, area=view.area(locale) or t(locale, "not_routed"),
                        commissioner=view.commissioner_name or ""))])
