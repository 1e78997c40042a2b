"""Right-to-left layout for Arabic: done on a rendered part, so every template gets it.

WordprocessingML keeps the direction of a paragraph apart from the direction of its text:

- ``w:bidi`` on a paragraph puts its start on the right: its alignment (``left`` then means the
  start of the line, on the right), indentation, tabs and list number or bullet follow; on a
  section it puts the page's columns and gutter right to left; in a numbering level it lays the
  level out right to left;
- ``w:rtl`` on a run lays its characters out right to left and formats them with the
  complex-script properties: the ``w:cs`` font of ``w:rFonts`` (Times New Roman in the
  templates), ``w:szCs``, ``w:bCs``, ``w:iCs``;
- ``w:bidiVisual`` on a table puts its first column on the right;
- paragraph borders are physical: a ``w:left`` border stays on the left of a right-to-left
  paragraph, so the bar beside a note moves to ``w:right``.

Every paragraph of an Arabic document is right to left, so that every list has its numbers and
bullets on the right, at the same place, and every heading its number, whatever language its
text is in. Runs of Arabic text get ``w:rtl``, and so do runs of punctuation only between them
(a colon, a dash between two Arabic words). Text with no Arabic in it (a name, an e-mail
address, a telephone number, a title in English) is isolated as a left-to-right embedding
(U+202A ... U+202C, and U+200F where Arabic follows), so that its words and digits keep their
order ("+370 5 000 0000", not "0000 000 5 370+") and its full stop its place. A paragraph with
no alignment of its own or from its style is aligned at its start explicitly: LibreOffice puts
the number of a right-to-left list item on the left otherwise. Each run that gets ``w:rtl`` is
given the complex-script size and weight of its own Latin properties where it sets them, so
that Arabic is the size the style means it to be; never the italic.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from unsubmit.render.wordml import PPR, RPR, SECTPR, TBLPR, child, properties, q, text

#: Arabic letters (the Arabic blocks and presentation forms).
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]")
_OPENING, _CLOSING = "([{\u00ab\u201c\u2018\"'", ")]}\u00bb\u201d\u2019\"'"
_NOT_ARABIC = re.compile(r"[^\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]+")


def _mirror_complex_script(rpr: Any) -> None:
    """Give complex script the size and weight the run sets for Latin text, never its italic:
    Arabic has no italic, and a slanted Arabic is a fake one."""
    for latin, complex_script in (("sz", "szCs"), ("b", "bCs")):
        source = rpr.find(q(latin))
        if source is not None and rpr.find(q(complex_script)) is None:
            copy = child(rpr, complex_script, RPR)
            copy.attrib.update(source.attrib)


#: Left-to-right embedding and pop directional formatting: the isolation of Latin text; and
#: the right-to-left mark after it where Arabic follows, which keeps what follows in the
#: paragraph's direction: without it the "30" of ", 30 مايو 2023" after an English title would
#: join the title. (The isolates of Unicode 6.3, U+2066 ... U+2069, would need no mark, but not
#: every Word draws them; and LibreOffice moves the full stop of an English sentence to the left
#: when the mark ends the paragraph.)
LTR_START, LTR_END, RTL_MARK = "\u202a", "\u202c", "\u200f"


def _direction(run: Any) -> str:
    """ "arabic", "latin" (letters or digits, no Arabic) or "neutral" (punctuation, spaces)."""
    content = text(run)
    if _ARABIC.search(content):
        return "arabic"
    return "latin" if any(c.isalnum() for c in content) else "neutral"


def _latin_spans(content: str) -> list[tuple[int, int, bool]]:
    """Where a paragraph's text holds Latin (or Cyrillic) text to embed: (start, end, whether
    Arabic follows).

    A paragraph without Arabic is embedded whole. Elsewhere each stretch between Arabic
    characters that holds a letter is embedded from its first letter or digit to its last
    (the dash of "28 فبراير 2023 – Pinsk" belongs to neither), or to the paragraph's edge with
    the punctuation there (the full stop of an English sentence stays at its end). Numbers
    alone between Arabic words need nothing: Arabic text orders them itself.
    """
    if not _ARABIC.search(content):
        return [(0, len(content), False)] if any(c.isalnum() for c in content) else []
    spans = []
    for match in _NOT_ARABIC.finditer(content):
        stretch = match.group(0)
        if not any(c.isalpha() for c in stretch):
            continue
        first = next(i for i, c in enumerate(stretch) if c.isalpha())
        last = max(i for i, c in enumerate(stretch) if c.isalnum()) + 1
        while first and stretch[first - 1].isalnum():  # the whole word: "0A", not "0" "A"
            first -= 1
        while first and stretch[first - 1] in _OPENING:
            first -= 1
        while last < len(stretch) and stretch[last] in _CLOSING:
            last += 1
        after = match.end() < len(content)
        start = match.start() + first if match.start() > 0 else 0
        end = match.start() + last if after else match.end()
        spans.append((start, end, after))
    return spans


def _embed(texts: list[Any], spans: list[tuple[int, int, bool]]) -> None:
    """Put the embedding marks of ``spans`` into the ``w:t`` elements ``texts`` hold them in."""
    marks = []
    for start, end, after in spans:
        marks.append((end, LTR_END + RTL_MARK if after else LTR_END, True))
        marks.append((start, LTR_START, False))
    for offset, mark, closing in sorted(marks, key=lambda m: m[0], reverse=True):
        position = 0
        for element in texts:
            length = len(element.text or "")
            # A closing mark goes after the character before it, an opening one before the
            # character after it: into the element that holds that character.
            if (closing and position < offset <= position + length) or (
                not closing and position <= offset < position + length
            ):
                content = element.text or ""
                local = offset - position
                element.text = content[:local] + mark + content[local:]
                break
            position += length


def _runs_right_to_left(paragraph: Any) -> None:
    """``w:rtl`` for Arabic and the punctuation around it; Latin text embedded left to right."""
    runs = list(paragraph.iter(q("r")))
    texts = [t for run in runs for t in run.iter(q("t"))]
    spans = _latin_spans("".join(t.text or "" for t in texts))
    inside: set[int] = set()
    position = 0
    for index, run in enumerate(runs):
        length = len(text(run))
        if any(start <= position and position + length <= end for start, end, _ in spans):
            inside.add(index)
        position += length
    _embed(texts, spans)
    for index, run in enumerate(runs):
        direction = _direction(run)
        if direction == "arabic" or (direction == "neutral" and index not in inside):
            rpr = properties(run, "rPr")
            child(rpr, "rtl", RPR)
            _mirror_complex_script(rpr)


def _mirror_borders(ppr: Any) -> None:
    """Swap a paragraph's left and right borders, which stay where they are drawn."""
    borders = ppr.find(q("pBdr"))
    if borders is None:
        return
    for side in borders:
        local = etree.QName(side).localname
        if local in ("left", "right"):
            side.tag = q("right" if local == "left" else "left")
    # The schema orders top, left, bottom, right: put them back in that order.
    order = ["top", "left", "bottom", "right", "between", "bar"]
    borders[:] = sorted(borders, key=lambda e: order.index(etree.QName(e).localname))


