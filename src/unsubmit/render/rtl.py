"""Right-to-left layout for Arabic: done on a rendered part, so every template gets it.

WordprocessingML keeps the direction of a paragraph apart from the direction of its text:

- ``w:bidi`` on a paragraph mirrors its paragraph-level properties: alignment (``left`` then
  means the start of the line, on the right), indentation, tabs; on a section it puts the
  page's columns and gutter right to left;
- ``w:rtl`` on a run lays its characters out right to left and formats them with the
  complex-script properties: the ``w:cs`` font of ``w:rFonts`` (Noto Naskh Arabic in the
  templates), ``w:szCs``, ``w:bCs``, ``w:iCs``;
- ``w:bidiVisual`` on a table puts its first column on the right.

Paragraphs that hold Arabic get ``w:bidi``, runs of Arabic text ``w:rtl``, and so do runs of
punctuation only within them (a colon, a dash between two Arabic words). A paragraph with no
Arabic at all (a name, an e-mail address, a telephone number, a case text not yet translated)
is laid out left to right, so that its words and digits keep their order ("+370 5 000 0000",
not "0000 000 5 370+"), but aligned on the right like the Arabic around it. Each run that gets
``w:rtl`` is given the complex-script size and weight of its own Latin properties where it
sets them, so that Arabic is the size the style means it to be.
"""

from __future__ import annotations

import re
from typing import Any

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _q(name: str) -> str:
    return f"{{{_W}}}{name}"


#: Child order of w:pPr, w:rPr, w:tblPr and w:sectPr in the schema (the parts this pass
#: touches): Word refuses a file whose property elements are out of order.
_SCHEMA_ORDER = {
    "pPr": """pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr
        suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct
        topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind
        contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment
        textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange""",
    "rPr": """rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss
        imprint noProof snapToGrid vanish webHidden color spacing w kern position sz szCs
        highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish
        oMath""",
    "tblPr": """tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize
        tblW jc tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption
        tblDescription""",
    "sectPr": """headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc
        pgBorders lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi
        rtlGutter docGrid printerSettings sectPrChange""",
}
_PPR, _RPR, _TBLPR, _SECTPR = (names.split() for names in _SCHEMA_ORDER.values())

#: Arabic letters (the Arabic blocks and presentation forms).
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]")


def _child(parent: Any, name: str, order: list[str]) -> Any:
    """``parent``'s child ``w:name``, created at its schema position when missing."""
    existing = parent.find(_q(name))
    if existing is not None:
        return existing
    element = parent.makeelement(_q(name), {})
    rank = order.index(name)
    for index, sibling in enumerate(parent):
        local = str(sibling.tag).rsplit("}", 1)[-1]
        if local in order and order.index(local) > rank:
            parent.insert(index, element)
            return element
    parent.append(element)
    return element


def _properties(element: Any, name: str) -> Any:
    """The properties child (``w:pPr``, ``w:rPr``) of a paragraph or run: always its first."""
    props = element.find(_q(name))
    if props is None:
        props = element.makeelement(_q(name), {})
        element.insert(0, props)
    return props


def _text(element: Any) -> str:
    return "".join(t.text or "" for t in element.iter(_q("t")))


def _mirror_complex_script(rpr: Any) -> None:
    """Give complex script the size and weight the run sets for Latin text."""
    for latin, complex_script in (("sz", "szCs"), ("b", "bCs"), ("i", "iCs")):
        source = rpr.find(_q(latin))
        if source is not None and rpr.find(_q(complex_script)) is None:
            copy = _child(rpr, complex_script, _RPR)
            copy.attrib.update(source.attrib)


def right_to_left(root: Any) -> None:
    """Lay out a rendered document, header or footer part right to left, in place."""
    for paragraph in root.iter(_q("p")):
        properties = _properties(paragraph, "pPr")
        text = _text(paragraph)
        if text.strip() and not _ARABIC.search(text):
            if properties.find(_q("jc")) is None:
                _child(properties, "jc", _PPR).set(_q("val"), "right")
            continue
        _child(properties, "bidi", _PPR)
        for run in paragraph.iter(_q("r")):
            run_text = _text(run)
            if _ARABIC.search(run_text) or not any(c.isalnum() for c in run_text):
                rpr = _properties(run, "rPr")
                _child(rpr, "rtl", _RPR)
                _mirror_complex_script(rpr)
    for table_properties in root.iter(_q("tblPr")):
        _child(table_properties, "bidiVisual", _TBLPR)
    for section in root.iter(_q("sectPr")):
        _child(section, "bidi", _SECTPR)
