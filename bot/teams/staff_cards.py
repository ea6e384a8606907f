"""Adaptive Cards for commissioners and administrators: the routed idea with its actions (and the submitter's
request to move it, with its two answers), and the small forms behind "Avslå" (the reason), "Duplikat" (the
earlier idea), "Anslå innsparing" (the amount) and "Behold i …" (the reason). Every text comes from bot/texts.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.teams.cards import Card, card, clicked, execute, idea_body, notice, text
from bot.teams.verbs import INPUT_AREA, INPUT_DUPLICATE_OF, INPUT_REASON, INPUT_SAVING, Verb
from bot.texts import status_label, t, where
from bot.texts_savings import saving_lines
from core.lifecycle import MAX_SAVING_NOK
from core.locale import date, money, percent
from core.presentation import IdeaView


@dataclass(frozen=True)
class Sender:
    """Who sent a non-anonymous idea, as the directory knows them. Never built for an anonymous idea."""

    name: str
    job_title: str | None = None
    department: str | None = None
    manager: str | None = None


def staff_card(view: IdeaView, *, locale: str, sender: Sender | None, note: str | None = None,
               error: bool = False, actionable: bool = True, heading: str | None = None) -> Card:
    """A routed idea: where the classifier put it and how sure it was, who sent it, similar earlier ideas, and the
    submitter's request to move it. `heading`: what the card is about, when it is not a new idea."""
    area = view.area(locale)
    heading = heading or (t(locale, "new_for_you", area=area) if area else t(locale, "new_for_triage"))
    body = [*notice(note, error=error), text(heading, subtle=True), *idea_body(view),
            text(t(locale, "status_line", status=status_label(locale, view.status)), weight="Bolder")]
    if view.confidence is not None and area:
        body.append(text(t(locale, "confidence", percent=percent(locale, view.confidence, 0)), subtle=True))
    if service := view.service_label(locale):
        body.append(text(t(locale, "service", name=service), subtle=True))
    if view.estimated_saving_nok is not None:
        body.append(text(t(locale, "saving", amount=money(locale, view.estimated_saving_nok))))
    body += [text(line) for line in saving_lines(locale, view)]
    body += _sender(view, locale=locale, sender=sender)
    if view.status in ("received", "in_review"):
        body.append(text(t(locale, "deadline", date=date(locale, view.deadline)), subtle=True))
    if view.latest_note:
        body.append(text(t(locale, "latest_answer", note=view.latest_note)))
    if view.similar:
        body.append(text(t(locale, "similar"), weight="Bolder"))
        body += [text(t(locale, "similar_item", id=s.idea_id, percent=percent(locale, s.score, 0), snippet=s.snippet),
                      subtle=True) for s in view.similar]
    body += _move_request(view, locale=locale, actionable=actionable)
    return card(body, _actions(view, locale=locale) if actionable else None)


def keep_form(view: IdeaView, *, locale: str, error: str | None = None) -> Card:
    """"Behold i …" answers the submitter's request to move the idea; the reason, shown to them, is optional."""
    body = [*notice(error, error=True), text(t(locale, "modal.keep_area"), weight="Bolder"), *idea_body(view),
            *_move_request(view, locale=locale, actionable=False),
            {"type": "Input.Text", "id": INPUT_REASON, "label": t(locale, "field.keep_reason"), "isMultiline": True,
             "maxLength": 4000}]
    return card(body, [
        execute(t(locale, "button.keep_area", area=where(locale, view)), Verb.KEEP_AREA_CONFIRM, clicked(view),
                style="positive"),
        execute(t(locale, "button.cancel"), Verb.SHOW_STAFF, clicked(view), validate_inputs=False),
    ])


def decline_form(view: IdeaView, *, locale: str, error: str | None = None) -> Card:
    """"Avslå" asks for the reason first: the submitter is told it."""
    body = [*notice(error, error=True), text(t(locale, "modal.decline"), weight="Bolder"), *idea_body(view),
            {"type": "Input.Text", "id": INPUT_REASON, "label": t(locale, "field.reason"), "isMultiline": True,
             "isRequired": True, "maxLength": 4000, "errorMessage": t(locale, "error.reason_required")}]
    return card(body, [
        execute(t(locale, "button.decline"), Verb.DECLINE_CONFIRM, clicked(view), style="destructive"),
        execute(t(locale, "button.cancel"), Verb.SHOW_STAFF, clicked(view), validate_inputs=False),
    ])


