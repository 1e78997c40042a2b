"""finalize_docx removes everything that tells who made a document, and is deterministic.

The dirty document is built the way a real one gets dirty: python-docx metadata and a comment,
then, by editing the ZIP, what Word adds on its own (rsids, a thumbnail, custom XML, app.xml with
a company and a template path, tracked changes, an attached template).
"""

from __future__ import annotations

import datetime
import struct
import time
import zipfile
import zlib
from io import BytesIO
from typing import Any

import docx
import pytest
from lxml import etree

from unsubmit.errors import TemplateError
from unsubmit.render.package import DocumentProperties, docx_leaks, finalize_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

PROPS = DocumentProperties(
    title="Communication on behalf of A. B.",
    language="ru",
    date=datetime.date(2023, 5, 7),
)

TRACKED_PARAGRAPH = f"""
<w:p xmlns:w="{W}" xmlns:w14="{W14}" w:rsidR="00A1B2C3" w:rsidRDefault="00D4E5F6"
     w14:paraId="1A2B3C4D" w14:textId="77777777">
  <w:pPr><w:rPr><w:ins w:id="90" w:author="Jane Secret" w:date="2023-05-01T10:00:00Z"/></w:rPr>
  </w:pPr>
  <w:proofErr w:type="spellStart"/>
  <w:r w:rsidRPr="00112233"><w:t xml:space="preserve">Kept </w:t></w:r>
  <w:proofErr w:type="spellEnd"/>
  <w:ins w:id="101" w:author="Jane Secret" w:date="2023-05-01T10:00:00Z">
    <w:r><w:t xml:space="preserve">inserted </w:t></w:r>
  </w:ins>
  <w:del w:id="102" w:author="Jane Secret" w:date="2023-05-01T10:00:00Z">
    <w:r><w:delText xml:space="preserve">deleted </w:delText></w:r>
  </w:del>
  <w:customXml w:element="victim">
    <w:customXmlPr><w:attr w:name="id" w:val="1"/></w:customXmlPr>
    <w:r><w:rPr><w:b/><w:rPrChange w:id="103" w:author="Jane Secret"><w:rPr/></w:rPrChange>
    </w:rPr><w:t>wrapped</w:t></w:r>
  </w:customXml>
</w:p>
"""

TABLE_WITH_DELETED_ROW = f"""
<w:tbl xmlns:w="{W}">
  <w:tblGrid><w:gridCol w:w="2000"/></w:tblGrid>
  <w:tr w:rsidR="00A1B2C3"><w:tc><w:p><w:r><w:t>row kept</w:t></w:r></w:p></w:tc></w:tr>
  <w:tr><w:trPr><w:del w:id="201" w:author="Jane Secret"/></w:trPr>
    <w:tc><w:p><w:del w:id="202" w:author="Jane Secret"><w:r><w:delText>row gone</w:delText>
    </w:r></w:del></w:p></w:tc></w:tr>
</w:tbl>
"""


# --- Building dirty documents --------------------------------------------------------------


