"""An idea counts in its area's package with its effect per budget year, as its own card shows it."""

from datetime import date

from core.budget import Phase
from core.package_figures import amounts_of, one_off_cost_of
from storage.models import Channel, Idea

PHASE = Phase(id="fase-2", name={"nb": "Fase 2", "en": "Phase 2"}, savings_target_nok=20_000_000,
              starts=date(2027, 1, 1), deadline=date(2027, 10, 1), budget_years=[2028, 2029, 2030])


def idea(**saving) -> Idea:
    return Idea(text="x", channel=Channel.API, **saving)


def test_the_saving_counts_from_its_effect_year_with_the_years_given_their_own_amount():
    planned = idea(estimated_saving_nok=400_000, effect_year=2029, effect_amounts={"2029": 200_000},
                   one_off_cost_nok=150_000)

    assert amounts_of(planned, PHASE) == {2028: 0, 2029: 200_000, 2030: 400_000}
    assert one_off_cost_of(planned) == 150_000


def test_an_estimate_without_an_effect_year_counts_in_every_year_of_the_phase():
    assert amounts_of(idea(estimated_saving_nok=300_000), PHASE) == {2028: 300_000, 2029: 300_000, 2030: 300_000}


def test_an_idea_without_money_adds_nothing():
    assert amounts_of(idea(qualitative=True, qualitative_text="Bedre arbeidsmiljø"), PHASE) == {}
    assert one_off_cost_of(idea()) is None
