"""The area package: each commissioner assembles, per phase, the package of their area's accepted (or implemented)
ideas — add, remove, order, assess — and moves it `draft -> submitted` (to the chief executive) `-> adopted` (the
council's date and case reference), or back to draft. An adopted package is frozen, and the submitters of its
ideas are told in their chat. One keyword-only function per use case; none commits.

Who may do what is core/actors.py's (`require_packager`, `require_adopter`); the money is core/package_figures.py's.
Every change writes the package's own event and, where an idea is concerned, an event on the idea.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.exc import IntegrityError

from core import notify
from core.actors import Actor, require_adopter, require_packager, require_visible
from core.budget import Phase
from core.errors import Conflict, InvalidInput, NotFound, RuleError
from core.package_views import PACKAGEABLE, PackageView, build_view, current_phase
from core.textcheck import require_clean, tidy
from core.unit_of_work import UnitOfWork
from storage.models import Event, EventKind, Idea, Package, PackageEvent, PackageEventKind, PackageState, utcnow
from storage.packages import add_item, find_package, item_of, remove_item, renumber
from storage.queries import get_idea

MAX_REFERENCE = 64
MAX_ASSESSMENT = 4_000
EMPTY = "An empty package cannot be submitted; add the area's accepted ideas first."


def show(*, uow: UnitOfWork, actor: Actor, focus_area: str, phase: str | None = None,
         today: date | None = None) -> PackageView:
    """The area's package of the phase (the current one when not named); an empty draft until something is in it.
    Reading writes nothing."""
    found = resolve_phase(uow, phase, today)
    _require_area(uow, actor, focus_area)
    return build_view(uow, actor, focus_area, found, find_package(uow.session, focus_area=focus_area,
                                                                    phase=found.id))


def add(*, uow: UnitOfWork, actor: Actor, focus_area: str, phase: str, idea_id: int,
        assessment: str | None = None) -> PackageView:
    """Put an accepted or implemented idea of the area at the end of the package (started by the first idea)."""
    package, found = _draft(uow, actor, focus_area, phase, create=True)
    idea = require_visible(uow.session, actor, uow.org, get_idea(uow.session, idea_id, for_update=True), idea_id)
    if idea.focus_area != focus_area:
        raise Conflict(f"Idea {idea_id} belongs to another focus area; only the area's own ideas go in its package.")
    if idea.status not in PACKAGEABLE:
        raise Conflict(f"Idea {idea_id} is {idea.status.value}; only accepted or implemented ideas go in a package.")
    if item_of(uow.session, idea_id=idea_id, phase=found.id) is not None:
        raise Conflict(f"Idea {idea_id} is already in a package of this phase.")
    note = _clean(assessment, MAX_ASSESSMENT, "assessment")
    try:
        with uow.session.begin_nested():
            item = add_item(uow.session, package=package, idea_id=idea_id)
    except IntegrityError:  # added by someone else at the same moment
        raise Conflict(f"Idea {idea_id} is already in a package of this phase.") from None
    item.assessment = note
    _record(uow, package, PackageEventKind.IDEA_ADDED, actor, idea_id=idea_id)
    _on_idea(uow, idea, EventKind.PACKAGED, actor, to_value=found.id)
    return _after(uow, actor, package, found)


def remove(*, uow: UnitOfWork, actor: Actor, focus_area: str, phase: str, idea_id: int) -> PackageView:
    package, found = _draft(uow, actor, focus_area, phase, missing=NotFound(f"Idea {idea_id} is not in this package."))
    item = next((i for i in package.items if i.idea_id == idea_id), None)
    if item is None:
        raise NotFound(f"Idea {idea_id} is not in this package.")
    remove_item(uow.session, package=package, item=item)
    _record(uow, package, PackageEventKind.IDEA_REMOVED, actor, idea_id=idea_id)
    idea = get_idea(uow.session, idea_id, for_update=True)
    if idea is not None:
        _on_idea(uow, idea, EventKind.UNPACKAGED, actor, from_value=found.id)
    return _after(uow, actor, package, found)


def reorder(*, uow: UnitOfWork, actor: Actor, focus_area: str, phase: str, order: list[int]) -> PackageView:
    """`order`: every idea of the package, each once, first to last. An empty order of a package not started
    changes nothing."""
    if not order and find_package(uow.session, focus_area=focus_area, phase=resolve_phase(uow, phase).id) is None:
        return show(uow=uow, actor=actor, focus_area=focus_area, phase=phase)
    package, found = _draft(uow, actor, focus_area, phase)
    held = sorted(i.idea_id for i in package.items)
    if sorted(order) != held:
        raise InvalidInput("The order must name every idea of the package exactly once: "
                           f"{', '.join(map(str, held)) or 'none'}.", field="order")
    renumber(package, order)
    _record(uow, package, PackageEventKind.REORDERED, actor, note=",".join(map(str, order)))
    return _after(uow, actor, package, found)


def assess(*, uow: UnitOfWork, actor: Actor, focus_area: str, phase: str, idea_id: int,
           assessment: str | None) -> PackageView:
    """The commissioner's assessment of one idea in the package, printed in its documents; empty clears it."""
    package, found = _draft(uow, actor, focus_area, phase, missing=NotFound(f"Idea {idea_id} is not in this package."))
    item = next((i for i in package.items if i.idea_id == idea_id), None)
    if item is None:
        raise NotFound(f"Idea {idea_id} is not in this package.")
    item.assessment = _clean(assessment, MAX_ASSESSMENT, "assessment")
    _record(uow, package, PackageEventKind.ASSESSED, actor, idea_id=idea_id)
    return _after(uow, actor, package, found)


