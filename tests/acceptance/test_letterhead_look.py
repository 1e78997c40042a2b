"""An organisation's letterhead on the built-in documents (``build --letterhead``).

The letterhead is made as an organisation would: ``unsubmit template new``, then the page, a
style, the header (logo and address) and the footer changed in a word processor (python-docx
here). The documents keep their own body, section numbers and page numbers.
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.shared import Inches, RGBColor

from tests.conftest import REPO, run
from tests.hostile.letterheads import png, relate
from unsubmit.render.package import docx_leaks

CASE = REPO / "samples" / "kalesnikava-urgent-appeal.yaml"
ADDRESS = "Example Rights Group, 1 Example Street, Vilnius"
REGISTERED = "Registered in Lithuania as an association"


def _members(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name).decode("utf-8", "replace") for name in package.namelist()}


def _letterhead(tmp_path: Path, *, first_page: bool = False, footer: str = REGISTERED) -> Path:
    start = tmp_path / "start.docx"
    made = run(["template", "new", str(start)])
    assert made.exit_code == 0, made.output
    document = docx.Document(str(start))
    section = document.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    header = section.header.paragraphs[0]
    header.add_run().add_picture(io.BytesIO(png(120, 40)), width=Inches(1.2))
    header.add_run(f"  {ADDRESS}")
    if first_page:
        section.different_first_page_header_footer = True
        section.first_page_header.paragraphs[0].text = "FIRST PAGE LETTERHEAD"
    document.styles["Heading 1"].font.color.rgb = RGBColor(0xAA, 0, 0)
    section.footer.paragraphs[0].text = footer
    path = tmp_path / "letterhead.docx"
    document.save(str(path))
    return path


def test_the_starting_letterhead_is_clean_and_holds_no_tags(tmp_path: Path) -> None:
    start = tmp_path / "org" / "start.docx"
    assert run(["template", "new", str(start)]).exit_code == 0  # the folder is made too
    parts = _members(start)
    assert not any("{{" in text or "{%" in text for text in parts.values())
    assert docx_leaks(start.read_bytes()) == []
    assert "Heading 1: the look of this style" in parts["word/document.xml"]
    checked = run(["template", "check", "--letterhead", str(start)])
    assert checked.exit_code == 0, checked.output
    # Written once: an edited letterhead is never replaced.
    start.write_bytes(start.read_bytes() + b"")
    edited = docx.Document(str(start))
    edited.add_paragraph("our own change")
    edited.save(str(start))
    again = run(["template", "new", str(start)])
    assert again.exit_code == 1
    assert "our own change" in _members(start)["word/document.xml"]


def test_a_build_has_the_letterheads_look_and_its_own_body(tmp_path: Path) -> None:
    letterhead = _letterhead(tmp_path)
    out = tmp_path / "out"
    built = run(["build", "--letterhead", str(letterhead), "-o", str(out), str(CASE)])
    assert built.exit_code == 0, built.output
    (document,) = out.glob("*.docx")
    parts = _members(document)
    body = parts["word/document.xml"]
    assert "Incommunicado detention of Maria Kalesnikava" in body  # the case, as always
    assert re.search(r'<w:pgSz w:w="12240" w:h="15840"', body)  # the letterhead's page
    headers = [text for name, text in parts.items() if re.match(r"word/.*header.*\.xml$", name)]
    assert any(ADDRESS in text for text in headers)
    assert any(name.startswith("word/media/") for name in parts)  # the logo travels with it
    heading = re.search(
        r'<w:style [^>]*w:styleId="Heading1".*?</w:style>', parts["word/styles.xml"]
    )
    assert heading is not None
    assert 'w:color w:val="AA0000"' in heading.group(0)
    assert "<w:numPr>" in heading.group(0)  # the sections keep their numbers
    footers = [text for name, text in parts.items() if re.match(r"word/footer\d*\.xml$", name)]
    assert any(REGISTERED in text and "PAGE" in text for text in footers)
    assert docx_leaks(document.read_bytes()) == []


def test_a_letterheads_braces_are_printed_not_run(tmp_path: Path) -> None:
    letterhead = _letterhead(tmp_path, footer="{{ case.submitters }} {% if true %}x{% endif %}")
    preview = run(["preview", "--letterhead", str(letterhead), str(CASE)])
    assert preview.exit_code == 0, preview.output
    out = tmp_path / "out"
    assert run(["build", "--letterhead", str(letterhead), "-o", str(out), str(CASE)]).exit_code == 0
    (document,) = out.glob("*.docx")
    footers = "".join(t for n, t in _members(document).items() if n.startswith("word/footer"))
    assert "{{ case.submitters }} {% if true %}x{% endif %}" in footers


def test_a_letterhead_and_a_template_are_not_both_used(tmp_path: Path) -> None:
    letterhead = _letterhead(tmp_path)
    template = REPO / "templates" / "communication.docx"
    args = ["--letterhead", str(letterhead), "--template", str(template)]
    result = run(["build", *args, "-o", str(tmp_path / "out"), str(CASE)])
    assert result.exit_code == 2
    assert "choose one" in result.output
    assert not (tmp_path / "out").exists()


def test_a_linked_image_in_the_letterheads_header_is_removed_and_named(tmp_path: Path) -> None:
    letterhead = _letterhead(tmp_path)
    with zipfile.ZipFile(letterhead) as package:
        members = {name: package.read(name) for name in package.namelist()}
    header = next(name for name in members if re.match(r"word/header\d*\.xml$", name))
    rels = header.replace("word/", "word/_rels/") + ".rels"
    relate(members, rels, "rIdTrack", "image", "http://127.0.0.1:9/track.png", external=True)
    # The logo, linked from a server instead of embedded: it would tell who builds a letter.
    members[header] = re.sub(rb'r:embed="[^"]+"', b'r:link="rIdTrack"', members[header])
    hostile = tmp_path / "hostile.docx"
    with zipfile.ZipFile(hostile, "w") as package:
        for name, data in members.items():
            package.writestr(name, data)
    checked = run(["template", "check", "--letterhead", str(hostile)])
    assert checked.exit_code == 1
    assert "http://127.0.0.1:9/track.png" in checked.output
    out = tmp_path / "out"
    built = run(["build", "--letterhead", str(hostile), "-o", str(out), str(CASE)])
    assert built.exit_code == 0, built.output
    assert "removed from the letterhead" in built.output
    (document,) = out.glob("*.docx")
    assert "127.0.0.1:9" not in "".join(_members(document).values())
    strict = run(
        ["build", "--strict", "--letterhead", str(hostile), "-o", str(tmp_path / "s"), str(CASE)]
    )
    assert strict.exit_code == 1
    assert not (tmp_path / "s").exists() or list((tmp_path / "s").iterdir()) == []


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return text.stdout.split("\f")[:-1]


@pytest.mark.slow
def test_every_page_of_the_pdf_carries_the_letterhead_and_the_page_numbers(
    tmp_path: Path,
) -> None:
    letterhead = _letterhead(tmp_path, first_page=True)
    out = tmp_path / "out"
    args = ["build", "--letterhead", str(letterhead), "--format", "pdf", "-o", str(out)]
    built = run([*args, str(CASE)])
    assert built.exit_code == 0, built.output
    (pdf,) = out.glob("*.pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "612 x 792 pts (letter)" in info
    pages = _pages(pdf)
    assert len(pages) > 1
    assert "FIRST PAGE LETTERHEAD" in pages[0]
    assert ADDRESS not in pages[0]
    for number, page in enumerate(pages, 1):
        assert f"Page {number} of {len(pages)}" in page
        # The confidential version says so on every page, whatever the letterhead's footer.
        assert re.search(rf"confidential\s*·\s*page {number} of", page, re.IGNORECASE)
        assert REGISTERED in page
        if number > 1:
            assert ADDRESS in page


def test_landscape_letterheads_keep_their_orientation(tmp_path: Path) -> None:
    letterhead = _letterhead(tmp_path)
    document = docx.Document(str(letterhead))
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    document.save(str(letterhead))
    out = tmp_path / "out"
    assert run(["build", "--letterhead", str(letterhead), "-o", str(out), str(CASE)]).exit_code == 0
    (built,) = out.glob("*.docx")
    assert 'w:orient="landscape"' in _members(built)["word/document.xml"]


def test_a_letterhead_without_styles_keeps_the_built_in_ones(tmp_path: Path) -> None:
    letterhead = _letterhead(tmp_path)
    stripped = tmp_path / "stripped.docx"
    with zipfile.ZipFile(letterhead) as source, zipfile.ZipFile(stripped, "w") as target:
        for name in source.namelist():
            if name != "word/styles.xml":  # still named by the relationships
                target.writestr(name, source.read(name))
    out = tmp_path / "out"
    built = run(["build", "--letterhead", str(stripped), "-o", str(out), str(CASE)])
    assert built.exit_code == 0, built.output
    (document,) = out.glob("*.docx")
    parts = _members(document)
    assert 'w:styleId="Heading1"' in parts["word/styles.xml"]
    assert any(ADDRESS in text for name, text in parts.items() if "header" in name)
