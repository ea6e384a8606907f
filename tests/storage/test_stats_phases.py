"""The follow-up per phase and per unit: targets, deadlines and challenges against the savings of accepted and
implemented ideas, hand-counted."""

from datetime import UTC, datetime

from core.stats import follow_up
from storage.models import Channel, Idea, Status

# 23:30 UTC on 30 October is already 31 October in Oslo: phase 1's deadline, so no day is left.
NOW = datetime(2026, 10, 30, 23, 30, tzinfo=UTC)
H = "helse-og-livskvalitet"


def idea(session, *, status, phase=None, unit=None, saving=None):
    session.add(Idea(text="x", focus_area=H, status=status, channel=Channel.API, phase=phase, unit=unit,
                     estimated_saving_nok=saving, created_at=NOW, updated_at=NOW))


def test_each_phase_and_unit_against_the_savings_of_its_accepted_and_implemented_ideas(session, org):
    idea(session, status=Status.ACCEPTED, phase="fase-1", unit="sykehjem", saving=400_000)
    idea(session, status=Status.IMPLEMENTED, phase="fase-1", unit="sykehjem", saving=100_000)
    idea(session, status=Status.IN_REVIEW, phase="fase-1", unit="hjemmebaserte-tjenester", saving=50_000)
    idea(session, status=Status.DECLINED, phase="fase-2", unit="sykehjem", saving=1_000_000)
    idea(session, status=Status.IMPLEMENTED, phase=None, unit=None, saving=70_000)
    session.flush()

    figures = follow_up(session=session, org=org, now=NOW)

    assert figures["phases"] == {
        "fase-1": {"target_nok": 5_000_000, "deadline": "2026-10-31", "days_to_deadline": 0,
                   "budget_years": [2027], "baseline_year": None, "ideas": 3, "estimated_nok": 500_000},
        "fase-2": {"target_nok": 20_000_000, "deadline": "2027-10-31", "days_to_deadline": 365,
                   "budget_years": [2028], "baseline_year": None, "ideas": 1, "estimated_nok": 0},
    }
    units = figures["units"]
    assert list(units) == [u.id for u in org.units]
    assert units["sykehjem"] == {"focus_area": H, "annual_budget_nok": 80_000_000, "challenge_percent": 2.0,
                                 "challenge_nok": 1_600_000, "estimated_nok": 500_000}
    assert units["hjemmebaserte-tjenester"]["estimated_nok"] == 0


def test_without_ideas_every_phase_and_unit_is_listed_at_zero(session, org):
    figures = follow_up(session=session, org=org, now=datetime(2027, 11, 2, 12, tzinfo=UTC))
    assert {k: (p["ideas"], p["estimated_nok"], p["days_to_deadline"]) for k, p in figures["phases"].items()} == {
        "fase-1": (0, 0, -367), "fase-2": (0, 0, -2)}
    assert all(u["estimated_nok"] == 0 for u in figures["units"].values()) and len(figures["units"]) == 8
