"""Every notification is written in the same transaction as the change that causes it: both are stored, or
neither (a change that fails to commit never tells anyone about itself, and a stored change is never untold).
"""

from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core import lifecycle
from core.actors import Actor, Role
from core.digest import enqueue_digests
from core.orgconfig import OrgConfig
from storage.models import Channel, Event, Idea, OutboxMessage, Status, utcnow
from tests.core.helpers import submit

ADMIN = Actor(role=Role.ADMIN, user_id="forslagskassa-admin", channel=Channel.WEB)


class Failed(Exception):
    """Something after the change in the same unit of work went wrong, e.g. the commit itself."""


@pytest.fixture
def slack_org(org: OrgConfig) -> OrgConfig:
    people = {"kommunalsjef-oppvekst": "UOPPVEKST", "arne-jorstad": "UHELSE", "frank-hauge": "UDIREKTOR"}
    return org.model_copy(update={"commissioners": [
        c.model_copy(update={"slack_user_id": people[c.id]}) for c in org.commissioners]})


@pytest.fixture
def idea_id(session_factory, slack_org) -> int:
    with session_factory.begin() as session:
        idea = submit(session, slack_org, channel=Channel.SLACK, area="helse-og-livskvalitet")
        idea.created_at = utcnow() - timedelta(days=30)  # overdue: the digest has something to say
        session.flush()
        return idea.id


def send(session: Session, org: OrgConfig, idea_id: int) -> None:
    submit(session, org, channel=Channel.SLACK, text="Et nytt forslag", area="samfunnsutvikler")


def answer(session: Session, org: OrgConfig, idea_id: int) -> None:
    lifecycle.transition(session=session, idea=session.get(Idea, idea_id), to=Status.IN_REVIEW, actor=ADMIN,
                         org=org)


def reroute(session: Session, org: OrgConfig, idea_id: int) -> None:
    lifecycle.reroute(session=session, idea=session.get(Idea, idea_id), focus_area="barn-og-unge", actor=ADMIN,
                      org=org)


def digest(session: Session, org: OrgConfig, idea_id: int) -> None:
    enqueue_digests(session=session, org=org)


CAUSES: dict[str, tuple[Callable[[Session, OrgConfig, int], None], set[str]]] = {
    "submission": (send, {"idea_received", "idea_routed"}),
    "status change": (answer, {"status_changed"}),
    "reroute": (reroute, {"rerouted", "idea_routed"}),
    "weekly digest": (digest, {"overdue_digest"}),
}


def counts(session_factory) -> tuple[int, int, int]:
    with session_factory() as session:
        return tuple(session.scalar(select(func.count()).select_from(table)) or 0  # type: ignore[return-value]
                     for table in (Idea, Event, OutboxMessage))


def new_kinds(session_factory, before: int) -> set[str]:
    with session_factory() as session:
        return set(session.scalars(select(OutboxMessage.kind).offset(before).order_by(OutboxMessage.id)))


@pytest.mark.parametrize("cause", CAUSES)
def test_a_change_and_its_notifications_are_stored_together(session_factory, slack_org, idea_id, cause):
    change, kinds = CAUSES[cause]
    before = counts(session_factory)
    with session_factory.begin() as session:
        change(session, slack_org, idea_id)
    assert new_kinds(session_factory, before[2]) == kinds


@pytest.mark.parametrize("cause", CAUSES)
def test_a_change_that_fails_to_commit_leaves_no_notification(session_factory, slack_org, idea_id, cause):
    change, _ = CAUSES[cause]
    before = counts(session_factory)
    with pytest.raises(Failed), session_factory.begin() as session:
        change(session, slack_org, idea_id)
        session.flush()
        raise Failed
    assert counts(session_factory) == before
