"""The package documents (api/documents), opened again: python-docx reads back the summary table, the PDF's
text (pdftotext when installed, and pypdf always) holds the ideas' titles, openpyxl reads the sums. No submitter is
named in any of them."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date

import openpyxl
import pytest
from docx import Document as WordDocument
from pypdf import PdfReader

from api.documents import Format, render
from core import handling, packages
from core.unit_of_work import UnitOfWork
from tests.core.helpers import submit
from tests.people import ADMIN, OPPVEKST

AREA, PHASE = "barn-og-unge", "fase-1"
IDEAS = [("Felles innkjøp av lisenser for skolene", 300_000, False, "skolene"),
         ("Samkjøring av skoleskyss på Løten", 150_000, True, None),
         ("=SUM(A1:A9) vikarpool for barnehagene", 50_000, False, "barnehagene")]


@pytest.fixture
def package(session, services):
    uow = UnitOfWork(session=session, services=services)
    for n, (title, saving, anonymous, unit) in enumerate(IDEAS):
        idea = submit(session, uow.org, text=f"{title}. Slik gjør vi det: …", by=None, anonymous=anonymous)
        idea.title = title
        handling.accept(uow=uow, actor=OPPVEKST, idea_id=idea.id, note=f"Svar om forslag {n}")
        handling.estimate_saving(uow=uow, actor=OPPVEKST, idea_id=idea.id, amount_nok=saving)
        handling.set_unit(uow=uow, actor=OPPVEKST, idea_id=idea.id, unit=unit)
        packages.add(uow=uow, actor=OPPVEKST, focus_area=AREA, phase=PHASE, idea_id=idea.id,
                     assessment=f"Vurdering av forslag {n}")
    packages.submit(uow=uow, actor=OPPVEKST, focus_area=AREA, phase=PHASE)
    return packages.adopt(uow=uow, actor=ADMIN, focus_area=AREA, phase=PHASE, adopted_on=date(2026, 12, 10),
                          case_reference="PS 45/27")


def test_the_word_document_has_a_title_page_the_summary_table_and_a_section_per_idea(package, org):
    document = render(package, org, Format.DOCX)
    assert document.file_name.startswith("pakke-barn-og-unge-fase-1-") and document.file_name.endswith(".docx")
    word = WordDocument(io.BytesIO(document.data))
    facts, summary, measures = word.tables
    assert ["Fase", "Fase 1: 5 millioner til budsjettet for 2027"] in [[c.text for c in r.cells] for r in facts.rows]
    assert ["Saksnummer", "PS 45/27"] in [[c.text for c in r.cells] for r in facts.rows]
    rows = [[cell.text for cell in row.cells] for row in summary.rows]
    assert rows[0] == ["Nr.", "Forslag", "Virksomhet", "Effekt 2027", "Engangskostnad", "Status"]
    assert [row[2] for row in rows[1:4]] == ["Skolene", "", "Barnehagene"]
    assert rows[1][1].endswith(IDEAS[0][0]) and rows[1][3] == "300\u00a0000\u00a0kr" and rows[1][4] == ""
    assert rows[-1][1:4] == ["Sum", "", "500\u00a0000\u00a0kr"]
    assert ["Pakkens sum i 2027", "500\u00a0000\u00a0kr"] in [[c.text for c in r.cells] for r in measures.rows]
    text = "\n".join(p.text for p in word.paragraphs)
    for n in range(len(IDEAS)):
        assert f"Svar om forslag {n}" in text and f"Vurdering av forslag {n}" in text
    assert "Kari" not in text + "".join(c.text for t in word.tables for r in t.rows for c in r.cells)


def pdf_texts(data: bytes, tmp_path) -> list[str]:
    """The PDF's text by pypdf, and by pdftotext too where poppler is installed."""
    texts = ["\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)]
    if shutil.which("pdftotext"):
        path = tmp_path / "pakke.pdf"
        path.write_bytes(data)
        texts.append(subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                                    check=True).stdout)
    return texts


def test_the_pdf_names_every_idea_and_no_submitter(package, org, tmp_path):
    document = render(package, org, Format.PDF)
    assert document.data.startswith(b"%PDF") and document.media_type == "application/pdf"
    for text in pdf_texts(document.data, tmp_path):
        flat = " ".join(text.split())
        assert "Tiltakspakke for Løten for barn og unge" in flat
        for title, *_ in IDEAS:
            assert title[:30] in flat
        assert "PS 45/27" in flat and "Kari" not in flat


def test_the_workbook_carries_the_amounts_as_numbers_and_the_sums(package, org):
    document = render(package, org, Format.XLSX, locale="en")
    sheet = openpyxl.load_workbook(io.BytesIO(document.data)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    header = rows.index(["No.", "Idea", "Unit", "Effect 2027", "One-off cost", "Status"])
    lines = rows[header + 1:header + 4]
    assert [line[3] for line in lines] == [300_000, 150_000, 50_000]
    assert rows[header + 4][1:4] == ["Total", None, 500_000]
    measures = {row[0]: row[1] for row in rows[header + 5:] if row and row[0]}
    share = package.figures.share_nok
    assert measures["The package's total in 2027"] == 500_000
    assert measures["The area's share of the phase's target"] == share
    assert measures["Missing to the share"] == share - 500_000
    # A title that looks like a formula stays text.
    formula_like = next(c for c in sheet["B"] if isinstance(c.value, str) and "=SUM" in c.value)
    assert formula_like.data_type == "s"
    assert not any("Kari" in str(v) for row in rows for v in row if v)


def test_an_empty_package_still_makes_all_three_documents(session, services, org):
    view = packages.show(uow=UnitOfWork(session=session, services=services), actor=ADMIN, focus_area="samfunnsutvikler",
                         phase=PHASE)
    for fmt in Format:
        assert render(view, org, fmt).data


def test_sami_letters_print_emoji_become_a_question_mark_and_endless_words_still_make_every_document(
        session, services, org, tmp_path):
    uow = UnitOfWork(session=session, services=services)
    idea = submit(session, org, text="Solceller 🌞 på taket i Čáhcesuolu: " + "x" * 3_000 + " – «slik» … ferdig")
    handling.accept(uow=uow, actor=OPPVEKST, idea_id=idea.id)
    view = packages.add(uow=uow, actor=OPPVEKST, focus_area=AREA, phase=PHASE, idea_id=idea.id,
                        assessment="Bra 👍 – vurdert av Áŋŋá Đuŧŧá")
    for fmt in Format:
        assert render(view, org, fmt).data
    for text in pdf_texts(render(view, org, Format.PDF).data, tmp_path):
        flat = " ".join(text.split())
        assert "Solceller ? på taket i Čáhcesuolu" in flat and "«slik» … ferdig" in flat
        assert "Bra ? – vurdert av Áŋŋá Đuŧŧá" in flat
