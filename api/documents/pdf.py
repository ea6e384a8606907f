"""The package as a PDF (fpdf2): the same title page, summary table and sections as the Word document.

The font is DejaVu Sans, shipped beside this module (fonts/, its licence there) and embedded as a subset: the
built-in PDF fonts know only one code page, and a municipality's names and texts need more (Sami letters such as
č, đ, ŋ, ŧ; Polish and Lithuanian colleagues' names). A character the font has no glyph for (an emoji) prints as
'?', never as an empty box.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import TableCellFillMode

from api.documents.content import Content
from api.documents.texts import t

MEDIA_TYPE = "application/pdf"
FONT = "dejavu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
FONTS = Path(__file__).parent / "fonts"


def write(content: Content) -> bytes:
    pdf = FPDF(format="A4")
    for style, name in FONT_FILES.items():
        pdf.add_font(FONT, style, FONTS / name)
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
    amounts = len(content.columns) - 4  # the years and the one-off cost, between the unit and the status
    aligns = ("LEFT", "LEFT", "LEFT", *(["RIGHT"] * amounts), "LEFT")
    with pdf.table(col_widths=column_widths(pdf, content.columns), text_align=aligns, cell_fill_color=245,
                   cell_fill_mode=TableCellFillMode.ROWS, line_height=5) as table:
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


def column_widths(pdf: FPDF, columns: list[str]) -> list[float]:
    """Each column as wide as its heading in bold (a heading is never broken inside a word), amounts and units at
    least as wide as their usual contents; the idea's title takes the rest of the page."""
    pdf.set_font(FONT, "B", 9)
    least = [10, 0, 34, *([26] * (len(columns) - 4)), 20]
    widths = [max(floor, pdf.get_string_width(fit(name)) + 4) for floor, name in zip(least, columns, strict=True)]
    widths[1] = max(40, pdf.epw - sum(widths))
    pdf.set_font(FONT, "", 9)
    return widths


def heading(pdf: FPDF, text: str, size: int) -> None:
    pdf.set_font(FONT, "B", size)
    pdf.multi_cell(pdf.epw, size * 0.5, fit(text), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def fit(text: str) -> str:
    """The text in what the font can print: a character it has no glyph for becomes '?'."""
    printable = glyphs()
    return "".join(c if c in "\n\t" or ord(c) in printable else "?" for c in text)


@cache
def glyphs() -> frozenset[int]:
    """The characters both styles can print."""
    maps = [TTFont(FONTS / name, lazy=True).getBestCmap() for name in FONT_FILES.values()]
    return frozenset(set(maps[0]).intersection(*maps[1:]))
