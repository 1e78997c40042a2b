"""Clean a rendered DOCX and repackage it so that the same input always gives the same bytes.

A DOCX rendered from a template carries whatever the template's editors left in it: their names
(core properties, comments, tracked changes, ``people.xml``), their company and the path of the
template on their disk (``app.xml``, the ``attachedTemplate`` relationship), revision-session ids
(``rsid`` attributes, which link documents edited on the same computer), a picture of the first
page, custom XML and macros. A letter about a political prisoner must say nothing about who
prepared it, so :func:`finalize_docx` keeps only what the document needs and rebuilds the
metadata from the case alone. It also rewrites the ZIP container with fixed dates, order and
compression so that two builds of the same case are byte-identical: anyone can check that a
document was not altered by building it again and comparing hashes.

:func:`docx_leaks` is the inspector that goes with it: it lists what :func:`finalize_docx` would
remove, so tests (and a curious reviewer) can check an output is clean.
"""

from __future__ import annotations

import datetime
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from io import BytesIO
from typing import Any
from urllib.parse import unquote

from lxml import etree

from unsubmit.errors import TemplateError
from unsubmit.render.letterhead import Removal, relationship_removal, strip_active_content
from unsubmit.render.zipwrite import Deflated, deflate, write_zip
from unsubmit.safexml import parse

__all__ = ["DocumentProperties", "clean_letterhead", "docx_leaks", "finalize_docx"]


@dataclass(frozen=True)
class DocumentProperties:
    """The only metadata an output carries; everything comes from the case, nothing from a person.

    ``date`` is the document's own date (the date of the letter), used for both ``created`` and
    ``modified`` so that the build time never enters the file.
    """

    title: str
    language: str
    date: datetime.date
    subject: str = ""
    keywords: tuple[str, ...] = ()


# --- Names -------------------------------------------------------------------------------------

_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
_W15_NS = "http://schemas.microsoft.com/office/word/2012/wordml"
_CP_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
_DC_NS = "http://purl.org/dc/elements/1.1/"
_DCTERMS_NS = "http://purl.org/dc/terms/"
_DCMITYPE_NS = "http://purl.org/dc/dcmitype/"
_XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
_EP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"

_CONTENT_TYPES = "[Content_Types].xml"
_ROOT_RELS = "_rels/.rels"
_CORE = "docProps/core.xml"
_APP = "docProps/app.xml"

_CORE_REL_TYPE = (
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
)
_APP_REL_TYPE = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
)
_CORE_CT = "application/vnd.openxmlformats-package.core-properties+xml"
_APP_CT = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
_MAIN_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

# Main-document content types that are not a plain document: macros would run (or be offered
# to run) at the recipient's, and a template opens as a new untitled document.
_OTHER_MAIN_CTS = {
    "application/vnd.ms-word.document.macroEnabled.main+xml": "a macro-enabled document",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": (
        "a template"
    ),
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": ("a macro-enabled template"),
}
_MACRO_CTS = frozenset(
    {
        "application/vnd.ms-office.vbaProject",
        "application/vnd.ms-word.vbaData+xml",
        "application/vnd.ms-word.keyMapCustomizations+xml",
        "application/vnd.ms-word.attachedToolbars",
    }
)

# Parts that never belong in an output, by name, with what they would reveal.
_REMOVED_PARTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"word/comments[^/]*\.xml", re.IGNORECASE), "comments"),
    (re.compile(r"word/people\.xml", re.IGNORECASE), "the names of comment and revision authors"),
    (re.compile(r"customXml/.*", re.IGNORECASE), "custom XML data"),
    (re.compile(r"docProps/custom\.xml", re.IGNORECASE), "custom document properties"),
    (re.compile(r"docProps/thumbnail\.[^/]+", re.IGNORECASE), "a thumbnail of the first page"),
    (re.compile(r"word/glossary/.*", re.IGNORECASE), "a glossary of building blocks"),
    (
        re.compile(
            r"(?:.*/)?vbaProject\.bin|word/vbaData\.xml|word/customizations\.xml"
            r"|word/attachedToolbars\.bin",
            re.IGNORECASE,
        ),
        "macros",
    ),
)