def submit(*, uow: UnitOfWork, actor: Actor, focus_area: str, phase: str) -> PackageView:
    """Hand the package to the chief executive. Its ideas can no longer be changed until it is sent back."""
    package, found = _draft(uow, actor, focus_area, phase, missing=Conflict(EMPTY))
    if not package.items:
        raise Conflict(EMPTY)
    package.state, package.submitted_at = PackageState.SUBMITTED, utcnow()
    _record(uow, package, PackageEventKind.SUBMITTED, actor)
    _on_ideas(uow, package, EventKind.PACKAGE_STATE, actor, PackageState.DRAFT.value, PackageState.SUBMITTED.value)
    return _after(uow, actor, package, found)


def send_back(*, uow: UnitOfWork, actor: Actor, focus_area: str, phase: str, note: str | None = None) -> PackageView:
    """Back to draft from submitted: the chief executive asks for changes, or the commissioner takes it back."""
    found = resolve_phase(uow, phase)
    _require_area(uow, actor, focus_area)
    package = find_package(uow.session, focus_area=focus_area, phase=found.id, for_update=True)
    if package is None or package.state is not PackageState.SUBMITTED:
        raise Conflict(_not_in(package, PackageState.SUBMITTED, "sent back"))
    package.state, package.submitted_at = PackageState.DRAFT, None
    _record(uow, package, PackageEventKind.SENT_BACK, actor, note=_clean(note, MAX_ASSESSMENT, "note"))
    _on_ideas(uow, package, EventKind.PACKAGE_STATE, actor, PackageState.SUBMITTED.value, PackageState.DRAFT.value)
    return _after(uow, actor, package, found)


def adopt(*, uow: UnitOfWork, actor: Actor, focus_area: str, phase: str, adopted_on: date,
          case_reference: str) -> PackageView:
    """The council adopted the submitted package: its date and case reference ("PS 45/27") are kept, the package
    is frozen, and each submitter of its ideas is told in their chat that their idea is in the budget."""
    require_adopter(actor)
    found = resolve_phase(uow, phase)
    _require_area(uow, actor, focus_area)
    reference = _clean(case_reference, MAX_REFERENCE, "case_reference")
    if not reference:
        raise InvalidInput("The council's case reference is needed, e.g. 'PS 45/27'.", field="case_reference")
    package = find_package(uow.session, focus_area=focus_area, phase=found.id, for_update=True)
    if package is None or package.state is not PackageState.SUBMITTED:
        raise Conflict(_not_in(package, PackageState.SUBMITTED, "adopted"))
    package.state, package.adopted_on, package.case_reference = PackageState.ADOPTED, adopted_on, reference
    _record(uow, package, PackageEventKind.ADOPTED, actor, note=f"{reference} ({adopted_on.isoformat()})")
    years = budget_years_label(found)
    for item in package.items:
        idea = get_idea(uow.session, item.idea_id, for_update=True)
        if idea is not None:
            _on_idea(uow, idea, EventKind.ADOPTED, actor, to_value=found.id, note=reference)
            notify.package_adopted(session=uow.session, idea=idea, phase=found.id, years=years,
                                   case_reference=reference)
    return _after(uow, actor, package, found)


