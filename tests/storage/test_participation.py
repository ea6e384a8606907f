"""Participation and the most supported open ideas against hand-counted data (storage/participation.py,
core/participation.py): who sent, supported and commented, per area and month, as a share of the org's people."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import delete

from core.privacy import erase
from core.stats import follow_up
from storage.models import Channel, Comment, Idea, Identity, Status, Submitter, Support, Voice

NOW = datetime(2026, 3, 15, 12, 0, tzinfo=UTC)
FEB, MAR = datetime(2026, 2, 10, tzinfo=UTC), datetime(2026, 3, 2, tzinfo=UTC)
B, H = "barn-og-unge", "helse-og-livskvalitet"


@pytest.fixture
def people(session):
    rows = [Submitter(display_name=name) for name in ("Kari", "Per", "Anne", "Ola", "Lise")]
    rows.append(Submitter(display_name=None, erased_at=NOW))  # erased: no longer one of the known people
    session.add_all(rows)
    session.flush()
    return {row.display_name or "erased": row.id for row in rows}


def idea(session, number, *, by, area, when, status=Status.RECEIVED, title=None):
    row = Idea(id=number, text=f"Forslag {number}", title=title, focus_area=area, status=status, channel=Channel.WEB,
               submitter_id=by, created_at=when, updated_at=when)
    session.add(row)
    session.flush()
    return row


def supports(session, idea_id, *people, when):
    session.add_all(Support(idea_id=idea_id, submitter_id=who, created_at=when) for who in people)
    session.flush()


@pytest.fixture
def counted(session, people):
    kari, per, anne, ola, lise = (people[n] for n in ("Kari", "Per", "Anne", "Ola", "Lise"))
    # February: Kari sends two ideas in one area (she counts once), Per one elsewhere; Anne supports Kari's.
    idea(session, 100_001, by=kari, area=B, when=FEB)
    idea(session, 100_002, by=kari, area=B, when=FEB)
    idea(session, 100_003, by=per, area=H, when=FEB)
    supports(session, 100_001, anne, when=FEB)
    # March: Ola sends; Anne, Lise and Kari support ideas of February's and March's; Lise also sends.
    idea(session, 100_004, by=ola, area=H, when=MAR, title="Felles vikarpool")
    idea(session, 100_005, by=lise, area=B, when=MAR, status=Status.ACCEPTED)
    supports(session, 100_004, anne, lise, kari, when=MAR)
    supports(session, 100_003, anne, when=MAR)
    supports(session, 100_005, anne, kari, ola, per, when=MAR)  # accepted: not open, not among the most supported
    return people


def test_people_who_sent_and_supported_per_area_and_month(session, org, counted):
    figures = follow_up(session=session, org=org, now=NOW)["participation"]
    assert (figures["people"], figures["people_from"]) == (5, "known_people")
    months = figures["by_month"]
    assert list(months) == ["2026-02", "2026-03"]
    assert months["2026-02"] == {
        "all": _row(5, sent=2, supported=1, participated=3),
        B: _row(5, sent=1, supported=1, participated=2),
        H: _row(5, sent=1, supported=0, participated=1)}
    assert months["2026-03"]["all"] == _row(5, sent=2, supported=5, participated=5)
    assert months["2026-03"][H] == _row(5, sent=1, supported=3, participated=4)  # Ola sent, three supported
    assert months["2026-03"][B] == _row(5, sent=1, supported=4, participated=5)


def test_shares_are_of_the_headcount_when_the_org_config_gives_one(session, org, counted):
    figures = follow_up(session=session, org=org.model_copy(update={"headcount": 40}), now=NOW)["participation"]
    assert (figures["people"], figures["people_from"]) == (40, "headcount")
    assert figures["by_month"]["2026-03"]["all"]["share_supported"] == round(5 / 40, 4)


def test_the_most_supported_open_ideas_first(session, org, counted):
    listed = follow_up(session=session, org=org, now=NOW)["most_supported"]
    assert listed == [
        {"id": 100_004, "heading": "Felles vikarpool", "focus_area": H, "status": "received", "support_count": 3},
        {"id": 100_003, "heading": "Forslag 100003", "focus_area": H, "status": "received", "support_count": 1},
        {"id": 100_001, "heading": "Forslag 100001", "focus_area": B, "status": "received", "support_count": 1}]


def test_nothing_to_count(session, org):
    figures = follow_up(session=session, org=org, now=NOW)
    assert figures["participation"] == {"people": 0, "people_from": "known_people", "by_month": {}}
    assert figures["most_supported"] == []


def test_a_colleague_commenting_takes_part_and_an_official_answer_does_not(session, org, counted):
    per, ola = counted["Per"], counted["Ola"]
    session.add_all([Comment(idea_id=100_004, submitter_id=per, voice=Voice.COLLEAGUE, text="Godt forslag",
                             created_at=MAR),
                     Comment(idea_id=100_004, submitter_id=ola, voice=Voice.HANDLER, text="Vi ser på det",
                             created_at=MAR)])
    session.flush()

    months = follow_up(session=session, org=org, now=NOW)["participation"]["by_month"]

    assert months["2026-03"][H] == _row(5, sent=1, supported=3, commented=1, participated=5)


def _row(people, *, commented=0, **counts):
    counts = {**counts, "commented": commented}
    return {**counts, **{f"share_{name}": round(n / people, 4) for name, n in counts.items()}}


def test_taking_part_is_kept_as_it_happened(session, org, counted):
    # Anne takes her March support of idea 100_003 back, and Per's idea moves to another area: in March Anne still
    # supported in helse-og-livskvalitet, and in February Per still sent there.
    session.execute(delete(Support).where(Support.idea_id == 100_003, Support.submitter_id == counted["Anne"]))
    session.get(Idea, 100_003).focus_area = B
    session.flush()

    months = follow_up(session=session, org=org, now=NOW)["participation"]["by_month"]

    assert months["2026-03"][H]["supported"] == 3
    assert months["2026-02"][H] == _row(5, sent=1, supported=0, participated=1)


def test_an_erased_person_leaves_the_figures(session, org, counted):
    kari = session.get(Submitter, counted["Kari"])
    kari.identities.append(Identity(channel=Channel.WEB, external_id="kari"))
    session.flush()

    erase(session=session, channel=Channel.WEB, external_id="kari", via=Channel.WEB, now=NOW)

    months = follow_up(session=session, org=org, now=NOW)["participation"]["by_month"]
    assert months["2026-02"][B] == _row(4, sent=0, supported=1, participated=1)  # four people left
    assert months["2026-03"]["all"]["participated"] == 4


def test_a_support_of_an_idea_the_session_does_not_hold_counts_in_its_area(session, org, counted):
    session.expunge_all()  # the idea is read from the database, not taken from the session
    supports(session, 100_003, counted["Ola"], when=MAR)  # he had supported only in barn-og-unge

    months = follow_up(session=session, org=org, now=NOW)["participation"]["by_month"]

    assert months["2026-03"][H]["supported"] == 4
