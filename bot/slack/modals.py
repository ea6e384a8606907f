"""Modals (forms) and reading what was typed into them. Every word comes from bot.texts."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.slack.blocks import Block, clip, context, steered_notice
from bot.slack.board_blocks import similar_intro
from bot.slack.ids import ANONYMOUS_OPTION, SHARED_OPTION, VALUE, Action, IdeaForm, Input, Ref, View
from bot.texts import t
from core.lifecycle import MAX_SAVING_NOK
from core.similar import SimilarShared
from core.steering import Steered

TEXT_LIMIT = 3000  # the most a Slack plain_text_input accepts

Areas = list[tuple[str, str]]  # (focus area id, name in the reader's language)
Units = list[tuple[str, list[tuple[str, str]]]]  # (area name, [(unit id, unit name)]) in the reader's language


def plain(text: str, limit: int = 75) -> dict[str, str]:
    return {"type": "plain_text", "text": clip(text, limit)}


def option(value: str, text: str) -> Block:
    return {"text": plain(text), "value": value}


def text_input(block: Input, label: str, *, multiline: bool = False, optional: bool = False, initial: str = "",
               max_length: int = TEXT_LIMIT, placeholder: str | None = None) -> Block:
    element: Block = {"type": "plain_text_input", "action_id": VALUE, "multiline": multiline,
                      "max_length": max_length}
    if initial:
        element["initial_value"] = clip(initial, max_length)
    if placeholder:
        element["placeholder"] = plain(placeholder, 150)
    return {"type": "input", "block_id": block.value, "label": plain(label, 2000), "optional": optional,
            "element": element}


def area_picker(areas: Areas, locale: str, *, optional: bool, label_key: str, initial: str | None = None) -> Block:
    options = [option(area_id, name) for area_id, name in areas]
    select: Block = {"type": "static_select", "action_id": VALUE, "options": options,
                     "placeholder": plain(t(locale, "field.choose_area"))}
    chosen = [o for o in options if o["value"] == initial]
    if chosen:
        select["initial_option"] = chosen[0]
    return {"type": "input", "block_id": Input.FOCUS_AREA.value, "optional": optional,
            "label": plain(t(locale, label_key), 2000), "element": select}


def unit_picker(units: Units, locale: str, *, initial: str | None = None) -> Block:
    """The unit (virksomhet) the idea concerns, grouped by area; the idea then goes to that unit's area."""
    groups = [{"label": plain(area), "options": [option(unit_id, name) for unit_id, name in found]}
              for area, found in units]
    select: Block = {"type": "static_select", "action_id": VALUE, "option_groups": groups,
                     "placeholder": plain(t(locale, "field.choose_unit"))}
    chosen = [o for g in groups for o in g["options"] if o["value"] == initial]
    if chosen:
        select["initial_option"] = chosen[0]
    return {"type": "input", "block_id": Input.UNIT.value, "optional": True,
            "label": plain(t(locale, "field.unit_own"), 2000), "hint": plain(t(locale, "field.unit_own_hint"), 2000),
            "element": select}


def modal(callback: View, title_key: str, locale: str, blocks: list[Block], *, metadata: str = "",
          submit_key: str = "button.submit") -> Block:
    return {"type": "modal", "callback_id": callback.value, "title": plain(t(locale, title_key), 24),
            "submit": plain(t(locale, submit_key), 24), "close": plain(t(locale, "button.cancel"), 24),
            "private_metadata": metadata, "blocks": blocks}


def checkbox(block: Input, value: str, label: str, *, checked: bool, hint: str | None = None) -> Block:
    choice = option(value, label)
    element: Block = {"type": "checkboxes", "action_id": VALUE, "options": [choice]}
    if checked:
        element["initial_options"] = [choice]
    built = {"type": "input", "block_id": block.value, "optional": True, "label": plain(label), "element": element}
    if hint:
        built["hint"] = plain(hint, 2000)
    return built


def idea_form(locale: str, areas: Areas, *, callback: View = View.NEW_IDEA, text: str = "", title: str = "",
              anonymous: bool = False, focus_area: str | None = None, metadata: str = "",
              above: list[Block] | None = None, submit_key: str = "button.submit", share_choice: bool = False,
              shared: bool = False, units: Units | None = None, unit: str | None = None) -> Block:
    """A new idea: title, description, anonymous, "Del med kolleger" (`share_choice`: under `sharing: opt_in`),
    optional focus area. Prefilled when a message is turned into one, or when a submitted form comes back with
    `above` it (steered_form, similar_form)."""
    blocks = [
        *(above or []),
        text_input(Input.TITLE, t(locale, "field.title"), optional=True, max_length=200, initial=title),
        text_input(Input.TEXT, t(locale, "field.text"), multiline=True, initial=text),
        checkbox(Input.ANONYMOUS, ANONYMOUS_OPTION, t(locale, "field.anonymous"), checked=anonymous),
        *([checkbox(Input.SHARED, SHARED_OPTION, t(locale, "field.shared"), checked=shared,
                    hint=t(locale, "field.shared_hint"))] if share_choice else []),
        area_picker(areas, locale, optional=True, label_key="field.focus_area", initial=focus_area),
        *([unit_picker(units, locale, initial=unit)] if units else []),
    ]
    title_key = "modal.confirm_idea" if callback is View.CONFIRM_IDEA else "modal.new_idea"
    return modal(callback, title_key, locale, blocks, metadata=metadata, submit_key=submit_key)


