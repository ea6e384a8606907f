"""The effect of an idea's saving per budget year, and the years it is shown for."""

from datetime import date

import pytest

from core.savings import HORIZON_YEARS, dated_amount, effect_by_year, horizon, read_dated_amount, total


def test_the_annual_saving_counts_from_the_effect_year_onward():
    assert effect_by_year(annual_nok=400_000, effect_year=2028, years=[2027, 2028, 2029]) == {
        2027: 0, 2028: 400_000, 2029: 400_000}


def test_a_partial_first_year_overrides_the_annual_figure_for_that_year_only():
    effect = effect_by_year(annual_nok=400_000, effect_year=2027, years=range(2027, 2031),
                            explicit={2027: 200_000})
    assert effect == {2027: 200_000, 2028: 400_000, 2029: 400_000, 2030: 400_000}
    assert total(effect) == 1_400_000


def test_without_an_effect_year_the_saving_starts_in_the_first_year_shown():
    assert effect_by_year(annual_nok=100_000, effect_year=None, years=[2029, 2028]) == {2028: 100_000,
                                                                                         2029: 100_000}


def test_explicit_amounts_outside_the_years_shown_are_left_out():
    effect = effect_by_year(annual_nok=50_000, effect_year=2027, years=[2027], explicit={2026: 9, 2031: 9})
    assert effect == {2027: 50_000}


def test_an_effect_year_after_the_years_shown_saves_nothing_in_them():
    assert effect_by_year(annual_nok=50_000, effect_year=2030, years=[2027, 2028]) == {2027: 0, 2028: 0}


def test_a_qualitative_gain_without_money_saves_nothing_but_what_is_given_explicitly():
    assert effect_by_year(annual_nok=None, effect_year=2027, years=[2027, 2028]) == {2027: 0, 2028: 0}
    assert effect_by_year(annual_nok=None, effect_year=None, years=[2027, 2028], explicit={2028: 30_000}) == {
        2027: 0, 2028: 30_000}


def test_no_years_no_effect():
    assert effect_by_year(annual_nok=10, effect_year=2027, years=[]) == {}


@pytest.mark.parametrize(("kwargs", "years"), [
    # A phase serving one budget: the economic plan's four years from it.
    ({"budget_years": [2027]}, [2027, 2028, 2029, 2030]),
    # A longer programme (Lillehammer's Balanse'24, 2022-2024) still gets four years from its first.
    ({"budget_years": [2024, 2022, 2023]}, [2022, 2023, 2024, 2025]),
    ({"budget_years": range(2022, 2028)}, list(range(2022, 2028))),
    # Without a phase: from the effect year, or the first explicit year.
    ({"effect_year": 2030}, [2030, 2031, 2032, 2033]),
    ({"explicit": [2029, 2035]}, list(range(2029, 2036))),
    # An explicit amount beyond the phase's years is shown too.
    ({"budget_years": [2027], "explicit": [2032]}, list(range(2027, 2033))),
    # So is an effect year after them: the years before it show that the saving comes later.
    ({"budget_years": [2027], "effect_year": 2033}, list(range(2027, 2034))),
    ({"budget_years": [2027], "effect_year": 2025}, [2027, 2028, 2029, 2030]),
    ({}, []),
])
def test_horizon(kwargs, years):
    assert horizon(**kwargs) == years
    assert not years or len(years) >= HORIZON_YEARS


def test_amounts_are_kept_with_their_year_or_day_in_the_history():
    assert dated_amount(2027, 125_000) == "2027:125000"
    assert dated_amount(date(2027, 3, 1), 250_000) == "2027-03-01:250000"
    assert read_dated_amount("2027:125000") == ("2027", 125_000)
    assert read_dated_amount(dated_amount(2028, None)) == ("2028", None)
    assert read_dated_amount(None) is None and read_dated_amount("250000") is None
    assert read_dated_amount("2027:-5") is None
