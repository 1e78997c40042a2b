"""Reading a DOCX back as text, in document order: for ``unsubmit preview`` and for tests.

It reads through python-docx, which shares no code with how unsubmit writes documents, so what it
returns is what any reader of the file would see.
"""

from __future__ import annotations

from io import BytesIO

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph


def document_lines(data: bytes) -> list[str]:
    """The text of every paragraph, and of every table row (cells joined by " | "), in order."""
    document = docx.Document(BytesIO(data))
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
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
