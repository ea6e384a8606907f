"""The area packages: read and assemble a package, submit it to the chief executive, send it back, record the
council's adoption, and download it as Word, PDF or .xlsx. Who may do what is core/actors.py's: the area's
commissioner or an administrator assembles and submits, an administrator adopts."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Response

from api.deps import StaffDep, UnitOfWorkDep, UnitOfWorkRoute
from api.documents import WRITERS, Format, render
from api.package_schemas import (
    AdoptIn,
    AssessmentIn,
    ItemIn,
    OrderIn,
    PackageOut,
    SendBackIn,
    package_out,
)
from api.problems import problem_responses
from core import package_views, packages
from core.package_views import PackageView

router = APIRouter(prefix="/api/v1/packages", tags=["packages"],
                   responses=problem_responses(400, 401, 403, 404, 413, 422), route_class=UnitOfWorkRoute)
CHANGE = problem_responses(409)
Area = Annotated[str, Path(max_length=64, description="A focus area id.")]
PhaseId = Annotated[str, Path(max_length=64, description="A phase id of the org config.")]
Language = Annotated[Literal["nb", "en"], Query(description="The document's language.")]


@router.get("", response_model=list[PackageOut], summary="The packages of a phase you may see")
def overview(uow: UnitOfWorkDep, actor: StaffDep,
             phase: Annotated[str | None, Query(max_length=64, description="Default: the current phase.")] = None,
             ) -> list[dict[str, Any]]:
    """One per area: an administrator's are every area's, a commissioner's their own (an empty draft where none
    is started)."""
    return [package_out(view) for view in package_views.overview(uow=uow, actor=actor, phase=phase)]


@router.get("/{area}/{phase}.{fmt}", response_class=Response, summary="The package as Word, PDF or .xlsx",
            responses={200: {"content": {media: {} for _, media in WRITERS.values()}}})
def document(area: Area, phase: PhaseId, fmt: Format, uow: UnitOfWorkDep, actor: StaffDep,
             lang: Language = "nb") -> Response:
    """A title page with the phase and area, the summary table (idea, unit, effect per budget year, one-off cost,
    status) with the sums against the area's share and its units' challenges, and a section per idea. No
    submitter is named."""
    view = packages.show(uow=uow, actor=actor, focus_area=area, phase=phase)
    made = render(view, uow.org, fmt, locale=lang)
    return Response(made.data, media_type=made.media_type,
                    headers={"Content-Disposition": f'attachment; filename="{made.file_name}"'})


@router.get("/{area}/{phase}", response_model=PackageOut, summary="One area's package of a phase")
def show(area: Area, phase: PhaseId, uow: UnitOfWorkDep, actor: StaffDep) -> dict[str, Any]:
    return package_out(packages.show(uow=uow, actor=actor, focus_area=area, phase=phase))


@router.post("/{area}/{phase}/items", response_model=PackageOut, responses=CHANGE, summary="Add an idea")
def add(area: Area, phase: PhaseId, body: ItemIn, uow: UnitOfWorkDep, actor: StaffDep) -> dict[str, Any]:
    """At the end of the draft package: an accepted or implemented idea of the area, in no other package of the
    phase (409 otherwise)."""
    return _done(uow, packages.add(uow=uow, actor=actor, focus_area=area, phase=phase, idea_id=body.idea_id,
                                   assessment=body.assessment))


@router.patch("/{area}/{phase}/items/{idea_id}", response_model=PackageOut, responses=CHANGE,
              summary="The commissioner's assessment of an idea in the package")
def assess(area: Area, phase: PhaseId, idea_id: int, body: AssessmentIn, uow: UnitOfWorkDep,
           actor: StaffDep) -> dict[str, Any]:
    return _done(uow, packages.assess(uow=uow, actor=actor, focus_area=area, phase=phase, idea_id=idea_id,
                                      assessment=body.assessment))


@router.delete("/{area}/{phase}/items/{idea_id}", response_model=PackageOut, responses=CHANGE,
               summary="Take an idea out")
def remove(area: Area, phase: PhaseId, idea_id: int, uow: UnitOfWorkDep, actor: StaffDep) -> dict[str, Any]:
    return _done(uow, packages.remove(uow=uow, actor=actor, focus_area=area, phase=phase, idea_id=idea_id))


@router.put("/{area}/{phase}/order", response_model=PackageOut, responses=CHANGE, summary="Order the ideas")
def reorder(area: Area, phase: PhaseId, body: OrderIn, uow: UnitOfWorkDep, actor: StaffDep) -> dict[str, Any]:
    return _done(uow, packages.reorder(uow=uow, actor=actor, focus_area=area, phase=phase, order=body.idea_ids))


@router.post("/{area}/{phase}/submit", response_model=PackageOut, responses=CHANGE,
             summary="Submit the package to the chief executive")
def submit(area: Area, phase: PhaseId, uow: UnitOfWorkDep, actor: StaffDep) -> dict[str, Any]:
    return _done(uow, packages.submit(uow=uow, actor=actor, focus_area=area, phase=phase))


@router.post("/{area}/{phase}/send-back", response_model=PackageOut, responses=CHANGE,
             summary="Send a submitted package back to draft")
def send_back(area: Area, phase: PhaseId, uow: UnitOfWorkDep, actor: StaffDep,
              body: SendBackIn | None = None) -> dict[str, Any]:
    return _done(uow, packages.send_back(uow=uow, actor=actor, focus_area=area, phase=phase,
                                         note=body.note if body else None))


@router.post("/{area}/{phase}/adopt", response_model=PackageOut, responses=CHANGE,
             summary="Record the council's adoption (administrators)")
def adopt(area: Area, phase: PhaseId, body: AdoptIn, uow: UnitOfWorkDep, actor: StaffDep) -> dict[str, Any]:
    """The package is frozen from then on, and each submitter of its ideas is told in their chat that their idea
    is in the budget — anonymous ones too, without being named to anyone."""
    return _done(uow, packages.adopt(uow=uow, actor=actor, focus_area=area, phase=phase, adopted_on=body.adopted_on,
                                     case_reference=body.case_reference))


def _done(uow: UnitOfWorkDep, view: PackageView) -> dict[str, Any]:
    out = package_out(view)
    uow.session.commit()
    return out
