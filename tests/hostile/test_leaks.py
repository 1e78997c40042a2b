"""No document tells who made it, where, when or with what: an independent inspection.

Every sample and every valid hostile case is built, one of them with a letterhead that carries
all that Word leaves in a file (authors, company, template path, revision ids, comments, custom
XML, people, a thumbnail, tracked changes). Each DOCX is then unzipped and read here with lxml
alone, not with :func:`unsubmit.render.package.docx_leaks`, so that a blind spot of the cleaner
cannot hide in the same blind spot of its inspector. Every part, property, attribute,
relationship and ZIP field must be one the document needs or the case declared.
"""

from __future__ import annotations

import re
import socket
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from tests.conftest import REPO, SAMPLES, run
from tests.hostile.expectations import EXPECTED, Valid
from tests.hostile.generate import CORPUS
from tests.unit.test_package import _dirty_docx
from unsubmit.load.source import load_file
from unsubmit.resources import templates_dir

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"

#: The parts a clean document may have: nothing about people, history, data or pictures of it.
ALLOWED_PARTS = re.compile(
    r"\[Content_Types\]\.xml|_rels/\.rels|docProps/(core|app)\.xml"
    r"|word/(document|styles|stylesWithEffects|settings|fontTable|webSettings|numbering"
    r"|footnotes|endnotes|header\d*|footer\d*)\.xml"
    r"|word/theme/theme\d+\.xml|word/_rels/[^/]+\.xml\.rels|word/media/[^/]+\.(png|jpe?g|emf)"
)
#: Attributes that identify an editing session or a person (local names, any namespace).
IDENTIFYING_ATTRIBUTES = re.compile(r"rsid\w*|paraId|textId|author|initials|date|docId")
#: Elements that hold history, people, comments or hidden data (WordprocessingML local names).
HISTORY = frozenset(
    {
        "ins",
        "del",
        "moveFrom",
        "moveTo",
        "rPrChange",
        "pPrChange",
        "sectPrChange",
        "tblPrChange",
        "trPrChange",
        "tcPrChange",
        "commentRangeStart",
        "commentRangeEnd",
        "commentReference",
        "customXml",
        "smartTag",
        "proofErr",
        "rsids",
        "attachedTemplate",
        "docVars",
        "trackRevisions",
        "docId",
    }
)
SUBJECTS = {
    "Urgent appeal",
    "Allegation letter",
    "Other letter",
    "Oral statement",
    "Joint statement",
}
#: What the letterhead's makers left in it (tests/unit/test_package.py), none of which may pass.
LETTERHEAD_SECRETS = [b"Jane", b"John Secret", b"Secret NGO", b"Boss", b"00C0FFEE", b"UN.dotm"]


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _parse(data: bytes) -> Any:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.fromstring(data, parser)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, bytes]]:
    """(case file, DOCX) for every sample, every valid hostile case, and one dirty letterhead."""
    valid = [CORPUS / name for name, expected in EXPECTED.items() if isinstance(expected, Valid)]
    out = tmp_path_factory.mktemp("out")
    result = run(["build", "-q", "-o", str(out), *map(str, [*SAMPLES, *valid])])
    assert result.exit_code == 0, result.output
    documents = [(case, _output(out, case)) for case in [*SAMPLES, *valid]]

    letterhead = tmp_path_factory.mktemp("letterhead") / "letterhead.docx"
    letterhead.write_bytes(_dirty_docx())
    sample = REPO / "samples" / "klimovich-allegation-letter.yaml"
    dirty_out = tmp_path_factory.mktemp("dirty")
    result = run(["build", "-q", "-o", str(dirty_out), "--template", str(letterhead), str(sample)])
    assert result.exit_code == 0, result.output
    documents.append((sample, _output(dirty_out, sample)))
    return documents


def _output(directory: Path, case: Path) -> bytes:
    (path,) = directory.glob(f"*_{case.stem}_??.docx")  # one locale: the case's own
    return path.read_bytes()


def _leaks(case: Path, data: bytes) -> list[str]:
    """Everything in the package that neither the document nor the case accounts for."""
    declared = load_file(case).data
    found: list[str] = []
    with zipfile.ZipFile(BytesIO(data)) as archive:
        if archive.comment:
            found.append(f"ZIP comment {archive.comment!r}")
        members = {}
        for info in archive.infolist():
            found += _member_leaks(info)
            members[info.filename] = archive.read(info)

    found += _core_leaks(declared, _parse(members["docProps/core.xml"]))
    app = [(_local(child.tag), child.text) for child in _parse(members["docProps/app.xml"])]
    if app != [("Application", "unsubmit")]:
        found.append(f"docProps/app.xml: {app}")

    for name, blob in members.items():
        if name.endswith((".xml", ".rels")):
            found += _xml_leaks(name, _parse(blob), declared)
    return found