# Relationship types (last segment of the Type URI) whose targets never belong in an output.
_REMOVED_REL_TYPES = {
    "comments": "comments",
    "commentsExtended": "comments",
    "commentsIds": "comments",
    "commentsExtensible": "comments",
    "people": "the names of comment and revision authors",
    "customXml": "custom XML data",
    "custom-properties": "custom document properties",
    "thumbnail": "a thumbnail of the first page",
    "glossaryDocument": "a glossary of building blocks",
    "vbaProject": "macros",
    "wordVbaData": "macros",
    "keyMapCustomizations": "macros",
    "attachedToolbars": "macros",
    "attachedTemplate": "the path of the template the document was made from",
}

# Of those, what Word leaves about people, editing sessions and the document's own data: removed
# without a warning, since most letterheads saved by Word (and every one python-docx makes) have
# some, and none of it is active or external. The rest falls to the letterhead allow-list, which
# names what it removes.
_QUIETLY_REMOVED = frozenset(
    {
        "comments",
        "the names of comment and revision authors",
        "custom XML data",
        "custom document properties",
        "a thumbnail of the first page",
    }
)

_CORE_ALLOWED = frozenset(
    {
        f"{{{_DC_NS}}}title",
        f"{{{_DC_NS}}}subject",
        f"{{{_CP_NS}}}keywords",
        f"{{{_DC_NS}}}language",
        f"{{{_DCTERMS_NS}}}created",
        f"{{{_DCTERMS_NS}}}modified",
    }
)
_PREFIXES = {
    _W_NS: "w",
    _W14_NS: "w14",
    _W15_NS: "w15",
    _CP_NS: "cp",
    _DC_NS: "dc",
    _DCTERMS_NS: "dcterms",
    _EP_NS: "",
}


def _w(local: str) -> str:
    return f"{{{_W_NS}}}{local}"


_W14_PARA_ID = f"{{{_W14_NS}}}paraId"
_W14_TEXT_ID = f"{{{_W14_NS}}}textId"
_RSID_PREFIX = _w("rsid")

# Elements that are dropped with their content: comment anchors, proofing marks, the history
# of formatting changes (each carries w:author and w:date), move ranges.
_DROPPED = frozenset(
    _w(name)
    for name in (
        "commentRangeStart",
        "commentRangeEnd",
        "proofErr",
        "moveFromRangeStart",
        "moveFromRangeEnd",
        "moveToRangeStart",
        "moveToRangeEnd",
        "customXmlInsRangeStart",
        "customXmlInsRangeEnd",
        "customXmlDelRangeStart",
        "customXmlDelRangeEnd",
        "customXmlMoveFromRangeStart",
        "customXmlMoveFromRangeEnd",
        "customXmlMoveToRangeStart",
        "customXmlMoveToRangeEnd",
        "rPrChange",
        "pPrChange",
        "sectPrChange",
        "tblPrChange",
        "tblPrExChange",
        "trPrChange",
        "tcPrChange",
        "tblGridChange",
        "numberingChange",
        "cellIns",
        "cellDel",
        "cellMerge",
    )
)
# Tracked deletions: accepting them means dropping their content.
_DELETIONS = frozenset({_w("del"), _w("moveFrom")})
# Tracked insertions and wrappers: accepting them means keeping their content.
_UNWRAPPED = frozenset({_w("ins"), _w("moveTo"), _w("customXml"), _w("smartTag")})
_WRAPPER_PROPERTIES = frozenset({_w("customXmlPr"), _w("smartTagPr")})
_COMMENT_REFERENCE = _w("commentReference")
_TRACKED = (
    _DELETIONS
    | {_w("ins"), _w("moveTo")}
    | frozenset(
        name
        for name in _DROPPED
        if name.endswith(("Change", "RangeStart", "RangeEnd")) or name.startswith(_w("cell"))
    )
)

# Settings that identify the editing session, the author's template or pending revisions.
_SETTINGS_REMOVED = frozenset(
    {
        _w("rsids"),
        _w("attachedTemplate"),
        _w("docVars"),
        _w("trackRevisions"),
        _w("saveThroughXslt"),
        f"{{{_W15_NS}}}docId",
        f"{{{_W14_NS}}}docId",
    }
)

#: What a DOCX may unpack to. A letter template is a few hundred kilobytes; a ZIP bomb of a few
#: kilobytes can claim gigabytes, and would be read into memory before anything else is checked.
MAX_PACKAGE_BYTES = 256 * 1024 * 1024
MAX_PACKAGE_MEMBERS = 10_000

_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


# --- Public API --------------------------------------------------------------------------------


