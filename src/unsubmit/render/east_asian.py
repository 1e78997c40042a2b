"""East Asian typesetting for Chinese: done on a rendered part and on the styles, so every
template gets it.

- Han has no italic: Word and LibreOffice slant it mechanically (a fake italic), so a Chinese
  document has none, neither in its styles (a source's title, a closing note) nor in a run;
- a run of Chinese text gets ``w:rFonts w:hint="eastAsia"``, so that the characters Unicode
  shares between scripts (the quotation marks “ ”, the middle dot, the ellipsis) take the
  Chinese font and width, as Chinese typesetting wants.
"""

from __future__ import annotations

import re
from typing import Any

from unsubmit.render.wordml import RPR, child, properties, q, text

#: Han ideographs, CJK punctuation and full-width forms.
HAN = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


def upright(root: Any) -> None:
    """Take every italic out of a styles, document, header or footer part, in place."""
    for italic in list(root.iter(q("i"))):
        italic.getparent().remove(italic)


def east_asian(root: Any) -> None:
    """Set a rendered part in Chinese, in place: no italic; Chinese runs hinted East Asian."""
    upright(root)
    for run in root.iter(q("r")):
        if HAN.search(text(run)):
            child(properties(run, "rPr"), "rFonts", RPR).set(q("hint"), "eastAsia")