def _png() -> bytes:
    """A valid 1x1 PNG, so the test needs no image file."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        body = kind + payload
        return struct.pack(">I", len(payload)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _read(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def _zip(
    members: dict[str, bytes],
    *,
    date_time: tuple[int, int, int, int, int, int] = (2024, 2, 29, 13, 37, 0),
    reverse: bool = False,
) -> bytes:
    buffer = BytesIO()
    names = sorted(members, reverse=reverse)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            archive.writestr(zipfile.ZipInfo(name, date_time=date_time), members[name])
    return buffer.getvalue()


def _xml(data: bytes) -> Any:
    return etree.fromstring(data)


def _add_relationship(
    members: dict[str, bytes], rels_name: str, rel_id: str, rel_type: str, target: str, **extra: str
) -> None:
    if rels_name in members:
        root = _xml(members[rels_name])
    else:
        root = etree.Element(f"{{{REL}}}Relationships", nsmap={None: REL})
    etree.SubElement(
        root, f"{{{REL}}}Relationship", Id=rel_id, Type=rel_type, Target=target, **extra
    )
    members[rels_name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _add_override(members: dict[str, bytes], part: str, content_type: str) -> None:
    root = _xml(members["[Content_Types].xml"])
    etree.SubElement(root, f"{{{CT}}}Override", PartName=part, ContentType=content_type)
    members["[Content_Types].xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _python_docx_document() -> bytes:
    document = docx.Document()
    core = document.core_properties
    core.author = "Jane Secret"
    core.last_modified_by = "John Secret"
    core.revision = 7
    core.comments = "internal: do not send before the lawyer agrees"
    core.category = "draft"
    paragraph = document.add_paragraph("The detention is arbitrary.")
    document.add_comment(paragraph.runs, text="check with the lawyer", author="Jane Secret")
    document.add_paragraph("Second paragraph.")
    document.add_picture(BytesIO(_png()))
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _dirty_docx() -> bytes:
    members = _read(_python_docx_document())

    body = _xml(members["word/document.xml"]).find(f"{{{W}}}body")
    for paragraph in body.iter(f"{{{W}}}p"):
        paragraph.set(f"{{{W}}}rsidR", "00C0FFEE")
        paragraph.set(f"{{{W}}}rsidRDefault", "00C0FFEE")
    body.insert(len(body) - 1, etree.fromstring(TRACKED_PARAGRAPH))
    body.insert(len(body) - 1, etree.fromstring(TABLE_WITH_DELETED_ROW))
    members["word/document.xml"] = etree.tostring(
        body.getroottree(), xml_declaration=True, encoding="UTF-8"
    )

    settings = _xml(members["word/settings.xml"])
    for child in list(settings):
        if child.tag == f"{{{W}}}rsids":
            settings.remove(child)
    rsids = etree.SubElement(settings, f"{{{W}}}rsids")
    etree.SubElement(rsids, f"{{{W}}}rsidRoot", {f"{{{W}}}val": "00C0FFEE"})
    etree.SubElement(rsids, f"{{{W}}}rsid", {f"{{{W}}}val": "00C0FFEE"})
    template = etree.Element(f"{{{W}}}attachedTemplate", {f"{{{R}}}id": "rIdTemplate"})
    settings.insert(1, template)
    settings.insert(2, etree.Element(f"{{{W}}}trackRevisions"))
    doc_vars = etree.SubElement(settings, f"{{{W}}}docVars")
    etree.SubElement(doc_vars, f"{{{W}}}docVar", {f"{{{W}}}name": "x", f"{{{W}}}val": "y"})
    members["word/settings.xml"] = etree.tostring(settings, xml_declaration=True, encoding="UTF-8")
    _add_relationship(
        members,
        "word/_rels/settings.xml.rels",
        "rIdTemplate",
        f"{OFFICE_RELS}/attachedTemplate",
        "file:///C:/Users/JaneSecret/AppData/Roaming/Microsoft/Templates/UN.dotm",
        TargetMode="External",
    )

    members["docProps/app.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'extended-properties"><Template>C:\\Users\\JaneSecret\\UN.dotm</Template>'
        b"<TotalTime>42</TotalTime><Application>Microsoft Office Word</Application>"
        b"<Company>Secret NGO</Company><Manager>Boss</Manager></Properties>"
    )

    members["customXml/item9.xml"] = b'<case xmlns="urn:x-secret"><author>Jane</author></case>'
    _add_relationship(
        members,
        "word/_rels/document.xml.rels",
        "rIdCustom9",
        f"{OFFICE_RELS}/customXml",
        "../customXml/item9.xml",
    )

    if "docProps/thumbnail.jpeg" not in members:
        members["docProps/thumbnail.jpeg"] = b"\xff\xd8\xff\xe0 not really a jpeg"
        _add_relationship(
            members,
            "_rels/.rels",
            "rIdThumb",
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
            "docProps/thumbnail.jpeg",
        )

    members["word/people.xml"] = (
        b'<w15:people xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">'
        b'<w15:person w15:author="Jane Secret"/></w15:people>'
    )
    _add_relationship(
        members,
        "word/_rels/document.xml.rels",
        "rIdPeople",
        "http://schemas.microsoft.com/office/2011/relationships/people",
        "people.xml",
    )
    _add_override(
        members,
        "/word/people.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.people+xml",
    )

    members["docProps/custom.xml"] = (
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'custom-properties"/>'
    )
    _add_relationship(
        members,
        "_rels/.rels",
        "rIdCustomProps",
        f"{OFFICE_RELS}/custom-properties",
        "docProps/custom.xml",
    )
    _add_override(
        members,
        "/docProps/custom.xml",
        "application/vnd.openxmlformats-officedocument.custom-properties+xml",
    )

    members["word/glossary/document.xml"] = f'<w:glossaryDocument xmlns:w="{W}"/>'.encode()
    _add_relationship(
        members,
        "word/_rels/document.xml.rels",
        "rIdGlossary",
        f"{OFFICE_RELS}/glossaryDocument",
        "glossary/document.xml",
    )
    return _zip(members)


@pytest.fixture(scope="module")
def dirty() -> bytes:
    return _dirty_docx()


@pytest.fixture(scope="module")
def clean(dirty: bytes) -> bytes:
    return finalize_docx(dirty, PROPS)


# --- What is found, what is removed --------------------------------------------------------


@pytest.mark.parametrize(
    "expected",
    [
        "dc:creator 'Jane Secret'",
        "cp:lastModifiedBy 'John Secret'",
        "cp:revision '7'",
        "dc:description",
        "cp:category 'draft'",
        "Company 'Secret NGO'",
        "Template 'C:\\\\Users\\\\JaneSecret\\\\UN.dotm'",
        "Manager 'Boss'",
        "TotalTime",
        "word/comments.xml: part with comments",
        "relationship rIdCustom9 to custom XML data",
        "customXml/item9.xml: part with custom XML data",
        "docProps/thumbnail.jpeg: part with a thumbnail",
        "word/people.xml: part with the names",
        "docProps/custom.xml: part with custom document properties",
        "word/glossary/document.xml: part with a glossary",
        "relationship rIdTemplate to the path of the template",
        "word/settings.xml: 1 setting w:rsids",
        "word/settings.xml: 1 setting w:attachedTemplate",
        "word/settings.xml: 1 setting w:docVars",
        "word/settings.xml: 1 setting w:trackRevisions",
        "w:rsidR",
        "w14:paraId",
        "comment anchor",
        "tracked change",
        "proofing mark",
        "custom XML or smart tag markup",
        "member(s) carry a modification time",
    ],
)
def test_leaks_are_found_in_a_dirty_document(dirty: bytes, expected: str) -> None:
    leaks = docx_leaks(dirty)
    assert any(expected in leak for leak in leaks), "\n".join(leaks)


def test_finalized_document_has_no_leaks(clean: bytes) -> None:
    assert docx_leaks(clean) == []


def test_finalized_document_holds_no_personal_strings(clean: bytes) -> None:
    for name, data in _read(clean).items():
        for secret in (b"Secret", b"Jane", b"lawyer", b"00C0FFEE", b"UN.dotm", b"deleted"):
            assert secret not in data, f"{secret!r} in {name}"


def test_removed_parts_and_their_references_are_gone(clean: bytes) -> None:
    members = _read(clean)
    names = set(members)
    assert not {n for n in names if n.startswith(("customXml/", "word/glossary/"))}
    for gone in (
        "word/comments.xml",
        "word/people.xml",
        "docProps/custom.xml",
        "docProps/thumbnail.jpeg",
        "word/_rels/settings.xml.rels",
    ):
        assert gone not in names
    every_rels = b"".join(data for name, data in members.items() if name.endswith(".rels"))
    for kind in (b"/comments", b"/customXml", b"/thumbnail", b"/people", b"/glossaryDocument"):
        assert kind not in every_rels
    types = members["[Content_Types].xml"]
    assert b"comments" not in types
    assert b"people" not in types
    assert b"custom-properties" not in types
    assert b'Extension="jpeg"' not in types  # only the thumbnail used it


def test_python_docx_reads_text_and_properties(clean: bytes) -> None:
    document = docx.Document(BytesIO(clean))
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert "The detention is arbitrary." in texts
    assert "Second paragraph." in texts
    assert "Kept inserted wrapped" in texts  # insertion accepted, deletion dropped
    [table] = document.tables
    assert [row.cells[0].text for row in table.rows] == ["row kept"]  # deleted row dropped
    core = document.core_properties
    assert core.title == PROPS.title
    assert core.language == "ru"
    assert core.created == datetime.datetime(2023, 5, 7, tzinfo=datetime.timezone.utc)
    assert core.modified == core.created
    assert core.author == ""
    assert core.last_modified_by == ""
    assert core.subject == ""
    assert core.keywords == ""


def test_images_are_copied_unchanged(dirty: bytes, clean: bytes) -> None:
    before, after = _read(dirty), _read(clean)
    media = [name for name in before if name.startswith("word/media/")]
    assert media
    for name in media:
        assert after[name] == before[name]


def test_core_and_app_are_exactly_what_props_say(clean: bytes) -> None:
    members = _read(clean)
    core = _xml(members["docProps/core.xml"])
    assert [etree.QName(child).localname for child in core] == [
        "title",
        "language",
        "created",
        "modified",
    ]
    created = core[2]
    assert created.text == "2023-05-07T00:00:00Z"
    assert created.get("{http://www.w3.org/2001/XMLSchema-instance}type") == "dcterms:W3CDTF"
    assert members["docProps/app.xml"].endswith(
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'extended-properties"><Application>unsubmit</Application></Properties>'
    )


def test_subject_and_keywords_when_given(dirty: bytes) -> None:
    props = DocumentProperties(
        title="T\x01itle",  # a control character from odd case data must not break the XML
        language="ar",
        date=datetime.date(2024, 12, 31),
        subject="Arbitrary detention",
        keywords=("detention", " ", "Belarus"),
    )
    document = docx.Document(BytesIO(finalize_docx(dirty, props)))
    core = document.core_properties
    assert core.title == "Title"
    assert core.subject == "Arbitrary detention"
    assert core.keywords == "detention, Belarus"
    assert core.language == "ar"


def test_settings_keep_everything_else(clean: bytes) -> None:
    settings = _xml(_read(clean)["word/settings.xml"])
    tags = {etree.QName(child).localname for child in settings}
    assert {"zoom", "defaultTabStop", "compat"} <= tags
    assert not {"rsids", "attachedTemplate", "docVars", "trackRevisions", "docId"} & tags


# --- Determinism ---------------------------------------------------------------------------


def test_output_is_byte_identical_across_calls_and_time(
    dirty: bytes, clean: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert finalize_docx(dirty, PROPS) == clean
    later = time.time() + 10 * 365 * 86400
    monkeypatch.setattr(time, "time", lambda: later)
    monkeypatch.setattr(time, "localtime", lambda *_: time.gmtime(later))
    assert finalize_docx(dirty, PROPS) == clean


def test_zip_dates_and_member_order_of_the_input_do_not_matter(dirty: bytes, clean: bytes) -> None:
    members = _read(dirty)
    shuffled = _zip(members, date_time=(2031, 7, 14, 3, 4, 6), reverse=True)
    assert shuffled != dirty
    assert finalize_docx(shuffled, PROPS) == clean


def test_finalizing_twice_changes_nothing(clean: bytes) -> None:
    assert finalize_docx(clean, PROPS) == clean


def test_container_is_fixed(clean: bytes) -> None:
    with zipfile.ZipFile(BytesIO(clean)) as archive:
        infos = archive.infolist()
        assert archive.comment == b""
    names = [info.filename for info in infos]
    assert names[:2] == ["[Content_Types].xml", "_rels/.rels"]
    assert names[2:] == sorted(names[2:])
    for info in infos:
        assert info.date_time == (1980, 1, 1, 0, 0, 0)
        assert info.compress_type == zipfile.ZIP_DEFLATED
        assert info.create_system == 0
        assert info.external_attr == 0o600 << 16
        assert info.extra == b""


def test_different_props_give_different_bytes(dirty: bytes, clean: bytes) -> None:
    other = DocumentProperties(title=PROPS.title, language="en", date=PROPS.date)
    assert finalize_docx(dirty, other) != clean


# --- Missing and unusual parts -------------------------------------------------------------


def _without_metadata() -> bytes:
    members = _read(_python_docx_document())
    del members["docProps/core.xml"], members["docProps/app.xml"]
    rels = _xml(members["_rels/.rels"])
    for rel in list(rels):
        if rel.get("Target").startswith("docProps/"):
            rels.remove(rel)
    members["_rels/.rels"] = etree.tostring(rels)
    types = _xml(members["[Content_Types].xml"])
    for entry in list(types):
        if entry.get("PartName", "").startswith("/docProps/"):
            types.remove(entry)
    members["[Content_Types].xml"] = etree.tostring(types)
    return _zip(members)


def test_core_and_app_are_created_when_missing() -> None:
    bare = _without_metadata()
    assert "docProps/core.xml" not in _read(bare)
    members = _read(finalize_docx(bare, PROPS))
    assert {"docProps/core.xml", "docProps/app.xml"} <= set(members)
    rels = _xml(members["_rels/.rels"])
    targets = {rel.get("Type").rsplit("/", 1)[-1]: rel.get("Target") for rel in rels}
    assert targets["core-properties"] == "docProps/core.xml"
    assert targets["extended-properties"] == "docProps/app.xml"
    assert len({rel.get("Id") for rel in rels}) == len(rels)
    types = members["[Content_Types].xml"]
    assert b'PartName="/docProps/core.xml"' in types
    assert b'PartName="/docProps/app.xml"' in types
    assert docx.Document(BytesIO(finalize_docx(bare, PROPS))).core_properties.title == PROPS.title


def test_macros_are_removed_and_the_main_part_made_plain() -> None:
    members = _read(_python_docx_document())
    members["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 pretend OLE with macros"
    _add_relationship(
        members,
        "word/_rels/document.xml.rels",
        "rIdVba",
        "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
        "vbaProject.bin",
    )
    types = members["[Content_Types].xml"].replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml",
    )
    types = types.replace(
        b"<Default ",
        b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default ',
        1,
    )
    members["[Content_Types].xml"] = types
    macro = _zip(members)
    leaks = docx_leaks(macro)
    assert any("word/vbaProject.bin: part with macros" in leak for leak in leaks)
    assert any("macro-enabled document" in leak for leak in leaks)

    cleaned = finalize_docx(macro, PROPS)
    assert docx_leaks(cleaned) == []
    after = _read(cleaned)
    assert "word/vbaProject.bin" not in after
    assert b"macroEnabled" not in after["[Content_Types].xml"]
    assert b"vbaProject" not in after["[Content_Types].xml"]
    assert b"wordprocessingml.document.main+xml" in after["[Content_Types].xml"]
    docx.Document(BytesIO(cleaned))


def test_docxtpl_output_is_cleaned() -> None:
    from docxtpl import DocxTemplate

    source = docx.Document()
    source.add_paragraph("Dear {{ recipient }},")
    template_bytes = BytesIO()
    source.save(template_bytes)
    template_bytes.seek(0)
    template = DocxTemplate(template_bytes)
    template.render({"recipient": "Special Rapporteur"})
    rendered = BytesIO()
    template.save(rendered)

    assert docx_leaks(rendered.getvalue())
    cleaned = finalize_docx(rendered.getvalue(), PROPS)
    assert docx_leaks(cleaned) == []
    texts = [p.text for p in docx.Document(BytesIO(cleaned)).paragraphs]
    assert texts == ["Dear Special Rapporteur,"]


# --- Broken input --------------------------------------------------------------------------


def test_not_a_zip_is_a_template_error() -> None:
    with pytest.raises(TemplateError, match="is not a valid DOCX package"):
        finalize_docx(b"PK\x03\x04 truncated", PROPS)
    with pytest.raises(TemplateError, match="is not a valid DOCX package"):
        docx_leaks(b"plain text")


def test_malformed_xml_is_a_template_error() -> None:
    members = _read(_python_docx_document())
    members["word/document.xml"] = b"<w:document"
    with pytest.raises(TemplateError, match=r"is not a valid DOCX package: word/document\.xml"):
        finalize_docx(_zip(members), PROPS)


def test_missing_content_types_is_a_template_error() -> None:
    members = _read(_python_docx_document())
    del members["[Content_Types].xml"]
    with pytest.raises(TemplateError, match=r"is not a valid DOCX package.*Content_Types"):
        finalize_docx(_zip(members), PROPS)


def test_missing_main_document_is_a_template_error() -> None:
    members = _read(_python_docx_document())
    del members["word/document.xml"]
    with pytest.raises(TemplateError, match="it has no main document part"):
        finalize_docx(_zip(members), PROPS)


def test_entities_are_not_expanded() -> None:
    members = _read(_python_docx_document())
    members["word/styles.xml"] = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<w:styles xmlns:w="' + W.encode() + b'"><w:style>&e;</w:style></w:styles>'
    )
    out = finalize_docx(_zip(members), PROPS)
    assert b"root:" not in _read(out)["word/styles.xml"]
