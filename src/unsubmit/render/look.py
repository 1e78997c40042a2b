"""An organisation's look on a built-in document: its page, styles, fonts and header; our body.

A letterhead (``build --letterhead FILE.docx``) is a DOCX an organisation makes in a word
processor, starting from ``unsubmit template new``: page size and margins, styles, fonts, theme,
and a header with its name, logo and address. It holds no template tags. The body of every
document (what a communication, a statement or a petition says, and in what order) stays the
project's, so a letterhead cannot lose a section, a consent statement or a confidentiality mark.

What is taken from the letterhead, after its allow-list (:mod:`unsubmit.render.letterhead`):

- **styles**: each of its styles replaces ours of the same id, and its document defaults (font,
  size, spacing) replace ours; styles it does not define stay ours, so every paragraph of the body
  keeps a style. Section numbers stay: a heading style keeps our numbering;
- **theme** and **fonts table**;
- **page**: size, orientation and margins of its last section;
- **header**: its headers (default and first page), with their images;
- **footer**: the text of its default footer comes first in our footers, which keep the page
  numbers and, in a confidential version, the word "Confidential" on every page.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Iterator
from copy import deepcopy
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from lxml import etree

from unsubmit.errors import TemplateError
from unsubmit.render.letterhead import Removal
from unsubmit.render.package import clean_letterhead
from unsubmit.safexml import parse

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PR = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_RELS_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_MAIN_TYPE = _RELS_TYPE + "officeDocument"
_CONTENT_TYPES = "[Content_Types].xml"

#: The parts of the look that replace ours whole, by relationship type.
_REPLACED = ("theme",)

#: The prefix of every part copied from a letterhead, so that no name clashes with ours.
_PREFIX = "letterhead-"


def _w(local: str) -> str:
    return f"{{{_W}}}{local}"


def _serialize(root: Any) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _resolve(source: str, target: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target)).lstrip("/")


@dataclass
class _Package:
    """A package's parts, with parsed access to the XML ones the look needs."""

    members: dict[str, bytes]
    main: str = field(init=False)

    def __post_init__(self) -> None:
        self.main = next(
            (
                _resolve("", rel.get("Target", ""))
                for rel in self.relationships("")
                if rel.get("Type") == _MAIN_TYPE
            ),
            "word/document.xml",
        )

    def xml(self, name: str) -> Any:
        return parse(self.members[name])

    def relationships(self, part: str) -> list[Any]:
        name = "_rels/.rels" if part == "" else _rels_name(part)
        if name not in self.members:
            return []
        return list(self.xml(name).iter(f"{{{_PR}}}Relationship"))

    def related(self, part: str, kind: str) -> Iterator[tuple[str, str]]:
        """``(id, part name)`` of each internal relationship of ``part`` of type ``kind`` to a
        part the package holds."""
        for rel in self.relationships(part):
            if rel.get("Type") == _RELS_TYPE + kind and rel.get("TargetMode") != "External":
                target = _resolve(part, rel.get("Target", ""))
                if target in self.members:
                    yield rel.get("Id", ""), target

    @cached_property
    def _types(self) -> Any:
        return self.xml(_CONTENT_TYPES)

    def content_type(self, name: str) -> str | None:
        """The content type of part ``name``, as the package's [Content_Types].xml gives it
        (read once: only the letterhead, which is never changed, is asked)."""
        types = self._types
        for override in types.iter(f"{{{_CT}}}Override"):
            if override.get("PartName", "").lstrip("/") == name:
                return str(override.get("ContentType"))
        extension = name.rpartition(".")[2].lower()
        for default in types.iter(f"{{{_CT}}}Default"):
            if default.get("Extension", "").lower() == extension:
                return str(default.get("ContentType"))
        return None


def apply_look(template: bytes, letterhead: bytes) -> tuple[bytes, list[Removal]]:
    """``template`` (a built-in DOCX template) in the look of ``letterhead``, and what the
    letterhead allow-list removed from the letterhead first."""
    cleaned, removals = clean_letterhead(letterhead)
    look = _Package(cleaned)
    ours = _Package(_read(template))
    _Merge(ours, look).run()
    return _write(ours.members), removals


def _read(data: bytes) -> dict[str, bytes]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return {info.filename: package.read(info) for info in package.infolist()}
    except (zipfile.BadZipFile, OSError) as exc:
        raise TemplateError(f"the built-in template cannot be read: {exc}") from exc


