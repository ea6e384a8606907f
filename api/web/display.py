"""How ideas are shown: names from the org config, deadlines, history steps — the same on every page."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from markupsafe import Markup

from api.web import texts
from core import locale
from core.actors import COLLEAGUE, REPORTS, SUBMITTER
from core.orgconfig import OrgConfig
from core.presentation import EventView, IdeaView, Moment
from core.savings import read_dated_amount
from storage.models import Event, EventKind, Idea, Status

EXCERPT = 90
# A text longer than LONG_TEXT is shown on the board as its first ~SHOWN characters, the rest one click away.
LONG_TEXT = 600
SHOWN = 400
# What the submitter follows; a saving estimate and its plan for the budget are the staff's working figures, what
# the implemented idea saved is its outcome.
SUBMITTER_EVENTS = frozenset({EventKind.RECEIVED, EventKind.STATUS_CHANGED, EventKind.REROUTED,
                              EventKind.MOVE_REQUESTED, EventKind.MOVE_DECLINED, EventKind.MADE_ANONYMOUS,
                              EventKind.SHARED, EventKind.SAVING_REALISED,
                              EventKind.ADOPTED, EventKind.MERGED_AWAY, EventKind.MERGED_IN})


class Labels:
    """Texts and names in one language: focus areas and people come from the org config."""

    def __init__(self, org: OrgConfig, locale: str) -> None:
        self.org = org
        self.locale = locale

    def t(self, key: str, **values: object) -> Markup:
        return texts.markup(self.locale, key, **values)

    def area(self, area_id: str | None) -> str:
        area = self.org.area(area_id)
        if area is None:
            return self.t("area.triage") if area_id in (None, "triage") else str(area_id)
        return area.name.get(self.locale)

    def service(self, category: str | None) -> str | None:
        return self.org.service_name(category, self.locale)

    def unit(self, unit_id: str | None) -> str | None:
        """A unit's name; one since taken out of the org config keeps its id as its name."""
        unit = self.org.unit(unit_id)
        return unit.name.get(self.locale) if unit else unit_id

    def phase(self, phase_id: str | None) -> str | None:
        phase = self.org.phase(phase_id)
        return phase.name.get(self.locale) if phase else phase_id

    def person(self, person_id: str | None) -> str:
        if person_id in (None, "triage"):
            return self.t("area.triage")
        person = self.org.commissioner(person_id) or self.org.administrator(person_id)
        return person.name if person else str(person_id)

    def commissioner_of(self, area_id: str | None) -> str | None:
        commissioner = self.org.commissioner_for(area_id)
        if commissioner is None:
            return None
        title = commissioner.title.get(self.locale) if commissioner.title else None
        return f"{commissioner.name} ({title})" if title and title != commissioner.name else commissioner.name

    def actor(self, label: str) -> str:
        """An event's actor ('submitter', 'commissioner:<id>', 'admin:<id>') as a reader would say it."""
        role, _, person_id = label.partition(":")
        if role == "commissioner":
            return self.person(person_id)
        if role == COLLEAGUE:
            return self.t("who.colleague")
        if role == REPORTS:
            return self.t("who.reports")
        return self.t("who.admin") if role == "admin" else self.t("who.submitter")

    def status(self, status: Status | str) -> str:
        return self.t(f"status.{Status(status).value}")

    def date(self, when: Moment | None) -> str:
        return locale.date_time(self.locale, when)

    def day(self, when: Moment | str | None) -> str:
        """A day; also an ISO date as the stats API gives it (a phase's deadline)."""
        return locale.date(self.locale, date.fromisoformat(when) if isinstance(when, str) else when)

    def money(self, amount: int | None) -> str:
        return locale.money(self.locale, amount)

    def percent(self, share: float | None, decimals: int = 1) -> str:
        return locale.percent(self.locale, share, decimals)

    def count(self, value: int | None) -> str:
        return locale.count(self.locale, value)

    def number(self, value: float | None, decimals: int = 0) -> str:
        return locale.NO_VALUE if value is None else locale.number(self.locale, value, decimals)

    def heading(self, idea: IdeaView | Idea) -> str:
        if idea.title:
            return idea.title
        first_line = idea.text.strip().splitlines()[0] if idea.text.strip() else ""
        return first_line if len(first_line) <= EXCERPT else first_line[:EXCERPT].rstrip() + " …"


@dataclass(frozen=True)
class Deadline:
    """The first-answer deadline as a badge: kind is 'left' or 'overdue', or '' once answered."""

    kind: str
    days: int

    def text(self, labels: Labels) -> str:
        if not self.kind:
            return ""
        return labels.t(f"sla.{self.kind}_one") if self.days == 1 else labels.t(f"sla.{self.kind}", n=self.days)