def finalize_docx(data: bytes, props: DocumentProperties) -> bytes:
    """Clean a rendered DOCX and repackage it deterministically.

    The result depends only on ``data`` and ``props``: not on the clock, the user, the machine or
    the order in which the renderer wrote the ZIP members.
    """
    return assemble(clean_package(data), props)


def assemble(members: Mapping[str, bytes | Deflated], props: DocumentProperties) -> bytes:
    """Package members that :func:`clean_package` returned, with core properties from ``props``.

    The renderer cleans a template once, deflates its unchanged parts once, and calls this for
    every document it renders.
    """
    complete: dict[str, bytes | Deflated] = dict(members)
    complete[_CORE] = _core_xml(props)
    return _write_package(complete)


def clean_package(data: bytes) -> dict[str, bytes]:
    """The members of a DOCX with everything identifying removed (see the module docstring),
    and everything a letterhead may not hold (:mod:`unsubmit.render.letterhead`).

    Core properties are left neutral: :func:`assemble` writes them from the document's own.
    """
    return clean_letterhead(data)[0]


def clean_letterhead(data: bytes) -> tuple[dict[str, bytes], list[Removal]]:
    """:func:`clean_package`, and what it removed by the letterhead allow-list, part by part.

    What Word leaves about people and editing sessions is removed without a word; the rest
    (external links, embedded objects, fields, macros...) is named, so that whoever uses a
    letterhead learns what it tried to carry.
    """
    members, _infos, _comment = _read_package(data)
    for required in (_CONTENT_TYPES, _ROOT_RELS):
        if required not in members:
            raise TemplateError(f"the file is not a valid DOCX package: it has no {required}")
    rels = {name: _parse(name, blob) for name, blob in members.items() if _is_rels(name)}
    types = _parse(_CONTENT_TYPES, members[_CONTENT_TYPES])
    known_ids = _relationship_ids(rels)

    removals = _drop_removed_parts(members, rels, _content_type_lookup(types))
    _set_neutral_properties(members, rels[_ROOT_RELS])
    members, rels = _keep_reachable(members, rels)
    _clean_content_types(types, members)
    members[_CONTENT_TYPES] = _serialize(types)
    _serialize_relationships(members, rels)
    removals += _clean_word_parts(members, _relationship_ids(rels), known_ids)

    # What removed parts related to went with them, and needs no word of its own.
    return members, [removal for removal in removals if removal.part in members]


def _relationship_ids(rels: Mapping[str, Any]) -> dict[str, set[str]]:
    """The relationship ids each part has, by the part's name (``""`` for the package)."""
    return {
        _source_of_rels(name) or "": {rel.get("Id") for rel in _relationships(root)}
        for name, root in rels.items()
    }


def _drop_removed_parts(
    members: dict[str, bytes], rels: dict[str, Any], content_type: Callable[[str], str]
) -> list[Removal]:
    """Remove the relationships and parts a clean letter does not keep, and every relationship
    that still points at a removed part; return what the allow-list removed."""
    removals, removed = _remove_relationships(members, rels, content_type)
    removed_lower = {name.lower() for name in removed}
    for rels_name, root in rels.items():
        source = _source_of_rels(rels_name) or ""
        for rel in list(_relationships(root)):
            targets = _target_candidates(source, rel.get("Target", ""))
            if _is_internal(rel) and any(t.lower() in removed_lower for t in targets):
                root.remove(rel)
    for name in removed:
        members.pop(name, None)
    return removals


def _set_neutral_properties(members: dict[str, bytes], root_rels: Any) -> None:
    """Core and extended properties that say nothing yet, and the package relationships to them;
    :func:`assemble` writes the document's own core properties."""
    props = DocumentProperties(title="", language="", date=datetime.date(1980, 1, 1))
    _set_package_relationship(root_rels, ("/metadata/core-properties",), _CORE_REL_TYPE, _CORE)
    _set_package_relationship(
        root_rels, ("/extended-properties", "/extendedProperties"), _APP_REL_TYPE, _APP
    )
    members[_CORE] = _core_xml(props)
    members[_APP] = _app_xml()


