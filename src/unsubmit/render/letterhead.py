"""What a letterhead may hold, by allow-list: everything else is removed and named.

A letterhead (``--template FILE.docx``) comes from someone else, and a DOCX can do much more
than show a letter. It can fetch an image from a server when it is opened or converted (which
tells that server who builds a letter, and when, and through a template's loop even what the
letter says), read a file from the submitter's disk or network share (``file://`` images, a
``\\\\server\\share`` OLE link set to update by itself, ``INCLUDETEXT``), run a program
(``DDEAUTO``, OLE packages, ActiveX controls, macros) or pull in other documents (subdocuments,
framesets, ``altChunk``, a mail-merge data source, an attached template).

A deny-list of such things is always one item short, so a letterhead is reduced to what a
letterhead needs, and nothing else survives:

- parts: the main document, styles, settings, fonts *table* (not embedded fonts), numbering,
  footnotes and endnotes, headers and footers, the theme, web settings, and embedded raster
  images (PNG, JPEG, GIF, BMP, TIFF) whose bytes are what their type says;
- relationships: to those parts, and external ones only to ``http``, ``https`` and ``mailto``
  hyperlinks;
- fields: ``PAGE``, ``NUMPAGES`` and ``SECTIONPAGES`` (page numbers), and ``HYPERLINK`` to an
  ``http``, ``https`` or ``mailto`` address or a place in the document. Not ``DATE``,
  ``TIME`` or ``PRINTDATE``: they would show the day a letter is opened or converted instead of
  its own date, and tell when it was built;
- elements: everything that shows text, tables and images, minus embedded objects (OLE,
  ActiveX), subdocuments, ``altChunk``, framesets, mail merge and link attributes of drawings.

Each removal is a :class:`Removal` that names the part and what was there; the build shows
them as warnings (and refuses the letterhead with ``--strict``), and ``unsubmit template
check`` lists them before anyone uses it. What Word leaves about people, editing sessions and
the document's own data (comments, tracked changes, properties, custom XML) is removed without a
word, by :mod:`.package`: most letterheads have some, and none of it reaches out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lxml import etree

__all__ = ["Removal", "relationship_removal", "strip_active_content"]

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_VML = "urn:schemas-microsoft-com:vml"
_OFFICE = "urn:schemas-microsoft-com:office:office"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_OD = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships/"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."


@dataclass(frozen=True)
class Removal:
    """One thing a letterhead held that a letter does not: where, and what it was."""

    part: str
    what: str

    def __str__(self) -> str:
        return f"{self.part}: {self.what}"


#: Raster images a letterhead may embed, with the bytes each must start with.
RASTER_IMAGES: dict[str, tuple[bytes, ...]] = {
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/gif": (b"GIF87a", b"GIF89a"),
    "image/bmp": (b"BM",),
    "image/tiff": (b"II*\x00", b"MM\x00*"),
}

#: Internal relationships a letterhead may have, each with the content types its target may be.
_ALLOWED: dict[str, frozenset[str]] = {
    _OD + "officeDocument": frozenset(
        {
            _WML + "document.main+xml",
            _WML + "template.main+xml",  # made a plain document by the package
            "application/vnd.ms-word.document.macroEnabled.main+xml",  # its macros are removed
            "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
        }
    ),
    _PKG + "metadata/core-properties": frozenset(
        {"application/vnd.openxmlformats-package.core-properties+xml"}
    ),
    _OD + "extended-properties": frozenset(
        {"application/vnd.openxmlformats-officedocument.extended-properties+xml"}
    ),
    _OD + "styles": frozenset({_WML + "styles+xml"}),
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects": frozenset(
        {"application/vnd.ms-word.stylesWithEffects+xml"}
    ),
    _OD + "settings": frozenset({_WML + "settings+xml"}),
    _OD + "webSettings": frozenset({_WML + "webSettings+xml"}),
    _OD + "fontTable": frozenset({_WML + "fontTable+xml"}),
    _OD + "numbering": frozenset({_WML + "numbering+xml"}),
    _OD + "footnotes": frozenset({_WML + "footnotes+xml"}),
    _OD + "endnotes": frozenset({_WML + "endnotes+xml"}),
    _OD + "header": frozenset({_WML + "header+xml"}),
    _OD + "footer": frozenset({_WML + "footer+xml"}),
    _OD + "theme": frozenset({"application/vnd.openxmlformats-officedocument.theme+xml"}),
    _OD + "image": frozenset(RASTER_IMAGES),
}
_HYPERLINK = _OD + "hyperlink"
_WEB_SCHEMES = ("http://", "https://", "mailto:")

#: What a relationship type that is not allowed was for, by the last segment of its type.
_DESCRIPTIONS = {
    "image": "an image",
    "oleObject": "an OLE object",
    "package": "an embedded package (an OLE object that holds a file)",
    "control": "an ActiveX control",
    "activeXControlBinary": "an ActiveX control",
    "subDocument": "a subdocument",
    "aFChunk": "an altChunk (HTML, RTF or another document imported when opened)",
    "frame": "a frame of a frameset",
    "mailMergeSource": "a mail-merge data source",
    "mailMergeHeaderSource": "a mail-merge header source",
    "recipientData": "mail-merge recipient data",
    "attachedTemplate": "an attached template",
    "customXml": "custom XML data",
    "vbaProject": "macros (a VBA project)",
    "wordVbaData": "macros",
    "keyMapCustomizations": "macro key assignments",
    "attachedToolbars": "macro toolbars",
    "glossaryDocument": "building blocks (a glossary document)",
    "font": "an embedded font",
    "hyperlink": "a hyperlink",
    "diagramData": "a diagram (SmartArt)",
    "chart": "a chart",
    "webextension": "an Office add-in",
    "webextensiontaskpanes": "an Office add-in",
    "digital-signature/origin": "a digital signature",
}


def relationship_removal(
    rel_type: str, target: str, external: bool, part: tuple[str, bytes] | None
) -> str | None:
    """What a relationship is, when a letterhead may not keep it; ``None`` when it may.

    ``part`` is the content type and bytes of an internal target (``None`` when the package
    has no such part: the dangling relationship is dropped, silently, with nothing to say).
    """
    shown = _shown(target)
    if external:
        if rel_type == _HYPERLINK and target.strip().lower().startswith(_WEB_SCHEMES):
            return None
        return f"{_describe(rel_type)} at {shown}, outside the document"
    allowed = _ALLOWED.get(rel_type)
    if allowed is None:
        return f"{_describe(rel_type)} ({shown})"
    if part is None:
        return None
    content_type = part[0].split(";")[0].strip().lower()
    if content_type not in {allowed_type.lower() for allowed_type in allowed}:
        return f"a part of type {part[0]!r} where {_describe(rel_type)} was expected ({shown})"
    magic = RASTER_IMAGES.get(content_type)
    if magic is not None and not part[1].startswith(magic):
        return f"an image whose bytes are not the {content_type} it claims to be ({shown})"
    return None


def _describe(rel_type: str) -> str:
    for suffix, what in _DESCRIPTIONS.items():
        if rel_type.endswith("/" + suffix):
            return what
    return f"a relationship of type {_shown(rel_type.rstrip('/').rsplit('/', 1)[-1])}"


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= 80 else text[:77] + "...")


# --- Elements and fields -----------------------------------------------------------------------


def _w(local: str) -> str:
    return f"{{{_W}}}{local}"


#: Elements removed wherever they are, with what they are.
_ACTIVE = {
    _w("object"): "an embedded object (OLE or ActiveX)",
    _w("control"): "an ActiveX control",
    f"{{{_OFFICE}}}OLEObject": "an OLE object",
    _w("subDoc"): "a subdocument",
    _w("altChunk"): "an altChunk (content imported when the document is opened)",
    _w("frameset"): "a frameset",
    _w("mailMerge"): "mail-merge settings (a data source and its query)",
    _w("updateFields"): "an order to update every field when the document is opened",
    _w("linkStyles"): "an order to copy styles from the attached template",
    _w("attachedSchema"): "an attached XML schema",
    _w("fldData"): "binary data of a field",
}
#: Elements that hold what a removed relationship was for: removed with it.
_HOLDERS = frozenset({_w("drawing"), _w("pict"), _w("object")})
#: Elements removed alone when their relationship goes (the picture they decorate stays).
_ALONE = frozenset(
    {
        f"{{{_A}}}hlinkClick",
        f"{{{_A}}}hlinkHover",
        _w("headerReference"),
        _w("footerReference"),
        _w("embedRegular"),
        _w("embedBold"),
        _w("embedItalic"),
        _w("embedBoldItalic"),
    }
)
#: Attributes of drawings (VML) that link to a file or an address.
_VML_LINKS = frozenset({"href", "althref", "src"})

#: Fields a letterhead may keep: page numbers, and links checked below.
_SAFE_FIELDS = frozenset({"PAGE", "NUMPAGES", "SECTIONPAGES"})
_FIELD_ARGUMENT = re.compile(r'"([^"]*)"|(\S+)')


def field_allowed(instruction: str) -> bool:
    """Whether a field instruction is one a letterhead may keep."""
    words = [a or b for a, b in _FIELD_ARGUMENT.findall(instruction)]
    if not words:
        return False
    name = words[0].upper()
    if name in _SAFE_FIELDS:
        return True
    if name != "HYPERLINK" or len(words) < 2:
        return False
    if words[1].lower() == "\\l":
        return True  # a place in this document
    return bool(words[1].strip().lower().startswith(_WEB_SCHEMES))


def strip_active_content(
    part: str, root: Any, kept_ids: set[str], known_ids: set[str]
) -> list[Removal]:
    """Remove from one WordprocessingML part what a letterhead may not hold (see the module
    docstring), and say what was removed.

    ``kept_ids`` are the ids of the part's relationships that were kept: an element that refers
    to any other id goes with what holds it, named unless its relationship (one of
    ``known_ids``) was named already.
    """
    removals: list[Removal] = []
    for element in list(root.iter(*_ACTIVE)):
        if _attached(element, root):
            removals.append(Removal(part, _ACTIVE[element.tag]))
            _drop(element)
    removals += _strip_dangling_references(part, root, kept_ids, known_ids)
    removals += _strip_fields(part, root)
    for element in root.iter(f"{{{_VML}}}*", f"{{{_OFFICE}}}*"):
        for name in [n for n in element.attrib if n.rsplit("}", 1)[-1] in _VML_LINKS]:
            removals.append(Removal(part, f"a drawing's link to {_shown(element.attrib[name])}"))
            del element.attrib[name]
    return removals


def _strip_dangling_references(
    part: str, root: Any, kept_ids: set[str], known_ids: set[str]
) -> list[Removal]:
    removals = []
    for element in list(root.iter(etree.Element)):
        if not _attached(element, root):
            continue  # inside something already removed
        refs = [v for k, v in element.attrib.items() if k.startswith(f"{{{_R}}}")]
        if not refs or all(ref in kept_ids for ref in refs):
            continue
        if element.tag == _w("hyperlink"):
            _unwrap(element)
        elif element.tag in _ALONE:
            _drop(element)
        else:
            holder = _holder(element)
            unknown = [ref for ref in refs if ref not in kept_ids and ref not in known_ids]
            if unknown:
                removals.append(
                    Removal(
                        part,
                        f"{_local(holder.tag)} referring to relationship {_shown(unknown[0])}, "
                        "which does not exist",
                    )
                )
            _drop(holder)
    return removals


def _attached(element: Any, root: Any) -> bool:
    """Whether an element is still in the part (not inside something removed before it)."""
    return element is root or any(ancestor is root for ancestor in element.iterancestors())


def _holder(element: Any) -> Any:
    """The drawing or object an element belongs to, or the element itself; for one inside
    markup-compatibility choices, the whole choice (its fallback says the same thing)."""
    holder = element
    for ancestor in element.iterancestors():
        if ancestor.tag in _HOLDERS:
            holder = ancestor
            break
    for ancestor in holder.iterancestors():
        if ancestor.tag == f"{{{_MC}}}AlternateContent":
            return ancestor
    return holder


def _local(tag: str) -> str:
    local = tag.rsplit("}", 1)[-1]
    return {"drawing": "an image", "pict": "a drawing", "object": "an embedded object"}.get(
        local, f"an element {local}"
    )


@dataclass
class _Field:
    begin: Any
    instruction: str = ""
    end: Any = None


def _strip_fields(part: str, root: Any) -> list[Removal]:
    """Remove every field not on the allow-list, with its result; keep the text around it."""
    removals = []
    for simple in list(root.iter(_w("fldSimple"))):
        instruction = simple.get(_w("instr"), "")
        if not field_allowed(instruction) and _attached(simple, root):
            removals.append(Removal(part, _field_name(instruction)))
            _drop(simple)

    fields: list[_Field] = []
    stack: list[_Field] = []
    orphans: list[Any] = []
    for element in root.iter(_w("fldChar"), _w("instrText")):
        if element.tag == _w("instrText"):
            if stack:
                stack[-1].instruction += element.text or ""
            else:
                orphans.append(element)
            continue
        kind = element.get(_w("fldCharType"))
        if kind == "begin":
            stack.append(_Field(element))
        elif kind == "end":
            if stack:
                field = stack.pop()
                field.end = element
                fields.append(field)
            else:
                orphans.append(element)
    fields += stack  # never closed: they run to the end of the part
    doomed = [field for field in fields if not field_allowed(field.instruction)]
    for field in doomed:
        removals.append(Removal(part, _field_name(field.instruction)))
    if orphans:
        removals.append(Removal(part, "a field marker or instruction outside any field"))
    if doomed or orphans:
        _remove_ranges(root, doomed, orphans)
    return removals


def _field_name(instruction: str) -> str:
    words = instruction.split()
    return f"a field {words[0].upper()} ({_shown(instruction)})" if words else "an empty field"


def _remove_ranges(root: Any, fields: list[_Field], orphans: list[Any]) -> None:
    """Remove each field from the run that begins it to the run that ends it, in document
    order across runs and paragraphs, keeping the properties of paragraphs it only crosses."""
    elements = list(root.iter())
    index = {element: number for number, element in enumerate(elements)}
    spans = []
    for field in fields:
        first = _run_of(field.begin)
        last = _run_of(field.end) if field.end is not None else None
        start = index[first]
        stop = index[last] + _size(last) - 1 if last is not None else len(elements) - 1
        spans.append((start, stop))
    spans += [(index[_run_of(o)], index[_run_of(o)] + _size(_run_of(o)) - 1) for o in orphans]
    doomed: list[Any] = []
    for start, stop in spans:
        number = start
        while number <= stop:
            element = elements[number]
            size = _size(element)
            if element.tag.endswith("Pr") or element.tag.endswith("Grid"):
                number += size
            elif number + size - 1 <= stop:
                doomed.append(element)
                number += size
            else:
                number += 1
    for element in doomed:
        if _attached(element, root):
            _drop(element)


def _run_of(element: Any) -> Any:
    parent = element.getparent()
    return parent if parent is not None and parent.tag == _w("r") else element


def _size(element: Any) -> int:
    return sum(1 for _ in element.iter())


def _drop(element: Any) -> None:
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _unwrap(element: Any) -> None:
    parent = element.getparent()
    index = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(index + offset, child)
    _drop(element)
