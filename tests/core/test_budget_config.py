from datetime import date
from pathlib import Path

import pytest

from core.orgconfig import OrgConfigError, load_org_config

CONFIG = Path(__file__).resolve().parents[2] / "config"
BASE = (CONFIG / "loten.yaml").read_text(encoding="utf-8")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "org.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("    starts: 2026-11-01", "    starts: 2026-10-15"),
         "phases[1]: 'fase-2' starts 2026-10-15, before phases[0] 'fase-1' ends 2026-10-31; phases may not overlap"),
        (("    deadline: 2026-10-31", "    deadline: 2026-09-01"),
         "phases[0]: deadline 2026-09-01 is before starts 2026-09-15"),
        (("  - id: fase-2", "  - id: fase-1"), "phases: id used more than once: fase-1"),
        (("    savings_target_nok: 20000000", "    savings_target_nok: -1"),
         "phases[1].savings_target_nok: Input should be greater than or equal to 0"),
        (("    budget_years: [2028]", "    budget_years: []"), "phases[1].budget_years: List should have at least 1"),
        (("    budget_years: [2028]", "    budget_years: [2028]\n    baseline_year: 2028"),
         "phases[1]: baseline_year 2028 must be before the first budget year 2028"),
        (("    focus_area: samfunnsutvikler", "    focus_area: teknisk"),
         "units[6].focus_area: unknown focus area 'teknisk'"),
        (("    annual_budget_nok: 42000000  # example unit and figure", "    annual_budget_nok: 0"),
         "units[7].annual_budget_nok: Input should be greater than 0"),
        (("    annual_budget_nok: 42000000  # example unit and figure", "    annual_budget_nok: lots"),
         "units[7].annual_budget_nok: Input should be a valid integer"),
        (("    annual_budget_nok: 42000000  # example unit and figure",
          "    annual_budget_nok: 42000000\n    challenge_percent: 120"),
         "units[7].challenge_percent: Input should be less than or equal to 100"),
        (("  - id: skolene", "  - id: barnehagene"), "units: id used more than once: barnehagene"),
        (("    budget_years: [2027]", "    budget_years: [2027]\n    area_shares: {oppvekst: 1000000}"),
         "phases[0].area_shares: unknown focus area 'oppvekst'"),
        (("    budget_years: [2027]", "    budget_years: [2027]\n    area_shares: {barn-og-unge: -5}"),
         "phases[0].area_shares.barn-og-unge: must be 0 or more, not -5"),
        (("  reminder_days: 14", "  reminder_days: 400"),
         "packages.reminder_days: Input should be less than or equal to 365"),
        (("  reminder_days: 14", "  reminder_days: 14\n  remind: true"), "packages.remind: Extra inputs are not"),
    ],
)
def test_a_bad_phase_or_unit_names_the_file_and_the_key(tmp_path, change, message):
    old, new = change
    assert old in BASE
    path = write(tmp_path, BASE.replace(old, new, 1))
    with pytest.raises(OrgConfigError) as error:
        load_org_config(path)
    assert str(error.value).startswith(f"{path}: ")
    assert message in str(error.value)


@pytest.mark.parametrize(
    ("day", "phase"),
    [(date(2026, 9, 14), None), (date(2026, 9, 15), "fase-1"), (date(2026, 10, 31), "fase-1"),
     (date(2026, 11, 1), "fase-2"), (date(2027, 10, 31), "fase-2"), (date(2027, 11, 1), None)],
)
def test_the_open_phase_is_the_one_whose_days_include_the_day(day, phase):
    org = load_org_config(CONFIG / "loten.yaml")
    found = org.open_phase(day)
    assert (found.id if found else None) == phase


def test_each_unit_is_challenged_to_save_its_share_of_its_budget():
    org = load_org_config(CONFIG / "loten.yaml")
    home = org.unit("hjemmebaserte-tjenester")
    assert (home.focus_area, home.challenge_percent, home.challenge_nok) == ("helse-og-livskvalitet", 2.0, 2_100_000)
    assert org.leader_name(home) == "Cecilie Nilsen"
    assert org.leader_name(org.unit("stab-og-stotte")) == "Frank Hauge"  # a person id reads as their name
    assert [u.id for u in org.units_of("barn-og-unge")] == ["barnehagene", "skolene"]
    custom = home.model_copy(update={"annual_budget_nok": 42_000_000, "challenge_percent": 3.5})
    assert custom.challenge_nok == 1_470_000


def test_lillehammer_has_a_cumulative_target_against_2021():
    org = load_org_config(CONFIG / "lillehammer.yaml")
    (phase,) = org.phases
    assert (phase.savings_target_nok, phase.budget_years, phase.baseline_year) == (70_000_000, [2022, 2023, 2024],
                                                                                    2021)
    assert org.open_phase(date(2026, 12, 5)) is None
    assert {u.focus_area for u in org.units} == set(org.area_ids)