def _keep_reachable(
    members: dict[str, bytes], rels: dict[str, Any]
) -> tuple[dict[str, bytes], dict[str, Any]]:
    """The members and relationship files reachable from the package, which must still lead to
    a main document."""
    kept = _reachable(members, rels)
    members = {
        name: blob for name, blob in members.items() if name in kept or name == _CONTENT_TYPES
    }
    rels = {name: root for name, root in rels.items() if name in members}
    if not any(
        rel.get("Type", "").endswith("/officeDocument") and _is_internal(rel)
        for rel in _relationships(rels[_ROOT_RELS])
        if _target_candidates("", rel.get("Target", "")) & set(members)
    ):
        raise TemplateError("the file is not a valid DOCX package: it has no main document part")
    return members, rels


def _serialize_relationships(members: dict[str, bytes], rels: Mapping[str, Any]) -> None:
    """Write the cleaned relationship files back, leaving out those with nothing left to relate
    (the empty file would only be noise)."""
    for rels_name, root in rels.items():
        if rels_name != _ROOT_RELS and not _relationships(root):
            del members[rels_name]
        else:
            members[rels_name] = _serialize(root)


def _clean_word_parts(
    members: dict[str, bytes],
    kept_ids: Mapping[str, set[str]],
    known_ids: Mapping[str, set[str]],
) -> list[Removal]:
    """Strip active content and editing traces from every WordprocessingML part; return what the
    allow-list removed."""
    removals: list[Removal] = []
    for name in sorted(members):
        lowered = name.lower()
        if lowered.startswith("word/") and lowered.endswith(".xml"):
            root = _parse(name, members[name])
            ids = (kept_ids.get(name, set()), known_ids.get(name, set()))
            removals += strip_active_content(name, root, *ids)
            _clean_word_xml(root)
            members[name] = _serialize(root)
    return removals


def docx_leaks(data: bytes) -> list[str]:
    """Describe everything in a DOCX that :func:`finalize_docx` would have removed.

    An empty list means the package is clean. Each entry names the part and what it holds, so a
    failing test (or a reviewer) sees at once what leaked.
    """
    members, infos, comment = _read_package(data)
    return [
        *_container_leaks(infos, comment),
        *_part_leaks(members),
        *_relationship_leaks(members),
        *_content_type_leaks(members),
        *_core_leaks(members),
        *_app_leaks(members),
        *_word_part_leaks(members),
    ]


# --- What docx_leaks finds, one kind of place at a time ----------------------------------------


def _container_leaks(infos: list[zipfile.ZipInfo], comment: bytes) -> Iterator[str]:
    """Build times on the ZIP members, and the archive's comment."""
    dated = sorted(info.filename for info in infos if info.date_time != _ZIP_EPOCH)
    if dated:
        yield (
            f"ZIP: {len(dated)} member(s) carry a modification time (first: {dated[0]}), "
            "which tells when the document was built"
        )
    if comment:
        yield f"ZIP: archive comment {_short(comment.decode('utf-8', 'replace'))}"


def _part_leaks(members: Mapping[str, bytes]) -> Iterator[str]:
    """Parts that are removed whole (comments, people, thumbnails, macros...)."""
    for name in members:
        kind = _removed_part_kind(name)
        if kind is not None:
            yield f"{name}: part with {kind}"


def _relationship_leaks(members: Mapping[str, bytes]) -> Iterator[str]:
    """Relationships to what is removed (an attached template, custom XML...)."""
    for rels_name in (name for name in members if _is_rels(name)):
        for rel in _relationships(_parse(rels_name, members[rels_name])):
            kind = _removed_rel_kind(rel)
            if kind is not None:
                yield (
                    f"{rels_name}: relationship {rel.get('Id')} to {kind} "
                    f"({_short(rel.get('Target', ''))})"
                )


def _content_type_leaks(members: Mapping[str, bytes]) -> Iterator[str]:
    """A main document that is not a plain document (a template, macros), and macro parts."""
    if _CONTENT_TYPES not in members:
        return
    for entry in _parse(_CONTENT_TYPES, members[_CONTENT_TYPES]):
        content_type = entry.get("ContentType", "")
        if content_type in _OTHER_MAIN_CTS:
            yield f"{_CONTENT_TYPES}: the main document is {_OTHER_MAIN_CTS[content_type]}"
        elif content_type in _MACRO_CTS:
            yield f"{_CONTENT_TYPES}: content type for macros ({content_type})"


