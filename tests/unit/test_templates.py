"""The DOCX templates in ``templates/`` (built by ``scripts/make_templates.py``).

Every template renders every sample of its kind into a document python-docx opens, with A4
pages, 2.5 cm margins, page numbers, real styles and fonts for Latin, Cyrillic and Arabic, no
tag left over and no stray empty paragraph; and every fixed word goes through gettext.
"""

from __future__ import annotations

import copy
import datetime
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.document import Document
from docx.shared import Cm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from tests.conftest import REPO, SAMPLES
from unsubmit.check.validate import check_file
from unsubmit.load.source import load_file
from unsubmit.models import CASE_ADAPTER
from unsubmit.render.context import build_context
from unsubmit.render.engine import PreparedTemplate, environment
from unsubmit.render.package import DocumentProperties

TEMPLATES = REPO / "templates"
KINDS = ("communication", "oral-statement", "joint-statement")
NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
W = "{" + NS["w"] + "}"
PROPS = DocumentProperties(title="Test", language="en", date=datetime.date(2023, 5, 15))
STYLES = {
    "Normal",
    "Title",
    "Subtitle",
    "Heading 1",
    "Heading 2",
    "List Bullet",
    "List Number",
    "Case Table",
    "Footer",
}
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
LEFTOVER = ("{{", "}}", "{%", "%}")
#: Pseudo-translation marks: fixed text rendered with them shows it went through gettext.
OPEN, CLOSE = "\u2039", "\u203a"


def _context(sample: Path) -> dict[str, Any]:
    case = check_file(sample).case
    assert case is not None, f"{sample.name} is not a valid case"
    return build_context(case)


CONTEXTS = {sample.stem: _context(sample) for sample in SAMPLES}


def _template(kind: str) -> PreparedTemplate:
    return PreparedTemplate.load(TEMPLATES / f"{kind}.docx")


def _render(context: dict[str, Any], tmp_path: Path, name: str = "out") -> Document:
    data = _template(context["kind"]).render(context, PROPS)
    path = tmp_path / f"{name}.docx"
    path.write_bytes(data)
    return docx.Document(str(path))


def _blocks(document: Document) -> Iterator[Paragraph | Table]:
    yield from document.iter_inner_content()


def _stray(block: Paragraph | Table) -> bool:
    """An empty paragraph that shows as a blank line: not the one-point spacer that keeps a
    heading after a table with its text (:mod:`unsubmit.render.keep`)."""
    if not isinstance(block, Paragraph) or block.text.strip():
        return False
    spacing = block.paragraph_format.line_spacing
    return not (spacing is not None and spacing == Pt(1))


def _all_paragraphs(document: Document) -> Iterator[Paragraph]:
    """Every paragraph: the body's, those in tables (nested too), headers' and footers'."""

    def walk(blocks: Iterator[Paragraph | Table]) -> Iterator[Paragraph]:
        for block in blocks:
            if isinstance(block, Paragraph):
                yield block
            else:
                for row in block.rows:
                    for cell in row.cells:
                        yield from walk(cell.iter_inner_content())

    yield from walk(_blocks(document))
    for section in document.sections:
        for part in (section.header, section.footer):
            yield from walk(part.iter_inner_content())


def _lines(document: Document) -> list[str]:
    return [paragraph.text for paragraph in _all_paragraphs(document)]


def _xml(path: Path, member: str) -> Any:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(member))


