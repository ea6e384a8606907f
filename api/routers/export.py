"""CSV export of the ideas the caller may see. Anonymous ideas never carry a submitter."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from api.deps import StaffDep, UnitOfWorkDep, UnitOfWorkRoute
from api.problems import problem_responses
from core import reading
from core.presentation import IdeaView

router = APIRouter(prefix="/api/v1", tags=["export"], responses=problem_responses(401, 403),
                   route_class=UnitOfWorkRoute)

COLUMNS = ["id", "created_at", "status", "focus_area", "sub_topic", "commissioner", "confidence", "abstained",
           "channel", "anonymous", "title", "text", "estimated_saving_nok", "first_answered_at", "duplicate_of",
           "submitter_name"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@router.get("/export.csv", summary="All visible ideas as CSV", response_class=StreamingResponse,
            responses={200: {"content": {"text/csv": {}}}})
def export_csv(uow: UnitOfWorkDep, actor: StaffDep) -> StreamingResponse:
    # Rows are built while the session is open; the response streams after the request's session closes.
    rows = [[_cell(v) for v in _row(idea)] for idea in reading.everything(uow=uow, actor=actor)]
    headers = {"Content-Disposition": 'attachment; filename="forslag.csv"'}
    return StreamingResponse(_csv_lines(rows), media_type="text/csv; charset=utf-8", headers=headers)


def _row(idea: IdeaView) -> list[object]:
    return [idea.id, idea.created_at.isoformat(), idea.status.value, idea.focus_area, idea.sub_topic,
            idea.commissioner, idea.confidence, idea.abstained, idea.channel.value, idea.anonymous, idea.title,
            idea.text, idea.estimated_saving_nok,
            idea.first_answered_at.isoformat() if idea.first_answered_at else None, idea.duplicate_of,
            idea.submitter_name]


def _cell(value: object) -> object:
    # Spreadsheet programs run cells that start like a formula; an employee's text must stay text.
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _csv_lines(rows: list[list[object]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(row)
        if buffer.tell() > 64_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