def _core_leaks(members: Mapping[str, bytes]) -> Iterator[str]:
    """Core properties other than those the case gives, and dates with a time of day."""
    for child in _xml_children(members, _CORE):
        if child.tag not in _CORE_ALLOWED:
            yield f"{_CORE}: {_qname(child.tag)} {_short(child.text or '')}"
        elif child.tag.startswith(f"{{{_DCTERMS_NS}}}") and not (child.text or "").endswith(
            "T00:00:00Z"
        ):
            yield f"{_CORE}: {_qname(child.tag)} has a time of day ({child.text})"


def _app_leaks(members: Mapping[str, bytes]) -> Iterator[str]:
    """Extended properties other than the application's name (company, template, editing time)."""
    for child in _xml_children(members, _APP):
        if child.tag != f"{{{_EP_NS}}}Application" or (child.text or "") != "unsubmit":
            yield f"{_APP}: {_qname(child.tag)} {_short(child.text or '')}"


def _xml_children(members: Mapping[str, bytes], name: str) -> Iterator[Any]:
    """The elements at the top of part ``name`` (none if there is no such part)."""
    if name in members:
        yield from (child for child in _parse(name, members[name]) if isinstance(child.tag, str))


def _word_part_leaks(members: Mapping[str, bytes]) -> Iterator[str]:
    """Editing-session ids, comments, proofing marks and tracked changes in the WordprocessingML
    parts."""
    for name in members:
        lowered = name.lower()
        if lowered.startswith("word/") and lowered.endswith(".xml"):
            yield from (f"{name}: {leak}" for leak in _word_xml_leaks(_parse(name, members[name])))


# --- Reading and writing the container ---------------------------------------------------------


#: What to do with a DOCX that cannot be read as one.
_RESAVE = ": open it in Word or LibreOffice and save it again as a Word document (.docx)"


