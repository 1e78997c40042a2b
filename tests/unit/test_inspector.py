"""The inspection of outputs finds what is active or external, in DOCX and PDF, and nothing else."""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.annotations import Link
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from tests.conftest import REPO, run
from tests.hostile.letterheads import hostile_letterhead, normal_letterhead, with_body
from unsubmit.render.inspector import docx_problems, pdf_problems

CASE = REPO / "samples" / "kalesnikava-urgent-appeal.yaml"


def _built(tmp_path: Path, letterhead: bytes) -> tuple[int, str, Path]:
    template = tmp_path / "letterhead.docx"
    template.write_bytes(letterhead)
    out = tmp_path / "out"
    result = run(["build", "-o", str(out), "--template", str(template), str(CASE)])
    return result.exit_code, result.output, out


# --- DOCX --------------------------------------------------------------------------------------


def test_a_letter_from_a_normal_letterhead_passes(tmp_path: Path) -> None:
    code, output, out = _built(tmp_path, normal_letterhead())
    assert code == 0, output
    (letter,) = out.glob("*.docx")
    assert docx_problems(letter.read_bytes()) == []


def test_every_trick_of_the_hostile_letterhead_is_found_in_it_raw() -> None:
    found = "\n".join(docx_problems(hostile_letterhead("http://127.0.0.1:9")))
    for expected in [
        "word/embeddings/oleObject1.bin: a part of type",
        "word/activeX/activeX1.xml: a part of type 'application/vnd.ms-office.activeX+xml'",
        "word/afchunk.html: a part of type 'text/html'",
        "an embedded object (object)",
        "an OLE object (OLEObject)",
        "an ActiveX control (control)",
        "a subdocument (subDoc)",
        "an altChunk (altChunk)",
        "a field 'DDEAUTO",
        "a field 'INCLUDEPICTURE",
        "a field 'INCLUDETEXT",
        "rIdStatic (image) to 'http://127.0.0.1:9/static.png', outside the document",
        "rIdLocal (image) to 'file:///etc/hostname'",
        "rIdUnc of type 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        "oleObject' ('file://///attacker/share/budget.xlsx')",
        "rIdFile (hyperlink) to 'file:///C:/Users/'",
        "rIdVba of type",
        "word/settings.xml: an attached template",
        "word/settings.xml: a mail merge",
        "word/webSettings.xml: a frameset",
        "rIdFrame of type",
        "rIdMerge of type",
    ]:
        assert expected in found, expected


def test_a_field_that_only_rendering_makes_stops_the_build(tmp_path: Path) -> None:
    """The cleaner sees "PAGE DDEAUTO ..." before rendering and keeps it; the condition then
    drops "PAGE", and the inspector sees the DDEAUTO field the letter would carry."""
    body = (
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        "<w:r><w:t>{% if false %}</w:t></w:r>"
        "<w:r><w:instrText>PAGE</w:instrText></w:r>"
        "<w:r><w:t>{% endif %}</w:t></w:r>"
        '<w:r><w:instrText xml:space="preserve"> DDEAUTO cmd "/c calc"</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )
    code, output, out = _built(tmp_path, with_body(body))
    assert code == 1
    assert "letterhead.docx: the document built from this template" in output
    assert "holds word/document.xml: a field 'DDEAUTO cmd" in output
    assert "nothing was written" in output
    assert not out.exists()


@pytest.mark.parametrize(
    ("attribute", "expected"),
    [
        ('<w:r><w:pict><v:shape href="file:///C:/a"/></w:pict></w:r>', "a drawing's link href"),
        ('<w:r><w:rPr><w:rStyle w:val="\\\\server\\share"/></w:rPr></w:r>', "points at a file"),
    ],
)
def test_links_in_attributes_are_found(attribute: str, expected: str) -> None:
    body = f'<w:p xmlns:v="urn:schemas-microsoft-com:vml">{attribute}</w:p>'
    assert expected in "\n".join(docx_problems(with_body(body)))


@pytest.mark.slow
def test_libreoffice_s_pdf_of_a_normal_letterhead_passes(tmp_path: Path) -> None:
    template = tmp_path / "letterhead.docx"
    template.write_bytes(normal_letterhead())
    out = tmp_path / "out"
    args = ["build", "-o", str(out), "--format", "pdf", "--template", str(template), str(CASE)]
    result = run(args)
    assert result.exit_code == 0, result.output
    (pdf,) = out.glob("*.pdf")
    assert pdf_problems(pdf.read_bytes()) == []


def test_a_broken_docx_is_a_problem_not_a_crash() -> None:
    assert docx_problems(b"not a zip")[0].startswith("the document is not a readable DOCX")


# --- PDF ---------------------------------------------------------------------------------------


def _pdf(change: Callable[[PdfWriter], None]) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    change(writer)
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _action(kind: str, **entries: str) -> Callable[[PdfWriter], None]:
    def change(writer: PdfWriter) -> None:
        action = DictionaryObject({NameObject("/S"): NameObject(kind)})
        for key, value in entries.items():
            action[NameObject(f"/{key}")] = TextStringObject(value)
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)

    return change


def _document_javascript(writer: PdfWriter) -> None:
    """Document-level JavaScript, as Acrobat writes it: a /JavaScript name tree."""
    script = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert(1)"),
        }
    )
    tree = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("x"), writer._add_object(script)])}
    )
    names = DictionaryObject({NameObject("/JavaScript"): writer._add_object(tree)})
    writer._root_object[NameObject("/Names")] = names


def test_a_pdf_with_web_links_only_passes() -> None:
    def link(writer: PdfWriter) -> None:
        writer.add_annotation(0, Link(rect=(0, 0, 50, 50), url="https://un.org/"))

    pdf = _pdf(link)
    assert pdf_problems(pdf) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (_document_javascript, "JavaScript (/JavaScript)"),
        (lambda w: w.add_attachment("notes.txt", b"secret"), "embedded files"),
        (
            lambda w: w.add_annotation(0, Link(rect=(0, 0, 5, 5), url="file:///etc/passwd")),
            "a link to 'file:///etc/passwd'",
        ),
        (_action("/Launch", F="calc.exe"), "an action /Launch"),
        (_action("/GoToR", F="other.pdf"), "an action /GoToR"),
        (_action("/JavaScript", JS="app.alert(1)"), "an action /JavaScript"),
        (_action("/URI", URI="smb://server/share"), "a link to 'smb://server/share'"),
    ],
)
def test_active_and_external_pdf_content_is_found(
    change: Callable[[PdfWriter], None], expected: str
) -> None:
    assert expected in "\n".join(pdf_problems(_pdf(change)))


def test_an_external_xobject_is_found() -> None:
    def change(writer: PdfWriter) -> None:
        reference = DictionaryObject(
            {NameObject("/F"): TextStringObject("other.pdf"), NameObject("/Page"): NameObject("/1")}
        )
        xobject = DictionaryObject(
            {NameObject("/Subtype"): NameObject("/Form"), NameObject("/Ref"): reference}
        )
        writer._root_object[NameObject("/X")] = writer._add_object(xobject)

    found = "\n".join(pdf_problems(_pdf(change)))
    assert "an external XObject" in found
    assert "a reference to a file ('other.pdf')" in found


def test_a_broken_pdf_is_a_problem_not_a_crash() -> None:
    assert pdf_problems(b"%PDF-1.7 nothing")[0].startswith("the PDF cannot be read")