def duplicate_form(view: IdeaView, *, locale: str, error: str | None = None) -> Card:
    body = [*notice(error, error=True), text(t(locale, "modal.duplicate"), weight="Bolder"), *idea_body(view)]
    if view.similar:  # the likeliest originals, so the number need not be looked up
        body += [text(t(locale, "similar_item", id=s.idea_id, percent=percent(locale, s.score, 0), snippet=s.snippet),
                      subtle=True) for s in view.similar]
    body.append({"type": "Input.Number", "id": INPUT_DUPLICATE_OF, "label": t(locale, "field.duplicate_of"),
                 "min": 1, "isRequired": True, "errorMessage": t(locale, "error.duplicate_of_required")})
    return card(body, [
        execute(t(locale, "button.submit"), Verb.DUPLICATE_CONFIRM, clicked(view), style="positive"),
        execute(t(locale, "button.cancel"), Verb.SHOW_STAFF, clicked(view), validate_inputs=False),
    ])


def estimate_form(view: IdeaView, *, locale: str, error: str | None = None) -> Card:
    """The estimated annual saving in whole kroner, starting at the current estimate; empty removes it."""
    amount = {"type": "Input.Number", "id": INPUT_SAVING, "label": t(locale, "field.saving"), "min": 0,
              "max": MAX_SAVING_NOK, "placeholder": t(locale, "field.saving_hint"),
              "errorMessage": t(locale, "error.saving_invalid")}
    if view.estimated_saving_nok is not None:
        amount["value"] = view.estimated_saving_nok
    body = [*notice(error, error=True), text(t(locale, "modal.estimate"), weight="Bolder"), *idea_body(view), amount]
    return card(body, [
        execute(t(locale, "button.submit"), Verb.ESTIMATE_CONFIRM, clicked(view), style="positive"),
        execute(t(locale, "button.cancel"), Verb.SHOW_STAFF, clicked(view), validate_inputs=False),
    ])


def digest(views: list[IdeaView], *, locale: str, days: int, packages: Sequence[str] = ()) -> Card:
    """The overdue ideas, and `packages` (a heading and its lines, bot.texts.digest_packages) below their share."""
    body = []
    if views:
        body.append(text(t(locale, "digest", days=days), weight="Bolder"))
        body += [text(t(locale, "digest_item", id=v.id, title=v.heading, date=date(locale, v.deadline),
                        area=v.area(locale) or t(locale, "not_routed"))) for v in views]
    if packages:
        first, *rest = packages
        body += [text(first, weight="Bolder"), *(text(line) for line in rest)]
    return card(body)


def _sender(view: IdeaView, *, locale: str, sender: Sender | None) -> list[Card]:
    if view.anonymous:
        return [text(t(locale, "from_anonymous"), subtle=True)]
    if sender is None:
        name = view.submitter_name
        return [text(t(locale, "from", name=name), subtle=True)] if name else []
    detail = ", ".join(part for part in (sender.job_title, sender.department) if part)
    line = t(locale, "from_detail", name=sender.name, detail=detail) if detail else t(locale, "from", name=sender.name)
    lines = [text(line, subtle=True)]
    if sender.manager:
        lines.append(text(t(locale, "manager", name=sender.manager), subtle=True))
    return lines


def _move_request(view: IdeaView, *, locale: str, actionable: bool) -> list[Card]:
    """"Innsenderen ber om å flytte til X", the submitter's reason, and beside them (a card shows only so many
    buttons at its foot) the two answers. "Flytt til X" carries the area, so it moves the idea where the card said."""
    request = view.move_request
    if request is None:
        return []
    lines = [text(t(locale, "move_request", area=request.area(locale)), weight="Bolder", color="Accent")]
    if request.note:
        lines.append(text(t(locale, "move_request_note", note=request.note)))
    if actionable:
        lines.append({"type": "ActionSet", "actions": [
            execute(t(locale, "button.move_as_asked", area=request.area(locale)), Verb.MOVE_AS_ASKED,
                    {**clicked(view), INPUT_AREA: request.focus_area}, style="positive"),
            execute(t(locale, "button.keep_area", area=where(locale, view)), Verb.KEEP_AREA, clicked(view)),
        ]})
    return lines


def _actions(view: IdeaView, *, locale: str) -> list[Card]:
    data = clicked(view)
    # The saving can be estimated while an idea is considered and after: it counts towards the target once accepted.
    estimate = execute(t(locale, "button.estimate"), Verb.ESTIMATE, data)
    if view.status == "accepted":
        return [execute(t(locale, "button.implemented"), Verb.IMPLEMENTED, data, style="positive"), estimate]
    if view.status == "implemented":
        return [estimate]
    if view.status not in ("received", "in_review"):
        return []
    actions = []
    if view.status == "received":
        actions.append(execute(t(locale, "button.in_review"), Verb.IN_REVIEW, data))
    actions += [
        execute(t(locale, "button.accept"), Verb.ACCEPT, data, style="positive"),
        execute(t(locale, "button.decline"), Verb.DECLINE, data, style="destructive"),
        execute(t(locale, "button.duplicate"), Verb.DUPLICATE, data),
        execute(t(locale, "button.reroute"), Verb.REROUTE, data),
        estimate,
    ]
    return actions
