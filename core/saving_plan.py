"""The rules of an idea's saving as a budget needs it: the annual estimate, the one-off cost, the budget year the
saving takes effect and amounts for single years, a gain that is not money, and the saving realised once the idea
is implemented. Only the idea's handler may change them (core/actors.py); every change writes an event, a plan
that changes nothing writes none. The arithmetic is core/savings.py.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from core.actors import Actor, require_handler
from core.errors import Conflict, InvalidInput
from core.lifecycle import MAX_SAVING_NOK, record, set_estimated_saving
from core.locale import day_of
from core.orgconfig import OrgConfig
from core.savings import FIRST_YEAR, LAST_YEAR, dated_amount, effect_by_year, horizon
from core.textcheck import require_clean, tidy
from storage.models import Event, EventKind, Idea, Status, utcnow

MAX_QUALITATIVE = 500
MAX_EXPLICIT_YEARS = 20


class Unset(enum.Enum):
    """A field of a plan the caller did not send: it keeps its value (None clears one)."""

    UNSET = "unset"


UNSET = Unset.UNSET


@dataclass(frozen=True)
class SavingPlan:
    """What a handler changes of an idea's saving. `effect_amounts` replaces the explicit amounts per budget year
    as a whole ({} takes them all away)."""

    annual_nok: int | Unset | None = UNSET
    one_off_cost_nok: int | Unset | None = UNSET
    effect_year: int | Unset | None = UNSET
    effect_amounts: Mapping[int, int] | Unset = UNSET
    qualitative: bool | Unset = UNSET
    qualitative_text: str | Unset | None = UNSET


@dataclass(frozen=True)
class SavingView:
    """An idea's saving as a budget needs it, beside its estimated annual saving."""

    one_off_cost_nok: int | None = None
    effect_year: int | None = None
    explicit: dict[int, int] = field(default_factory=dict)  # amounts given for single budget years
    by_year: dict[int, int] = field(default_factory=dict)  # the effect in each year of its horizon
    default_by_year: dict[int, int] = field(default_factory=dict)  # the same without the explicit amounts
    qualitative: bool = False
    qualitative_text: str | None = None
    realised_nok: int | None = None
    realised_on: date | None = None


def view(org: OrgConfig, idea: Idea) -> SavingView:
    """The effect is shown for the budget years of the idea's phase (the economic plan's four at least)."""
    explicit = explicit_amounts(idea)
    phase = org.phase(idea.phase)
    years = horizon(budget_years=phase.budget_years if phase else (), effect_year=idea.effect_year,
                    explicit=explicit)
    by_year = effect_by_year(annual_nok=idea.estimated_saving_nok, effect_year=idea.effect_year, years=years,
                             explicit=explicit)
    default = effect_by_year(annual_nok=idea.estimated_saving_nok, effect_year=idea.effect_year, years=years)
    return SavingView(one_off_cost_nok=idea.one_off_cost_nok, effect_year=idea.effect_year, explicit=explicit,
                      by_year=by_year, default_by_year=default, qualitative=idea.qualitative,
                      qualitative_text=idea.qualitative_text, realised_nok=idea.realised_saving_nok,
                      realised_on=idea.realised_on)


def explicit_amounts(idea: Idea) -> dict[int, int]:
    """The amounts given for single budget years, by year (JSON keeps the years as text)."""
    return {int(year): int(amount) for year, amount in (idea.effect_amounts or {}).items()}


def plan(*, session: Session, idea: Idea, changes: SavingPlan, actor: Actor, org: OrgConfig) -> list[Event]:
    require_handler(actor, org, idea)
    one_off = _amount(changes.one_off_cost_nok, "one_off_cost_nok", "The one-off cost")
    year = changes.effect_year
    if isinstance(year, int) and not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidInput(f"The effect year must be a budget year between {FIRST_YEAR} and {LAST_YEAR}.",
                           field="effect_year")
    amounts = _explicit(changes.effect_amounts)
    effect_year = idea.effect_year if year is UNSET else year
    early = sorted(y for y in (explicit_amounts(idea) if amounts is UNSET else amounts)
                   if effect_year is not None and y < effect_year)
    if early:
        raise InvalidInput(f"An amount is given for {', '.join(map(str, early))}, before the effect year "
                           f"{effect_year}: move the effect year or take the amount away.", field="effect_amounts")
    flag, text = _qualitative(idea, changes)
    events = []
    if changes.annual_nok is not UNSET and changes.annual_nok != idea.estimated_saving_nok:
        events.append(set_estimated_saving(session=session, idea=idea, amount_nok=changes.annual_nok, actor=actor,
                                           org=org))
    if one_off is not UNSET and one_off != idea.one_off_cost_nok:
        events.append(record(session, idea, EventKind.ONE_OFF_COST_SET, actor.label, _str(idea.one_off_cost_nok),
                             _str(one_off), None))
        idea.one_off_cost_nok = one_off
    if year is not UNSET and year != idea.effect_year:
        events.append(record(session, idea, EventKind.EFFECT_YEAR_SET, actor.label, _str(idea.effect_year),
                             _str(year), None))
        idea.effect_year = year
    if amounts is not UNSET:
        events += _replace_amounts(session, idea, amounts, actor)
    if (flag, text) != (idea.qualitative, idea.qualitative_text):
        events.append(record(session, idea, EventKind.QUALITATIVE_GAIN_SET, actor.label, _bool(idea.qualitative),
                             _bool(flag), text))
        idea.qualitative, idea.qualitative_text = flag, text
    return events


