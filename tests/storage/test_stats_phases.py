"""The follow-up per phase, area and unit: targets, deadlines, the units' challenges, the estimated savings of
accepted and implemented ideas, the realised savings and the gap to the target, hand-counted."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.dialects import sqlite

from core.stats import follow_up
from storage.db import make_engine
from storage.models import Base, Channel, Idea, Status
from storage.progress import grouped

# 23:30 UTC on 30 October is already 31 October in Oslo: phase 1's deadline, so no day is left.
NOW = datetime(2026, 10, 30, 23, 30, tzinfo=UTC)
H, B, S = "helse-og-livskvalitet", "barn-og-unge", "samfunnsutvikler"
# 2 % of the example budgets in config/loten.yaml: 105, 24, 80 and 48 mill. (H); 62 and 128 (B); 55 and 42 (S).
CHALLENGE = {H: 5_140_000, B: 3_800_000, S: 1_940_000}


def idea(session, *, status, phase=None, unit=None, saving=None, realised=None, area=H):
    session.add(Idea(text="x", focus_area=area, status=status, channel=Channel.API, phase=phase, unit=unit,
                     estimated_saving_nok=saving, realised_saving_nok=realised,
                     realised_on=date(2026, 10, 1) if realised is not None else None, created_at=NOW,
                     updated_at=NOW))


@pytest.fixture
def with_shares(org):
    """Phase 1's 5 mill. split so that health and welfare gives the most; samfunnsutvikler has no share."""
    phase = org.phases[0].model_copy(update={"area_shares": {H: 3_000_000, B: 1_500_000}})
    return org.model_copy(update={"phases": [phase, *org.phases[1:]]})


def test_each_phase_area_and_unit_against_its_target_and_challenge(session, with_shares):
    idea(session, status=Status.ACCEPTED, phase="fase-1", unit="sykehjem", saving=400_000)
    idea(session, status=Status.IMPLEMENTED, phase="fase-1", unit="sykehjem", saving=100_000, realised=80_000)
    idea(session, status=Status.IN_REVIEW, phase="fase-1", unit="hjemmebaserte-tjenester", saving=50_000)
    idea(session, status=Status.ACCEPTED, phase="fase-1", unit="skolene", saving=300_000, area=B)
    idea(session, status=Status.DECLINED, phase="fase-2", unit="sykehjem", saving=1_000_000)
    idea(session, status=Status.IMPLEMENTED, phase=None, unit=None, saving=70_000, realised=90_000)
    session.flush()

    figures = follow_up(session=session, org=with_shares, now=NOW)

    first = figures["phases"]["fase-1"]
    areas = first.pop("areas")
    assert first == {"target_nok": 5_000_000, "deadline": "2026-10-31", "days_to_deadline": 0,
                     "budget_years": [2027], "baseline_year": None, "ideas": 4, "challenge_nok": 10_880_000,
                     "estimated_nok": 800_000, "realised_nok": 80_000, "gap_nok": 4_200_000}
    assert areas == {
        H: {"target_nok": 3_000_000, "challenge_nok": CHALLENGE[H], "estimated_nok": 500_000, "realised_nok": 80_000,
            "gap_nok": 2_500_000},
        B: {"target_nok": 1_500_000, "challenge_nok": CHALLENGE[B], "estimated_nok": 300_000, "realised_nok": 0,
            "gap_nok": 1_200_000},
        S: {"target_nok": None, "challenge_nok": CHALLENGE[S], "estimated_nok": 0, "realised_nok": 0,
            "gap_nok": None}}
    second = figures["phases"]["fase-2"]
    assert (second["ideas"], second["estimated_nok"], second["gap_nok"], second["days_to_deadline"]) == (
        1, 0, 20_000_000, 365)
    # Across phases (and outside them) an area is measured against its units' challenge.
    assert figures["areas"][H] == {"challenge_nok": CHALLENGE[H], "estimated_nok": 570_000, "realised_nok": 170_000,
                                   "gap_nok": CHALLENGE[H] - 570_000}
    units = figures["units"]
    assert list(units) == [u.id for u in with_shares.units]
    assert units["sykehjem"] == {"focus_area": H, "annual_budget_nok": 80_000_000, "challenge_percent": 2.0,
                                 "challenge_nok": 1_600_000, "estimated_nok": 500_000, "realised_nok": 80_000,
                                 "gap_nok": 1_100_000}
    assert units["hjemmebaserte-tjenester"]["estimated_nok"] == 0


def test_without_ideas_every_phase_area_and_unit_is_listed_at_zero(session, org):
    figures = follow_up(session=session, org=org, now=datetime(2027, 11, 2, 12, tzinfo=UTC))
    assert {k: (p["ideas"], p["estimated_nok"], p["days_to_deadline"], p["gap_nok"])
            for k, p in figures["phases"].items()} == {"fase-1": (0, 0, -367, 5_000_000),
                                                        "fase-2": (0, 0, -2, 20_000_000)}
    assert all(u["estimated_nok"] == u["realised_nok"] == 0 for u in figures["units"].values())
    assert len(figures["units"]) == 8
    assert {a: f["gap_nok"] for a, f in figures["areas"].items()} == CHALLENGE


def test_the_follow_up_is_read_off_its_covering_index(tmp_path):
    """One pass over ix_ideas_follow_up, never the table: the figures stay fast at 100,000 ideas. The plan asked
    is SQLite's, on a database of its own (PostgreSQL's figures are measured by bench/queries.py)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'plan.db'}")
    Base.metadata.create_all(engine)
    statement = grouped().compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True})
    with engine.connect() as connection:
        plan = " ".join(row[-1] for row in connection.execute(text(f"EXPLAIN QUERY PLAN {statement}")))
    engine.dispose()
    assert "COVERING INDEX ix_ideas_follow_up" in plan and "TEMP B-TREE" not in plan
