"""Reading a DOCX back as text, in document order: for ``unsubmit preview`` and for tests.

It reads through python-docx, which shares no code with how unsubmit writes documents, so what it
returns is what any reader of the file would see.
"""

from __future__ import annotations

from io import BytesIO

import docx
from docx.enum.text import WD_LINE_SPACING
from docx.shared import Pt
from docx.table import Table
from docx.text.paragraph import Paragraph


def _unseen(paragraph: Paragraph) -> bool:
    """A paragraph nobody sees: no text, and at most one point high (such a paragraph only
    carries a layout property, as the one that keeps a heading after a table with its text)."""
    fmt = paragraph.paragraph_format
    exact = fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    spacing = fmt.line_spacing
    return exact and spacing is not None and spacing <= Pt(1) and not paragraph.text.strip()


def document_lines(data: bytes) -> list[str]:
    """The text of every paragraph, and of every table row (cells joined by " | "), in order."""
    document = docx.Document(BytesIO(data))
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            if not _unseen(block):
                lines.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = "\n".join(p.text for p in cell.paragraphs).strip()
                    if not cells or cells[-1] != text:  # merged cells repeat their text
                        cells.append(text)
                lines.append(" | ".join(cells))
    return lines


def document_text(data: bytes) -> str:
    """The document's text with empty paragraphs folded, as a terminal preview shows it."""
    out: list[str] = []
    for line in document_lines(data):
        if line.strip() or (out and out[-1].strip()):
            out.append(line)
    return "\n".join(out).strip() + "\n"
