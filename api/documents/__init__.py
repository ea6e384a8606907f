"""The area package as the documents the politicians read — Word, PDF — and its numbers as .xlsx, for the REST
route, the web page's download buttons and `forslagskassa package export` alike."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from api.documents import pdf, sheet, word
from api.documents.content import content, file_name
from core.orgconfig import OrgConfig
from core.package_views import PackageView
from storage.models import utcnow


class Format(enum.StrEnum):
    DOCX = "docx"
    PDF = "pdf"
    XLSX = "xlsx"


WRITERS = {Format.DOCX: (word.write, word.MEDIA_TYPE), Format.PDF: (pdf.write, pdf.MEDIA_TYPE),
           Format.XLSX: (sheet.write, sheet.MEDIA_TYPE)}


@dataclass(frozen=True)
class Document:
    data: bytes
    media_type: str
    file_name: str


def render(view: PackageView, org: OrgConfig, fmt: Format, *, locale: str = "nb") -> Document:
    now = utcnow()
    write, media_type = WRITERS[fmt]
    return Document(data=write(content(view, org, locale, made=now)), media_type=media_type,
                    file_name=file_name(view, fmt.value, now.date()))