def _read_package(data: bytes) -> tuple[dict[str, bytes], list[zipfile.ZipInfo], bytes]:
    """Read every member into memory; a broken archive is the template's fault, not the user's."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            infos = [info for info in archive.infolist() if not info.is_dir()]
            _check_unpacked_size(infos)
            members = {info.filename: archive.read(info) for info in infos}
            comment = archive.comment
    except (zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, NotImplementedError) as exc:
        raise TemplateError(f"the file is not a valid DOCX package: {exc}{_RESAVE}") from exc
    except (OSError, EOFError, ValueError) as exc:
        raise TemplateError(
            f"the file is not a valid DOCX package: the ZIP archive is damaged ({exc}){_RESAVE}"
        ) from exc
    return members, infos, comment


def _check_unpacked_size(infos: list[zipfile.ZipInfo]) -> None:
    """Refuse a package that claims too much before reading it; zipfile stops a member that
    claims less than it holds (its CRC check fails), so the claimed sizes can be trusted."""
    total = sum(info.file_size for info in infos)
    if len(infos) > MAX_PACKAGE_MEMBERS or total > MAX_PACKAGE_BYTES:
        raise TemplateError(
            f"the document is not a plausible DOCX package: it unpacks to {len(infos):,} "
            f"files and {total / 1_000_000:,.1f} MB (at most {MAX_PACKAGE_MEMBERS:,} files and "
            f"{MAX_PACKAGE_BYTES // 1_000_000} MB are read); it may be a ZIP bomb"
        )


def _write_package(members: Mapping[str, bytes | Deflated]) -> bytes:
    """Write members in a fixed order with fixed dates, attributes and compression.

    ``[Content_Types].xml`` and ``_rels/.rels`` come first because some readers (and the OPC
    recommendations) expect them there; the rest is sorted by name so that the renderer's order
    does not matter. Members already deflated (a template's unchanged parts) are copied as they
    are.
    """
    rest = sorted(name for name in members if name not in (_CONTENT_TYPES, _ROOT_RELS))
    ordered = []
    for name in [_CONTENT_TYPES, _ROOT_RELS, *rest]:
        member = members[name]
        ordered.append((name, member if isinstance(member, Deflated) else deflate(member)))
    try:
        return write_zip(ordered)
    except ValueError as exc:
        raise TemplateError(f"the rendered document cannot be written: {exc}") from exc


# --- XML helpers -------------------------------------------------------------------------------


def _parse(name: str, data: bytes) -> Any:
    """Parse one part without resolving entities or touching the network."""
    try:
        root = parse(data)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise TemplateError(
            f"the file is not a valid DOCX package: {name} is not well-formed XML ({exc})"
        ) from exc
    if root is None:
        raise TemplateError(f"the file is not a valid DOCX package: {name} is empty")
    return root


def _serialize(root: Any) -> bytes:
    result: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return result


def _qname(tag: str) -> str:
    namespace, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    prefix = _PREFIXES.get(namespace)
    if prefix is None:
        return f"{{{namespace}}}{local}"
    return f"{prefix}:{local}" if prefix else local


def _short(text: str) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _xml_text(text: str) -> str:
    """Drop characters XML 1.0 cannot carry, so that odd case data cannot break the package."""
    return _NOT_XML_CHAR.sub("", text)


# --- Relationships and content types -----------------------------------------------------------


def _is_rels(name: str) -> bool:
    return _source_of_rels(name) is not None


def _source_of_rels(rels_name: str) -> str | None:
    """``word/_rels/document.xml.rels`` → ``word/document.xml``; ``_rels/.rels`` → ``""``."""
    directory, base = posixpath.split(rels_name)
    parent, folder = posixpath.split(directory)
    if folder != "_rels" or not base.endswith(".rels"):
        return None
    return posixpath.join(parent, base[: -len(".rels")]) if parent else base[: -len(".rels")]


def _rels_name(part: str) -> str:
    directory, base = posixpath.split(part)
    return posixpath.join(directory, "_rels", f"{base}.rels")


def _relationships(root: Any) -> list[Any]:
    return list(root.iterchildren(f"{{{_REL_NS}}}Relationship"))


def _is_internal(rel: Any) -> bool:
    return bool(rel.get("TargetMode", "Internal") != "External")


def _removed_rel_kind(rel: Any) -> str | None:
    rel_type: str = rel.get("Type", "")
    return _REMOVED_REL_TYPES.get(rel_type.rstrip("/").rsplit("/", 1)[-1])


def _removed_part_kind(name: str) -> str | None:
    for pattern, kind in _REMOVED_PARTS:
        if pattern.fullmatch(name):
            return kind
    return None


def _remove_relationships(
    members: dict[str, bytes], rels: dict[str, Any], content_type: Callable[[str], str]
) -> tuple[list[Removal], set[str]]:
    """Remove the relationships a clean letter does not keep: quietly those about people, by
    name the others the letterhead allow-list refuses; return those and the parts they had."""
    removals: list[Removal] = []
    removed = {name for name in members if _removed_part_kind(name) is not None}
    for rels_name, root in rels.items():
        source = _source_of_rels(rels_name) or ""
        for rel in _relationships(root):
            targets = _target_candidates(source, rel.get("Target", ""))
            if _removed_rel_kind(rel) not in _QUIETLY_REMOVED:
                found = next((name for name in sorted(targets) if name in members), None)
                why = relationship_removal(
                    rel.get("Type", ""),
                    rel.get("Target", ""),
                    not _is_internal(rel),
                    None if found is None else (content_type(found), members[found]),
                )
                if why is None:
                    continue
                removals.append(Removal(source or rels_name, why))
            root.remove(rel)
            if _is_internal(rel):
                removed.update(targets)
    return removals, removed


def _content_type_lookup(types: Any) -> Callable[[str], str]:
    """A function that gives a member's content type as ``[Content_Types].xml`` declares it."""
    overrides: dict[str, str] = {}
    defaults: dict[str, str] = {}
    for entry in types:
        if entry.tag == f"{{{_CT_NS}}}Override":
            part = unquote(entry.get("PartName", "")).lstrip("/").lower()
            overrides[part] = entry.get("ContentType", "")
        elif entry.tag == f"{{{_CT_NS}}}Default":
            defaults[entry.get("Extension", "").lower()] = entry.get("ContentType", "")

    def content_type(name: str) -> str:
        found = overrides.get(name.lower())
        if found is None:
            found = defaults.get(posixpath.splitext(name)[1][1:].lower(), "")
        return found

    return content_type


def _target_candidates(source: str, target: str) -> set[str]:
    """The member names a relationship target may denote (as written and percent-decoded)."""
    target = target.split("#", 1)[0]
    if not target:
        return set()
    if target.startswith("/"):
        path = target.lstrip("/")
    else:
        path = posixpath.join(posixpath.dirname(source), target)
    path = posixpath.normpath(path).lstrip("/")
    return {path, unquote(path)}


def _set_package_relationship(
    root_rels: Any, type_suffixes: tuple[str, ...], rel_type: str, target: str
) -> None:
    """Point the package's (single) relationship of a kind at ``target``, creating it if needed."""
    existing = [
        rel for rel in _relationships(root_rels) if rel.get("Type", "").endswith(type_suffixes)
    ]
    if existing:
        keep = existing[0]
        for rel in existing[1:]:
            root_rels.remove(rel)
    else:
        used = {rel.get("Id") for rel in _relationships(root_rels)}
        number = 1
        while f"rId{number}" in used:
            number += 1
        keep = etree.SubElement(root_rels, f"{{{_REL_NS}}}Relationship", Id=f"rId{number}")
    keep.set("Type", rel_type)
    keep.set("Target", target)
    if "TargetMode" in keep.attrib:
        del keep.attrib["TargetMode"]


def _reachable(members: dict[str, bytes], rels: dict[str, Any]) -> set[str]:
    """Every member reachable from the package relationships, with the ``.rels`` on the way.

    Word and python-docx only ever write reachable parts, so whatever is left unreachable after
    removals (a picture only a comment used, say) is dropped too.
    """
    index = {name.lower(): name for name in members}
    rels_index = {name.lower(): name for name in rels}
    seen: set[str] = {_ROOT_RELS}
    queue = [""]
    while queue:
        source = queue.pop()
        rels_name = rels_index.get((_ROOT_RELS if source == "" else _rels_name(source)).lower())
        if rels_name is None:
            continue
        seen.add(rels_name)
        for rel in _relationships(rels[rels_name]):
            if not _is_internal(rel):
                continue
            for candidate in _target_candidates(source, rel.get("Target", "")):
                actual = index.get(candidate.lower())
                if actual is not None and actual not in seen:
                    seen.add(actual)
                    queue.append(actual)
    return seen


def _clean_content_types(types: Any, members: dict[str, bytes]) -> None:
    """Drop entries for removed parts and macros; declare core and app; make the main plain."""
    present = {name.lower() for name in members}
    extensions = {posixpath.splitext(name)[1][1:] for name in present}
    overrides: dict[str, Any] = {}
    for entry in list(types):
        if not isinstance(entry.tag, str):
            continue
        content_type = entry.get("ContentType", "")
        if entry.tag == f"{{{_CT_NS}}}Default":
            # A default for an extension no part has any more (the thumbnail's "jpeg") would
            # still hint at what was there.
            extension = entry.get("Extension", "").lower()
            if content_type in _MACRO_CTS or (
                extension not in ("rels", "xml") and extension not in extensions
            ):
                types.remove(entry)
            continue
        if entry.tag != f"{{{_CT_NS}}}Override":
            continue
        part = entry.get("PartName", "").lstrip("/")
        if content_type in _MACRO_CTS or not {part.lower(), unquote(part).lower()} & present:
            types.remove(entry)
            continue
        if content_type in _OTHER_MAIN_CTS:
            entry.set("ContentType", _MAIN_CT)
        overrides[part.lower()] = entry
    for part, content_type in ((_CORE, _CORE_CT), (_APP, _APP_CT)):
        entry = overrides.get(part.lower())
        if entry is None:
            entry = etree.SubElement(types, f"{{{_CT_NS}}}Override", PartName=f"/{part}")
        entry.set("ContentType", content_type)


# --- Metadata ----------------------------------------------------------------------------------


def _core_xml(props: DocumentProperties) -> bytes:
    nsmap = {
        "cp": _CP_NS,
        "dc": _DC_NS,
        "dcterms": _DCTERMS_NS,
        "dcmitype": _DCMITYPE_NS,
        "xsi": _XSI_NS,
    }
    root = etree.Element(f"{{{_CP_NS}}}coreProperties", nsmap=nsmap)

    def add(namespace: str, local: str, text: str) -> Any:
        element = etree.SubElement(root, f"{{{namespace}}}{local}")
        element.text = _xml_text(text)
        return element

    add(_DC_NS, "title", props.title)
    if props.subject:
        add(_DC_NS, "subject", props.subject)
    keywords = [keyword.strip() for keyword in props.keywords if keyword.strip()]
    if keywords:
        add(_CP_NS, "keywords", ", ".join(keywords))
    add(_DC_NS, "language", props.language.strip())
    day = props.date
    stamp = f"{day.year:04d}-{day.month:02d}-{day.day:02d}T00:00:00Z"
    for local in ("created", "modified"):
        add(_DCTERMS_NS, local, stamp).set(f"{{{_XSI_NS}}}type", "dcterms:W3CDTF")
    return _serialize(root)


def _app_xml() -> bytes:
    root = etree.Element(f"{{{_EP_NS}}}Properties", nsmap={None: _EP_NS})
    etree.SubElement(root, f"{{{_EP_NS}}}Application").text = "unsubmit"
    return _serialize(root)


# --- WordprocessingML --------------------------------------------------------------------------


def _is_identifying_attribute(name: str) -> bool:
    return name.startswith(_RSID_PREFIX) or name in (_W14_PARA_ID, _W14_TEXT_ID)


def _move_text_before(element: Any, text: str | None) -> None:
    """Append ``text`` to whatever precedes ``element``, so that removing it loses no text."""
    if not text:
        return
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent = element.getparent()
        parent.text = (parent.text or "") + text


def _remove(element: Any) -> None:
    parent = element.getparent()
    if parent is None:
        return
    _move_text_before(element, element.tail)
    element.tail = None
    parent.remove(element)


def _unwrap(element: Any) -> None:
    """Replace ``element`` by its content (minus its own property element)."""
    parent = element.getparent()
    if parent is None:
        return
    for child in list(element):
        if child.tag in _WRAPPER_PROPERTIES:
            _remove(child)
    _move_text_before(element, element.text)
    element.text = None
    children = list(element)
    index = parent.index(element)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    tail, element.tail = element.tail, None
    if children and tail:
        children[-1].tail = (children[-1].tail or "") + tail
    else:
        _move_text_before(element, tail)
    parent.remove(element)


def _is_property_marker(element: Any) -> bool:
    """``w:ins``/``w:del`` inside ``w:rPr``, ``w:trPr``… mark a paragraph mark or row, not text."""
    parent = element.getparent()
    return parent is not None and isinstance(parent.tag, str) and parent.tag.endswith("Pr")


def _clean_word_xml(root: Any) -> None:
    """Accept tracked changes, drop comment anchors and identifiers, strip session settings."""
    for element in list(root.iter(etree.Element)):
        for name in [name for name in element.attrib if _is_identifying_attribute(name)]:
            del element.attrib[name]
        tag = element.tag
        if tag in _DROPPED:
            _remove(element)
        elif tag in _DELETIONS:
            if _is_property_marker(element):
                parent = element.getparent()
                if parent.tag == _w("trPr") and tag == _w("del"):
                    _remove(parent.getparent())  # a deleted table row
                else:
                    _remove(element)
            else:
                _remove(element)
        elif tag in _UNWRAPPED:
            if _is_property_marker(element):
                _remove(element)
            else:
                _unwrap(element)
        elif tag == _COMMENT_REFERENCE:
            run = element.getparent()
            others = [
                child
                for child in (run if run is not None else [])
                if child is not element and child.tag != _w("rPr")
            ]
            if run is not None and run.tag == _w("r") and not others:
                _remove(run)
            else:
                _remove(element)
    if root.tag == _w("settings"):
        for child in list(root):
            if child.tag in _SETTINGS_REMOVED:
                _remove(child)


def _word_xml_leaks(root: Any) -> Iterable[str]:
    identifiers: dict[str, int] = {}
    counts: dict[str, int] = {}
    for element in root.iter(etree.Element):
        for name in element.attrib:
            if _is_identifying_attribute(name):
                identifiers[_qname(name)] = identifiers.get(_qname(name), 0) + 1
        tag = element.tag
        if tag in (_w("commentRangeStart"), _w("commentRangeEnd"), _COMMENT_REFERENCE):
            kind = "comment anchor(s)"
        elif tag == _w("proofErr"):
            kind = "proofing mark(s)"
        elif tag in (_w("customXml"), _w("smartTag")) or tag.startswith(_w("customXml")):
            kind = "custom XML or smart tag markup"
        elif tag in _TRACKED:
            kind = "tracked change(s), each with an author and a date"
        elif (
            root.tag == _w("settings")
            and element.getparent() is root
            and tag in (_SETTINGS_REMOVED)
        ):
            kind = f"setting {_qname(tag)}"
        else:
            continue
        counts[kind] = counts.get(kind, 0) + 1
    if identifiers:
        names = ", ".join(sorted(identifiers))
        yield f"{sum(identifiers.values())} editing-session identifier(s) ({names})"
    for kind, count in counts.items():
        yield f"{count} {kind}"