def _member_leaks(info: zipfile.ZipInfo) -> list[str]:
    """What a ZIP member's header tells about the build, and a part a clean document lacks."""
    found = []
    if info.date_time != (1980, 1, 1, 0, 0, 0):
        found.append(f"{info.filename}: ZIP time {info.date_time}")
    if info.extra or info.comment:
        found.append(f"{info.filename}: ZIP extra field or comment")
    if info.external_attr >> 16 not in (0, 0o600):
        found.append(f"{info.filename}: the builder's file mode {info.external_attr:o}")
    if not ALLOWED_PARTS.fullmatch(info.filename):
        found.append(f"{info.filename}: a part a clean document does not have")
    return found


def _xml_leaks(name: str, root: Any, declared: dict[str, Any]) -> list[str]:
    """Editing history, ids, people, identifying attributes and links the case did not give."""
    found = []
    for element in root.iter(etree.Element):
        local = _local(element.tag)
        if element.tag.startswith(f"{{{W}}}") and local in HISTORY:
            found.append(f"{name}: element w:{local}")
        if local in ("docId", "people", "person"):
            found.append(f"{name}: element {element.tag}")
        for attribute in element.attrib:
            if IDENTIFYING_ATTRIBUTES.fullmatch(_local(attribute)):
                found.append(f"{name}: attribute {attribute}")
        if local == "Relationship" and element.get("TargetMode") == "External":
            target = element.get("Target", "")
            if not target.startswith(("http://", "https://")) or target not in str(declared):
                found.append(f"{name}: external target {target!r} the case does not declare")
    return found


def _core_leaks(declared: dict[str, Any], core: Any) -> list[str]:
    found = []
    date = f"{declared['date']}T00:00:00Z"
    for child in core:
        local, text = _local(child.tag), child.text or ""
        if child.tag == f"{{{DC}}}title":
            if declared["kind"] == "oral-statement":
                ok = text.startswith(f"HRC{declared['session']}")
            else:
                title = declared["title"]
                if isinstance(title, dict):  # translated: the document is in its own language
                    title = title[declared["language"]]
                ok = text == " ".join(title.split())
        elif child.tag == f"{{{DC}}}subject":
            ok = text in SUBJECTS
        elif child.tag == f"{{{DC}}}language":
            ok = text.split("-")[0] == declared["language"]
        elif child.tag in (f"{{{DCTERMS}}}created", f"{{{DCTERMS}}}modified"):
            ok = text == date
        else:
            ok = False  # creator, lastModifiedBy, revision, description, category...
        if not ok:
            found.append(f"docProps/core.xml: {local} = {text!r}")
    return found


def test_every_document_holds_only_what_the_case_declared(
    built: list[tuple[Path, bytes]],
) -> None:
    assert len(built) >= len(SAMPLES) + 10
    leaks = {case.name: _leaks(case, data) for case, data in built}
    assert {name: found for name, found in leaks.items() if found} == {}


def test_nothing_of_the_machine_or_the_letterhead_makers_is_in_any_document(
    built: list[tuple[Path, bytes]], tmp_path: Path
) -> None:
    machine = [
        str(REPO),
        str(templates_dir()),
        str(Path.home()) if len(str(Path.home())) > 5 else "",
        socket.gethostname() if len(socket.gethostname()) > 5 else "",
        str(tmp_path.parent.parent),
    ]
    needles = [text.encode() for text in machine if text] + LETTERHEAD_SECRETS
    for case, data in built:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            blob = b"".join(archive.read(name) for name in archive.namelist())
        for needle in needles:
            assert needle not in blob, f"{case.name}: {needle!r}"


def test_the_inspection_finds_every_kind_of_leak_in_the_dirty_letterhead() -> None:
    """The inspection itself must be able to fail: the raw letterhead is full of leaks."""
    case = REPO / "samples" / "klimovich-allegation-letter.yaml"
    found = "\n".join(_leaks(case, _dirty_docx()))
    for expected in [
        "word/comments.xml: a part",
        "word/people.xml: a part",
        "customXml/item9.xml: a part",
        "docProps/thumbnail.jpeg: a part",
        "docProps/custom.xml: a part",
        "docProps/core.xml: creator = 'Jane Secret'",
        "docProps/core.xml: lastModifiedBy = 'John Secret'",
        "Company",
        "Template",
        "attribute {http://schemas.openxmlformats.org/wordprocessingml/2006/main}rsidR",
        "element w:rsids",
        "element w:attachedTemplate",
        "element w:ins",
        "external target 'file:///C:/Users/JaneSecret",
    ]:
        assert expected in found, expected
