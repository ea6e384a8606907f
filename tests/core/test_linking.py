"""Identities linked by a verified e-mail (storage.identities.people_behind): what each channel vouched for is
kept on its identity, changes with it, and only such an e-mail links — never a name that looks like one."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.dialects import sqlite

from core import intake, privacy
from core.actors import Actor, Role, own_submitter_ids
from storage.db import make_engine
from storage.identities import twins_query
from storage.models import Base, Channel, Identity
from tests.core.helpers import submit

MAIL = "kari.nordmann@loten.kommune.no"
KARI_IN_SLACK = Actor(role=Role.EMPLOYEE, user_id="UKARI", channel=Channel.SLACK)


def slack_kari(session, *, verified: str | None = MAIL, vouched: bool = True):
    ref = intake.SubmitterRef(channel=Channel.SLACK, external_id="UKARI", display_name="Kari Nordmann", email=MAIL,
                              verified_email=verified, vouched=vouched)
    return intake.ensure_submitter(session, ref)


def stored(session) -> str | None:
    return session.scalar(select(Identity.verified_email).where(Identity.external_id == "UKARI"))


def test_the_verified_email_is_kept_lowercased_changed_and_cleared_as_the_channel_says(session):
    slack_kari(session, verified="Kari.Nordmann@Loten.Kommune.no")
    assert stored(session) == MAIL
    slack_kari(session, verified="kari.n@loten.kommune.no")
    assert stored(session) == "kari.n@loten.kommune.no"
    slack_kari(session, verified=None, vouched=False)  # Slack did not answer: what was vouched for stays
    assert stored(session) == "kari.n@loten.kommune.no"
    slack_kari(session, verified=None)  # Slack answered: the e-mail is no longer confirmed
    assert stored(session) is None


def test_an_identity_links_to_the_others_by_its_stored_email_and_stops_when_it_is_cleared(session, org):
    slack_kari(session)
    from_slack = submit(session, org, text="Fra Slack", by=KARI_IN_SLACK, channel=Channel.SLACK)
    web = Actor(role=Role.EMPLOYEE, user_id="6f1c2a9e-4b7d-4c1e-9a3f-2d8e5b7c1a40", verified_email=MAIL)
    # The web login not stored yet: what its login vouches for links it.
    assert own_submitter_ids(session, web) == [from_slack.submitter_id]
    intake.ensure_submitter(session, intake.SubmitterRef(channel=Channel.WEB, external_id=web.user_id,
                                                         verified_email=MAIL, vouched=True))
    both = own_submitter_ids(session, web)
    assert len(both) == 2 and sorted(both) == sorted(own_submitter_ids(session, KARI_IN_SLACK))

    slack_kari(session, verified=None)
    assert own_submitter_ids(session, KARI_IN_SLACK) == [from_slack.submitter_id]


@pytest.mark.parametrize("name", [MAIL, MAIL.upper()])
def test_a_login_named_like_an_email_links_to_nobody(session, org, name):
    # A development or token login is a free-form name: the address it reads as was vouched for by nobody.
    slack_kari(session)
    submit(session, org, text="Fra Slack", by=KARI_IN_SLACK, channel=Channel.SLACK)
    mine = submit(session, org, text="Fra et token", by=Actor(role=Role.EMPLOYEE, user_id=name))
    as_token = privacy.export_data(session=session, channel=Channel.WEB, external_id=name, via=Channel.API)
    assert [i["text"] for i in as_token["ideas"]] == ["Fra et token"] and as_token["linked_profiles"] == []
    assert own_submitter_ids(session, KARI_IN_SLACK) != own_submitter_ids(session, Actor(role=Role.EMPLOYEE,
                                                                                         user_id=name))
    assert mine.submitter_id not in own_submitter_ids(session, KARI_IN_SLACK)


def test_an_email_a_channel_did_not_vouch_for_links_nothing(session, org):
    # Both know the same address, but only as a profile's e-mail (a Slack user whose e-mail is not confirmed).
    slack_kari(session, verified=None)
    submit(session, org, text="Fra Slack", by=KARI_IN_SLACK, channel=Channel.SLACK)
    web = intake.ensure_submitter(session, intake.SubmitterRef(channel=Channel.WEB, external_id="kari-web",
                                                               email=MAIL, vouched=True))
    assert own_submitter_ids(session, Actor(role=Role.EMPLOYEE, user_id="kari-web")) == [web.id]


@pytest.mark.parametrize("given", [None, MAIL])
def test_the_twins_are_found_off_the_email_index(tmp_path, given):
    """The e-mail part reads ix_identities_verified_email, never the whole table. The plan asked is SQLite's, on a
    database of its own."""
    engine = make_engine(f"sqlite:///{tmp_path / 'plan.db'}")
    Base.metadata.create_all(engine)
    query = twins_query(channel="slack", external_id="UKARI", object_id=None, verified_email=given)
    statement = query.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True})
    with engine.connect() as connection:
        plan = " ".join(row[-1] for row in connection.execute(text(f"EXPLAIN QUERY PLAN {statement}")))
    engine.dispose()
    assert "ix_identities_verified_email" in plan and "SCAN identities" not in plan
