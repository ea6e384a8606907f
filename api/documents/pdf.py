"""The package as a PDF (fpdf2): the same title page, summary table and sections as the Word document.

The PDF's fonts are the built-in Helvetica in the Windows-1252 encoding, so no font file is needed on the server:
Norwegian and the usual punctuation print as written; a character beyond that code page (an emoji) prints as '?'.
"""

from __future__ import annotations

from fpdf import FPDF
from fpdf.enums import TableCellFillMode

from api.documents.content import Content
from api.documents.texts import t

MEDIA_TYPE = "application/pdf"
ENCODING = "windows-1252"
FONT = "helvetica"


def write(content: Content) -> bytes:
    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = ENCODING
    pdf.set_title(fit(content.title))
    pdf.set_auto_page_break(auto=True, margin=15)
    width = pdf.epw

    pdf.add_page()
    pdf.set_font(FONT, "B", 24)
    pdf.ln(40)
    pdf.multi_cell(width, 12, fit(content.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 16)
    pdf.multi_cell(width, 9, fit(content.subtitle), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)
    pdf.set_font(FONT, "", 11)
    for label, value in content.facts:
        pdf.set_font(FONT, "B", 11)
        pdf.cell(60, 7, fit(label))
        pdf.set_font(FONT, "", 11)
        pdf.multi_cell(width - 60, 7, fit(value), new_x="LMARGIN", new_y="NEXT")

    locale = content.locale
    pdf.add_page(orientation="L" if len(content.columns) > 6 else "P")
    heading(pdf, t(locale, "summary"), 16)
    pdf.set_font(FONT, "", 9)
    if content.empty:
        pdf.multi_cell(pdf.epw, 6, fit(content.empty), new_x="LMARGIN", new_y="NEXT")
    money = len(content.columns) - 4  # the year columns
    widths = (8, 70, 38, *([26] * money), 26, 24)
    aligns = ("LEFT", "LEFT", "LEFT", *(["RIGHT"] * money), "RIGHT", "LEFT")
    with pdf.table(col_widths=widths, text_align=aligns, cell_fill_mode=TableCellFillMode.ROWS,
                   cell_fill_color=245, line_height=5) as table:
        for row in [content.columns, *([content.text(v) for v in r] for r in content.rows),
                    [content.text(v) for v in content.total]]:
            cells = table.row()
            for value in row:
                cells.cell(fit(value))
    pdf.ln(6)
    heading(pdf, t(locale, "measure"), 12)
    pdf.set_font(FONT, "", 10)
    for label, amount in content.measures:
        pdf.cell(90, 6, fit(label))
        pdf.cell(40, 6, fit(content.text(amount)), align="R", new_x="LMARGIN", new_y="NEXT")

    if content.sections:
        pdf.add_page(orientation="P")
        heading(pdf, t(locale, "ideas"), 16)
    for section in content.sections:
        heading(pdf, section.heading, 13)
        for label, text in section.paragraphs:
            pdf.set_font(FONT, "B", 10)
            pdf.multi_cell(pdf.epw, 6, fit(label), new_x="LMARGIN", new_y="NEXT")
            pdf.set_font(FONT, "", 10)
            pdf.multi_cell(pdf.epw, 5, fit(text), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        pdf.ln(4)
    return bytes(pdf.output())


def heading(pdf: FPDF, text: str, size: int) -> None:
    pdf.set_font(FONT, "B", size)
    pdf.multi_cell(pdf.epw, size * 0.5, fit(text), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def fit(text: str) -> str:
    """The text in what the built-in fonts can print: anything beyond Windows-1252 becomes '?'."""
    return text.encode(ENCODING, "replace").decode(ENCODING)
