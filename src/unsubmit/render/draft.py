"""The "untranslated draft" mark: a line at the top of every page of a half-translated document.

A document built with ``--allow-untranslated`` shows some of the case's text in the case's own
language, under labels in the document's language. Nobody should send it by mistake, so every
page says so. The mark is added to the rendered package, not asked of the template: a
letterhead of one's own (``--template``) that knows nothing of drafts gets it too.

Every section of the document gets the mark in each of its headers (default, first page, even
pages): an existing header gets it as its first paragraph, and a missing one is created holding
only the mark, so that no page, the first included, is left without it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from xml.sax.saxutils import escape

from lxml import etree

from unsubmit.models.translatable import N_
from unsubmit.safexml import parse

__all__ = ["MARK", "mark_every_page"]

#: What the mark says, translated into the document's language.
MARK = N_("Untranslated draft: the case text is not fully translated")

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_HEADER_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
_HEADER_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
_DOCUMENT = "word/document.xml"
_RELS = "word/_rels/document.xml.rels"
_CONTENT_TYPES = "[Content_Types].xml"
#: The three headers a section can have; the first-page and even-page ones show only when the
#: section or the settings ask for them, and are harmless otherwise.
_KINDS = ("default", "first", "even")
_RED = "A4161A"


def _q(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


def _mark_paragraph(text: str) -> bytes:
    """The mark: bold red text, centred, ruled off from the page below."""
    return (
        f'<w:p xmlns:w="{_W}"><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" '
        f'w:color="{_RED}"/></w:pBdr><w:spacing w:before="0" w:after="120"/><w:jc '
        f'w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:bCs/><w:color w:val="{_RED}"/>'
        f'<w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr><w:t xml:space="preserve">'
        f"{escape(text)}</w:t></w:r></w:p>"
    ).encode()


def _serialize(root: etree._Element) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def mark_every_page(
    part: Callable[[str], bytes],
    text: str,
    layout: Callable[[etree._Element], None] | None = None,
) -> Mapping[str, bytes]:
    """The parts to replace or add so that every page of the document carries ``text``.

    ``part`` reads a part of the rendered package by name (document, its relationships, the
    content types, headers); ``layout`` is applied to the mark before it is placed (the
    right-to-left layout of an Arabic document).
    """
    mark = parse(_mark_paragraph(text))
    if layout is not None:
        holder = etree.Element(_q(_W, "hdr"), nsmap={"w": _W})
        holder.append(mark)
        layout(holder)
    document = parse(part(_DOCUMENT))
    rels = parse(part(_RELS))
    targets = {
        rel.get("Id"): "word/" + str(rel.get("Target")).lstrip("/").removeprefix("word/")
        for rel in rels
        if rel.get("Type") == _HEADER_TYPE
    }
    changed: dict[str, bytes] = {}
    headers: dict[str, etree._Element] = {}
    for section in document.iter(_q(_W, "sectPr")):
        present = {
            ref.get(_q(_W, "type"), "default"): ref.get(_q(_R, "id"))
            for ref in section.findall(_q(_W, "headerReference"))
        }
        for kind in _KINDS:
            rel_id = present.get(kind)
            if rel_id in targets:
                name = targets[str(rel_id)]
                if name not in headers:
                    headers[name] = parse(part(name))
                    headers[name].insert(0, _copy(mark))
                continue
            name, rel_id = _new_header(rels, targets, changed, mark)
            reference = etree.Element(_q(_W, "headerReference"), nsmap={"w": _W, "r": _R})
            reference.set(_q(_W, "type"), kind)
            reference.set(_q(_R, "id"), rel_id)
            section.insert(0, reference)
    for name, root in headers.items():
        changed[name] = _serialize(root)
    added = [name for name in changed if name not in headers]
    if added:
        changed[_DOCUMENT] = _serialize(document)
        changed[_RELS] = _serialize(rels)
        changed[_CONTENT_TYPES] = _with_overrides(part(_CONTENT_TYPES), added)
    return changed


def _copy(element: etree._Element) -> etree._Element:
    return parse(etree.tostring(element))


def _new_header(
    rels: etree._Element,
    targets: dict[str | None, str],
    changed: dict[str, bytes],
    mark: etree._Element,
) -> tuple[str, str]:
    """A new header part holding only the mark, and the relationship id that points to it."""
    taken = set(targets.values()) | set(changed)
    number = 1
    while f"word/header{number}.xml" in taken:
        number += 1
    name = f"word/header{number}.xml"
    ids = {rel.get("Id") for rel in rels}
    counter = 1
    while f"rIdDraft{counter}" in ids:
        counter += 1
    rel_id = f"rIdDraft{counter}"
    rel = etree.SubElement(rels, _q(_PKG_REL, "Relationship"))
    rel.set("Id", rel_id)
    rel.set("Type", _HEADER_TYPE)
    rel.set("Target", name.removeprefix("word/"))
    targets[rel_id] = name
    header = etree.Element(_q(_W, "hdr"), nsmap={"w": _W, "r": _R})
    header.append(_copy(mark))
    changed[name] = _serialize(header)
    return name, rel_id


def _with_overrides(content_types: bytes, names: list[str]) -> bytes:
    root = parse(content_types)
    for name in names:
        override = etree.SubElement(root, _q(_CT, "Override"))
        override.set("PartName", "/" + name)
        override.set("ContentType", _HEADER_CT)
    return _serialize(root)