def _footer_members(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return [name for name in archive.namelist() if re.match(r"word/footer\d*\.xml$", name)]


# --- The rendered samples ----------------------------------------------------------------------


@pytest.mark.parametrize("stem", sorted(CONTEXTS))
def test_every_sample_renders_into_an_a4_document(stem: str, tmp_path: Path) -> None:
    document = _render(CONTEXTS[stem], tmp_path)
    for section in document.sections:
        assert (section.page_width, section.page_height) == (11906 * 635, 16838 * 635)
        for margin in (section.top_margin, section.bottom_margin):
            assert margin is not None and abs(margin - Cm(2.5)) < Cm(0.01)
        for margin in (section.left_margin, section.right_margin):
            assert margin is not None and abs(margin - Cm(2.5)) < Cm(0.01)


@pytest.mark.parametrize("stem", sorted(CONTEXTS))
def test_no_tag_is_left_in_the_output(stem: str, tmp_path: Path) -> None:
    document = _render(CONTEXTS[stem], tmp_path)
    for text in _lines(document):
        assert not any(mark in text for mark in LEFTOVER), text


@pytest.mark.parametrize("stem", sorted(CONTEXTS))
def test_no_stray_empty_paragraphs(stem: str, tmp_path: Path) -> None:
    document = _render(CONTEXTS[stem], tmp_path)
    empty = [index for index, block in enumerate(_blocks(document)) if _stray(block)]
    assert len(empty) <= 1, f"empty paragraphs at blocks {empty}"


@pytest.mark.parametrize("stem", sorted(CONTEXTS))
def test_the_footer_numbers_pages(stem: str, tmp_path: Path) -> None:
    _render(CONTEXTS[stem], tmp_path)
    path = tmp_path / "out.docx"
    instructions = [
        " ".join(footer.xpath("//w:fldSimple/@w:instr | //w:instrText/text()", namespaces=NS))
        for footer in (_xml(path, name) for name in _footer_members(path))
    ]
    assert any("PAGE" in found.split() for found in instructions), instructions
    assert any("NUMPAGES" in found.split() for found in instructions), instructions
    footer_text = " ".join(
        p.text for s in docx.Document(str(path)).sections for p in s.footer.paragraphs
    )
    assert "Page" in footer_text and "of" in footer_text


def _style_names(document: Document, kind: str) -> list[str]:
    return [
        block.style.name
        for block in _blocks(document)
        if isinstance(block, Paragraph) and block.style is not None and block.style.name == kind
    ]


def _texts(document: Document, style: str) -> list[str]:
    return [
        block.text
        for block in _blocks(document)
        if isinstance(block, Paragraph) and block.style is not None and block.style.name == style
    ]


def test_communication_follows_the_questionnaire(tmp_path: Path) -> None:
    document = _render(CONTEXTS["kalesnikava-urgent-appeal"], tmp_path)
    blocks = list(_blocks(document))
    first = blocks[0]
    assert isinstance(first, Paragraph) and first.text.startswith("URGENT APPEAL")
    assert _texts(document, "Title") == ["Incommunicado detention of Maria Kalesnikava"]
    assert _texts(document, "Kicker") == [
        "Submission to the Special Procedures of the Human Rights Council"
    ]
    # an urgent appeal: the risk and the requests first; no section without anything to say
    assert _texts(document, "Heading 1") == [
        "Risk of irreparable harm",
        "Action requested",
        "Submitting organisation",
        "Alleged victim",
        "Facts",
        "Alleged perpetrator",
        "Violations alleged",
        "Consent",
        "Sources",
    ]
    # the requests: numbered, all but the last kept with the next (never split across pages)
    assert len(_texts(document, "List Number Kept")) == 3
    assert _texts(document, "List Number") == ["Ask for her release."]
    assert _texts(document, "Fact")[0] == "7 September 2020: Maria Kalesnikava was arrested."
    assert _texts(document, "Signature") == [
        "1 June 2023",
        "Head of advocacy",
        "Example Human Rights Group",
    ]
    assert all(
        table.style is not None and table.style.name == "Case Table" for table in document.tables
    )
    lines = _lines(document)
    assert (
        "Around February 2023: Her family and her lawyer lost all contact with her. "
        "Since then she has been held incommunicado." in lines
    )
    assert "The identity of the source" in " ".join(lines)
    assert "Access to a lawyer" in lines and "Contact with family" in lines  # known: None
    # page one's summary: who, where, what, the risk and what is asked
    assert "Maria Kalesnikava, political prisoner, opposition politician, imprisoned" in lines
    assert "The violations are ongoing." in lines
    assert "Ask for her release." in lines


def test_an_allegation_letter_has_no_urgent_banner_and_no_risk(tmp_path: Path) -> None:
    document = _render(CONTEXTS["klimovich-allegation-letter"], tmp_path)
    lines = _lines(document)
    assert not any("URGENT APPEAL" in line for line in lines)
    headings = _texts(document, "Heading 1")
    assert "Risk of irreparable harm" not in headings
    assert headings[-3:] == ["Consent", "Action requested", "Source"]
    assert "Criminal Code of the Republic of Belarus, art. 368 (Insulting the President)" in lines
    # a year alone is a year of death; where he died is not his whereabouts
    death = lines.index("Year of death")
    assert lines[death : death + 4] == [
        "Year of death",
        "2023",
        "Place of death",
        "Penal colony No. 3, Viciebsk",
    ]
    assert "Whereabouts" not in lines and "Date of death" not in lines
    # nothing reported at home or abroad: no section saying so, which would read as if nobody
    # had sought an investigation of the death
    assert "Steps taken at the national level" not in headings
    assert not any(line.startswith("No ") for line in lines)


def _communication_variant() -> dict[str, Any]:
    """The allegation letter with every optional part filled in a different way."""
    context = copy.deepcopy(CONTEXTS["klimovich-allegation-letter"])
    case = context["case"]
    victim = case["victims"][0]
    second = copy.deepcopy(victim)
    second.update(name="Second Person", name_original="", aliases=[], detention=None, roles=[])
    second["consent"].update(given_by="", submission=False, notes="Asked through a lawyer.")
    case["victims"].append(second)
    case["incidents"][0].update(approximate=True, place="", victims=["Mikalai Klimovich"])
    case["perpetrators"].append(
        {"name": "", "function": "", "institution": "Unknown unit", "state": False}
    )
    case["domestic_steps"] = [
        {"date": "1 March 2023", "authority": "Prosecutor", "action": "Complaint", "outcome": ""}
    ]
    case["other_bodies"] = [
        {"body": "Human Rights Committee", "reference": "", "date": "", "status": "Pending"}
    ]
    case["annexes"] = [{"title": "Medical record", "file": "a.pdf", "confidential": True}]
    case["sources"] = []
    case["action_requested"] = []
    return context


def test_optional_parts_appear_only_when_present(tmp_path: Path) -> None:
    document = _render(_communication_variant(), tmp_path)
    lines = _lines(document)
    text = "\n".join(lines)
    headings = _texts(document, "Heading 1")
    assert "Sources" not in headings and "Action requested" not in headings
    assert headings[-1] == "Annex"
    assert "Annex 1: Medical record (a.pdf) \u2013 confidential: not for publication" in lines
    assert "Complaint" in lines and "Pending" in lines
    assert "No complaint or other step" not in text
    assert any(line.startswith("Around 28 February 2023: The Pinsk") for line in lines)
    assert "Alleged victim: Mikalai Klimovich" in lines
    assert "Non-State actor" in lines
    assert "Consent could not be obtained." in lines
    assert "Consent has not been given to this submission." in lines
    assert "Asked through a lawyer." in lines
    assert len(_texts(document, "Heading 3")) == 1  # one detention block, for the first victim
    assert [block for block in _blocks(document) if _stray(block)] == []


def test_oral_statement_reads_as_speaking_notes(tmp_path: Path) -> None:
    context = CONTEXTS["hrc53-judges-lawyers-oral-statement"]
    document = _render(context, tmp_path)
    speech = _texts(document, "Speech")
    case = context["case"]
    assert speech[0] == "Thank you, Mr. President."
    unmarked = [_unmarked(p) for p in _speech(document)]
    assert unmarked[1:-2] == case["paragraphs"]
    assert unmarked[-2:] == [case["question"], "Thank you."]
    lines = _lines(document)
    assert lines[0] == case["heading"]
    assert "Check against delivery" in lines
    # 136 words of text and the 4 of the salutation
    assert f"{case['units']} words · about 0:56 at 150 words per minute" in " ".join(lines)
    assert not any("Over the time limit" in line or "Close to" in line for line in lines)
    speech_style = document.styles["Speech"]
    assert speech_style.font.size is not None and speech_style.font.size.pt == 16


def test_oral_statement_warns_when_over_the_limit(tmp_path: Path) -> None:
    data = load_file(REPO / "samples" / "hrc53-judges-lawyers-oral-statement.yaml").data
    context = build_context(CASE_ADAPTER.validate_python({**data, "president": "madam"}))
    context["case"].update(
        question="", units=400, seconds=160, duration="2:40", fits=False,
        cut=100,
    )  # fmt: skip
    document = _render(context, tmp_path)
    speech = _texts(document, "Speech")
    assert speech[0] == "Thank you, Madam President."
    assert speech[-1] == "Thank you." and speech[-2] == context["case"]["paragraphs"][-1]
    box = " ".join(_texts(document, "Box"))
    assert "Over the time limit: cut about 100 words" in box
    context["case"].update(units=290, seconds=116, duration="1:56", fits=True, close=True, cut=0)
    box = " ".join(_texts(_render(context, tmp_path, "close"), "Box"))
    assert box.endswith("Close to the time limit: leave a margin for the pace of the floor.")
    assert "Over the time limit" not in box


def _speech(document: Document) -> list[Paragraph]:
    return [
        block
        for block in _blocks(document)
        if isinstance(block, Paragraph) and block.style is not None and block.style.name == "Speech"
    ]


def _unmarked(paragraph: Paragraph) -> str:
    """The paragraph's text without its time marks (runs in the Time Mark style)."""
    return "".join(
        run.text for run in paragraph.runs if run.style is None or run.style.name != "Time Mark"
    )


def _words_before_each_mark(document: Document) -> list[tuple[int, str]]:
    words, marks = 0, []
    for paragraph in _speech(document):
        for run in paragraph.runs:
            if run.style is not None and run.style.name == "Time Mark":
                marks.append((words, run.text.strip()))
            else:
                words += len(run.text.split())
    return marks


def test_oral_statement_marks_every_30_seconds_after_the_right_word(tmp_path: Path) -> None:
    sample = REPO / "samples" / "hrc53-judges-lawyers-oral-statement.yaml"
    data = load_file(sample).data
    # sentences of one word: a mark may go after any of them
    data["paragraphs"] = [" ".join(f"W{i}." for i in range(n)) for n in (50, 100, 60)]
    data.update(question=None, time_limit_seconds=300)
    context = build_context(CASE_ADAPTER.validate_python(data))
    document = _render(context, tmp_path)
    # 150 words per minute: 75 words every 30 seconds, the clock running from the salutation
    # (4 words) across paragraphs
    assert _words_before_each_mark(document) == [(75, "[0:30]"), (150, "[1:00]")]
    second = _speech(document)[2]
    assert second.text.startswith("W0. W1.") and " W20. [0:30] W21. " in second.text
    data["words_per_minute"] = 100  # the speaker's own pace: 50 words every 30 seconds
    document = _render(build_context(CASE_ADAPTER.validate_python(data)), tmp_path, "slow")
    assert [n for n, _ in _words_before_each_mark(document)] == [50, 100, 150, 200]
    box = " ".join(_texts(document, "Box"))
    assert "214 words · about 2:09 at 100 words per minute · time limit 5:00" in box


def _joint(form: str) -> dict[str, Any]:
    data = load_file(REPO / "samples" / "prosecutor-srhr-joint-statement.yaml").data
    return build_context(CASE_ADAPTER.validate_python({**data, "form": form}))


def test_a_public_joint_statement_lists_everyone_who_signs_as_given(tmp_path: Path) -> None:
    context = _joint("public")
    document = _render(context, tmp_path)
    case = context["case"]
    assert _texts(document, "Title") == [case["title"]]
    assert _texts(document, "List Number") == case["demands"]
    assert _texts(document, "Dateline")[0].startswith("Joint statement · ")
    assert _texts(document, "Signatory") == [
        "Example Human Rights Group",
        "Example Centre for Women\u2019s Rights",
        "Example International Federation",
        "Example Youth Health Network",
        "Example LGBTQ Initiative",
        "Example Students\u2019 Union",
    ]
    assert _texts(document, "Closing Note") == []
    assert "share the views" not in " ".join(_lines(document))


def test_an_hrc_written_statement_groups_by_status_and_names_supporters_apart(
    tmp_path: Path,
) -> None:
    document = _render(_joint("hrc-written-statement"), tmp_path)
    assert _texts(document, "Dateline")[0].startswith("Joint written statement · ")
    assert _texts(document, "Signatory") == [
        "Example Human Rights Group (ECOSOC special consultative status)",
        "Example International Federation (ECOSOC general consultative status)",
        "Example Youth Health Network (ECOSOC special consultative status)",
        "Example Centre for Women\u2019s Rights (ECOSOC roster status)",
    ]
    assert _texts(document, "Closing Note") == [
        "Example LGBTQ Initiative and Example Students\u2019 Union also share the views "
        "expressed in this statement."
    ]


def test_joint_statement_supporters_note_agrees_in_number(tmp_path: Path) -> None:
    context = _joint("hrc-written-statement")
    case = context["case"]
    case["supporters"] = case["supporters"][:1]
    case["place"] = "Vilnius"
    one = _render(context, tmp_path, "one")
    assert _texts(one, "Closing Note") == [
        "Example LGBTQ Initiative also shares the views expressed in this statement."
    ]
    assert "Vilnius, 2 October 2023" in _texts(one, "Dateline")[0]
    case["supporters"] = []
    none = _render(context, tmp_path, "none")
    assert _texts(none, "Closing Note") == []
    assert not [b for b in _blocks(none) if isinstance(b, Paragraph) and not b.text.strip()]


# --- The templates themselves ------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_template_defines_the_styles(kind: str) -> None:
    document = docx.Document(str(TEMPLATES / f"{kind}.docx"))
    names = {style.name for style in document.styles}
    assert names >= STYLES
    assert document.styles["Case Table"].type == 3  # WD_STYLE_TYPE.TABLE
    normal = document.styles["Normal"].font.size
    for heading in ("Title", "Heading 1", "Heading 2"):
        size = document.styles[heading].font.size
        assert size is not None and size.pt > 11, heading
    assert normal is None or normal.pt == 11


@pytest.mark.parametrize("kind", KINDS)
def test_template_sets_fonts_a_recipients_word_has_for_every_script(kind: str) -> None:
    """Times New Roman and Arial (Latin, Cyrillic, Arabic), SimSun and SimHei (Chinese): fonts
    Word has on Windows and macOS, so that a desk officer's Word substitutes nothing."""
    styles = _xml(TEMPLATES / f"{kind}.docx", "word/styles.xml")
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    fonts = defaults.find(f"{W}rFonts")
    assert fonts.get(f"{W}ascii") == fonts.get(f"{W}hAnsi") == "Times New Roman"
    assert fonts.get(f"{W}cs") == "Times New Roman"
    assert fonts.get(f"{W}eastAsia") == "SimSun"
    assert defaults.find(f"{W}sz").get(f"{W}val") == "22"
    lang = defaults.find(f"{W}lang")
    assert lang is not None and lang.get(f"{W}val") and lang.get(f"{W}bidi")
    for style_id in ("Title", "Heading1", "Heading2"):
        (style,) = styles.xpath(f"w:style[@w:styleId='{style_id}']", namespaces=NS)
        heading_fonts = style.find(f"{W}rPr/{W}rFonts")
        assert heading_fonts.get(f"{W}ascii") == "Arial", style_id
        assert heading_fonts.get(f"{W}cs") == "Arial", style_id
        assert heading_fonts.get(f"{W}eastAsia") == "SimHei", style_id
    named = {
        f.get(f"{W}{a}") for f in styles.iter(f"{W}rFonts") for a in ("ascii", "cs", "eastAsia")
    }
    assert named - {None} <= {"Times New Roman", "Arial", "SimSun", "SimHei"}


@pytest.mark.parametrize("kind", KINDS)
def test_arabic_is_never_italic_in_a_template(kind: str) -> None:
    styles = _xml(TEMPLATES / f"{kind}.docx", "word/styles.xml")
    for italic in styles.iter(f"{W}iCs"):
        assert italic.get(f"{W}val") == "0"


@pytest.mark.parametrize("kind", KINDS)
def test_list_styles_use_real_numbering(kind: str) -> None:
    path = TEMPLATES / f"{kind}.docx"
    styles = _xml(path, "word/styles.xml")
    numbering = _xml(path, "word/numbering.xml")
    for style_id, fmt in (("ListBullet", "bullet"), ("ListNumber", "decimal")):
        (num_id,) = styles.xpath(
            f"w:style[@w:styleId='{style_id}']/w:pPr/w:numPr/w:numId/@w:val", namespaces=NS
        )
        (abstract,) = numbering.xpath(
            f"w:num[@w:numId='{num_id}']/w:abstractNumId/@w:val", namespaces=NS
        )
        formats = numbering.xpath(
            f"w:abstractNum[@w:abstractNumId='{abstract}']/w:lvl[@w:ilvl='0']/w:numFmt/@w:val",
            namespaces=NS,
        )
        assert formats == [fmt], style_id


def _paragraph_sources(path: Path) -> Iterator[str]:
    """The text of every paragraph of a template's document and footers, tags included."""
    with zipfile.ZipFile(path) as archive:
        members = [
            name
            for name in archive.namelist()
            if re.match(r"word/(document|header\d*|footer\d*)\.xml$", name)
        ]
        for member in members:
            root = etree.fromstring(archive.read(member))
            for paragraph in root.iter(f"{W}p"):
                yield "".join(
                    t.text or ""
                    for t in paragraph.iter(f"{W}t")
                    if not t.xpath("ancestor::w:fldSimple", namespaces=NS)  # a field's result
                )


def _is_punctuation(text: str) -> bool:
    return all(unicodedata.category(char)[0] in "PZ" or char.isspace() for char in text)


@pytest.mark.parametrize("kind", KINDS)
def test_every_fixed_word_goes_through_gettext(kind: str) -> None:
    for source in _paragraph_sources(TEMPLATES / f"{kind}.docx"):
        visible = TAG.sub("", source)
        assert _is_punctuation(visible), f"text outside _(): {visible!r} in {source!r}"


def _jinja_source(kind: str) -> str:
    """The template's tags as one Jinja source (docxtpl's p, tr, tc and r prefixes dropped)."""
    text = "\n".join(_paragraph_sources(TEMPLATES / f"{kind}.docx"))
    return re.sub(r"\{%(p|tr|tc|r) ", "{% ", text)


@pytest.mark.parametrize("kind", KINDS)
def test_messages_are_extractable_and_safe_in_xml(kind: str) -> None:
    env = environment()
    found = list(env.extract_translations(_jinja_source(kind)))  # type: ignore[attr-defined]
    messages = [
        m
        for _line, _function, message in found
        for m in ([message] if isinstance(message, str) else message)
        if m
    ]
    assert len(messages) >= 3
    for message in messages:
        assert not re.search("[&<>]", message), message
        assert message.strip() == message, message
    assert {"Page", "of"} <= set(messages)


@pytest.mark.parametrize("stem", sorted(CONTEXTS))
def test_fixed_text_is_translated(stem: str, tmp_path: Path) -> None:
    """With a pseudo-translation, every heading, label and footer word comes out marked."""
    env = environment()
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda message: f"{OPEN}{message}{CLOSE}",
        ngettext=lambda one, many, n: f"{OPEN}{one if n == 1 else many}{CLOSE}",
        newstyle=True,
    )
    context = CONTEXTS[stem]
    path = TEMPLATES / f"{context['kind']}.docx"
    template = PreparedTemplate(path.read_bytes(), str(path), env)
    out = tmp_path / "pseudo.docx"
    out.write_bytes(template.render(context, PROPS))
    document = docx.Document(str(out))
    fixed_styles = {"Heading 1", "Label", "Table Label", "Table Heading", "Lead-in", "Footer"}
    checked = 0
    for paragraph in _all_paragraphs(document):
        style = paragraph.style.name if paragraph.style is not None else ""
        if style in fixed_styles and paragraph.text.strip():
            assert OPEN in paragraph.text and CLOSE in paragraph.text, (style, paragraph.text)
            checked += 1
    assert checked >= 2