def realise(*, session: Session, idea: Idea, amount_nok: int | None, realised_on: date | None, actor: Actor,
            org: OrgConfig) -> Event | None:
    """What the idea saved, measured on `realised_on` (default today); None takes the figure away. Only for an
    implemented idea: before, there is nothing to measure."""
    require_handler(actor, org, idea)
    if idea.status is not Status.IMPLEMENTED:
        raise Conflict(f"The realised saving is entered once the idea is implemented; it is {idea.status.value}.")
    today = day_of(utcnow())
    if amount_nok is None:
        on = None
    else:
        _amount(amount_nok, "amount_nok", "The realised saving")
        on = realised_on or today
        if on > today:
            raise InvalidInput(f"The day the saving was measured, {on}, is in the future.", field="realised_on")
        if on < day_of(idea.created_at):
            raise InvalidInput(f"The day the saving was measured, {on}, is before the idea came in.",
                               field="realised_on")
    if (amount_nok, on) == (idea.realised_saving_nok, idea.realised_on):
        return None
    old = None if idea.realised_on is None else dated_amount(idea.realised_on, idea.realised_saving_nok)
    event = record(session, idea, EventKind.SAVING_REALISED, actor.label, old,
                   None if on is None else dated_amount(on, amount_nok), None)
    idea.realised_saving_nok, idea.realised_on = amount_nok, on
    return event


def _replace_amounts(session: Session, idea: Idea, amounts: Mapping[int, int], actor: Actor) -> list[Event]:
    old = explicit_amounts(idea)
    events = [record(session, idea, EventKind.EFFECT_AMOUNT_SET, actor.label,
                     None if year not in old else dated_amount(year, old[year]),
                     dated_amount(year, amounts.get(year)), None)
              for year in sorted(set(old) | set(amounts)) if old.get(year) != amounts.get(year)]
    if events:
        idea.effect_amounts = {str(year): amounts[year] for year in sorted(amounts)} or None
    return events


def _explicit(amounts: Mapping[int, int] | Unset) -> dict[int, int] | Unset:
    if amounts is UNSET:
        return UNSET
    if len(amounts) > MAX_EXPLICIT_YEARS:
        raise InvalidInput(f"At most {MAX_EXPLICIT_YEARS} budget years can be given an amount.",
                           field="effect_amounts")
    for year, amount in amounts.items():
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise InvalidInput(f"{year} is not a budget year between {FIRST_YEAR} and {LAST_YEAR}.",
                               field="effect_amounts")
        _amount(amount, "effect_amounts", f"The amount for {year}")
    return dict(amounts)


def _qualitative(idea: Idea, changes: SavingPlan) -> tuple[bool, str | None]:
    """The gain that is not money after the change: ticked with a few words saying what, or neither."""
    text = idea.qualitative_text if changes.qualitative_text is UNSET else tidy(changes.qualitative_text)
    flag = changes.qualitative
    if flag is UNSET:
        flag = idea.qualitative or (changes.qualitative_text is not UNSET and text is not None)
    if not flag:
        return False, None
    if text is None:
        raise InvalidInput("Say in a few words what is gained (quality, working environment, climate).",
                           field="qualitative_text")
    if len(text) > MAX_QUALITATIVE:
        raise InvalidInput(f"The qualitative gain is {len(text)} characters long; at most {MAX_QUALITATIVE} are "
                           "allowed.", field="qualitative_text")
    require_clean(text, field="qualitative_text")
    return True, text


def _amount[T](value: T, field: str, what: str) -> T:
    if isinstance(value, int) and not 0 <= value <= MAX_SAVING_NOK:
        raise InvalidInput(f"{what} must be between 0 and {MAX_SAVING_NOK} NOK.", field=field)
    return value


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _str(value: int | None) -> str | None:
    return None if value is None else str(value)
