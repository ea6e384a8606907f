"""The arithmetic of an idea's saving as a budget needs it: how much it saves in each budget year.

Pure functions on plain numbers, shared by every place that shows or sums an idea's effect (the idea's view, its
exports, the area package). An idea carries an estimated annual saving, the budget year it takes effect, and
explicit amounts for single years that override the annual figure (a half-year effect in the first year, a
saving that grows); which budget years are shown is its horizon.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

# A Norwegian municipality plans four budget years ahead (handlings- og økonomiplanen): an idea's effect is shown
# for at least that many years from the first budget year it can serve.
HORIZON_YEARS = 4
FIRST_YEAR = 2000
LAST_YEAR = 2100


def effect_by_year(*, annual_nok: int | None, effect_year: int | None, years: Iterable[int],
                   explicit: Mapping[int, int] | None = None) -> dict[int, int]:
    """The saving in each of `years` (NOK, in year order).

    - A year with an explicit amount has that amount, whatever the annual figure says.
    - Otherwise a year from `effect_year` onward has the annual saving, and a year before it nothing.
    - Without an effect year the saving is taken to start in the first of `years`: an idea without one counts
      for the first budget it can serve (the phase's), as the commissioner's estimate is meant for it.
    - Without an annual saving (a qualitative gain only, or not estimated yet) only explicit amounts count.
    - Explicit amounts for years outside `years` are left out: the caller chose the years it reports.
    """
    shown = sorted(set(years))
    given = dict(explicit or {})
    start = effect_year if effect_year is not None else (shown[0] if shown else None)
    effect = {}
    for year in shown:
        if year in given:
            effect[year] = given[year]
        elif annual_nok is not None and start is not None and year >= start:
            effect[year] = annual_nok
        else:
            effect[year] = 0
    return effect


def horizon(*, budget_years: Iterable[int] = (), effect_year: int | None = None,
            explicit: Iterable[int] = ()) -> list[int]:
    """The budget years an idea's effect is shown for: from the first budget year of its phase (or, without a
    phase, its effect year or first explicit year) for at least HORIZON_YEARS years, on to the phase's last budget
    year, a later effect year and every year given an explicit amount. Empty when nothing places the idea in
    time."""
    phase_years = sorted(budget_years)
    years = sorted(explicit)
    first = phase_years[0] if phase_years else (effect_year if effect_year is not None else
                                                 (years[0] if years else None))
    if first is None:
        return []
    later = [effect_year] if effect_year is not None else []
    last = max([first + HORIZON_YEARS - 1, *phase_years, *years, *later])
    return list(range(first, last + 1))


def total(effect: Mapping[int, int]) -> int:
    return sum(effect.values())


def dated_amount(when: int | date, amount: int | None) -> str:
    """An amount with its year or day, as an event keeps it: '2027:125000', '2027-03-01:250000' ('2027:' when
    the amount was taken away)."""
    return f"{when.isoformat() if isinstance(when, date) else when}:{'' if amount is None else amount}"


def read_dated_amount(value: str | None) -> tuple[str, int | None] | None:
    """The year or day and the amount of `dated_amount`; None for None or a value of another shape."""
    if value is None or ":" not in value:
        return None
    when, _, amount = value.partition(":")
    if amount and not amount.isdigit():
        return None
    return when, int(amount) if amount else None
