"""A heading right after a table gets a one-point spacer that carries "keep with next"."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import REPO, run
from unsubmit.render.keep import keep_headings_after_tables

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _body(inner: str) -> etree._Element:
    return etree.fromstring(f'<w:body xmlns:w="{W}">{inner}</w:body>')


def _paragraph(style: str, text: str) -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>'


def test_only_a_heading_right_after_a_table_gets_a_spacer() -> None:
    body = _body(
        "<w:tbl/>" + _paragraph("Heading1", "Risk")
        + "<w:tbl/>" + _paragraph("Normal", "Text")
        + _paragraph("Heading2", "Facts")
    )  # fmt: skip
    assert keep_headings_after_tables(body)
    names = [etree.QName(child).localname for child in body]
    assert names == ["tbl", "p", "p", "tbl", "p", "p"]
    spacer = body[1]
    assert "".join(spacer.itertext()) == ""
    assert spacer.find(f"{{{W}}}pPr/{{{W}}}keepNext") is not None
    assert not keep_headings_after_tables(_body(_paragraph("Heading1", "Risk") + "<w:tbl/>"))


@pytest.mark.slow
def test_a_heading_after_a_table_starts_the_page_of_its_text(tmp_path: Path) -> None:
    """The Spanish Kalesnikava appeal's page one once ended on "Riesgo de daño irreparable"."""
    case = REPO / "samples" / "kalesnikava-urgent-appeal.yaml"
    args = ["build", "-l", "es", "--allow-untranslated", "--format", "pdf", "-o", str(tmp_path)]
    assert run([*args, str(case)]).exit_code == 0
    (pdf,) = tmp_path.glob("*.pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    (page,) = [page for page in text.split("\f") if "Riesgo de daño irreparable" in page]
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    heading = next(n for n, line in enumerate(lines) if "Riesgo de daño irreparable" in line)
    assert "Página" not in lines[heading + 1]  # its text follows it, not the page's footer
    assert lines[heading + 1] == "Las violaciones continúan."