def budget_years_label(phase: Phase) -> str:
    """"2027", or "2022–2024" for a phase serving several budgets."""
    years = sorted(phase.budget_years)
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


def resolve_phase(uow: UnitOfWork, phase: str | None, today: date | None = None) -> Phase:
    if phase is None:
        found = current_phase(uow.org, today or utcnow().date())
        if found is None:
            raise NotFound("The org config has no phases; packages are assembled per phase.")
        return found
    named = uow.org.phase(phase)
    if named is None:
        known = ", ".join(p.id for p in uow.org.phases) or "none"
        raise NotFound(f"Unknown phase '{phase}'. Known: {known}.")
    return named


def _require_area(uow: UnitOfWork, actor: Actor, focus_area: str) -> None:
    if uow.org.area(focus_area) is None:
        raise NotFound(f"Unknown focus area '{focus_area}'. Known: {', '.join(uow.org.area_ids)}.")
    require_packager(actor, uow.org, focus_area)


def _draft(uow: UnitOfWork, actor: Actor, focus_area: str, phase: str, *, create: bool = False,
           missing: RuleError | None = None) -> tuple[Package, Phase]:
    """The package to change, locked; only a draft changes. One not started yet is started when `create`, else
    `missing` is raised (by default: nothing is in it to change)."""
    found = resolve_phase(uow, phase)
    _require_area(uow, actor, focus_area)
    session = uow.session
    package = find_package(session, focus_area=focus_area, phase=found.id, for_update=True)
    if package is None and not create:
        raise missing or NotFound("The package has no ideas yet.")
    if package is None:
        try:
            with session.begin_nested():
                package = Package(focus_area=focus_area, phase=found.id, state=PackageState.DRAFT)
                session.add(package)
                session.flush()
                _record(uow, package, PackageEventKind.OPENED, actor)
        except IntegrityError:  # opened by someone else at the same moment: use theirs
            package = find_package(session, focus_area=focus_area, phase=found.id, for_update=True)
    assert package is not None
    if package.state is not PackageState.DRAFT:
        raise Conflict(f"The package is {package.state.value}; only a draft can be changed"
                       + (" (send it back first)." if package.state is PackageState.SUBMITTED else "."))
    return package, found


def _not_in(package: Package | None, state: PackageState, what: str) -> str:
    now = package.state.value if package is not None else "not started"
    return f"Only a {state.value} package can be {what}; this one is {now}."


def _record(uow: UnitOfWork, package: Package, kind: PackageEventKind, actor: Actor, *, idea_id: int | None = None,
            note: str | None = None) -> None:
    uow.session.add(PackageEvent(package_id=package.id, kind=kind, actor=actor.label, idea_id=idea_id, note=note))
    package.updated_at = utcnow()


def _on_ideas(uow: UnitOfWork, package: Package, kind: EventKind, actor: Actor, old: str, new: str) -> None:
    for item in package.items:
        idea = get_idea(uow.session, item.idea_id, for_update=True)
        if idea is not None:
            _on_idea(uow, idea, kind, actor, from_value=old, to_value=new)


def _on_idea(uow: UnitOfWork, idea: Idea, kind: EventKind, actor: Actor, *, from_value: str | None = None,
             to_value: str | None = None, note: str | None = None) -> None:
    uow.session.add(Event(idea_id=idea.id, kind=kind, actor=actor.label, from_value=from_value, to_value=to_value,
                          note=note))
    idea.updated_at = utcnow()


def _after(uow: UnitOfWork, actor: Actor, package: Package, phase: Phase) -> PackageView:
    uow.session.flush()
    return build_view(uow, actor, package.focus_area, phase, package)


def _clean(text: str | None, limit: int, field: str) -> str | None:
    text = tidy(text)
    if text and len(text) > limit:
        raise InvalidInput(f"'{field}' is {len(text)} characters long; at most {limit} are allowed.", field=field)
    require_clean(text, field=field)
    return text