def deadline(idea: IdeaView | Idea, *, sla_days: int, now: datetime) -> Deadline:
    # The same rule as storage.stats.overdue_condition: still 'received' after sla_days.
    if idea.status is not Status.RECEIVED:
        return Deadline("", 0)
    due = locale.start_of(idea.created_at) + timedelta(days=sla_days)
    # Days left round up (sent a minute ago: all 14 left); days over count whole days, at least one.
    if now > due:
        return Deadline("overdue", max(1, (now - due) // timedelta(days=1)))
    return Deadline("left", -(-(due - now) // timedelta(days=1)))


@dataclass(frozen=True)
class Step:
    when: Moment
    text: str
    who: str | None
    note: str | None
    kind: str


def timeline(events: Iterable[EventView | Event], labels: Labels, *, for_staff: bool) -> list[Step]:
    steps = []
    for event in events:
        if not for_staff and event.kind not in SUBMITTER_EVENTS:
            continue
        who = None if event.actor == SUBMITTER else labels.actor(event.actor)
        steps.append(Step(when=event.created_at, text=_step_text(event, labels), who=who, note=event.note,
                          kind=event.kind.value))
    return steps


def _step_text(event: EventView | Event, labels: Labels) -> str:
    match event.kind:
        case EventKind.RECEIVED:
            return labels.t("timeline.received", area=labels.area(event.to_value))
        case EventKind.STATUS_CHANGED:
            return labels.t("timeline.status", status=labels.status(event.to_value or Status.RECEIVED))
        case EventKind.REROUTED:
            return labels.t("timeline.rerouted", area=labels.area(event.to_value))
        case EventKind.MOVE_REQUESTED:
            return labels.t("timeline.move_requested", area=labels.area(event.to_value))
        case EventKind.MOVE_DECLINED:
            return labels.t("timeline.move_declined", area=labels.area(event.from_value),
                            requested=labels.area(event.to_value))
        case EventKind.SAVING_ESTIMATED:
            amount = int(event.to_value) if event.to_value else None
            return labels.t("timeline.saving", amount=labels.money(amount))
        case (EventKind.ONE_OFF_COST_SET | EventKind.EFFECT_YEAR_SET | EventKind.EFFECT_AMOUNT_SET
              | EventKind.QUALITATIVE_GAIN_SET | EventKind.SAVING_REALISED):
            return _saving_step(event, labels)
        case EventKind.UNIT_SET:
            if event.to_value is None:
                return labels.t("timeline.unit_removed")
            return labels.t("timeline.unit", unit=labels.unit(event.to_value))
        case EventKind.MADE_ANONYMOUS:
            return labels.t("timeline.made_anonymous")
        case EventKind.SUBMITTER_ERASED:
            return labels.t("timeline.erased")
        case EventKind.SHARED:
            return labels.t("timeline.shared" if event.to_value == "true" else "timeline.unshared")
        case EventKind.SUPPORT_CHANGED:
            return labels.t("timeline.support", n=labels.count(int(event.to_value or 0)))
        case EventKind.PACKAGED:
            return labels.t("timeline.packaged", phase=labels.phase(event.to_value))
        case EventKind.UNPACKAGED:
            return labels.t("timeline.unpackaged", phase=labels.phase(event.from_value))
        case EventKind.PACKAGE_STATE:
            return labels.t("timeline.package_state", state=labels.t(f"package.state.{event.to_value}"))
        case EventKind.ADOPTED:
            return labels.t("timeline.adopted", phase=labels.phase(event.to_value))
        case EventKind.COMMENTED | EventKind.COMMENT_HIDDEN | EventKind.COMMENT_SHOWN:
            return labels.t(f"timeline.{event.kind.value}", id=event.to_value or "")
        case EventKind.MERGED_AWAY:
            return labels.t("timeline.merged_away", id=event.to_value)
        case EventKind.MERGED_IN:  # never the duplicate's number: the submitter may not see that idea
            return labels.t("timeline.merged_in", n=labels.count(int(event.to_value or 0)))
    raise ValueError(f"no history text for {event.kind!r}")  # a new kind needs its text here


def _saving_step(event: EventView | Event, labels: Labels) -> str:
    """The figures of an idea's saving for the budget (core/saving_plan.py); a figure taken away says so."""
    value = event.to_value
    match event.kind:
        case EventKind.ONE_OFF_COST_SET:
            return labels.t("timeline.one_off", amount=labels.money(int(value) if value and value.isdigit() else None))
        case EventKind.EFFECT_YEAR_SET:
            return labels.t("timeline.effect_year", year=value) if value else labels.t("timeline.effect_year_removed")
        case EventKind.QUALITATIVE_GAIN_SET:
            return labels.t("timeline.qualitative" if value == "true" else "timeline.qualitative_removed")
    new, old = read_dated_amount(value), read_dated_amount(event.from_value)
    when = (new or old or ("", None))[0]
    if event.kind is EventKind.EFFECT_AMOUNT_SET:
        if new is None or new[1] is None:
            return labels.t("timeline.effect_amount_removed", year=when)
        return labels.t("timeline.effect_amount", year=when, amount=labels.money(new[1]))
    if new is None or new[1] is None:
        return labels.t("timeline.realised_removed")
    return labels.t("timeline.realised", amount=labels.money(new[1]), day=labels.day(when))


def opening(text: str) -> str | None:
    """The first ~SHOWN characters of a long text, cut after a whole word; None when the text is short enough."""
    if len(text) <= LONG_TEXT:
        return None
    cut = text[:SHOWN]
    space = max(cut.rfind(" "), cut.rfind("\n"))
    return (cut[:space] if space > SHOWN // 2 else cut).rstrip() + " …"


def routing(idea: IdeaView | Idea, events: Iterable[EventView | Event], labels: Labels) -> str | None:
    """How the idea came to its area: the model's confidence while it is still where the model sent it; once
    someone moved it elsewhere, that confidence was for an area it is no longer in, so who moved it instead."""
    history = list(events)
    sent_to = next((e.to_value for e in history if e.kind is EventKind.RECEIVED), idea.focus_area)
    moves = [e for e in history if e.kind is EventKind.REROUTED]
    if moves and idea.focus_area != sent_to:
        return labels.t("idea.moved_by", who=labels.actor(moves[-1].actor))
    if idea.confidence is None:
        return None
    return labels.t("idea.abstained" if idea.abstained else "idea.confidence", share=labels.percent(idea.confidence, 0))
