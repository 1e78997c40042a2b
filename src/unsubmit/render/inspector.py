"""An inspection of every document a build writes, independent of the code that cleaned it.

The letterhead cleaner (:mod:`unsubmit.render.letterhead`, applied by :mod:`.package`) works on
the template before Jinja runs, and a template can produce after rendering what was not there
before (a field whose instruction a condition rewrites, say). LibreOffice, too, makes a PDF of
its own. So every DOCX and PDF is inspected just before it is written, by this module, which
shares no code and no list with the cleaner: what one misses, the other catches. A document
that holds anything active or external stops the build, and nothing is written.

A DOCX may hold only parts of the content types a letter needs, relationships of the types a
letter needs (external ones only to ``http``, ``https`` and ``mailto`` addresses), no embedded
or linked objects, no field but page numbers and web links, and no attribute that points at a
file, a share or a program. A PDF may hold no action but going to a page or opening an
``http``, ``https`` or ``mailto`` address: no ``/Launch``, ``/JavaScript``, ``/GoToR``,
embedded files, file specifications or external XObjects. The PDF is read with pypdf, which
decodes compressed object streams and escaped names (``/J#61vaScript``) as a viewer does; a
scan of the bytes would miss both.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from io import BytesIO
from typing import Any
from urllib.parse import unquote

from lxml import etree

from unsubmit.safexml import parse

__all__ = ["docx_problems", "pdf_problems"]

# --- DOCX --------------------------------------------------------------------------------------

#: The WordprocessingML parts a letter may have, by the name their relationship type and their
#: content type share.
_WORD_PARTS = (
    "styles",
    "settings",
    "webSettings",
    "fontTable",
    "numbering",
    "footnotes",
    "endnotes",
    "header",
    "footer",
)
#: Content types of the parts a letter may have (lower case).
_PART_TYPES = frozenset(
    {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        *(
            f"application/vnd.openxmlformats-officedocument.wordprocessingml.{name.lower()}+xml"
            for name in _WORD_PARTS
        ),
        "application/vnd.ms-word.styleswitheffects+xml",
        "application/vnd.openxmlformats-officedocument.theme+xml",
        "application/vnd.openxmlformats-package.core-properties+xml",
        "application/vnd.openxmlformats-officedocument.extended-properties+xml",
        "application/vnd.openxmlformats-package.relationships+xml",
    }
)
#: Images by their first bytes: a part that says it is one must be one.
_IMAGE_SIGNATURES = {
    "image/png": (b"\x89PNG",),
    "image/jpeg": (b"\xff\xd8",),
    "image/gif": (b"GIF8",),
    "image/bmp": (b"BM",),
    "image/tiff": (b"II*\x00", b"MM\x00*"),
}
#: Relationship types a letter may have: (namespace, last segment).
_REL_NAMESPACES = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/",
    "http://schemas.openxmlformats.org/package/2006/relationships/",
    "http://schemas.microsoft.com/office/2007/relationships/",
)
_REL_KINDS = frozenset(
    {
        *_WORD_PARTS,
        "officeDocument",
        "metadata/core-properties",
        "extended-properties",
        "stylesWithEffects",
        "theme",
        "image",
        "hyperlink",
    }
)
_WEB_ADDRESS = re.compile(r"\s*(https?://|mailto:)", re.IGNORECASE)
#: Attribute values that point at a file, a share or a program, whatever the attribute.
_LOCAL_OR_ACTIVE = re.compile(
    r"\s*(file:|\\\\|//|smb:|nfs:|s?ftp:|davs?:|webdav:|vnd\.sun\.star\.|macro:|\.uno:|"
    r"service:|slot:|javascript:|vbscript:|data:|jar:|mhtml:|ms-[a-z-]+:)",
    re.IGNORECASE,
)
#: Elements (local names) that embed, link or run something, with what they are.
_FORBIDDEN_ELEMENTS = {
    "object": "an embedded object",
    "control": "an ActiveX control",
    "OLEObject": "an OLE object",
    "subDoc": "a subdocument",
    "altChunk": "an altChunk",
    "frameset": "a frameset",
    "mailMerge": "a mail merge",
    "attachedTemplate": "an attached template",
    "fldData": "field data",
    "updateFields": "an order to update fields on opening",
    "linkStyles": "an order to copy styles from a template",
}
#: Attributes (local names) of drawings that link to a file or an address.
_LINK_ATTRIBUTES = frozenset({"href", "althref", "src"})
_DRAWING_NAMESPACES = ("urn:schemas-microsoft-com:vml", "urn:schemas-microsoft-com:office:office")
_PAGE_FIELDS = frozenset({"PAGE", "NUMPAGES", "SECTIONPAGES"})
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_problems(data: bytes) -> list[str]:
    """Everything active or external in a DOCX, one line each; empty when there is none."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            members = {info.filename: archive.read(info) for info in archive.infolist()}
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError) as exc:
        return [f"the document is not a readable DOCX ({exc})"]
    if "[Content_Types].xml" not in members:
        return ["the document has no [Content_Types].xml"]
    try:
        parsed = {
            name: _xml(blob) for name, blob in members.items() if name.endswith((".xml", ".rels"))
        }
    except etree.XMLSyntaxError as exc:
        return [f"the document has a part that is not XML ({exc})"]
    problems = list(_part_problems(members, parsed["[Content_Types].xml"]))
    for name, root in parsed.items():
        if name.endswith(".rels"):
            problems += [f"{name}: {problem}" for problem in _relationship_problems(root)]
        elif name != "[Content_Types].xml":
            problems += [f"{name}: {problem}" for problem in _xml_problems(root)]
    return problems


