"""Many supporters at once, and a merge racing them, each in its own transaction on its own connection (SQLite and
PostgreSQL): no support is lost and none counted twice. A small version of bench/support.py."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from core import handling, intake, support
from core.actors import Actor, Role
from core.errors import NotFound
from core.services import Services
from core.unit_of_work import transaction
from storage.models import Channel, Support
from tests.people import OPPVEKST
from tests.reliability.test_support_race import services  # noqa: F401 (a fixture)
from tests.reliability.threads import all_at_once

PEOPLE = 20


def employee(n: int) -> Actor:
    return Actor(role=Role.EMPLOYEE, user_id=f"ansatt-{n}", name=f"Ansatt {n}")


def an_idea(services: Services, text: str, by: str) -> int:  # noqa: F811
    with transaction(services) as uow:
        ref = intake.SubmitterRef(channel=Channel.WEB, external_id=by, display_name=by)
        draft = intake.Draft(text=text, submitter=ref, channel=Channel.WEB)
        return intake.submit(session=uow.session, draft=draft, classifier=services.classifier, org=uow.org).id


def give(services: Services, actor: Actor, idea_id: int) -> Callable[[], object]:  # noqa: F811
    def job() -> object:
        with transaction(services) as uow:
            return support.support(uow=uow, actor=actor, idea_id=idea_id)
    return job


def supporters(services: Services, idea_id: int) -> list[int]:  # noqa: F811
    with transaction(services) as uow:
        return list(uow.session.scalars(select(Support.submitter_id).where(Support.idea_id == idea_id)))


def person(services: Services, external_id: str) -> int:  # noqa: F811
    with transaction(services) as uow:
        return min(support.own_submitter_ids(uow.session, Actor(role=Role.EMPLOYEE, user_id=external_id)))


def test_twenty_colleagues_supporting_at_once_count_exactly_twenty(services):  # noqa: F811
    idea_id = an_idea(services, "Felles vikarpool for barnehagene", by="kari")
    results = all_at_once([give(services, employee(n), idea_id) for n in range(PEOPLE)])
    assert [r for r in results if isinstance(r, BaseException)] == []
    assert len(supporters(services, idea_id)) == PEOPLE == max(r.count for r in results)  # type: ignore[union-attr]


def test_a_merge_racing_supports_loses_none_and_doubles_none(services):  # noqa: F811
    original = an_idea(services, "Felles vikarpool for barnehagene", by="kari")
    duplicate = an_idea(services, "Vikarer som deles mellom barnehagene", by="per")
    # Half support the duplicate, half the original, and every fourth both: all while the duplicate is merged.
    who: list[int] = []
    jobs: list[Callable[[], object]] = []
    for n in range(PEOPLE):
        targets = (duplicate, original) if n % 4 == 0 else ((duplicate,) if n % 2 else (original,))
        who += [n] * len(targets)
        jobs += [give(services, employee(n), target) for target in targets]

    def merge() -> object:
        with transaction(services) as uow:
            return handling.mark_duplicate(uow=uow, actor=OPPVEKST, idea_id=duplicate, original_id=original)

    results = all_at_once([merge, *jobs])

    unexpected = [r for r in results if isinstance(r, BaseException) and not isinstance(r, NotFound)]
    assert unexpected == []
    # A support the duplicate took before the merge moved with it; one that came after was refused (the
    # duplicate left the board), never silently dropped.
    supported = {person(services, employee(n).user_id)
                 for n, r in zip(who, results[1:], strict=True) if isinstance(r, support.Supported)}
    on_original = supporters(services, original)
    assert len(on_original) == len(set(on_original))
    assert set(on_original) == supported | {person(services, "per")}
    assert supporters(services, duplicate) == []

