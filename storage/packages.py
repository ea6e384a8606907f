"""Reading and writing area packages: a package with its ideas, the ideas that may still go in, its history."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from storage.models import Idea, Package, PackageEvent, PackageItem, Status


def find_package(session: Session, *, focus_area: str, phase: str, for_update: bool = False) -> Package | None:
    query = (select(Package).where(Package.focus_area == focus_area, Package.phase == phase)
             .options(selectinload(Package.items)))
    if for_update:
        query = query.with_for_update()
    return session.scalar(query)


def packages_of(session: Session, *, focus_areas: Sequence[str] | None = None,
                phase: str | None = None) -> list[Package]:
    """Packages by phase and area; `focus_areas` None: every area's."""
    query = select(Package).options(selectinload(Package.items)).order_by(Package.phase, Package.focus_area)
    if focus_areas is not None:
        query = query.where(Package.focus_area.in_(focus_areas))
    if phase is not None:
        query = query.where(Package.phase == phase)
    return list(session.scalars(query))


def ideas_by_id(session: Session, idea_ids: Sequence[int]) -> dict[int, Idea]:
    if not idea_ids:
        return {}
    query = select(Idea).where(Idea.id.in_(idea_ids)).options(selectinload(Idea.submitter))
    return {idea.id: idea for idea in session.scalars(query)}


def packageable_ideas(session: Session, *, focus_area: str, phase: str, statuses: Sequence[Status]) -> list[Idea]:
    """The area's ideas in one of `statuses` that no package of the phase holds yet, oldest first."""
    taken = select(PackageItem.idea_id).where(PackageItem.phase == phase)
    query = (select(Idea).where(Idea.focus_area == focus_area, Idea.status.in_(statuses), Idea.id.not_in(taken))
             .order_by(Idea.received_on, Idea.id))
    return list(session.scalars(query))


def item_of(session: Session, *, idea_id: int, phase: str) -> PackageItem | None:
    """The idea's place in a package of the phase, if any."""
    return session.scalar(select(PackageItem).where(PackageItem.idea_id == idea_id, PackageItem.phase == phase))


def add_item(session: Session, *, package: Package, idea_id: int) -> PackageItem:
    """At the end of the package. A second row for the idea in the phase breaks the unique key."""
    last = session.scalar(select(func.max(PackageItem.position)).where(PackageItem.package_id == package.id))
    item = PackageItem(package_id=package.id, idea_id=idea_id, phase=package.phase, position=(last or 0) + 1)
    package.items.append(item)
    session.flush()
    return item


def remove_item(session: Session, *, package: Package, item: PackageItem) -> None:
    """Take the item out and close the gap, so positions stay 1..n."""
    package.items.remove(item)
    session.flush()
    renumber(package, [i.idea_id for i in sorted(package.items, key=lambda i: i.position)])


def renumber(package: Package, order: Sequence[int]) -> None:
    place = {idea_id: n for n, idea_id in enumerate(order, start=1)}
    for item in package.items:
        item.position = place[item.idea_id]


def package_history(session: Session, package_id: int) -> list[PackageEvent]:
    return list(session.scalars(select(PackageEvent).where(PackageEvent.package_id == package_id)
                                .order_by(PackageEvent.id)))