def _xml(blob: bytes) -> Any:
    return parse(blob)


def _part_problems(members: dict[str, bytes], types: Any) -> Iterator[str]:
    defaults, overrides = {}, {}
    for entry in types:
        local = etree.QName(entry).localname if isinstance(entry.tag, str) else ""
        if local == "Default":
            defaults[entry.get("Extension", "").lower()] = entry.get("ContentType", "")
        elif local == "Override":
            name = unquote(entry.get("PartName", "")).lstrip("/").lower()
            overrides[name] = entry.get("ContentType", "")
    for name, blob in members.items():
        if name == "[Content_Types].xml":
            continue
        declared = overrides.get(name.lower())
        if declared is None:
            base = posixpath.basename(name)
            declared = defaults.get(base.rsplit(".", 1)[-1].lower() if "." in base else "", "")
        kind = declared.split(";")[0].strip().lower()
        signatures = _IMAGE_SIGNATURES.get(kind)
        if signatures is not None:
            if not blob.startswith(signatures):
                yield f"{name}: a part that claims to be {kind} but is not"
        elif kind not in _PART_TYPES:
            yield f"{name}: a part of type {declared or 'unknown'!r}, which a letter does not have"


def _relationship_problems(root: Any) -> Iterator[str]:
    for rel in root.iter("{*}Relationship"):
        rel_type, target = rel.get("Type", ""), rel.get("Target", "")
        kind = next(
            (rel_type[len(ns) :] for ns in _REL_NAMESPACES if rel_type.startswith(ns)), None
        )
        external = rel.get("TargetMode", "Internal") != "Internal"
        if kind not in _REL_KINDS:
            yield f"relationship {rel.get('Id')} of type {rel_type!r} ({target!r})"
        elif external and not (kind == "hyperlink" and _WEB_ADDRESS.match(target)):
            yield f"relationship {rel.get('Id')} ({kind}) to {target!r}, outside the document"
        elif not external and (_LOCAL_OR_ACTIVE.match(target) or "://" in target):
            yield f"relationship {rel.get('Id')} ({kind}) to {target!r}, outside the package"


def _xml_problems(root: Any) -> Iterator[str]:
    for element in root.iter(etree.Element):
        qname = etree.QName(element)
        what = _FORBIDDEN_ELEMENTS.get(qname.localname)
        if what is not None:
            yield f"{what} ({qname.localname})"
        for attribute, value in element.attrib.items():
            local = etree.QName(attribute).localname
            if qname.namespace in _DRAWING_NAMESPACES and local in _LINK_ATTRIBUTES:
                yield f"a drawing's link {local}={value!r}"
            elif _LOCAL_OR_ACTIVE.match(value):
                yield f"{qname.localname} {local}={value!r}, which points at a file or a program"
    yield from _field_problems(root)