def aligned_styles(styles: Any) -> frozenset[str]:
    """The ids of the paragraph styles that align their text themselves (centred, say), and
    ``""`` when the default paragraph style does."""
    by_id = {
        style.get(q("styleId")): style
        for style in styles.iter(q("style"))
        if style.get(q("type")) == "paragraph"
    }

    def aligned(style_id: str | None, seen: frozenset[str] = frozenset()) -> bool:
        style = by_id.get(style_id)
        if style is None or style_id in seen:
            return False
        if style.find(f"{q('pPr')}/{q('jc')}") is not None:
            return True
        based_on = style.find(q("basedOn"))
        parent = None if based_on is None else based_on.get(q("val"))
        return aligned(parent, seen | {str(style_id)})

    found = {str(style_id) for style_id in by_id if aligned(style_id)}
    default = next((s for s in by_id.values() if s.get(q("default")) in ("1", "true")), None)
    if default is not None and default.get(q("styleId")) in found:
        found.add("")
    return frozenset(found)


def right_to_left(root: Any, aligned: frozenset[str] = frozenset()) -> None:
    """Lay out a rendered document, header or footer part right to left, in place.

    ``aligned`` names the paragraph styles that align their paragraphs themselves
    (:func:`aligned_styles`); every other paragraph is aligned at its start.
    """
    for paragraph in root.iter(q("p")):
        ppr = properties(paragraph, "pPr")
        child(ppr, "bidi", PPR)
        style = ppr.find(q("pStyle"))
        style_id = "" if style is None else style.get(q("val"), "")
        if ppr.find(q("jc")) is None and style_id not in aligned:
            child(ppr, "jc", PPR).set(q("val"), "left")
        _mirror_borders(ppr)
        _runs_right_to_left(paragraph)
    for table_properties in root.iter(q("tblPr")):
        child(table_properties, "bidiVisual", TBLPR)
    for section in root.iter(q("sectPr")):
        child(section, "bidi", SECTPR)


def right_to_left_styles(styles: Any) -> None:
    """Mirror the paragraph borders of a styles part (the bar beside a note), in place."""
    for ppr in styles.iter(q("pPr")):
        _mirror_borders(ppr)


def right_to_left_numbering(numbering: Any) -> None:
    """Lay every list level of a numbering part out right to left, in place."""
    for level in numbering.iter(q("lvl")):
        child(child(level, "pPr", _LVL), "bidi", PPR)


#: Child order of w:lvl in the schema.
_LVL = [
    *("start", "numFmt", "lvlRestart", "pStyle", "isLgl", "suff", "lvlText"),
    *("lvlPicBulletId", "legacy", "lvlJc", "pPr", "rPr"),
]