def steered_form(locale: str, areas: Areas, found: Steered, *, callback: View, typed: dict[str, Any],
                 form: IdeaForm, share_choice: bool = False, units: Units | None = None) -> Block:
    """A submitted idea form that is not an idea: where it belongs, above what was written (kept as it was); sent
    again, the form sends it as an idea anyway."""
    above = [*steered_notice(found, locale), context(t(locale, "steer.anyway_hint")), {"type": "divider"}]
    return _again(locale, areas, typed, callback=callback, above=above, submit_key="steer.anyway",
                  metadata=replace(form, send_anyway=True).metadata(), share_choice=share_choice, units=units)


def similar_form(locale: str, areas: Areas, found: SimilarShared, *, callback: View, typed: dict[str, Any],
                 form: IdeaForm, share_choice: bool = False, units: Units | None = None) -> Block:
    """A submitted idea form like shared ideas on the board: those, each with "Støtt dette i stedet", above what
    was written (kept as it was); sent again, the idea is stored as it is then."""
    above = [*similar_intro(found, locale), context(t(locale, "similar.send_hint")), {"type": "divider"}]
    return _again(locale, areas, typed, callback=callback, above=above, submit_key="button.send_mine",
                  metadata=replace(form, seen_similar=True).metadata(), share_choice=share_choice, units=units)


def _again(locale: str, areas: Areas, typed: dict[str, Any], *, callback: View, above: list[Block],
           submit_key: str, metadata: str, share_choice: bool, units: Units | None) -> Block:
    return idea_form(locale, areas, callback=callback, text=typed.get(Input.TEXT) or "",
                     title=typed.get(Input.TITLE) or "",
                     anonymous=ANONYMOUS_OPTION in (typed.get(Input.ANONYMOUS) or []),
                     shared=SHARED_OPTION in (typed.get(Input.SHARED) or []), share_choice=share_choice,
                     focus_area=typed.get(Input.FOCUS_AREA), metadata=metadata, above=above, submit_key=submit_key,
                     units=units, unit=typed.get(Input.UNIT))


def decline_form(locale: str, ref: Ref) -> Block:
    reason = text_input(Input.REASON, t(locale, "field.reason"), multiline=True, max_length=4000)
    return modal(View.DECLINE, "modal.decline", locale, [reason], metadata=ref.metadata())


def duplicate_form(locale: str, ref: Ref) -> Block:
    pick = {"type": "input", "block_id": Input.DUPLICATE_OF.value, "label": plain(t(locale, "field.duplicate_search")),
            "element": {"type": "external_select", "action_id": Action.DUPLICATE_PICK.value, "min_query_length": 0,
                        "placeholder": plain(t(locale, "field.duplicate_hint"), 150)}}
    note = text_input(Input.NOTE, t(locale, "field.note"), multiline=True, optional=True, max_length=4000)
    return modal(View.DUPLICATE, "modal.duplicate", locale, [pick, note], metadata=ref.metadata())


def reroute_form(locale: str, ref: Ref, areas: Areas) -> Block:
    """A commissioner sends the idea to another focus area, and may explain why."""
    blocks = [area_picker(areas, locale, optional=False, label_key="field.choose_area"),
              text_input(Input.NOTE, t(locale, "field.note"), multiline=True, optional=True, max_length=4000)]
    return modal(View.REROUTE, "modal.reroute", locale, blocks, metadata=ref.metadata())


def move_request_form(locale: str, ref: Ref, areas: Areas) -> Block:
    """The employee's "Feil område?": the area they ask for and why; whoever handles the idea decides."""
    blocks = [context(t(locale, "move_hint")),
              area_picker(areas, locale, optional=False, label_key="field.choose_area"),
              text_input(Input.NOTE, t(locale, "field.move_note"), multiline=True, optional=True, max_length=4000)]
    return modal(View.WRONG_AREA, "button.wrong_area", locale, blocks, metadata=ref.metadata())


def keep_form(locale: str, ref: Ref) -> Block:
    """Keep the idea where it is, answering the submitter's request to move it; the reason is optional."""
    reason = text_input(Input.REASON, t(locale, "field.keep_reason"), multiline=True, optional=True, max_length=4000)
    return modal(View.KEEP_AREA, "modal.keep_area", locale, [reason], metadata=ref.metadata())


def estimate_form(locale: str, ref: Ref, current: int | None) -> Block:
    """The estimated annual saving in whole kroner; the field starts with the current estimate, empty removes it."""
    element: Block = {"type": "number_input", "action_id": VALUE, "is_decimal_allowed": False, "min_value": "0",
                      "max_value": str(MAX_SAVING_NOK)}
    if current is not None:
        element["initial_value"] = str(current)
    amount = {"type": "input", "block_id": Input.SAVING.value, "optional": True,
              "label": plain(t(locale, "field.saving"), 2000), "hint": plain(t(locale, "field.saving_hint"), 2000),
              "element": element}
    return modal(View.ESTIMATE, "modal.estimate", locale, [amount], metadata=ref.metadata())


# -- reading a submitted modal ------------------------------------------------------------------------


def values(view: dict[str, Any]) -> dict[str, Any]:
    """{block_id: the typed text, the chosen option's value, or a list of checked values}; empty ones are None."""
    found: dict[str, Any] = {}
    for block_id, elements in view.get("state", {}).get("values", {}).items():
        for element in elements.values():
            kind = element.get("type")
            if kind == "checkboxes":
                found[block_id] = [o["value"] for o in element.get("selected_options") or []]
            elif kind in ("static_select", "external_select"):
                found[block_id] = (element.get("selected_option") or {}).get("value")
            else:
                found[block_id] = (element.get("value") or "").strip() or None
    return found
