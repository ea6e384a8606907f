"""Statistics against hand-counted data: each idea below is placed so the expected figures are obvious."""

from datetime import UTC, datetime, timedelta

import pytest

from core.stats import follow_up
from storage.models import Channel, Correction, Idea, Status

NOW = datetime(2026, 3, 31, 12, 0, tzinfo=UTC)


def idea(session, *, area, status, created_days_ago, answered_after_days=None, saving=None, commissioner=None):
    created = NOW - timedelta(days=created_days_ago)
    row = Idea(text="x", focus_area=area, commissioner=commissioner, status=status, channel=Channel.API,
               created_at=created, updated_at=created, estimated_saving_nok=saving,
               first_answered_at=created + timedelta(days=answered_after_days)
               if answered_after_days is not None else None)
    session.add(row)
    return row


@pytest.fixture
def figures(session, org):
    B, H, S = "barn-og-unge", "helse-og-livskvalitet", "samfunnsutvikler"
    ob, aj, fh = "kommunalsjef-oppvekst", "arne-jorstad", "frank-hauge"
    # Answered in 2, 4 and 20 days (the last too late); one answered in 10 days was implemented.
    first = idea(session, area=B, commissioner=ob, status=Status.IN_REVIEW, created_days_ago=40,
                 answered_after_days=2)
    idea(session, area=B, commissioner=ob, status=Status.ACCEPTED, created_days_ago=70, answered_after_days=4,
         saving=300_000)
    idea(session, area=H, commissioner=aj, status=Status.DECLINED, created_days_ago=35, answered_after_days=20)
    idea(session, area=H, commissioner=aj, status=Status.IMPLEMENTED, created_days_ago=60, answered_after_days=10,
         saving=1_200_000)
    # Unanswered: one overdue (20 days), one still within its 14 days (3 days).
    idea(session, area=S, commissioner=fh, status=Status.RECEIVED, created_days_ago=20)
    idea(session, area=S, commissioner=fh, status=Status.RECEIVED, created_days_ago=3)
    # In the triage queue, overdue; and one withdrawn, which counts for nothing but the totals.
    idea(session, area=None, status=Status.RECEIVED, created_days_ago=30)
    idea(session, area=B, commissioner=ob, status=Status.WITHDRAWN, created_days_ago=1)
    session.flush()
    session.add(Correction(idea_id=first.id, text="x", focus_area=B, actor="admin:a"))
    session.flush()
    return follow_up(session=session, org=org, now=NOW)


def test_totals(figures):
    assert figures["total"] == 8
    assert figures["by_status"] == {"received": 3, "in_review": 1, "accepted": 1, "implemented": 1,
                                    "declined": 1, "duplicate": 0, "withdrawn": 1}
    assert figures["by_focus_area"] == {"barn-og-unge": 3, "helse-og-livskvalitet": 2, "samfunnsutvikler": 2,
                                        "triage": 1}
    # 70 and 60 days before 31 March fall in January, 40 and 35 in February, 30, 20, 3 and 1 in March.
    assert figures["by_month"] == {"2026-01": 2, "2026-02": 2, "2026-03": 4}


def test_overdue_and_answer_times(figures):
    assert figures["overdue"] == 2
    assert figures["median_days_to_first_answer"] == pytest.approx(7.0)  # 2, 4, 10, 20


def test_share_answered_within_sla_per_commissioner(figures):
    sla = figures["answered_within_sla"]
    assert sla["by_commissioner"] == {
        "arne-jorstad": {"due": 2, "answered_within_sla": 1, "share": 0.5},
        "frank-hauge": {"due": 1, "answered_within_sla": 0, "share": 0.0},
        "kommunalsjef-oppvekst": {"due": 2, "answered_within_sla": 2, "share": 1.0},
        "triage": {"due": 1, "answered_within_sla": 0, "share": 0.0},
    }
    assert sla["overall"] == {"due": 6, "answered_within_sla": 3, "share": 0.5}


def test_implementation_and_savings_against_target(figures):
    assert figures["implementation"] == {"implemented": 1, "accepted_or_implemented": 2, "rate": 0.5}
    assert figures["savings"] == {"target_nok": 5_000_000, "estimated_nok": 1_500_000, "share_of_target": 0.3,
                                  "by_focus_area": {"barn-og-unge": 300_000, "helse-og-livskvalitet": 1_200_000}}
    assert figures["routing"] == {"rerouted_by_hand": 1, "share_rerouted": 0.125}


def test_median_of_an_odd_count_is_the_middle_value(session, org):
    for days in (1, 9, 5):
        idea(session, area="barn-og-unge", status=Status.IN_REVIEW, created_days_ago=30, answered_after_days=days)
    session.flush()
    assert follow_up(session=session, org=org, now=NOW)["median_days_to_first_answer"] == pytest.approx(5.0)


def test_no_ideas_gives_empty_figures_not_errors(session, org):
    figures = follow_up(session=session, org=org, now=NOW)
    assert (figures["total"], figures["median_days_to_first_answer"], figures["implementation"]["rate"]) == (
        0, None, None)
