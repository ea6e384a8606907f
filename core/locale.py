"""Languages, the time zone and how numbers and dates read: one place for the web pages, Slack and Teams.

Every function takes the reader's locale first, as `t(locale, key)` does. A locale is "nb" or "en"; anything
else (a platform tag such as "en-US", or nothing) is read with `locale_of`.
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from datetime import date as Day  # `date` below is the function that writes one
from zoneinfo import ZoneInfo

LOCALES = ("nb", "en")
DEFAULT_LOCALE = "nb"
TIME_ZONE = ZoneInfo("Europe/Oslo")
NO_VALUE = "–"  # a figure that does not exist yet, rather than a misleading 0
NBSP = "\u00a0"  # keeps "1 000" and "5 %" on one line

Catalogue = dict[str, tuple[str, str]]
"""Texts by key: (bokmål, English). Placeholders are str.format fields, the same in both languages."""


def locale_of(tag: str | None) -> str:
    """'en-US', 'en_GB', 'en' -> 'en'; anything else (nb-NO, nn, missing) -> bokmål."""
    return "en" if (tag or "").lower().replace("_", "-").split("-")[0] == "en" else DEFAULT_LOCALE


# -- texts --------------------------------------------------------------------------------------------------


def template(catalogue: Catalogue, locale: str | None, key: str) -> str:
    """The text for `key` before its values are filled in; an unknown key raises instead of showing the key."""
    try:
        texts = catalogue[key]
    except KeyError:
        raise KeyError(f"no text has the key {key!r}") from None
    return texts[LOCALES.index(locale_of(locale))]


def fill[Text: str](text: Text, key: str, values: dict[str, object]) -> Text:
    """`text` (a str, or a Markup that escapes its values) with its placeholders filled; a placeholder without a
    value raises, naming both.
    """
    try:
        return text.format(**values)  # type: ignore[return-value]  # Markup.format returns Markup
    except KeyError as missing:
        raise ValueError(f"the text {key!r} needs a value for {{{missing.args[0]}}}") from None


def translate(catalogue: Catalogue, locale: str | None, key: str, /, **values: object) -> str:
    return fill(template(catalogue, locale, key), key, values)


# -- numbers ------------------------------------------------------------------------------------------------


def number(locale: str | None, value: float, decimals: int = 0) -> str:
    """1234.5 -> "1 234,5" in bokmål (no-break space, decimal comma), "1,234.5" in English."""
    formatted = f"{value:,.{decimals}f}"
    if locale_of(locale) == "en":
        return formatted
    return formatted.replace(",", NBSP).replace(".", ",")


def count(locale: str | None, value: int | None) -> str:
    """A whole number of things: "5 000" in bokmål, "5,000" in English."""
    return NO_VALUE if value is None else number(locale, value)


def money(locale: str | None, amount: int | None) -> str:
    """Whole kroner: "1 234 567 kr" in bokmål, "NOK 1,234,567" in English."""
    if amount is None:
        return NO_VALUE
    return f"NOK {number(locale, amount)}" if locale_of(locale) == "en" else f"{number(locale, amount)}{NBSP}kr"


def percent(locale: str | None, share: float | None, decimals: int = 1) -> str:
    """A share from 0 to 1 as a percentage: 0.8712 -> "87,1 %" in bokmål, "87.1 %" in English."""
    return NO_VALUE if share is None else f"{number(locale, share * 100, decimals)}{NBSP}%"


# -- dates --------------------------------------------------------------------------------------------------


def local_time(when: datetime) -> datetime:
    """The moment on a clock in Oslo; a naive time is taken as UTC, which is how the database stores it."""
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone(TIME_ZONE)


def day_of(when: datetime) -> Day:
    """The day in Oslo a moment falls on: all that is shown of a time that must not be exact."""
    return local_time(when).date()


def start_of(when: datetime | Day) -> datetime:
    """A moment as it is; a day alone as its first moment in Oslo."""
    return when if isinstance(when, datetime) else datetime.combine(when, time(), TIME_ZONE)


def date(locale: str | None, when: datetime | Day | None) -> str:
    """The day in Oslo: "24.11.2025" in bokmål, "2025-11-24" in English."""
    if when is None:
        return NO_VALUE
    day = local_time(when) if isinstance(when, datetime) else when
    return day.strftime("%Y-%m-%d" if locale_of(locale) == "en" else "%d.%m.%Y")


def date_time(locale: str | None, when: datetime | Day | None) -> str:
    """The day and time in Oslo: "24.11.2025 kl. 07:00" in bokmål, "2025-11-24 07:00" in English; a day alone
    (a time kept from the reader) as the day."""
    if not isinstance(when, datetime):
        return date(locale, when)
    return local_time(when).strftime("%Y-%m-%d %H:%M" if locale_of(locale) == "en" else "%d.%m.%Y kl. %H:%M")
