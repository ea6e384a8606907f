"""Similar shared ideas while writing (core/similar.py), before a chat stores an idea (core/submission.py), and the
submitter sharing their own idea afterwards (core/my_ideas.share)."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core import handling, intake, my_ideas, support
from core.errors import Conflict, NotFound
from core.orgconfig import OrgConfig, Sharing
from core.services import Services
from core.similar import SimilarShared, similar_shared
from core.steering import Steered
from core.submission import Submitted, submit
from core.unit_of_work import UnitOfWork
from storage.models import Channel, Event, EventKind, Idea, Status
from tests.fakes import OverlapClassifier
from tests.people import EMPLOYEE, OPPVEKST, OTHER_EMPLOYEE

POOL = "Felles vikarpool for hjemmetjenesten i hele kommunen"
LIKE_POOL = "Vikarpool for hjemmetjenesten i kommunen"
ELSEWHERE = "Solcellepanel på taket av rådhuset"


@pytest.fixture
def classifier() -> OverlapClassifier:
    return OverlapClassifier("barn-og-unge")


def uow_with(session: Session, services: Services, org: OrgConfig, sharing: Sharing) -> UnitOfWork:
    return UnitOfWork(session=session,
                      services=dataclasses.replace(services, org=org.model_copy(update={"sharing": sharing})))


@pytest.fixture
def uow(session, services, org) -> UnitOfWork:
    return uow_with(session, services, org, Sharing.OPT_IN)


def draft(text: str, *, by: str = "kari", offer: bool = True, source_key: str | None = None,
          shared: bool = False) -> intake.Draft:
    ref = intake.SubmitterRef(channel=Channel.SLACK, external_id=by, display_name="Kari Nordmann")
    return intake.Draft(text=text, submitter=ref, channel=Channel.SLACK, offer_similar=offer, source_key=source_key,
                        shared=shared)


def sent(uow: UnitOfWork, classifier: OverlapClassifier, text: str, *, by: str = "per", shared: bool = True,
         anonymous: bool = False) -> int:
    ref = intake.SubmitterRef(channel=Channel.WEB, external_id=by, display_name="Per Hansen")
    done = submit(uow=uow, draft=intake.Draft(text=text, submitter=ref, channel=Channel.WEB, shared=shared,
                                              anonymous=anonymous))
    assert isinstance(done, Submitted)
    classifier.remember(done.idea.id, text)  # what the commit would do (core/intake.py: after_commit)
    return done.idea.id


def count_ideas(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Idea)) or 0


def test_only_open_shared_ideas_of_others_that_are_alike_are_shown(uow, classifier):
    shared = sent(uow, classifier, POOL)
    private = sent(uow, classifier, POOL + " og helgene", shared=False)
    mine = sent(uow, classifier, POOL + " hver dag", by="kari")
    declined = sent(uow, classifier, "Vikarpool for hjemmetjenesten")
    handling.decline(uow=uow, actor=OPPVEKST, idea_id=declined, reason="Prøvd før.")
    sent(uow, classifier, ELSEWHERE)

    found = similar_shared(uow=uow, actor=EMPLOYEE, text=LIKE_POOL)

    assert [item.id for item in found] == [shared]
    assert private not in [item.id for item in found] and mine not in [item.id for item in found]
    assert similar_shared(uow=uow, actor=EMPLOYEE, text="Kantine med lokal mat") == []
    assert similar_shared(uow=uow, actor=EMPLOYEE, text="vikar") == []  # too short to compare


def test_at_most_three_best_first_and_nothing_when_sharing_is_off(session, services, org, uow, classifier):
    ids = [sent(uow, classifier, POOL + extra) for extra in ("", " nå", " i år", " og i helgene")]
    found = similar_shared(uow=uow, actor=EMPLOYEE, text=POOL)
    assert len(found) == 3 and found[0].id == ids[0]
    off = uow_with(session, services, org, Sharing.OFF)
    assert similar_shared(uow=off, actor=EMPLOYEE, text=POOL) == []


def test_a_chat_draft_like_a_shared_idea_waits_for_the_persons_choice(uow, classifier):
    shared = sent(uow, classifier, POOL)
    before = count_ideas(uow.session)

    waiting = submit(uow=uow, draft=draft(LIKE_POOL, source_key="slack:Ev1"))

    assert isinstance(waiting, SimilarShared) and [i.id for i in waiting.items] == [shared]
    assert not waiting.repeated and count_ideas(uow.session) == before  # nothing stored yet
    again = submit(uow=uow, draft=draft(LIKE_POOL, source_key="slack:Ev1"))  # the platform's retry
    assert isinstance(again, SimilarShared) and again.repeated
    # "Send mitt forslag": the same text without the offer is stored as usual
    stored = submit(uow=uow, draft=draft(LIKE_POOL, offer=False, shared=True))
    assert isinstance(stored, Submitted) and stored.idea.text == LIKE_POOL and stored.idea.shared


def test_without_a_similar_shared_idea_the_flow_is_unchanged(session, services, org, uow, classifier):
    sent(uow, classifier, POOL, shared=False)
    assert isinstance(submit(uow=uow, draft=draft(LIKE_POOL)), Submitted)
    off = uow_with(session, services, org, Sharing.OFF)
    sent(off, classifier, POOL)
    assert isinstance(submit(uow=off, draft=draft(LIKE_POOL + " nå")), Submitted)


def test_a_report_of_wrongdoing_is_steered_before_any_similar_idea_is_looked_up(uow, classifier):
    sent(uow, classifier, POOL)
    classifier.intent = "varsling"
    done = submit(uow=uow, draft=draft(LIKE_POOL))
    assert isinstance(done, Steered) and done.intent == "varsling"


def test_an_anonymous_shared_idea_is_offered_without_its_submitter(uow, classifier):
    shared = sent(uow, classifier, POOL, anonymous=True)
    [item] = similar_shared(uow=uow, actor=EMPLOYEE, text=LIKE_POOL)
    assert item.id == shared
    assert "Per" not in repr(item)


def test_the_submitter_shares_their_own_idea_under_opt_in(uow, classifier):
    idea = sent(uow, classifier, POOL, by="kari", shared=False)
    kari = dataclasses.replace(EMPLOYEE, user_id="kari")
    assert idea not in [i.id for i in support.board(uow=uow, actor=OTHER_EMPLOYEE).items]

    done = my_ideas.share(uow=uow, actor=kari, idea_id=idea)

    assert done.idea.shared and not done.idea.shareable
    assert idea in [i.id for i in support.board(uow=uow, actor=OTHER_EMPLOYEE).items]
    event = uow.session.scalars(select(Event).where(Event.idea_id == idea, Event.kind == EventKind.SHARED)).one()
    assert (event.actor, event.to_value) == ("submitter", "true")
    assert my_ideas.share(uow=uow, actor=kari, idea_id=idea).happened == ()  # once is enough
    with pytest.raises(NotFound):  # someone else's idea answers like one that does not exist
        my_ideas.share(uow=uow, actor=OTHER_EMPLOYEE, idea_id=idea)


@pytest.mark.parametrize("sharing", [Sharing.OFF, Sharing.ON])
def test_sharing_ones_own_idea_is_a_choice_only_under_opt_in(session, services, org, classifier, sharing):
    uow = uow_with(session, services, org, sharing)
    idea = sent(uow, classifier, POOL, by="kari", shared=False)
    assert not submit(uow=uow, draft=draft(ELSEWHERE, offer=False)).idea.shareable  # type: ignore[union-attr]
    with pytest.raises(Conflict):
        my_ideas.share(uow=uow, actor=EMPLOYEE, idea_id=idea)


def test_a_closed_idea_is_not_shared_afterwards(uow, classifier):
    idea = sent(uow, classifier, POOL, by="kari", shared=False)
    handling.decline(uow=uow, actor=OPPVEKST, idea_id=idea, reason="Nei.")
    with pytest.raises(Conflict):
        my_ideas.share(uow=uow, actor=EMPLOYEE, idea_id=idea)
    assert uow.session.get(Idea, idea).status is Status.DECLINED
