"""A letterhead keeps what a letterhead needs and loses, by name, everything that reaches out.

The built letters are read here with zipfile and lxml alone (and python-docx for the text), not
with unsubmit's cleaner or inspector, so that a blind spot of theirs cannot hide here too.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Any

import docx
import pytest
from lxml import etree

from tests.conftest import REPO, run
from tests.hostile.letterheads import ORGANISATION, WEBSITE, hostile_letterhead, normal_letterhead

CASE = REPO / "samples" / "kalesnikava-urgent-appeal.yaml"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: Elements that embed, link or run something (local names, any namespace).
ACTIVE = {"object", "control", "OLEObject", "subDoc", "altChunk", "frameset", "mailMerge"}
#: What the build must name, one warning each, for the hostile letterhead.
NAMED = [
    "an image at 'http://127.0.0.1:9/static.png', outside the document",
    "an image at 'http://127.0.0.1:9/k', outside the document",
    "an image at 'file:///etc/hostname', outside the document",
    "an OLE object at 'file://///attacker/share/budget.xlsx', outside the document",
    "an OLE object ('embeddings/oleObject1.bin')",
    "an ActiveX control ('activeX/activeX1.xml')",
    "a subdocument at 'file:///C:/Cases/secret.docx', outside the document",
    "a frame of a frameset at 'http://127.0.0.1:9/frame.html'",
    "a mail-merge data source at 'file:///C:/victims.xlsx'",
    "an altChunk",
    "a field DDEAUTO",
    "a field INCLUDEPICTURE",
    "a field INCLUDETEXT",
    "a hyperlink at 'file:///C:/Users/', outside the document",
    "macros (a VBA project)",
    "an attached template at 'http://127.0.0.1:9/template.dotm'",
]


def _build(tmp_path: Path, letterhead: bytes, *extra: str) -> tuple[int, str, Path]:
    template = tmp_path / "letterhead.docx"
    template.write_bytes(letterhead)
    out = tmp_path / "out"
    result = run(["build", "-o", str(out), "--template", str(template), *extra, str(CASE)])
    return result.exit_code, result.output, out


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _xml(data: bytes) -> Any:
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))


def _what_reaches_out(data: bytes) -> list[str]:
    """External relationships, embedded or linked objects and fields other than page numbers."""
    found = []
    for name, blob in _members(data).items():
        if re.search(r"embeddings|activeX|afchunk|vbaProject|customXml", name, re.IGNORECASE):
            found.append(f"part {name}")
        if not name.endswith((".xml", ".rels")):
            continue
        for element in _xml(blob).iter(etree.Element):
            local = element.tag.rsplit("}", 1)[-1]
            if local in ACTIVE:
                found.append(f"{name}: element {local}")
            external = element.get("TargetMode") == "External"
            if local == "Relationship" and external and element.get("Target") != WEBSITE:
                found.append(f"{name}: external {element.get('Target')}")
            if local == "fldSimple" or (
                local == "instrText"
                and element.text.split()[0]
                not in (
                    "PAGE",
                    "NUMPAGES",
                )
            ):
                found.append(f"{name}: field {etree.tostring(element)!r}")
    return found


def test_a_normal_letterhead_keeps_its_logo_page_numbers_and_website(tmp_path: Path) -> None:
    code, output, out = _build(tmp_path, normal_letterhead())
    assert code == 0, output
    assert "warning" not in output
    (letter,) = out.glob("*.docx")
    data = letter.read_bytes()
    members = _members(data)
    assert [name for name in members if name.startswith("word/media/")]
    assert _what_reaches_out(data) == []
    footers = b"".join(blob for name, blob in members.items() if "footer" in name)
    assert b"> PAGE <" in footers
    assert b"> NUMPAGES <" in footers
    assert WEBSITE.encode() in b"".join(members.values())
    document = docx.Document(BytesIO(data))
    header = document.sections[0].header
    assert ORGANISATION in header.paragraphs[0].text
    assert header.part.rels  # the logo


def test_a_hostile_letterhead_loses_everything_that_reaches_out_and_says_so(
    tmp_path: Path,
) -> None:
    raw = hostile_letterhead("http://127.0.0.1:9")
    assert len(_what_reaches_out(raw)) > 40  # the check can fail: the raw letterhead fails it
    code, output, out = _build(tmp_path, raw)
    assert code == 0, output
    for named in NAMED:
        assert named in output, named
    (letter,) = out.glob("*.docx")
    data = letter.read_bytes()
    assert _what_reaches_out(data) == []
    text = "\n".join(paragraph.text for paragraph in docx.Document(BytesIO(data)).paragraphs)
    assert "Maria Kalesnikava" in text
    assert "The facts are set out in the annex." in text
    assert "calc" not in text


def test_strict_refuses_a_hostile_letterhead_and_writes_nothing(tmp_path: Path) -> None:
    code, output, out = _build(tmp_path, hostile_letterhead("http://127.0.0.1:9"), "--strict")
    assert code == 1
    assert (
        "letterhead.docx: word/document.xml: warning: removed from the letterhead: a field "
        "DDEAUTO" in output
    )
    assert "nothing was written" in output
    assert not out.exists()


def test_the_built_in_templates_need_no_removal(tmp_path: Path) -> None:
    code, output, _ = _build(
        tmp_path, (REPO / "templates" / "communication.docx").read_bytes(), "--strict"
    )
    assert code == 0, output


@pytest.mark.slow
def test_the_letter_from_a_hostile_letterhead_still_opens_in_libreoffice(tmp_path: Path) -> None:
    from unsubmit.render.pdf import docx_to_pdf

    code, output, out = _build(tmp_path, hostile_letterhead("http://127.0.0.1:9"))
    assert code == 0, output
    (letter,) = out.glob("*.docx")
    assert docx_to_pdf(letter.read_bytes()).startswith(b"%PDF")
