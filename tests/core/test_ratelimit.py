"""SUBMIT_RATE_LIMIT: how many ideas one person may send in a while, counted from what the database holds."""

import threading
import time
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import delete
from sqlalchemy.orm import sessionmaker

from core import intake
from core.errors import RateLimited
from core.ratelimit import parse_rate
from core.settings import Settings
from storage.models import Channel, Idea
from storage.queries import find_submitter
from tests.core.helpers import submit
from tests.fakes import StaticClassifier
from tests.people import EMPLOYEE, OTHER_EMPLOYEE

THREE_A_MINUTE = parse_rate("3/minute")


@pytest.mark.parametrize(("text", "count", "seconds"), [
    ("10/minute", 10, 60), ("100/hour", 100, 3600), ("30/5minutes", 30, 300), ("1/second", 1, 1),
    (" 20 / day ", 20, 86400), ("5/2 hours", 5, 7200)])
def test_rates_are_read_as_people_write_them(text, count, seconds):
    limit = parse_rate(text)
    assert (limit.count, limit.seconds) == (count, seconds)


@pytest.mark.parametrize("text", ["off", "OFF", "none", "0"])
def test_the_limit_can_be_switched_off(text):
    assert parse_rate(text) is None


@pytest.mark.parametrize("text", ["", "ten/minute", "10", "10/fortnight", "0/minute", "10/0minutes", "-1/hour"])
def test_a_malformed_rate_is_refused_at_start_up_with_the_accepted_forms(text):
    with pytest.raises(ValueError, match="10/minute"):
        Settings(_env_file=None, submit_rate_limit=text)


def send(session, org, by=EMPLOYEE, **kw):
    ref = intake.SubmitterRef(channel=Channel.WEB, external_id=by.user_id, display_name=by.name)
    draft = intake.Draft(text=kw.pop("text", "Et forslag"), submitter=ref, channel=Channel.API, **kw)
    return intake.submit(session=session, draft=draft, classifier=StaticClassifier("barn-og-unge"), org=org,
                         limit=THREE_A_MINUTE)


def test_the_next_idea_past_the_limit_is_refused_with_the_wait(session, org):
    first = send(session, org)
    for _ in range(2):
        send(session, org)
    first.created_at -= timedelta(seconds=45)  # the oldest of the three leaves the window in 15 seconds
    session.flush()
    with pytest.raises(RateLimited) as refused:
        send(session, org)
    assert 14 <= refused.value.retry_after <= 15
    assert "3 ideas within 1 minute" in refused.value.message


def test_ideas_older_than_the_window_do_not_count(session, org):
    for _ in range(3):
        idea = send(session, org)
        idea.created_at -= timedelta(minutes=2)
    session.flush()
    assert send(session, org).id


def test_the_limit_is_per_person(session, org):
    for _ in range(3):
        send(session, org)
    assert send(session, org, by=OTHER_EMPLOYEE).id


def test_a_retried_delivery_is_not_a_new_submission(session, org):
    kept = [send(session, org, source_key=f"try:{n}") for n in range(3)]
    assert send(session, org, source_key="try:2").id == kept[2].id  # answered from what is stored, not refused


def test_without_a_limit_there_is_none(session, org):
    for _ in range(20):
        submit(session, org)  # the rule functions' callers pass no limit unless a setting gives one


def test_two_processes_taking_in_the_same_persons_ideas_at_once_count_one_after_the_other(engine, org):
    """Two workers, each in its own transaction, each sending the person's last allowed idea: one gets in."""
    one_a_minute = parse_rate("1/minute")
    factory = sessionmaker(engine, expire_on_commit=False)
    ref = intake.SubmitterRef(channel=Channel.WEB, external_id=f"racer-{uuid.uuid4().hex[:8]}")
    with factory.begin() as session:  # the person exists already (their row is what the workers lock)
        intake.ensure_submitter(session, ref)
    outcomes: list[str] = []
    first_is_in = threading.Event()

    def worker(hold: float) -> None:
        try:
            with factory.begin() as session:
                draft = intake.Draft(text="Samtidig", submitter=ref, channel=Channel.API)
                intake.submit(session=session, draft=draft, classifier=StaticClassifier(), org=org, limit=one_a_minute)
                first_is_in.set()
                time.sleep(hold)  # still uncommitted while the other worker asks
            outcomes.append("stored")
        except RateLimited:
            outcomes.append("refused")

    try:
        first = threading.Thread(target=worker, args=(0.5,))
        first.start()
        assert first_is_in.wait(10)
        second = threading.Thread(target=worker, args=(0.0,))
        second.start()
        first.join(20)
        second.join(20)
        assert sorted(outcomes) == ["refused", "stored"]
    finally:
        with factory.begin() as session:
            submitter = find_submitter(session, channel=Channel.WEB, external_id=ref.external_id)
            session.execute(delete(Idea).where(Idea.submitter_id == submitter.id))
            session.delete(submitter)