def test_committed_templates_are_what_the_script_makes(tmp_path: Path) -> None:
    """A template edited by hand, or a script change not rebuilt, fails here."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location(
        "make_templates", REPO / "scripts" / "make_templates.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the script runs
    try:
        spec.loader.exec_module(module)
        written_paths = module.main(tmp_path)
    finally:
        del sys.modules[spec.name]
    for written in written_paths:
        committed = TEMPLATES / written.name
        made, kept = _parts(written), _parts(committed)
        assert list(made) == list(kept), (
            f"{committed} has other parts than scripts/make_templates.py makes: run it"
        )
        for name, data in made.items():
            assert data == kept[name], (
                f"{committed}: {name} differs from what scripts/make_templates.py makes: run it"
            )


def _parts(path: Path) -> dict[str, bytes]:
    """The members of a DOCX in their order, uncompressed: what Word reads, whatever the zlib
    build that compressed them (builds differ in the bytes they make)."""
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_look_is_one_document_a_designer_can_open() -> None:
    """templates/base.docx holds the page, fonts and styles of every template: no tags, and
    every style the templates use (the generator adds only the content)."""
    base = REPO / "templates" / "base.docx"
    with zipfile.ZipFile(base) as package:
        parts = {name: package.read(name).decode("utf-8", "replace") for name in package.namelist()}
    assert not any("{{" in text or "{%" in text for text in parts.values())
    defined = set(re.findall(r'w:styleId="([^"]+)"', parts["word/styles.xml"]))
    for kind in ("communication", "oral-statement", "joint-statement"):
        with zipfile.ZipFile(REPO / "templates" / f"{kind}.docx") as package:
            body = package.read("word/document.xml").decode("utf-8")
            styles = package.read("word/styles.xml").decode("utf-8")
        used = set(re.findall(r'<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"', body))
        assert used <= defined, f"{kind}: styles not in base.docx: {sorted(used - defined)}"
        assert set(re.findall(r'w:styleId="([^"]+)"', styles)) == defined
