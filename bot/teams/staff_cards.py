"""Adaptive Cards for commissioners and administrators: the routed idea with its actions, and the small forms
behind "Avslå" (the reason), "Duplikat" (the earlier idea) and "Anslå innsparing" (the amount). Every text comes
from bot/texts.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.teams.cards import Card, card, clicked, date, execute, idea_body, notice, text
from bot.teams.verbs import INPUT_DUPLICATE_OF, INPUT_REASON, INPUT_SAVING, Verb
from bot.texts import money, status_label, t
from core.lifecycle import MAX_SAVING_NOK
from core.presentation import IdeaView


@dataclass(frozen=True)
class Sender:
    """Who sent a non-anonymous idea, as the directory knows them. Never built for an anonymous idea."""

    name: str
    job_title: str | None = None
    department: str | None = None
    manager: str | None = None


def staff_card(view: IdeaView, *, locale: str, sender: Sender | None, note: str | None = None,
               error: bool = False, actionable: bool = True) -> Card:
    """A routed idea: where the classifier put it and how sure it was, who sent it, similar earlier ideas."""
    area = view.area(locale)
    heading = t("new_for_you", locale, area=area) if area else t("new_for_triage", locale)
    body = [*notice(note, error=error), text(heading, subtle=True), *idea_body(view),
            text(t("status_line", locale, status=status_label(view.status, locale)), weight="Bolder")]
    if view.confidence is not None and area:
        body.append(text(t("confidence", locale, percent=round(view.confidence * 100)), subtle=True))
    if view.estimated_saving_nok is not None:
        body.append(text(t("saving", locale, amount=money(view.estimated_saving_nok, locale))))
    body += _sender(view, locale=locale, sender=sender)
    if view.status in ("received", "in_review"):
        body.append(text(t("deadline", locale, date=date(view.deadline, locale)), subtle=True))
    if view.latest_note:
        body.append(text(t("latest_answer", locale, note=view.latest_note)))
    if view.similar:
        body.append(text(t("similar", locale), weight="Bolder"))
        body += [text(t("similar_item", locale, id=s.idea_id, percent=round(s.score * 100), snippet=s.snippet),
                      subtle=True) for s in view.similar]
    return card(body, _actions(view, locale=locale) if actionable else None)


def decline_form(view: IdeaView, *, locale: str, error: str | None = None) -> Card:
    """"Avslå" asks for the reason first: the submitter is told it."""
    body = [*notice(error, error=True), text(t("modal.decline", locale), weight="Bolder"), *idea_body(view),
            {"type": "Input.Text", "id": INPUT_REASON, "label": t("field.reason", locale), "isMultiline": True,
             "isRequired": True, "maxLength": 4000, "errorMessage": t("error.reason_required", locale)}]
    return card(body, [
        execute(t("button.decline", locale), Verb.DECLINE_CONFIRM, clicked(view), style="destructive"),
        execute(t("button.cancel", locale), Verb.SHOW_STAFF, clicked(view), validate_inputs=False),
    ])


def duplicate_form(view: IdeaView, *, locale: str, error: str | None = None) -> Card:
    body = [*notice(error, error=True), text(t("modal.duplicate", locale), weight="Bolder"), *idea_body(view)]
    if view.similar:  # the likeliest originals, so the number need not be looked up
        body += [text(t("similar_item", locale, id=s.idea_id, percent=round(s.score * 100), snippet=s.snippet),
                      subtle=True) for s in view.similar]
    body.append({"type": "Input.Number", "id": INPUT_DUPLICATE_OF, "label": t("field.duplicate_of", locale),
                 "min": 1, "isRequired": True, "errorMessage": t("error.duplicate_of_required", locale)})
    return card(body, [
        execute(t("button.submit", locale), Verb.DUPLICATE_CONFIRM, clicked(view), style="positive"),
        execute(t("button.cancel", locale), Verb.SHOW_STAFF, clicked(view), validate_inputs=False),
    ])


def estimate_form(view: IdeaView, *, locale: str, error: str | None = None) -> Card:
    """The estimated annual saving in whole kroner, starting at the current estimate; empty removes it."""
    amount = {"type": "Input.Number", "id": INPUT_SAVING, "label": t("field.saving", locale), "min": 0,
              "max": MAX_SAVING_NOK, "placeholder": t("field.saving_hint", locale),
              "errorMessage": t("error.saving_invalid", locale)}
    if view.estimated_saving_nok is not None:
        amount["value"] = view.estimated_saving_nok
    body = [*notice(error, error=True), text(t("modal.estimate", locale), weight="Bolder"), *idea_body(view), amount]
    return card(body, [
        execute(t("button.submit", locale), Verb.ESTIMATE_CONFIRM, clicked(view), style="positive"),
        execute(t("button.cancel", locale), Verb.SHOW_STAFF, clicked(view), validate_inputs=False),
    ])


def digest(views: list[IdeaView], *, locale: str, days: int) -> Card:
    body = [text(t("digest", locale, days=days), weight="Bolder")]
    body += [text(t("digest_item", locale, id=v.id, title=v.heading, area=v.area(locale) or t("not_routed", locale),
                    date=date(v.deadline, locale))) for v in views]
    return card(body)


def _sender(view: IdeaView, *, locale: str, sender: Sender | None) -> list[Card]:
    if view.anonymous:
        return [text(t("from_anonymous", locale), subtle=True)]
    if sender is None:
        name = view.submitter_name
        return [text(t("from", locale, name=name), subtle=True)] if name else []
    detail = ", ".join(part for part in (sender.job_title, sender.department) if part)
    line = t("from_detail", locale, name=sender.name, detail=detail) if detail else t("from", locale, name=sender.name)
    lines = [text(line, subtle=True)]
    if sender.manager:
        lines.append(text(t("manager", locale, name=sender.manager), subtle=True))
    return lines


def _actions(view: IdeaView, *, locale: str) -> list[Card]:
    data = clicked(view)
    # The saving can be estimated while an idea is considered and after: it counts towards the target once accepted.
    estimate = execute(t("button.estimate", locale), Verb.ESTIMATE, data)
    if view.status == "accepted":
        return [execute(t("button.implemented", locale), Verb.IMPLEMENTED, data, style="positive"), estimate]
    if view.status == "implemented":
        return [estimate]
    if view.status not in ("received", "in_review"):
        return []
    actions = []
    if view.status == "received":
        actions.append(execute(t("button.in_review", locale), Verb.IN_REVIEW, data))
    actions += [
        execute(t("button.accept", locale), Verb.ACCEPT, data, style="positive"),
        execute(t("button.decline", locale), Verb.DECLINE, data, style="destructive"),
        execute(t("button.duplicate", locale), Verb.DUPLICATE, data),
        execute(t("button.reroute", locale), Verb.REROUTE, data),
        estimate,
    ]
    return actions
