"""The untranslated-draft mark: on every page, whatever headers the template has or lacks."""

from __future__ import annotations

import datetime
import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION

from unsubmit.render.engine import PreparedTemplate
from unsubmit.render.package import DocumentProperties

PROPS = DocumentProperties(title="T", language="en-GB", date=datetime.date(2023, 5, 7))
MARK = "Untranslated draft: the case text is not fully translated"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _template(*, header: str | None = None, sections: int = 1, first_page: bool = False) -> bytes:
    document = docx.Document()
    for number in range(sections):
        if number:
            document.add_section(WD_SECTION.NEW_PAGE)
        document.add_paragraph(f"{{{{ case.text }}}} {number}")
    section = document.sections[0]
    if header is not None:
        section.header.paragraphs[0].text = header
    section.different_first_page_header_footer = first_page
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _render(template: bytes, *, rtl: bool = False, draft: str | None = MARK) -> DocxDocument:
    data = PreparedTemplate(template, "t.docx").render(
        {"case": {"text": "Body"}}, PROPS, rtl=rtl, draft=draft
    )
    return docx.Document(BytesIO(data))


def _headers(document: DocxDocument) -> list[list[str]]:
    return [
        [paragraph.text for paragraph in header.paragraphs]
        for section in document.sections
        for header in (section.header, section.first_page_header, section.even_page_header)
    ]


def test_a_template_without_headers_gets_the_mark_in_every_header_of_every_section() -> None:
    document = _render(_template(sections=2))
    assert _headers(document) == [[MARK]] * 6
    assert [p.text for p in document.paragraphs if p.text] == ["Body 0", "Body 1"]


def test_a_letterhead_keeps_its_header_under_the_mark() -> None:
    document = _render(_template(header="Example Human Rights Group", first_page=True))
    default, first, even = _headers(document)
    assert default == [MARK, "Example Human Rights Group"]
    assert first == [MARK]  # a first page of its own, which had no header, gets one
    assert even == [MARK]
    assert document.sections[0].different_first_page_header_footer


def test_no_mark_without_a_draft() -> None:
    template = _template(header="Letterhead")
    assert _headers(_render(template, draft=None))[0] == ["Letterhead"]


def test_the_mark_is_right_to_left_in_an_arabic_document() -> None:
    arabic = "مسودة غير مترجمة"
    document = _render(_template(), rtl=True, draft=arabic)
    paragraph = document.sections[0].header.paragraphs[0]
    assert paragraph.text == arabic
    assert paragraph._p.find(f"{{{W}}}pPr/{{{W}}}bidi") is not None
    assert paragraph.runs[0]._r.find(f"{{{W}}}rPr/{{{W}}}rtl") is not None


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_shows_the_mark_on_every_page(tmp_path: Path) -> None:
    from unsubmit.render.pdf import docx_to_pdf

    long_body = _template(sections=3, first_page=True)
    data = PreparedTemplate(long_body, "t.docx").render(
        {"case": {"text": "Body " * 2000}}, PROPS, draft=MARK
    )
    pdf = tmp_path / "draft.pdf"
    pdf.write_bytes(docx_to_pdf(data))
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, check=True, timeout=60
    ).stdout.decode("utf-8")
    pages = [page for page in text.split("\f") if page.strip()]
    assert len(pages) > 3
    assert all(MARK in page for page in pages)