def _write(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, blob in members.items():
            package.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), blob)
    return out.getvalue()


class _Merge:
    """One letterhead's look put on one template: each step a method."""

    def __init__(self, ours: _Package, look: _Package) -> None:
        self.ours = ours
        self.look = look
        self.document = ours.xml(ours.main)
        self.rels = self._rels_root(ours.main)
        self.types = ours.xml(_CONTENT_TYPES)
        self.copied: dict[str, str] = {}
        #: The letterhead's last section (page, headers, footers), read once.
        self.their_section: Any = look.xml(look.main).find(f"{_w('body')}/{_w('sectPr')}")

    def run(self) -> None:
        self._styles()
        self._replaced()
        self._fonts()
        section = self._section()
        self._headers(section)
        self._footers(section)
        self.ours.members[self.ours.main] = _serialize(self.document)
        self.ours.members[_rels_name(self.ours.main)] = _serialize(self.rels)
        self.ours.members[_CONTENT_TYPES] = _serialize(self.types)

    # --- parts ----------------------------------------------------------------------------------

    def _rels_root(self, part: str) -> Any:
        name = _rels_name(part)
        if name in self.ours.members:
            return self.ours.xml(name)
        return etree.Element(f"{{{_PR}}}Relationships", nsmap={None: _PR})

    def _one(self, package: _Package, kind: str) -> str | None:
        return next((name for _, name in package.related(package.main, kind)), None)

    def _override(self, name: str, content_type: str) -> None:
        for override in self.types.iter(f"{{{_CT}}}Override"):
            if override.get("PartName", "").lstrip("/") == name:
                override.set("ContentType", content_type)
                return
        etree.SubElement(
            self.types, f"{{{_CT}}}Override", PartName=f"/{name}", ContentType=content_type
        )

    def _copy_part(self, name: str) -> str:
        """Copy a part of the letterhead (and what it refers to) under a name of its own."""
        if name in self.copied:
            return self.copied[name]
        folder, base = posixpath.split(name)
        new = posixpath.join(folder, _PREFIX + base)
        self.copied[name] = new
        self.ours.members[new] = self.look.members[name]
        content_type = self.look.content_type(name)
        if content_type:
            self._override(new, content_type)
        rels = self.look.relationships(name)
        if rels:
            root = etree.Element(f"{{{_PR}}}Relationships", nsmap={None: _PR})
            for rel in rels:
                copy = deepcopy(rel)
                if rel.get("TargetMode") != "External":
                    target = _resolve(name, rel.get("Target", ""))
                    if target not in self.look.members:
                        continue
                    copied = self._copy_part(target)
                    copy.set("Target", posixpath.relpath(copied, folder or "."))
                root.append(copy)
            self.ours.members[_rels_name(new)] = _serialize(root)
        return new

    def _relate(self, part: str, kind: str) -> str:
        taken = {rel.get("Id") for rel in self.rels}
        number = 1
        while f"rIdLook{number}" in taken:
            number += 1
        rid = f"rIdLook{number}"
        target = posixpath.relpath(part, posixpath.dirname(self.ours.main) or ".")
        etree.SubElement(
            self.rels, f"{{{_PR}}}Relationship", Id=rid, Type=_RELS_TYPE + kind, Target=target
        )
        return rid

    # --- the steps ------------------------------------------------------------------------------

    def _styles(self) -> None:
        """Its styles replace ours of the same id; ours it lacks stay; numbering stays ours."""
        mine, theirs = self._one(self.ours, "styles"), self._one(self.look, "styles")
        if mine is None or theirs is None:
            return
        root, other = self.ours.xml(mine), self.look.xml(theirs)
        defaults = other.find(_w("docDefaults"))
        if defaults is not None:
            old = root.find(_w("docDefaults"))
            if old is not None:
                old.getparent().replace(old, deepcopy(defaults))
            else:
                root.insert(0, deepcopy(defaults))
        by_id = {(s.get(_w("type")), s.get(_w("styleId"))): s for s in root.iter(_w("style"))}
        for style in other.iter(_w("style")):
            key = (style.get(_w("type")), style.get(_w("styleId")))
            new = deepcopy(style)
            old = by_id.get(key)
            if old is None:
                root.append(new)
                continue
            _keep_numbering(old, new)
            root.replace(old, new)
        self.ours.members[mine] = _serialize(root)

    def _replaced(self) -> None:
        for kind in _REPLACED:
            theirs = self._one(self.look, kind)
            mine = self._one(self.ours, kind)
            if theirs is not None and mine is not None:
                self.ours.members[mine] = self.look.members[theirs]

    def _fonts(self) -> None:
        """The fonts it names join ours, so that a word processor knows how to substitute them."""
        mine, theirs = self._one(self.ours, "fontTable"), self._one(self.look, "fontTable")
        if mine is None or theirs is None:
            return
        root = self.ours.xml(mine)
        names = {font.get(_w("name")) for font in root.iter(_w("font"))}
        for font in self.look.xml(theirs).iter(_w("font")):
            if font.get(_w("name")) not in names:
                copy = deepcopy(font)
                for embedded in [e for e in copy if "embed" in etree.QName(e).localname]:
                    copy.remove(embedded)
                root.append(copy)
        self.ours.members[mine] = _serialize(root)

    def _section(self) -> Any:
        """Our last section, with its page size, orientation and margins from the letterhead."""
        body = self.document.find(_w("body"))
        section = body.find(_w("sectPr")) if body is not None else None
        if section is None:
            raise TemplateError(f"{self.ours.main}: the built-in template has no page settings")
        other = self.their_section
        if other is None:
            return section
        for local in ("pgSz", "pgMar"):
            found, old = other.find(_w(local)), section.find(_w(local))
            if found is not None and old is not None:
                section.replace(old, deepcopy(found))
        return section

    def _headers(self, section: Any) -> None:
        """Its default and first-page headers, with their images, become ours."""
        other = self.their_section
        if other is None:
            return
        headers = dict(self.look.related(self.look.main, "header"))
        chosen: dict[str, str] = {}
        for reference in other.iter(_w("headerReference")):
            kind, rid = reference.get(_w("type"), "default"), reference.get(f"{{{_R}}}id")
            if kind in ("default", "first") and rid in headers:
                chosen[kind] = self._copy_part(headers[rid])
        if not chosen:
            return
        for old in section.findall(_w("headerReference")):
            section.remove(old)
        for kind, part in sorted(chosen.items(), reverse=True):
            reference = etree.Element(_w("headerReference"))
            reference.set(_w("type"), kind)
            reference.set(f"{{{_R}}}id", self._relate(part, "header"))
            section.insert(0, reference)
        if "first" in chosen and section.find(_w("titlePg")) is None:
            _put_title_page(section)

    def _footers(self, section: Any) -> None:
        """Our footers on every page, the letterhead's footer text first in each."""
        default = _default_footer(self.ours, section)
        if default is None:
            return
        if section.find(_w("titlePg")) is not None and not any(
            ref.get(_w("type")) == "first" for ref in section.iter(_w("footerReference"))
        ):
            first = etree.Element(_w("footerReference"))
            first.set(_w("type"), "first")
            first.set(f"{{{_R}}}id", self._relate(default, "footer"))
            after = section.findall(_w("footerReference")) or section.findall(_w("headerReference"))
            section.insert(section.index(after[-1]) + 1 if after else 0, first)
        self._their_footer_text(default)

    def _their_footer_text(self, footer: str) -> None:
        other = self.their_section
        source = None if other is None else _default_footer(self.look, other)
        if source is None:
            return
        blocks = [
            deepcopy(block)
            for block in self.look.xml(source)
            if etree.QName(block).localname in ("p", "tbl") and "".join(block.itertext()).strip()
        ]
        if not blocks or any(block.xpath(".//@r:*", namespaces={"r": _R}) for block in blocks):
            return  # only text: an image in a footer would need its own relationships
        root = self.ours.xml(footer)
        for position, block in enumerate(blocks):
            for text in block.iter(_w("t"), _w("instrText")):
                text.text = _untagged(text.text or "")
            root.insert(position, block)
        self.ours.members[footer] = _serialize(root)


