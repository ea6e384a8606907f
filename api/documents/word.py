"""The package as a Word document (python-docx): a title page, the summary table with the sums against the
targets, and one section per idea."""

from __future__ import annotations

import io
import re

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from api.documents.content import Content
from api.documents.texts import t

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# XML 1.0 cannot hold these; an employee's text may (it was checked for control characters, but be sure).
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def write(content: Content) -> bytes:
    document = Document()
    document.add_heading(clean(content.title), level=0)
    document.add_paragraph(clean(content.subtitle)).runs[0].font.size = Pt(14)
    facts = document.add_table(rows=0, cols=2)
    for label, value in content.facts:
        cells = facts.add_row().cells
        cells[0].text, cells[1].text = clean(label), clean(value)
        cells[0].paragraphs[0].runs[0].bold = True
    document.add_page_break()

    locale = content.locale
    document.add_heading(t(locale, "summary"), level=1)
    if content.empty:
        document.add_paragraph(content.empty)
    table = document.add_table(rows=1, cols=len(content.columns))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, content.columns, strict=True):
        cell.text = name
        cell.paragraphs[0].runs[0].bold = True
    for row in [*content.rows, content.total]:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = clean(content.text(value))
            if isinstance(value, int):
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT

    document.add_heading(t(locale, "measure"), level=2)
    measures = document.add_table(rows=0, cols=2)
    for label, amount in content.measures:
        cells = measures.add_row().cells
        cells[0].text, cells[1].text = label, content.text(amount)
        cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT

    if content.sections:
        document.add_page_break()
        document.add_heading(t(locale, "ideas"), level=1)
    for section in content.sections:
        document.add_heading(clean(section.heading), level=2)
        for label, text in section.paragraphs:
            document.add_heading(label, level=3)
            for paragraph in clean(text).split("\n"):
                document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def clean(text: str) -> str:
    return NOT_IN_XML.sub("", text)
