"""Supports racing each other: a double click, or one person on the web and in Teams at the same moment, each in its
own transaction on its own connection, count once (the unique key on (idea, person), core/support.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from core import intake, support
from core.actors import Actor, Role
from core.orgconfig import Sharing
from core.services import Services, build_services
from core.settings import Settings
from core.unit_of_work import transaction
from storage.db import make_engine
from storage.models import Channel, Support
from tests.conftest import LOTEN
from tests.fakes import StaticClassifier
from tests.reliability.threads import all_at_once, errors

OBJECT_ID = "0b9d3c1e-2f4a-4d6b-8e7f-1a2b3c4d5e6f"
PER = Actor(role=Role.EMPLOYEE, user_id="per", name="Per Hansen")
LISE_ON_THE_WEB = Actor(role=Role.EMPLOYEE, user_id=OBJECT_ID, name="Lise Berg")
LISE_IN_TEAMS = Actor(role=Role.EMPLOYEE, user_id=OBJECT_ID, channel=Channel.TEAMS, name="Lise Berg")
ROUNDS = 5


@pytest.fixture
def services(own_database: str, tmp_path: Path) -> Iterator[Services]:
    settings = Settings(_env_file=None, data_dir=tmp_path, database_url=own_database, org_config=LOTEN,
                        secret_key="x" * 48, run_worker=False)
    services = build_services(settings, classifier=StaticClassifier("barn-og-unge"), engine=make_engine(own_database))
    services.org = services.org.model_copy(update={"sharing": Sharing.ON})
    yield services
    services.close()


def an_idea(services: Services, text: str) -> int:
    with transaction(services) as uow:
        ref = intake.SubmitterRef(channel=Channel.WEB, external_id="kari", display_name="Kari Nordmann")
        draft = intake.Draft(text=text, submitter=ref, channel=Channel.WEB)
        return intake.submit(session=uow.session, draft=draft, classifier=services.classifier, org=uow.org).id


def known_in_teams(services: Services) -> None:
    """Lise has written to the Teams bot before: two submitter rows, one person."""
    for actor in (LISE_ON_THE_WEB, LISE_IN_TEAMS):
        with transaction(services) as uow:
            intake.ensure_submitter(uow.session, intake.SubmitterRef(channel=actor.channel, external_id=OBJECT_ID))


def at_once(services: Services, idea_id: int, actors: list[Actor]) -> list[BaseException]:
    def click(actor: Actor) -> None:
        with transaction(services) as uow:
            support.support(uow=uow, actor=actor, idea_id=idea_id)

    return errors(all_at_once([lambda actor=actor: click(actor) for actor in actors]))


@pytest.mark.parametrize("who", ["double_click", "web_and_teams"])
def test_two_supports_at_the_same_moment_count_once(services, who):
    if who == "web_and_teams":
        known_in_teams(services)
    actors = [PER, PER] if who == "double_click" else [LISE_ON_THE_WEB, LISE_IN_TEAMS]
    for round_ in range(ROUNDS):
        idea_id = an_idea(services, f"Forslag {round_} om felles vikarpool")
        assert at_once(services, idea_id, actors) == []
        with transaction(services) as uow:
            assert uow.session.scalar(select(func.count()).select_from(Support)
                                      .where(Support.idea_id == idea_id)) == 1


def test_a_support_that_lost_the_race_is_retried_and_found(services, monkeypatch):
    """The check saw no support, but another transaction's row was there by the insert: the unique key refuses it,
    and the retry from the savepoint finds the support instead of failing."""
    idea_id = an_idea(services, "Forslag om felles kantine")
    with transaction(services) as uow:
        support.support(uow=uow, actor=PER, idea_id=idea_id)
    real, calls = support.supported_by, []

    def blind_at_first(*args: object) -> set[int]:
        calls.append(args)
        return set() if len(calls) == 1 else real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(support, "supported_by", blind_at_first)
    with transaction(services) as uow:
        again = support.support(uow=uow, actor=PER, idea_id=idea_id)
    assert (again.count, again.supported, len(calls)) == (1, True, 2)