def _default_footer(package: _Package, section: Any) -> str | None:
    """The part of the default footer of ``section``, a section of ``package``'s."""
    footers = dict(package.related(package.main, "footer"))
    for reference in section.iter(_w("footerReference")):
        if reference.get(_w("type"), "default") == "default":
            found = footers.get(reference.get(f"{{{_R}}}id", ""))
            if found is not None:
                return found
    return None


def _untagged(text: str) -> str:
    """``text`` shown as it is in a part the template engine renders: a letterhead holds no
    template tags, so its braces are printed, never run."""
    marked = text.replace("{", "\x00").replace("}", "\x01")
    return marked.replace("\x00", "{{ '{' }}").replace("\x01", "{{ '}' }}")


def _keep_numbering(old: Any, new: Any) -> None:
    """Keep our section numbering on a heading style the letterhead restyles."""
    numbering = old.find(f"{_w('pPr')}/{_w('numPr')}")
    if numbering is None or new.find(f"{_w('pPr')}/{_w('numPr')}") is not None:
        return
    properties = new.find(_w("pPr"))
    if properties is None:
        properties = etree.Element(_w("pPr"))
        _insert_before(new, properties, ("rPr", "tblPr", "trPr", "tcPr", "tblStylePr"))
    _insert_before(properties, deepcopy(numbering), _AFTER_NUMBERING)


