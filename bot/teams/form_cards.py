"""The idea form (the command «skjema» / "form"), Teams' counterpart of Slack's idea modal: the idea, an optional
title, the unit (virksomhet) it concerns, "Send anonymt" and, under `sharing: opt_in`, "Del med kolleger". When a
sent form stores nothing, it comes back filled in as it was: with the error above it, with where a text that is not
an idea belongs (sent again, it is sent as an idea anyway), or with shared ideas like it (sent again, it is stored).

Adaptive Cards have no option groups, so each unit is one choice named "Area – Unit", area by area in the org
config's order: a screen reader then says the area with every unit, which a group heading would not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.teams import board_cards
from bot.teams.cards import Card, card, execute, notice, steered_notice, text
from bot.teams.verbs import INPUT_ANONYMOUS, INPUT_SHARED, INPUT_TEXT, INPUT_TITLE, INPUT_UNIT, Verb
from bot.texts import t
from core.actors import may_share
from core.intake import MAX_TEXT, MAX_TITLE
from core.orgconfig import OrgConfig
from core.similar import SimilarShared
from core.steering import Steered

NO_UNIT = "-"  # the value of "Vet ikke": no unit id can be it (core/budget.ID_PATTERN starts with [a-z0-9])
# Flags on the form's button after a first send: what the person has seen, so the next send stores the idea.
SEND_ANYWAY = "send_anyway"  # told the text looks like something else
SEEN_SIMILAR = "seen_similar"  # shown shared ideas like it


@dataclass(frozen=True)
class Typed:
    """What the person put into the form, as its inputs come back in a click's data."""

    text: str = ""
    title: str = ""
    unit: str | None = None
    anonymous: bool = False
    shared: bool = False

    @classmethod
    def read(cls, data: dict[str, Any]) -> Typed:
        unit = _string(data.get(INPUT_UNIT)).strip()
        return cls(text=_string(data.get(INPUT_TEXT)), title=_string(data.get(INPUT_TITLE)).strip(),
                   unit=None if unit in ("", NO_UNIT) else unit, anonymous=is_on(data.get(INPUT_ANONYMOUS)),
                   shared=is_on(data.get(INPUT_SHARED)))


def is_on(value: object) -> bool:
    """A toggle's "true"/"false", or one of our flags (a JSON boolean)."""
    return str(value).lower() == "true"


def _string(value: object) -> str:
    return value if isinstance(value, str) else ""


def unit_choices(org: OrgConfig, locale: str) -> list[Card]:
    """"Vet ikke" first, then every unit as "Area – Unit"; only "Vet ikke" when the org config has no units."""
    choices = [{"title": t(locale, "form.unit_unknown"), "value": NO_UNIT}]
    for area in org.focus_areas:
        choices += [{"title": f"{area.name.get(locale)} – {unit.name.get(locale)}", "value": unit.id}
                    for unit in org.units_of(area.id)]
    return choices


def _toggle(input_id: str, title: str, on: bool) -> Card:
    return {"type": "Input.Toggle", "id": input_id, "title": title, "value": "true" if on else "false",
            "valueOn": "true", "valueOff": "false"}


def idea_form(org: OrgConfig, *, locale: str, typed: Typed | None = None, note: str | None = None,
              above: list[Card] | None = None, links: list[Card] | None = None,
              flags: dict[str, bool] | None = None) -> Card:
    """The form, empty or filled in with `typed`. `note`: an error said above it (nothing was sent); `above`: what
    the last send showed instead of storing the idea, and `links` its link; `flags`: what the person has seen, which
    names the button ("Send som forslag likevel", "Send mitt forslag") and rides on it."""
    typed, flags = typed or Typed(), flags or {}
    submit_key = ("steer.anyway" if flags.get(SEND_ANYWAY) else "button.send_mine" if flags.get(SEEN_SIMILAR)
                  else "button.submit")
    body: list[Card] = [*notice(note, error=True)]
    if note:
        body.append(text(t(locale, "form.kept"), subtle=True))
    body += [*(above or []), text(t(locale, "modal.new_idea"), weight="Bolder", size="Medium"),
             {"type": "Input.Text", "id": INPUT_TEXT, "label": t(locale, "field.text"), "isMultiline": True,
              "isRequired": True, "errorMessage": t(locale, "error.empty"), "maxLength": MAX_TEXT,
              "value": typed.text},
             {"type": "Input.Text", "id": INPUT_TITLE, "label": t(locale, "field.title"), "maxLength": MAX_TITLE,
              "value": typed.title}]
    choices = unit_choices(org, locale)
    if len(choices) > 1:
        known = typed.unit if org.unit(typed.unit) else NO_UNIT  # a unit we did not offer is not shown as chosen
        body += [{"type": "Input.ChoiceSet", "id": INPUT_UNIT, "label": t(locale, "field.unit_own"),
                  "style": "compact", "value": known, "choices": choices},
                 text(t(locale, "field.unit_own_hint"), subtle=True)]
    body.append(_toggle(INPUT_ANONYMOUS, t(locale, "field.anonymous"), typed.anonymous))
    if may_share(org):
        body += [_toggle(INPUT_SHARED, t(locale, "field.shared"), typed.shared),
                 text(t(locale, "field.shared_hint"), subtle=True)]
    send = execute(t(locale, submit_key), Verb.SEND_FORM, dict(flags), style="positive")
    return card(body, [*(links or []), send])


def steered_form(org: OrgConfig, found: Steered, *, locale: str, typed: Typed) -> Card:
    """A sent form whose text is not an idea: where it belongs, above the form as it was; nothing is stored, and
    sent again ("Send som forslag likevel") it is taken in as an idea."""
    body, links = steered_notice(found, locale=locale)
    return idea_form(org, locale=locale, typed=typed, above=[*body, text(t(locale, "steer.anyway_hint"))],
                     links=links, flags={SEND_ANYWAY: True})


def similar_form(org: OrgConfig, found: SimilarShared, *, locale: str, typed: Typed) -> Card:
    """A sent form like shared ideas of others: those, each with "Støtt dette i stedet", above the form as it was;
    sent again ("Send mitt forslag") it is stored."""
    above = [text(t(locale, "similar.heading"), weight="Bolder", size="Medium"), text(t(locale, "similar.intro")),
             *(board_cards.item(entry, locale, instead=True) for entry in found.items),
             text(t(locale, "similar.send_hint"), subtle=True)]
    return idea_form(org, locale=locale, typed=typed, above=above, flags={SEEN_SIMILAR: True})
