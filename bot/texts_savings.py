"""The chat cards' lines about an idea's saving for the budget, in Norwegian bokmål and English (merged into the
catalogue of bot/texts.py), for Slack and Teams alike."""

from __future__ import annotations

from core.locale import Catalogue, date, money, translate
from core.presentation import IdeaView

SAVINGS: Catalogue = {
    "saving.one_off": ("Engangskostnad: {amount}", "One-off cost: {amount}"),
    "saving.by_year": ("Virkning per budsjettår: {years}", "Effect per budget year: {years}"),
    "saving.year_amount": ("{year}: {amount}", "{year}: {amount}"),
    "saving.qualitative": ("Gevinst utover kroner: {text}", "Gain beyond money: {text}"),
    "saving.realised": ("Realisert innsparing: {amount} (målt {day})", "Realised saving: {amount} (measured {day})"),
}


def saving_lines(locale: str | None, view: IdeaView) -> list[str]:
    """What a handler's card says of the saving beyond the annual estimate; nothing when none is given."""
    saving, lines = view.saving, []
    if saving.one_off_cost_nok is not None:
        lines.append(_t(locale, "saving.one_off", amount=money(locale, saving.one_off_cost_nok)))
    if saving.by_year and (view.estimated_saving_nok is not None or saving.explicit):
        years = " · ".join(_t(locale, "saving.year_amount", year=year, amount=money(locale, amount))
                           for year, amount in saving.by_year.items())
        lines.append(_t(locale, "saving.by_year", years=years))
    if saving.qualitative and saving.qualitative_text:
        lines.append(_t(locale, "saving.qualitative", text=saving.qualitative_text))
    if saving.realised_nok is not None:
        lines.append(_t(locale, "saving.realised", amount=money(locale, saving.realised_nok),
                        day=date(locale, saving.realised_on)))
    return lines


def _t(locale: str | None, key: str, /, **values: object) -> str:
    return translate(SAVINGS, locale, key, **values)