#: What comes after ``w:numPr`` in a paragraph's properties (ECMA-376 CT_PPrBase's order).
_AFTER_NUMBERING = (
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap",
    "jc", "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId",
    "cnfStyle", "rPr", "sectPr", "pPrChange",
)  # fmt: skip


def _insert_before(parent: Any, child: Any, later: tuple[str, ...]) -> None:
    """``child`` into ``parent`` before the first element named in ``later``, else last."""
    for index, element in enumerate(parent):
        if etree.QName(element).localname in later:
            parent.insert(index, child)
            return
    parent.append(child)


def _put_title_page(section: Any) -> None:
    """``w:titlePg`` in its place in the schema's order: after the page's borders and numbers."""
    later = ("textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange")
    _insert_before(section, etree.Element(_w("titlePg")), later)


#: What the starting letterhead says on its page: how to make it an organisation's own.
_HOW = (
    "This is your organisation's letterhead. Put its name, logo and address in the header "
    "(double-click the top of the page), set the page size and margins, and change the styles "
    "below (their fonts, sizes, colours and spacing) as you wish; then save it as a DOCX and "
    "build with: unsubmit build --letterhead THIS-FILE.docx case.yaml",
    "Only the look is used: the page, the styles, the fonts, the header and the footer's text. "
    "The text of this page is not. Every document keeps its own content, and its footer keeps "
    "the page numbers and, in a confidential version, the word Confidential on every page.",
    "Check it with: unsubmit template check --letterhead THIS-FILE.docx",
)


def starting_letterhead() -> bytes:
    """A letterhead to start from: the built-in look (``templates/base.docx``) with every style
    shown once, an empty header to fill in, and nothing else (no template tags, no metadata)."""
    import datetime

    import docx

    from unsubmit.render.package import DocumentProperties, assemble, clean_package
    from unsubmit.resources import templates_dir

    document = docx.Document(str(templates_dir() / "base.docx"))
    body = document.element.body
    for block in [child for child in body if etree.QName(child).localname != "sectPr"]:
        body.remove(block)
    document.add_paragraph("Letterhead", style="Title")
    for text in _HOW:
        document.add_paragraph(text)
    shown = sorted(
        (style for style in document.styles if style.type == 1 and style.name != "Footer"),
        key=lambda style: (not style.builtin, style.name),
    )
    for style in shown:
        document.add_paragraph(f"{style.name}: the look of this style", style=style)
    section = document.sections[0]
    section.header.is_linked_to_previous = False
    section.header.paragraphs[0].text = ""
    for paragraph in section.footer.paragraphs:
        paragraph._element.getparent().remove(paragraph._element)
    section.footer.add_paragraph("")
    out = io.BytesIO()
    document.save(out)
    props = DocumentProperties(title="Letterhead", language="", date=datetime.date(2026, 1, 1))
    return assemble(clean_package(out.getvalue()), props)


def write_starting_letterhead(path: Path) -> Path:
    """Write :func:`starting_letterhead` to ``path`` (never over an existing file)."""
    from unsubmit.write import ensure_output_dir, write_atomic

    ensure_output_dir(path.parent)
    write_atomic(path, starting_letterhead(), overwrite=False)
    return path
