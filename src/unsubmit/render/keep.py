"""A heading that follows a table stays on the page of its text.

LibreOffice ignores "keep with next" on a paragraph that comes straight after a table, so a
heading there can end a page while its text starts the next (seen in the Kalesnikava appeal:
"Risk of irreparable harm" alone at the foot of page one). A spacer one point high between the
table and the heading, itself kept with the next paragraph, carries the keep: Word and
LibreOffice then move the heading with its text.
"""

from __future__ import annotations

import re
from typing import Any

from unsubmit.safexml import parse

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_HEADING = re.compile(r"^Heading\d$")

#: An empty paragraph one point high, kept with the next: nothing to see, but it holds a keep.
SPACER = (
    f'<w:p xmlns:w="{_W}"><w:pPr><w:keepNext/>'
    '<w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
    '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>'
)


def _w(local: str) -> str:
    return f"{{{_W}}}{local}"


def _is_heading(paragraph: Any) -> bool:
    style = paragraph.find(f"{_w('pPr')}/{_w('pStyle')}")
    return style is not None and bool(_HEADING.match(style.get(_w("val"), "")))


def keep_headings_after_tables(root: Any) -> bool:
    """Put :data:`SPACER` between each table and a heading right after it; whether any was."""
    changed = False
    for table in root.iter(_w("tbl")):
        following = table.getnext()
        if following is not None and following.tag == _w("p") and _is_heading(following):
            table.addnext(parse(SPACER))
            changed = True
    return changed
