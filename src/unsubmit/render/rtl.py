"""Right-to-left layout for Arabic: done on a rendered part, so every template gets it.

WordprocessingML keeps the direction of a paragraph apart from the direction of its text:

- ``w:bidi`` on a paragraph mirrors its paragraph-level properties: alignment (``left`` then
  means the start of the line, on the right), indentation, tabs; on a section it puts the
  page's columns and gutter right to left;
- ``w:rtl`` on a run lays its characters out right to left and formats them with the
  complex-script properties: the ``w:cs`` font of ``w:rFonts`` (Times New Roman in the
  templates), ``w:szCs``, ``w:bCs``, ``w:iCs``;
- ``w:bidiVisual`` on a table puts its first column on the right.

Paragraphs that hold Arabic get ``w:bidi``, runs of Arabic text ``w:rtl``, and so do runs of
punctuation only within them (a colon, a dash between two Arabic words). A paragraph with no
Arabic at all (a name, an e-mail address, a telephone number, a case text not yet translated)
is laid out left to right, so that its words and digits keep their order ("+370 5 000 0000",
not "0000 000 5 370+"), but aligned on the right like the Arabic around it. Each run that gets
``w:rtl`` is given the complex-script size and weight of its own Latin properties where it
sets them, so that Arabic is the size the style means it to be; never the italic.
"""

from __future__ import annotations

import re
from typing import Any

from unsubmit.render.wordml import PPR, RPR, SECTPR, TBLPR, child, properties, q, text

#: Arabic letters (the Arabic blocks and presentation forms).
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]")


def _mirror_complex_script(rpr: Any) -> None:
    """Give complex script the size and weight the run sets for Latin text, never its italic:
    Arabic has no italic, and a slanted Arabic is a fake one."""
    for latin, complex_script in (("sz", "szCs"), ("b", "bCs")):
        source = rpr.find(q(latin))
        if source is not None and rpr.find(q(complex_script)) is None:
            copy = child(rpr, complex_script, RPR)
            copy.attrib.update(source.attrib)


def right_to_left(root: Any) -> None:
    """Lay out a rendered document, header or footer part right to left, in place."""
    for paragraph in root.iter(q("p")):
        ppr = properties(paragraph, "pPr")
        content = text(paragraph)
        if content.strip() and not _ARABIC.search(content):
            if ppr.find(q("jc")) is None:
                child(ppr, "jc", PPR).set(q("val"), "right")
            continue
        child(ppr, "bidi", PPR)
        for run in paragraph.iter(q("r")):
            run_text = text(run)
            if _ARABIC.search(run_text) or not any(c.isalnum() for c in run_text):
                rpr = properties(run, "rPr")
                child(rpr, "rtl", RPR)
                _mirror_complex_script(rpr)
    for table_properties in root.iter(q("tblPr")):
        child(table_properties, "bidiVisual", TBLPR)
    for section in root.iter(q("sectPr")):
        child(section, "bidi", SECTPR)