def _field_problems(root: Any) -> Iterator[str]:
    """Fields by their rendered instructions: simple ones, and complex ones across runs."""
    open_fields: list[list[str]] = []
    for element in root.iter(f"{_W}fldSimple", f"{_W}fldChar", f"{_W}instrText"):
        local = etree.QName(element).localname
        if local == "fldSimple":
            yield from _field_verdict(element.get(f"{_W}instr", ""))
        elif local == "instrText":
            if open_fields:
                open_fields[-1].append(element.text or "")
            else:
                yield f"a field instruction outside any field ({element.text!r})"
        elif element.get(f"{_W}fldCharType") == "begin":
            open_fields.append([])
        elif element.get(f"{_W}fldCharType") == "end":
            if open_fields:
                yield from _field_verdict("".join(open_fields.pop()))
            else:
                yield "the end of a field that never began"
    for parts in open_fields:
        yield from _field_verdict("".join(parts))


def _field_verdict(instruction: str) -> Iterator[str]:
    words = instruction.replace('"', " ").split()
    name = words[0].upper() if words else ""
    if name in _PAGE_FIELDS:
        return
    if (
        name == "HYPERLINK"
        and len(words) > 1
        and (words[1] == "\\l" or _WEB_ADDRESS.match(words[1]))
    ):
        return
    yield f"a field {instruction.strip()!r}"


# --- PDF ---------------------------------------------------------------------------------------

#: Keys whose mere presence means something runs, is embedded or is fetched.
_PDF_KEYS = {
    "/JS": "JavaScript",
    "/JavaScript": "JavaScript",
    "/AA": "actions run on events",
    "/EmbeddedFile": "an embedded file",
    "/EmbeddedFiles": "embedded files",
    "/XFA": "an XFA form",
    "/RichMedia": "rich media",
    "/Ref": "an external XObject (a page of another file)",
    "/FS": "a file system reference",
}
#: Action types (/S) other than going to a page or opening a web address.
_PDF_ACTIONS = frozenset(
    {
        "/Launch",
        "/JavaScript",
        "/GoToR",
        "/GoToE",
        "/ImportData",
        "/SubmitForm",
        "/ResetForm",
        "/Rendition",
        "/Movie",
        "/Sound",
        "/RichMediaExecute",
        "/GoTo3DView",
        "/Hide",
        "/SetOCGState",
        "/Trans",
    }
)
_PDF_SUBTYPES = frozenset({"/FileAttachment", "/Movie", "/Sound", "/Screen", "/RichMedia", "/3D"})
_PDF_TYPES = frozenset({"/Filespec", "/EmbeddedFile"})


def pdf_problems(data: bytes) -> list[str]:
    """Everything active or external in a PDF, one line each; empty when there is none."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(BytesIO(data), strict=False)
        objects: list[Any] = [reader.trailer]
        numbers = {number for table in reader.xref.values() for number in table}
        numbers |= set(reader.xref_objStm)
        objects += [reader.get_object(number) for number in sorted(numbers)]
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        return [f"the PDF cannot be read ({type(exc).__name__}: {exc})"]
    problems: list[str] = []
    for found in objects:
        problems += _pdf_object_problems(found)
    return list(dict.fromkeys(problems))


def _pdf_object_problems(root: Any) -> list[str]:
    """Look through one object's dictionaries and arrays (indirect objects are inspected on
    their own, so references are not followed)."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    problems = []
    stack = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, DictionaryObject):
            problems += _pdf_dictionary_problems(item)
            stack += [value for value in dict.values(item) if not isinstance(value, IndirectObject)]
        elif isinstance(item, ArrayObject):
            stack += [value for value in item if not isinstance(value, IndirectObject)]
    return problems


def _pdf_dictionary_problems(entry: Any) -> list[str]:
    from pypdf.generic import NumberObject

    problems = [f"{what} ({key})" for key, what in _PDF_KEYS.items() if key in entry]
    action = entry.get_object().get("/S")
    action = action.get_object() if action is not None else None
    if action in _PDF_ACTIONS:
        problems.append(f"an action {action}")
    if action == "/URI":
        address = entry.get_object().get("/URI", "")
        text = address.decode("latin-1") if isinstance(address, bytes) else str(address)
        if not _WEB_ADDRESS.match(text):
            problems.append(f"a link to {text!r}")
    if entry.get("/Subtype") in _PDF_SUBTYPES:
        problems.append(f"an annotation {entry['/Subtype']}")
    if entry.get("/Type") in _PDF_TYPES:
        problems.append(f"a file specification ({entry['/Type']})")
    if "/F" in entry and not isinstance(entry["/F"], NumberObject):
        problems.append(f"a reference to a file ({str(entry['/F'])[:80]!r})")
    return problems
