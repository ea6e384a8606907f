"""The package's numbers as an .xlsx workbook (openpyxl): the summary table with amounts as numbers, the total
per budget year and the sums against the targets, for whoever works on the budget in a spreadsheet."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from api.documents.content import Cell, Content
from api.documents.texts import t

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NOK = "# ##0"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def write(content: Content) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = t(content.locale, "sheet.package")
    sheet.append([text(content.title)])
    sheet["A1"].font = Font(bold=True, size=14)
    for label, value in content.facts:
        put(sheet, [label, value])
    sheet.append([])
    header = sheet.max_row + 1
    put(sheet, content.columns)
    for cell in sheet[header]:
        cell.font = Font(bold=True)
    for row in content.rows:
        put(sheet, row)
    put(sheet, content.total)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.append([])
    put(sheet, [t(content.locale, "measure")])
    for label, amount in content.measures:
        put(sheet, [label, amount])
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 60
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def put(sheet: Worksheet, values: list[Cell]) -> None:
    sheet.append([(text(v) or None) if isinstance(v, str) else v for v in values])  # "" is an empty cell
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, int):
            cell.number_format = NOK
        elif isinstance(cell.value, str):
            # A title typed as "=..." is text, not a formula the spreadsheet would run.
            cell.data_type = "s"
            cell.quotePrefix = cell.value.startswith(FORMULA_START)


def text(value: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", value)
