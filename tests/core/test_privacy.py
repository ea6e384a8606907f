"""A person's own data (core/privacy.py): the copy of it, and erasure of the person from their ideas."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from core import lifecycle, privacy
from core.actors import Actor, Role
from storage.models import (
    AuditEntry,
    Channel,
    EventKind,
    Idea,
    Identity,
    OutboxMessage,
    Status,
    Submitter,
    utcnow,
)
from storage.queries import find_submitter
from tests.core.helpers import submit
from tests.people import EMPLOYEE, OPPVEKST, OTHER_EMPLOYEE


def kari_and_per(session, org):
    """Kari: one open idea (answered), one anonymous idea (a chat one, so notifications to her are queued); Per: one."""
    open_idea = submit(session, org, text="Kari sitt åpne forslag", by=EMPLOYEE)
    hidden = submit(session, org, text="Kari sitt anonyme forslag", by=EMPLOYEE, anonymous=True)
    pers = submit(session, org, text="Per sitt forslag", by=OTHER_EMPLOYEE)
    lifecycle.transition(session=session, idea=open_idea, to=Status.IN_REVIEW, actor=OPPVEKST, org=org)
    session.flush()
    return open_idea, hidden, pers


def export(session):
    return privacy.export_data(session=session, channel=Channel.WEB, external_id="kari", via=Channel.API)


def erase(session, user="kari"):
    return privacy.erase(session=session, channel=Channel.WEB, external_id=user, via=Channel.API)


def test_the_copy_holds_the_persons_profile_identities_and_every_idea_with_its_history(session, org):
    open_idea, hidden, _ = kari_and_per(session, org)
    data = export(session)
    assert data["profile"]["display_name"] == "Kari Nordmann"
    assert data["identities"] == [{"channel": "web", "external_id": "kari", "verified_email": None,
                                   "created_at": data["identities"][0]["created_at"]}]  # no address: plumbing
    assert [(i["id"], i["anonymous"]) for i in data["ideas"]] == [(open_idea.id, False), (hidden.id, True)]
    assert [e["kind"] for e in data["ideas"][0]["events"]] == ["received", "status_changed"]


def test_someone_with_no_ideas_gets_an_empty_copy(session, org):
    data = privacy.export_data(session=session, channel=Channel.WEB, external_id="nobody", via=Channel.WEB)
    assert (data["profile"], data["identities"], data["ideas"]) == (None, [], [])


def test_every_copy_and_erasure_is_audited_without_naming_anyone(session, org):
    kari_and_per(session, org)
    export(session)
    erase(session)
    entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [(e.action, e.actor, e.via) for e in entries] == [("data_exported", "self", Channel.API),
                                                             ("submitter_erased", "self", Channel.API)]
    assert entries[0].subject == entries[1].subject and entries[0].subject.startswith("submitter:")
    assert "kari" not in str([(e.subject, e.detail) for e in entries]).lower()


def test_erasure_keeps_the_ideas_and_cuts_every_tie_to_the_person(session, org):
    open_idea, hidden, pers = kari_and_per(session, org)
    kari = find_submitter(session, channel=Channel.WEB, external_id="kari")
    done = erase(session)
    assert (done.ideas, done.identities) == (2, 1)
    session.expire_all()
    for idea in (session.get(Idea, open_idea.id), session.get(Idea, hidden.id)):
        assert (idea.submitter_id, idea.source_key, idea.anonymous) == (None, None, True)
    person = session.get(Submitter, kari.id)
    assert (person.display_name, person.email, person.erased_at) == (None, None, done.erased_at)
    assert session.scalar(select(func.count()).select_from(Identity).where(Identity.submitter_id == kari.id)) == 0
    assert session.get(Idea, pers.id).submitter_id is not None  # nobody else's


def test_an_openly_sent_idea_records_the_erasure_and_an_anonymous_one_shows_nothing(session, org):
    open_idea, hidden, _ = kari_and_per(session, org)
    hidden.updated_at = before = utcnow() - timedelta(days=3)
    session.flush()
    erase(session)
    session.expire_all()
    erased = [e for e in session.get(Idea, open_idea.id).events if e.kind is EventKind.SUBMITTER_ERASED]
    assert [(e.actor, e.note, e.from_value, e.to_value) for e in erased] == [("submitter", None, None, None)]
    # An event or a fresh updated_at on the anonymous idea would tie it to the person's open ideas.
    anonymous = session.get(Idea, hidden.id)
    assert [e.kind for e in anonymous.events] == [EventKind.RECEIVED]
    assert abs(anonymous.updated_at - before) < timedelta(seconds=1)


def test_notifications_waiting_for_the_person_go_and_nothing_new_is_queued_for_them(session, org):
    open_idea, hidden, _ = kari_and_per(session, org)
    hidden.channel = open_idea.channel = Channel.SLACK  # chat submitters are told in chat
    kari = find_submitter(session, channel=Channel.WEB, external_id="kari")
    lifecycle.transition(session=session, idea=open_idea, to=Status.ACCEPTED, actor=OPPVEKST, org=org)
    session.flush()
    to_kari = select(func.count()).select_from(OutboxMessage).where(OutboxMessage.recipient == f"submitter:{kari.id}")
    assert session.scalar(to_kari) == 1
    erase(session)
    lifecycle.transition(session=session, idea=session.get(Idea, hidden.id), to=Status.IN_REVIEW, actor=OPPVEKST,
                         org=org)
    session.flush()
    assert session.scalar(to_kari) == 0
    assert session.scalar(select(func.count()).select_from(OutboxMessage)
                          .where(OutboxMessage.recipient.like("submitter:%"))) == 0


def test_erasing_twice_or_someone_unknown_changes_nothing_but_is_audited(session, org):
    kari_and_per(session, org)
    erase(session)
    again = erase(session)
    assert (again.ideas, again.identities, again.erased_at) == (0, 0, None)
    assert session.scalar(select(func.count()).select_from(AuditEntry)) == 2


def test_after_erasure_the_same_login_starts_afresh(session, org):
    kari_and_per(session, org)
    erase(session)
    new = submit(session, org, text="Et nytt forslag etterpå", by=EMPLOYEE)
    assert [i["id"] for i in export(session)["ideas"]] == [new.id]


# Kari's Entra object id: her web login (as Entra sent it) and, lowercased, her Teams identity (bot/teams/store.py).
OBJECT_ID = "6f1c2a9e-4b7d-4c1e-9a3f-2d8e5b7c1a40"
KARI_ON_THE_WEB = Actor(role=Role.EMPLOYEE, user_id=OBJECT_ID.upper(), name="Kari Nordmann")
KARI_IN_TEAMS = Actor(role=Role.EMPLOYEE, user_id=OBJECT_ID, channel=Channel.TEAMS, name="Kari N. (Teams)")


def kari_on_the_web_and_in_teams(session, org):
    """Kari: one open idea from the web; one open and one anonymous from Teams (two submitters); Per: one."""
    web = submit(session, org, text="Kari sitt forslag fra nettet", by=KARI_ON_THE_WEB)
    teams = submit(session, org, text="Kari sitt forslag fra Teams", by=KARI_IN_TEAMS, channel=Channel.TEAMS)
    hidden = submit(session, org, text="Kari sitt anonyme fra Teams", by=KARI_IN_TEAMS, channel=Channel.TEAMS,
                    anonymous=True)
    submit(session, org, text="Per sitt forslag", by=OTHER_EMPLOYEE)
    session.flush()
    return web, teams, hidden


def test_the_web_copy_also_holds_what_the_same_person_sent_in_teams(session, org):
    web, teams, hidden = kari_on_the_web_and_in_teams(session, org)
    data = privacy.export_data(session=session, channel=Channel.WEB, external_id=OBJECT_ID.upper(), via=Channel.API)
    assert [i["id"] for i in data["ideas"]] == [web.id, teams.id, hidden.id]
    assert [(i["channel"], i["external_id"]) for i in data["identities"]] == [("web", OBJECT_ID.upper()),
                                                                              ("teams", OBJECT_ID)]
    assert data["profile"]["display_name"] == "Kari Nordmann"
    assert [p["display_name"] for p in data["linked_profiles"]] == ["Kari N. (Teams)"]
    entries = session.scalars(select(AuditEntry)).all()
    assert [(e.action, e.detail) for e in entries] == [("data_exported", {"ideas": 3, "submitters": 2})]


def test_the_teams_identity_finds_the_web_login_too(session, org):
    web, teams, hidden = kari_on_the_web_and_in_teams(session, org)
    data = privacy.export_data(session=session, channel=Channel.TEAMS, external_id=OBJECT_ID, via=Channel.TEAMS)
    assert [i["id"] for i in data["ideas"]] == [web.id, teams.id, hidden.id]
    assert data["profile"]["display_name"] == "Kari N. (Teams)"  # the identity asked for comes first


def test_erasing_the_web_login_erases_the_teams_identity_too(session, org):
    web, teams, hidden = kari_on_the_web_and_in_teams(session, org)
    people = [find_submitter(session, channel=Channel.WEB, external_id=OBJECT_ID.upper()),
              find_submitter(session, channel=Channel.TEAMS, external_id=OBJECT_ID)]
    done = privacy.erase(session=session, channel=Channel.WEB, external_id=OBJECT_ID.upper(), via=Channel.WEB)
    assert (done.ideas, done.identities) == (3, 2)
    session.expire_all()
    for idea in (session.get(Idea, web.id), session.get(Idea, teams.id), session.get(Idea, hidden.id)):
        assert (idea.submitter_id, idea.source_key, idea.anonymous) == (None, None, True)
    for person in people:
        person = session.get(Submitter, person.id)
        assert (person.display_name, person.erased_at, person.identities) == (None, done.erased_at, [])
    entries = session.scalars(select(AuditEntry)).all()
    assert [(e.action, e.subject, e.detail) for e in entries] == [
        ("submitter_erased", f"submitter:{people[0].id}", {"ideas": 3, "identities": 2, "submitters": 2})]
    assert privacy.export_data(session=session, channel=Channel.TEAMS, external_id=OBJECT_ID,
                               via=Channel.TEAMS)["ideas"] == []


def test_an_anonymous_teams_idea_shows_staff_nothing_of_the_erasure(session, org):
    _, teams, hidden = kari_on_the_web_and_in_teams(session, org)
    hidden.updated_at = before = utcnow() - timedelta(days=3)
    session.flush()
    privacy.erase(session=session, channel=Channel.WEB, external_id=OBJECT_ID.upper(), via=Channel.WEB)
    session.expire_all()
    assert [e.kind for e in session.get(Idea, teams.id).events] == [EventKind.RECEIVED, EventKind.SUBMITTER_ERASED]
    anonymous = session.get(Idea, hidden.id)
    assert [e.kind for e in anonymous.events] == [EventKind.RECEIVED]
    assert abs(anonymous.updated_at - before) < timedelta(seconds=1)


def test_only_an_object_id_links_and_only_the_web_with_teams(session, org):
    # A development login and a Teams id without an object id are free-form; Slack ids are Slack's own.
    submit(session, org, text="Per i Teams uten objekt-id", by=Actor(role=Role.EMPLOYEE, user_id="per"),
           channel=Channel.TEAMS)
    submit(session, org, text="Noen i Slack", by=Actor(role=Role.EMPLOYEE, user_id=OBJECT_ID), channel=Channel.SLACK)
    mine = submit(session, org, text="Kari sitt forslag fra nettet", by=KARI_ON_THE_WEB)
    pers = submit(session, org, text="Per sitt forslag", by=OTHER_EMPLOYEE)
    as_per = privacy.export_data(session=session, channel=Channel.WEB, external_id="per", via=Channel.WEB)
    as_kari = privacy.export_data(session=session, channel=Channel.WEB, external_id=OBJECT_ID.upper(), via=Channel.WEB)
    assert ([i["id"] for i in as_per["ideas"]], [i["id"] for i in as_kari["ideas"]]) == ([pers.id], [mine.id])
    assert as_per["linked_profiles"] == as_kari["linked_profiles"] == []
