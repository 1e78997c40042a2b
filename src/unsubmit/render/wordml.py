"""WordprocessingML helpers for the passes that adjust a rendered part for a script."""

from __future__ import annotations

from typing import Any

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def q(name: str) -> str:
    return f"{{{W}}}{name}"


#: Child order of w:pPr, w:rPr, w:tblPr and w:sectPr in the schema (the parts the passes
#: touch): Word refuses a file whose property elements are out of order.
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
PPR, RPR, TBLPR, SECTPR = (names.split() for names in _SCHEMA_ORDER.values())


def child(parent: Any, name: str, order: list[str]) -> Any:
    """``parent``'s child ``w:name``, created at its schema position when missing."""
    existing = parent.find(q(name))
    if existing is not None:
        return existing
    element = parent.makeelement(q(name), {})
    rank = order.index(name)
    for index, sibling in enumerate(parent):
        local = str(sibling.tag).rsplit("}", 1)[-1]
        if local in order and order.index(local) > rank:
            parent.insert(index, element)
            return element
    parent.append(element)
    return element


def properties(element: Any, name: str) -> Any:
    """The properties child (``w:pPr``, ``w:rPr``) of a paragraph or run: always its first."""
    props = element.find(q(name))
    if props is None:
        props = element.makeelement(q(name), {})
        element.insert(0, props)
    return props


def text(element: Any) -> str:
    return "".join(t.text or "" for t in element.iter(q("t")))
