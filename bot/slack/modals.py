"""Modals (forms) and reading what was typed into them. Every word comes from bot.texts."""

from __future__ import annotations

from typing import Any

from bot.slack.blocks import Block, clip
from bot.slack.ids import ANONYMOUS_OPTION, VALUE, Action, Input, Ref, View
from bot.texts import t
from core.lifecycle import MAX_SAVING_NOK

TEXT_LIMIT = 3000  # the most a Slack plain_text_input accepts

Areas = list[tuple[str, str]]  # (focus area id, name in the reader's language)


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


def area_picker(areas: Areas, locale: str, *, optional: bool, label_key: str) -> Block:
    select = {"type": "static_select", "action_id": VALUE, "placeholder": plain(t(locale, "field.choose_area")),
              "options": [option(area_id, name) for area_id, name in areas]}
    return {"type": "input", "block_id": Input.FOCUS_AREA.value, "optional": optional,
            "label": plain(t(locale, label_key), 2000), "element": select}


def modal(callback: View, title_key: str, locale: str, blocks: list[Block], *, metadata: str = "") -> Block:
    return {"type": "modal", "callback_id": callback.value, "title": plain(t(locale, title_key), 24),
            "submit": plain(t(locale, "button.submit"), 24), "close": plain(t(locale, "button.cancel"), 24),
            "private_metadata": metadata, "blocks": blocks}


def idea_form(locale: str, areas: Areas, *, callback: View = View.NEW_IDEA, text: str = "",
              metadata: str = "") -> Block:
    """A new idea: title, description, anonymous, optional focus area. Prefilled when a message is turned into one."""
    anonymous = {"type": "input", "block_id": Input.ANONYMOUS.value, "optional": True,
                 "label": plain(t(locale, "field.anonymous")),
                 "element": {"type": "checkboxes", "action_id": VALUE,
                             "options": [option(ANONYMOUS_OPTION, t(locale, "field.anonymous"))]}}
    blocks = [
        text_input(Input.TITLE, t(locale, "field.title"), optional=True, max_length=200),
        text_input(Input.TEXT, t(locale, "field.text"), multiline=True, initial=text),
        anonymous,
        area_picker(areas, locale, optional=True, label_key="field.focus_area"),
    ]
    title = "modal.confirm_idea" if callback is View.CONFIRM_IDEA else "modal.new_idea"
    return modal(callback, title, locale, blocks, metadata=metadata)


def decline_form(locale: str, ref: Ref) -> Block:
    reason = text_input(Input.REASON, t(locale, "field.reason"), multiline=True, max_length=4000)
    return modal(View.DECLINE, "modal.decline", locale, [reason], metadata=ref.metadata())


def duplicate_form(locale: str, ref: Ref) -> Block:
    pick = {"type": "input", "block_id": Input.DUPLICATE_OF.value, "label": plain(t(locale, "field.duplicate_search")),
            "element": {"type": "external_select", "action_id": Action.DUPLICATE_PICK.value, "min_query_length": 0,
                        "placeholder": plain(t(locale, "field.duplicate_hint"), 150)}}
    note = text_input(Input.NOTE, t(locale, "field.note"), multiline=True, optional=True, max_length=4000)
    return modal(View.DUPLICATE, "modal.duplicate", locale, [pick, note], metadata=ref.metadata())


def reroute_form(locale: str, ref: Ref, areas: Areas, *, by_submitter: bool) -> Block:
    """Another focus area. The employee's "Feil område?" has no note; a commissioner may explain the move."""
    blocks = [area_picker(areas, locale, optional=False, label_key="field.choose_area")]
    if by_submitter:
        return modal(View.WRONG_AREA, "button.wrong_area", locale, blocks, metadata=ref.metadata())
    blocks.append(text_input(Input.NOTE, t(locale, "field.note"), multiline=True, optional=True, max_length=4000))
    return modal(View.REROUTE, "modal.reroute", locale, blocks, metadata=ref.metadata())


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
