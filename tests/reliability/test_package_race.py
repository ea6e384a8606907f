"""Commissioners filling a package at the same moment, each in their own transaction on their own connection: the
package is started once, every idea gets its own place (1..n, no two alike), and an idea added twice at once goes in
once while the other click is told it is already there (core/packages.py locks the package row)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from core import handling, intake, packages
from core.errors import Conflict
from core.services import Services, build_services
from core.settings import Settings
from core.unit_of_work import transaction
from storage.db import make_engine
from storage.models import Channel, PackageEvent, PackageEventKind, PackageItem
from tests.conftest import LOTEN
from tests.fakes import StaticClassifier
from tests.people import OPPVEKST
from tests.reliability.threads import all_at_once, errors

AREA, PHASE = "barn-og-unge", "fase-1"
CLICKS = 4


@pytest.fixture
def services(own_database: str, tmp_path: Path) -> Iterator[Services]:
    settings = Settings(_env_file=None, data_dir=tmp_path, database_url=own_database, org_config=LOTEN,
                        secret_key="x" * 48, run_worker=False)
    services = build_services(settings, classifier=StaticClassifier(AREA), engine=make_engine(own_database))
    yield services
    services.close()


def accepted_ideas(services: Services, n: int) -> list[int]:
    ids = []
    with transaction(services) as uow:
        ref = intake.SubmitterRef(channel=Channel.WEB, external_id="kari", display_name="Kari Nordmann")
        for k in range(n):
            draft = intake.Draft(text=f"Forslag {k}: felles innkjøp for barnehagene", submitter=ref,
                                 channel=Channel.WEB)
            idea = intake.submit(session=uow.session, draft=draft, classifier=services.classifier, org=uow.org)
            handling.accept(uow=uow, actor=OPPVEKST, idea_id=idea.id)
            ids.append(idea.id)
    return ids


def at_once(services: Services, idea_ids: list[int]) -> list[BaseException]:
    def add(idea_id: int) -> None:
        with transaction(services) as uow:
            packages.add(uow=uow, actor=OPPVEKST, focus_area=AREA, phase=PHASE, idea_id=idea_id)

    return errors(all_at_once([lambda idea_id=idea_id: add(idea_id) for idea_id in idea_ids]))


def stored(services: Services, query: Callable[..., object]) -> list:
    with transaction(services) as uow:
        return list(uow.session.execute(query()))


def test_ideas_added_at_once_to_a_package_not_yet_started_each_get_their_own_place(services):
    ideas = accepted_ideas(services, CLICKS)

    assert at_once(services, ideas) == []

    items = stored(services, lambda: select(PackageItem.package_id, PackageItem.idea_id, PackageItem.position))
    assert len({package for package, _, _ in items}) == 1
    assert sorted(idea for _, idea, _ in items) == sorted(ideas)
    assert sorted(position for _, _, position in items) == list(range(1, CLICKS + 1))
    kinds = [kind for (kind,) in stored(services, lambda: select(PackageEvent.kind))]
    assert kinds.count(PackageEventKind.OPENED) == 1 and kinds.count(PackageEventKind.IDEA_ADDED) == CLICKS


def test_one_idea_added_twice_at_once_goes_in_once_and_the_other_click_is_told(services):
    [idea] = accepted_ideas(services, 1)

    failed = at_once(services, [idea, idea])

    assert len(failed) == 1 and isinstance(failed[0], Conflict) and "already in a package" in str(failed[0])
    assert stored(services, lambda: select(PackageItem.idea_id, PackageItem.position)) == [(idea, 1)]
