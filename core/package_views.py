"""An area package as a person may see it, and the overview of a phase's packages: what the web page, the REST
routes, the documents and the reminders read. The changes are core/packages.py's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from core.actors import Actor, may_adopt, package_areas
from core.budget import Phase
from core.errors import NotFound
from core.orgconfig import OrgConfig
from core.package_figures import Figures, amounts_of, figures, one_off_cost_of
from core.presentation import IdeaView, present
from core.unit_of_work import UnitOfWork
from storage.models import Package, PackageEventKind, PackageState, Status, utcnow
from storage.packages import ideas_by_id, package_history, packageable_ideas, packages_of
from storage.queries import history

PACKAGEABLE = (Status.ACCEPTED, Status.IMPLEMENTED)


@dataclass(frozen=True)
class Line:
    """One idea in the package, at its place, with its amount per budget year."""

    position: int
    idea: IdeaView
    amounts: dict[int, int]
    one_off_cost_nok: int | None
    assessment: str | None  # the commissioner's


@dataclass(frozen=True)
class PackageStep:
    kind: PackageEventKind
    actor: str
    idea_id: int | None
    note: str | None
    created_at: datetime


@dataclass(frozen=True)
class PackageView:
    focus_area: str
    phase: Phase
    state: PackageState
    submitted_at: datetime | None
    adopted_on: date | None
    case_reference: str | None
    lines: tuple[Line, ...]
    figures: Figures
    history: tuple[PackageStep, ...]
    candidates: tuple[IdeaView, ...]  # what may still go in, while it is a draft
    may_adopt: bool

    @property
    def may_change(self) -> bool:
        return self.state is PackageState.DRAFT

    @property
    def may_submit(self) -> bool:
        return self.state is PackageState.DRAFT and bool(self.lines)

    @property
    def may_send_back(self) -> bool:
        return self.state is PackageState.SUBMITTED


def current_phase(org: OrgConfig, today: date) -> Phase | None:
    """The phase open today; between phases the next to open, after the last the last."""
    if not org.phases:
        return None
    ordered = sorted(org.phases, key=lambda p: p.starts)
    return org.open_phase(today) or next((p for p in ordered if p.starts > today), ordered[-1])


def overview(*, uow: UnitOfWork, actor: Actor, phase: str | None = None,
             today: date | None = None) -> list[PackageView]:
    """The packages of the phase the actor may see, one per area (an empty draft where none is started): an
    administrator's are every area's, a commissioner's their own."""
    found = uow.org.phase(phase) if phase else current_phase(uow.org, today or utcnow().date())
    if found is None:
        raise NotFound(f"Unknown phase '{phase}'." if phase else "The org config has no phases.")
    areas = package_areas(actor, uow.org)
    stored = {p.focus_area: p for p in packages_of(uow.session, focus_areas=areas, phase=found.id)}
    return [build_view(uow, actor, area, found, stored.get(area)) for area in areas]


def build_view(uow: UnitOfWork, actor: Actor, focus_area: str, phase: Phase, package: Package | None) -> PackageView:
    session, org = uow.session, uow.org
    items = sorted(package.items, key=lambda i: i.position) if package is not None else []
    ideas = ideas_by_id(session, [i.idea_id for i in items])
    events = history(session, list(ideas))
    lines = tuple(Line(position=item.position,
                       idea=present(session, org, ideas[item.idea_id], viewer=actor,
                                    events=events.get(item.idea_id, [])),
                       amounts=amounts_of(ideas[item.idea_id], phase),
                       one_off_cost_nok=one_off_cost_of(ideas[item.idea_id]), assessment=item.assessment)
                  for item in items if item.idea_id in ideas)
    state = package.state if package is not None else PackageState.DRAFT
    candidates: tuple[IdeaView, ...] = ()
    if state is PackageState.DRAFT:
        candidates = tuple(present(session, org, idea, viewer=actor) for idea in packageable_ideas(
            session, focus_area=focus_area, phase=phase.id, statuses=PACKAGEABLE))
    steps = tuple(PackageStep(kind=e.kind, actor=e.actor, idea_id=e.idea_id, note=e.note, created_at=e.created_at)
                  for e in (package_history(session, package.id) if package is not None else []))
    return PackageView(
        focus_area=focus_area, phase=phase, state=state,
        submitted_at=package.submitted_at if package else None, adopted_on=package.adopted_on if package else None,
        case_reference=package.case_reference if package else None, lines=lines,
        figures=figures(org, phase, focus_area, [line.amounts for line in lines]), history=steps,
        candidates=candidates, may_adopt=may_adopt(actor) and state is PackageState.SUBMITTED)


@dataclass(frozen=True)
class AreaStanding:
    """An area's package in a phase, for the reminders: no one's view, only its state and figures."""

    focus_area: str
    state: PackageState
    figures: Figures


def standings(session: Session, org: OrgConfig, phase: Phase) -> list[AreaStanding]:
    """Every area's package figures in the phase (an area without a package stands at nothing)."""
    stored = {p.focus_area: p for p in packages_of(session, phase=phase.id)}
    found = []
    for area in org.area_ids:
        package = stored.get(area)
        ideas = ideas_by_id(session, [i.idea_id for i in package.items]) if package is not None else {}
        amounts = [amounts_of(idea, phase) for idea in ideas.values()]
        found.append(AreaStanding(focus_area=area, state=package.state if package else PackageState.DRAFT,
                                  figures=figures(org, phase, area, amounts)))
    return found
