"""The ideas the caller may see, for spreadsheets: CSV and .xlsx with the same columns and rows.

Anonymous ideas never carry a submitter. Text that a spreadsheet would run as a formula stays text: in the CSV
behind an apostrophe, in the .xlsx as a string cell marked to show as text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from fastapi import APIRouter, Response
from fastapi.responses import StreamingResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from api.deps import StaffDep, UnitOfWorkDep, UnitOfWorkRoute
from api.problems import problem_responses
from core import reading
from core.actors import Actor
from core.locale import TIME_ZONE
from core.presentation import IdeaView
from core.unit_of_work import UnitOfWork

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

router = APIRouter(prefix="/api/v1", tags=["export"], responses=problem_responses(401, 403),
                   route_class=UnitOfWorkRoute)

COLUMNS = ["id", "created_at", "status", "focus_area", "sub_topic", "service", "commissioner", "confidence",
           "abstained", "channel", "anonymous", "title", "text", "estimated_saving_nok", "first_answered_at",
           "duplicate_of", "submitter_name", "phase", "unit", "one_off_cost_nok", "effect_year", "qualitative",
           "qualitative_text", "realised_saving_nok", "realised_on"]
# Then one column per budget year any exported idea has an effect in, "effect_2027", ...: sums per year by column.
EFFECT = "effect_{}"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOM = "\ufeff"  # without it Excel reads a CSV in the machine's ANSI code page and garbles æ, ø and å


@router.get("/export.csv", summary="All visible ideas as CSV (UTF-8 with BOM)", response_class=StreamingResponse,
            responses={200: {"content": {"text/csv": {}}}})
def export_csv(uow: UnitOfWorkDep, actor: StaffDep) -> StreamingResponse:
    # Rows are built while the session is open; the response streams after the request's session closes.
    columns, table = _table(uow, actor)
    rows = [[_csv_cell(v) for v in row] for row in table]
    headers = {"Content-Disposition": 'attachment; filename="forslag.csv"'}
    return StreamingResponse(_csv_lines(columns, rows), media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/export.xlsx", summary="All visible ideas as an Excel workbook", response_class=Response,
            responses={200: {"content": {XLSX: {}}}})
def export_xlsx(uow: UnitOfWorkDep, actor: StaffDep) -> Response:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Forslag")
    columns, table = _table(uow, actor)
    sheet.append(columns)
    for row in table:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    headers = {"Content-Disposition": 'attachment; filename="forslag.xlsx"'}
    return Response(buffer.getvalue(), media_type=XLSX, headers=headers)


def _table(uow: UnitOfWork, actor: Actor) -> tuple[list[str], list[list[object]]]:
    ideas = reading.everything(uow=uow, actor=actor)
    years = sorted({year for idea in ideas for year in idea.saving.by_year})
    return [*COLUMNS, *(EFFECT.format(year) for year in years)], [_row(idea, years) for idea in ideas]


def _row(idea: IdeaView, years: list[int]) -> list[object]:
    saving = idea.saving
    return [idea.id, idea.created_at, idea.status.value, idea.focus_area, idea.sub_topic, idea.service,
            idea.commissioner, idea.confidence, idea.abstained, idea.channel.value, idea.anonymous, idea.title,
            idea.text, idea.estimated_saving_nok, idea.first_answered_at, idea.duplicate_of, idea.submitter_name,
            idea.phase, idea.unit, saving.one_off_cost_nok, saving.effect_year, saving.qualitative,
            saving.qualitative_text, saving.realised_nok, saving.realised_on,
            *(saving.by_year.get(year) for year in years)]


def _csv_cell(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    # Spreadsheet programs run cells that start like a formula; an employee's text must stay text.
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _csv_lines(columns: list[str], rows: list[list[object]]) -> Iterator[str]:
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(row)
        if buffer.tell() > 64_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _xlsx_cell(sheet: WriteOnlyWorksheet, value: object) -> WriteOnlyCell:
    if isinstance(value, datetime):
        local = (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(TIME_ZONE).replace(tzinfo=None)
        cell = WriteOnlyCell(sheet, value=local)
        cell.number_format = "yyyy-mm-dd hh:mm"
        return cell
    if isinstance(value, date):  # a day alone: the time is kept from the reader (core/actors.py)
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    if not isinstance(value, str):
        return WriteOnlyCell(sheet, value=value)
    # A name from a directory may hold control characters the file format cannot carry.
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
    # openpyxl would store "=..." as a formula: a string cell it is, and quotePrefix keeps it text when edited.
    cell.data_type = "s"
    if value.startswith(FORMULA_START):
        cell.quotePrefix = True
    return cell
