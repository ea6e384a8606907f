"""Who sees which ideas as their own: one login's, and the same person's from the web and Teams (one Entra id)."""

from __future__ import annotations

from sqlalchemy import select

from core.actors import Actor, Role, can_see, is_submitter, visible_ideas
from storage.models import Channel, Idea
from tests.core.helpers import submit
from tests.people import OTHER_EMPLOYEE

# Kari's Entra object id: her web login (as Entra sent it) and, lowercased, her Teams identity (bot/teams/store.py).
OBJECT_ID = "6f1c2a9e-4b7d-4c1e-9a3f-2d8e5b7c1a40"
KARI_ON_THE_WEB = Actor(role=Role.EMPLOYEE, user_id=OBJECT_ID.upper(), name="Kari Nordmann")
KARI_IN_TEAMS = Actor(role=Role.EMPLOYEE, user_id=OBJECT_ID, channel=Channel.TEAMS, name="Kari N. (Teams)")


def own(session, org, actor: Actor) -> list[str]:
    return sorted(session.scalars(select(Idea.text).where(*visible_ideas(session, actor, org))))


def test_the_web_login_sees_what_the_same_person_sent_in_teams_and_the_other_way_round(session, org):
    web = submit(session, org, text="Fra nettet", by=KARI_ON_THE_WEB)
    teams = submit(session, org, text="Fra Teams", by=KARI_IN_TEAMS, channel=Channel.TEAMS)
    submit(session, org, text="Per sitt", by=OTHER_EMPLOYEE)
    session.flush()
    assert own(session, org, KARI_ON_THE_WEB) == own(session, org, KARI_IN_TEAMS) == ["Fra Teams", "Fra nettet"]
    for actor in (KARI_ON_THE_WEB, KARI_IN_TEAMS):
        assert is_submitter(session, actor, web) and is_submitter(session, actor, teams)
        assert can_see(session, actor, org, teams)


def test_nothing_but_an_entra_object_id_links_two_logins(session, org):
    # A development or token login is a free-form name, and so is a Teams id without an object id; Slack ids are
    # Slack's own. Equal strings in two such channels are not proof of one person.
    per_on_the_web = Actor(role=Role.EMPLOYEE, user_id="per")
    teams_per = submit(session, org, text="Per i Teams uten objekt-id", by=Actor(role=Role.EMPLOYEE, user_id="per"),
                       channel=Channel.TEAMS)
    slack = submit(session, org, text="Noen i Slack", by=Actor(role=Role.EMPLOYEE, user_id=OBJECT_ID),
                   channel=Channel.SLACK)
    submit(session, org, text="Kari fra nettet", by=KARI_ON_THE_WEB)
    session.flush()
    assert own(session, org, per_on_the_web) == []
    assert own(session, org, KARI_ON_THE_WEB) == ["Kari fra nettet"]
    assert not is_submitter(session, per_on_the_web, teams_per)
    assert not is_submitter(session, KARI_ON_THE_WEB, slack)


def test_someone_elses_object_id_sees_none_of_it(session, org):
    submit(session, org, text="Fra Teams", by=KARI_IN_TEAMS, channel=Channel.TEAMS)
    session.flush()
    stranger = Actor(role=Role.EMPLOYEE, user_id="0b6f3c1d-2e4a-4f5b-8c7d-9e0a1b2c3d4e")
    assert own(session, org, stranger) == []
