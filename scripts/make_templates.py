"""Build the DOCX templates in ``templates/``: communication, oral statement, joint statement.

Run ``python scripts/make_templates.py`` after changing this file; the templates are its output
and are not meant to be edited by hand (a change made in Word is lost at the next run).

Each template is an ordinary Word document built with python-docx, plus raw OOXML through
``docx.oxml`` where python-docx has no API (complex-script fonts, borders, shading, numbering
definitions, table styles, fields):

- real styles (Title, Subtitle, Heading 1-3, Normal, List Bullet, List Number with numbering
  definitions, the "Case Table" table style, and a few paragraph and character styles of our
  own), so a user restyles a whole document by changing one style;
- fonts a recipient's Word has on Windows and macOS, as UN documents use them: Times New Roman
  for text (Latin, Cyrillic and Arabic), SimSun for Chinese text, Arial and SimHei for headings
  and labels (LibreOffice on Linux uses the metric-compatible Liberation Serif and Liberation
  Sans, so lines and pages break where Word breaks them);
- A4 pages with 2.5 cm margins and a footer "Page N of M" made of PAGE and NUMPAGES fields.

The tags follow docxtpl, as the renderer (``unsubmit.render.engine``) expects: ``{%p ... %}`` and
``{%tr ... %}`` alone in their own paragraph or table row, ``{{ ... }}`` inside one run. Every
fixed word goes through gettext (``{{ _("Facts") }}``) so that translators can translate it;
a message never holds ``"``, ``&``, ``<``, ``>`` or typographic quotes, which the renderer's
tag clean-up or the XML would change. Punctuation between values comes from the context's
``punctuation`` (``、`` between the items of a Chinese list, ``؛`` in Arabic, no space after a
Chinese colon), not from the template.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, Twips

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
#: Core property dates of every template, so that rebuilding changes nothing unless the design does.
FIXED_TIME = datetime.datetime(2023, 1, 1, tzinfo=datetime.timezone.utc)

# --- Design -------------------------------------------------------------------------------------

# The look (page, fonts, styles, numbering) is base.docx's, made in a word processor; the body
# adds only the shading of table cells.
HEADER_FILL = "DCE3EC"  # table header row
LABEL_FILL = "F1F3F6"  # table label column, notes

#: The look of every document (page, fonts, styles, numbering, settings): a DOCX that a designer
#: changes in a word processor. Its body only shows the styles; the generator adds the content.
BASE = TEMPLATES / "base.docx"


def _text_width() -> int:
    """The width between the margins of base.docx's page, in twips: tables fill it."""
    section = Document(str(BASE)).sections[0]
    sizes = (section.page_width, section.left_margin, section.right_margin)
    if any(size is None for size in sizes):
        raise SystemExit(f"{BASE}: its page has no width or margins: set them in Word")
    width, left, right = (int(size.twips) for size in sizes if size is not None)
    return width - left - right


TEXT_WIDTH = _text_width()  # 9072 twips, 16 cm on the A4 page with 2.5 cm margins

# Child order of w:pPr and w:rPr in the WordprocessingML schema: Word refuses a file whose
# property elements are out of order, so raw elements are inserted where the schema puts them.
PPR_ORDER = (
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
)


def _put(parent: Any, child: Any, order: Sequence[str]) -> Any:
    """Insert ``child`` into ``parent`` at its schema position, replacing one of the same tag."""
    local = child.tag.split("}")[1]
    for old in parent.findall(qn(f"w:{local}")):
        parent.remove(old)
    rank = order.index(local)
    for index, sibling in enumerate(parent):
        name = sibling.tag.split("}")[1] if "}" in str(sibling.tag) else ""
        if name in order and order.index(name) > rank:
            parent.insert(index, child)
            return child
    parent.append(child)
    return child


def _w(markup: str) -> Any:
    """One WordprocessingML element from markup written with the ``w:`` prefix."""
    first = re.match(r"<(w:\w+)", markup)
    assert first is not None
    return parse_xml(markup.replace(first.group(0), f"{first.group(0)} {nsdecls('w')}", 1))


# --- Gettext and tags ---------------------------------------------------------------------------

_FORBIDDEN = re.compile('["&<>\u2018\u2019\u201c\u201d{}]')


def _message(text: str) -> str:
    if _FORBIDDEN.search(text):
        raise ValueError(f"a message may not hold quotes, &, <, > or braces: {text!r}")
    return f'"{text}"'


def _arguments(variables: dict[str, str]) -> str:
    return "".join(f", {name}={expression}" for name, expression in variables.items())


def gt(message: str, **variables: str) -> str:
    """``{{ _("message", name=expression) }}``: fixed text through gettext.

    ``variables`` are Jinja expressions, filled into ``%(name)s`` placeholders after translation
    (and escaped for XML, since the renderer autoescapes).
    """
    return "{{ _(" + _message(message) + _arguments(variables) + ") }}"


def ngt(singular: str, plural: str, count: str, **variables: str) -> str:
    """``{{ ngettext(...) }}``: fixed text with a plural; ``%(num)d`` is ``count``."""
    return (
        "{{ ngettext("
        + _message(singular)
        + ", "
        + _message(plural)
        + ", "
        + count
        + _arguments(variables)
        + ") }}"
    )


# --- Styles -------------------------------------------------------------------------------------


BULLETS, NUMBERS, HEADINGS, PARAGRAPHS = 1, 2, 3, 4


# --- Package, page, footer ----------------------------------------------------------------------


def new_document(*, numbered_headings: bool = False, confidential: bool = False) -> Any:
    """A blank document in the look of ``base.docx``, with a footer that numbers the pages;
    with ``numbered_headings``, sections numbered; with ``confidential``, the footer of every
    page says "Confidential" unless the version is public."""
    doc = Document(str(BASE))
    body = doc.element.body
    for block in [child for child in body if child.tag != qn("w:sectPr")]:
        body.remove(block)
    if numbered_headings:
        ppr = doc.styles["Heading 1"].element.get_or_add_pPr()
        _put(ppr, _w(f'<w:numPr><w:numId w:val="{HEADINGS}"/></w:numPr>'), PPR_ORDER)
    footer = doc.sections[0].footer.paragraphs[0]
    if confidential:
        footer.add_run("{% if not public %}")
        footer.add_run(gt("Confidential"), style="Confidential Mark")
        footer.add_run(" \u00b7 {% endif %}")
    footer.add_run(gt("Page") + " ")
    _field(footer, "PAGE", "1")
    footer.add_run(" " + gt("of") + " ")
    _field(footer, "NUMPAGES", "1")
    return doc


def _field(paragraph: Any, instruction: str, placeholder: str) -> None:
    """A simple field (``w:fldSimple``), which Word and LibreOffice update when they lay out."""
    paragraph._p.append(
        _w(
            f'<w:fldSimple w:instr=" {instruction} "><w:r><w:rPr><w:noProof/></w:rPr>'
            f"<w:t>{placeholder}</w:t></w:r></w:fldSimple>"
        )
    )


# --- Content helpers ----------------------------------------------------------------------------

Run = str | tuple[str, str]  # text, or (text, character style)


def para(container: Any, style: str, *runs: Run) -> Any:
    """A paragraph of ``style`` made of runs; each run's text holds whole tags only."""
    paragraph = container.add_paragraph(style=style)
    for run in runs:
        text, char_style = (run, None) if isinstance(run, str) else run
        paragraph.add_run(text, style=char_style)
    return paragraph


def tag(container: Any, statement: str) -> Any:
    """A ``{%p statement %}`` paragraph, which the renderer replaces by the statement."""
    return para(container, "Normal", "{%p " + statement + " %}")


def cell_paragraph(cell: Any, style: str, *runs: Run, first: bool = True) -> Any:
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.style = style
    for run in runs:
        text, char_style = (run, None) if isinstance(run, str) else run
        paragraph.add_run(text, style=char_style)
    return paragraph


@dataclass(frozen=True)
class Row:
    """A label/value row of a Case Table; ``when`` (a Jinja condition) leaves it out if false.

    ``value`` is one paragraph's runs; ``each`` instead repeats that paragraph for every item of
    a list (``"c in d.charges"``); ``then`` is a second paragraph and the condition it is shown
    on; ``style`` the value's paragraph style.
    """

    label: str
    value: Sequence[Run]
    when: str | None = None
    each: str | None = None
    then: tuple[str, Sequence[Run]] | None = None
    style: str = "Table Text"


def _table(doc: Any, widths: Sequence[int], *, header: bool, label_column: bool) -> Any:
    table = doc.add_table(rows=0, cols=len(widths))
    table.style = doc.styles["Case Table"]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    for element in tbl_pr.findall(qn("w:tblW")):
        tbl_pr.remove(element)
    look = tbl_pr.find(qn("w:tblLook"))
    if look is None:
        look = _w("<w:tblLook/>")
        tbl_pr.append(look)
    flags = {
        "firstRow": header,
        "lastRow": False,
        "firstColumn": label_column,
        "lastColumn": False,
        "noHBand": True,
        "noVBand": True,
    }
    look.attrib.clear()
    look.set(qn("w:val"), f"{0x0020 * header | 0x0080 * label_column | 0x0600:04X}")
    for name, on in flags.items():
        look.set(qn(f"w:{name}"), "1" if on else "0")
    tbl_pr.insert(tbl_pr.index(look), _w(f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/>'))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Twips(width)
    return table


def _add_row(table: Any, widths: Sequence[int], *, cant_split: bool = True) -> Any:
    row = table.add_row()
    for cell, width in zip(row.cells, widths, strict=True):
        cell.width = Twips(width)
    if cant_split:
        row._tr.get_or_add_trPr().append(_w("<w:cantSplit/>"))
    return row


def _shade(cell: Any, fill: str) -> None:
    """Direct cell shading, as well as the table style's, for readers that ignore the latter."""
    tc_pr = cell._tc.get_or_add_tcPr()
    tc_pr.append(_w(f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'))


def _tag_row(table: Any, widths: Sequence[int], statement: str) -> None:
    row = _add_row(table, widths, cant_split=False)
    cell_paragraph(row.cells[0], "Table Text", "{%tr " + statement + " %}")


LABEL_WIDTH = 2750  # about 4.85 cm


def case_table(doc: Any, rows: Sequence[Row], *, label_width: int = LABEL_WIDTH) -> Any:
    """A two-column Case Table of labels (shaded) and values; optional rows are conditional.

    Each row but the last keeps with the next, so that the table is not split across pages
    (it is shorter than a page) and does not drag what follows it along.
    """
    widths = (label_width, TEXT_WIDTH - label_width)
    table = _table(doc, widths, header=False, label_column=True)
    for index, row in enumerate(rows):
        if row.when:
            _tag_row(table, widths, "if " + row.when)
        cells = _add_row(table, widths).cells
        _shade(cells[0], LABEL_FILL)
        label = cell_paragraph(cells[0], "Table Label", row.label)
        label.paragraph_format.keep_with_next = index < len(rows) - 1
        if row.each:
            cell_paragraph(cells[1], "Table Text", "{%p for " + row.each + " %}")
            cell_paragraph(cells[1], row.style, *row.value, first=False)
            cell_paragraph(cells[1], "Table Text", "{%p endfor %}", first=False)
        else:
            cell_paragraph(cells[1], row.style, *row.value)
        if row.then:
            condition, runs = row.then
            cell_paragraph(cells[1], "Table Text", "{%p if " + condition + " %}", first=False)
            cell_paragraph(cells[1], row.style, *runs, first=False)
            cell_paragraph(cells[1], "Table Text", "{%p endif %}", first=False)
        if row.when:
            _tag_row(table, widths, "endif")
    return table


def list_table(
    doc: Any,
    headings: Sequence[str],
    cells: Sequence[Sequence[Run]],
    loop: str,
    widths: Sequence[int],
) -> Any:
    """A Case Table with a header row and one row per item of ``loop`` (``"p in case.x"``)."""
    table = _table(doc, widths, header=True, label_column=False)
    header = _add_row(table, widths)
    header._tr.get_or_add_trPr().append(_w("<w:tblHeader/>"))
    for cell, heading in zip(header.cells, headings, strict=True):
        _shade(cell, HEADER_FILL)
        cell_paragraph(cell, "Table Heading", heading)
    _tag_row(table, widths, "for " + loop)
    row = _add_row(table, widths)
    for cell, runs in zip(row.cells, cells, strict=True):
        cell_paragraph(cell, "Table Text", *runs)
    _tag_row(table, widths, "endfor")
    return table


def kept_list(doc: Any, loop: str, *runs: Run, style: str = "List Bullet") -> None:
    """A list of ``style``, one item per ``loop`` (``"s in case.sources"``), each item but the
    last kept with the next so that a short list is never split across pages."""
    tag(doc, f"for {loop}")
    tag(doc, "if loop.last")
    para(doc, style, *runs)
    tag(doc, "else")
    para(doc, f"{style} Kept", *runs)
    tag(doc, "endif")
    tag(doc, "endfor")


def paragraphs(doc: Any, items: str, style: str = "Normal") -> Any:
    """One paragraph of ``style`` per string of the list ``items`` (the one returned)."""
    tag(doc, f"for text in {items}")
    paragraph = para(doc, style, "{{ text }}")
    tag(doc, "endfor")
    return paragraph


def save(doc: Any, name: str, directory: Path = TEMPLATES) -> Path:
    """Write the template with fixed zip timestamps, so the same script gives the same bytes."""
    path = directory / name
    doc.core_properties.title = ""
    doc.core_properties.author = ""
    doc.core_properties.last_modified_by = ""
    doc.core_properties.comments = ""
    doc.core_properties.revision = 1
    doc.core_properties.created = FIXED_TIME
    doc.core_properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    doc.save(buffer)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(buffer) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info))
    path.write_bytes(out.getvalue())
    return path


def _contact_rows() -> list[Row]:
    """A submitter's contact details, which reach the UN only: public versions leave them out."""
    return [
        Row(gt(label), [f"{{{{ {field} }}}}"], when=f"not public and {field}")
        for label, field in (
            ("Contact person", "o.contact.name"),
            ("Email", "o.contact.email"),
            ("Telephone", "o.contact.phone"),
            ("Address", "o.contact.address"),
        )
    ]


# --- communication.docx -------------------------------------------------------------------------

_ORG_NAME = "{{ o.name }}{% if o.acronym %} ({{ o.acronym }}){% endif %}"
_STATUS = (
    '{% if o.ecosoc_status == "general" %} '
    + gt("(ECOSOC general consultative status)")
    + '{% elif o.ecosoc_status == "special" %} '
    + gt("(ECOSOC special consultative status)")
    + '{% elif o.ecosoc_status == "roster" %} '
    + gt("(ECOSOC roster status)")
    + "{% endif %}"
)


def _page_one(doc: Any) -> None:
    """Page one: the urgency banner, the case title, the summary, the addressees and the
    particulars, so that page one alone tells a desk officer who, what, the risk and the request.
    """
    tag(doc, "if case.urgent")
    banner = para(doc, "Urgent", gt("URGENT APPEAL"))
    banner.runs[0].add_break()
    banner.add_run(
        gt(
            "The violations described below are ongoing or imminent and risk causing "
            "irreparable harm. We ask the mandate holders to act without delay."
        ),
        style="Urgent Note",
    )
    tag(doc, "endif")
    para(doc, "Kicker", gt("Submission to the Special Procedures of the Human Rights Council"))
    para(doc, "Title", "{{ case.title }}")
    tag(doc, "if public")
    para(
        doc,
        "Note",
        gt(
            "Public version: the alleged victims are named only as far as they or their "
            "families have consented, and confidential information is left out."
        ),
    )
    tag(doc, "endif")
    _summary(doc)
    para(doc, "Label", gt("Addressed to"))
    kept_list(doc, "m in case.mandates", "{{ m.title }}")
    tag(doc, "if case.unofficial_titles")
    para(
        doc,
        "Note",
        gt(
            "A title followed by the official English title in parentheses is our own "
            "translation, not an official UN title."
        ),
    )
    tag(doc, "endif")
    para(doc, "Label", gt("Particulars"))
    case_table(
        doc,
        [
            Row(gt("Type of communication"), ["{{ case.type_label }}"]),
            Row(gt("Date of the submission"), ["{{ case.date }}"]),
            Row(gt("Language of the submission"), ["{{ case.language }}"]),
        ],
    )


#: How far the risk has gone, in the words of the OHCHR's criteria for an urgent appeal.
_RISK_NOW = (
    "{% if case.risk.ongoing and case.risk.imminent %}"
    + gt("The violations are ongoing and further harm is imminent.")
    + "{% elif case.risk.ongoing %}"
    + gt("The violations are ongoing.")
    + "{% elif case.risk.imminent %}"
    + gt("Harm is imminent.")
    + "{% endif %}"
)


def _summary(doc: Any) -> None:
    """The summary box: who, where, what happened, the risk and what is asked, each from the
    case's own data (the sections below give the details)."""
    para(doc, "Label", gt("Summary"))
    case_table(
        doc,
        [
            Row(
                ngt("Alleged victim", "Alleged victims", "case.victims|length"),
                [
                    ("{{ v.name }}", "Strong"),
                    "{% if v.described %}{{ punctuation.comma }}"
                    "{{ v.described|join(punctuation.list) }}{% endif %}",
                ],
                when="case.victims",
                each="v in case.victims",
            ),
            Row(
                gt("Legislation, policy or practice of concern"),
                ["{{ l.title }}"],
                when="case.laws_and_policies",
                each="l in case.laws_and_policies",
            ),
            Row(
                gt("Where"),
                ["{{ case.country }}"],
                then=("case.places", ["{{ case.places|join(punctuation.series) }}"]),
            ),
            Row(gt("Violations alleged"), ["{{ case.violation_labels|join(punctuation.series) }}"]),
            Row(
                gt("Risk"),
                [_RISK_NOW],
                when="case.urgent and case.risk",
                then=("case.risk.paragraphs", ["{{ case.risk.paragraphs|first }}"]),
            ),
            Row(
                gt("Requests"),
                ["{{ text }}"],
                when="case.action_requested",
                each="text in case.action_requested",
                style="Table Bullet",
            ),
        ],
    )


def _submitters(doc: Any) -> None:
    """Who submits, with full contact details (anonymous submissions are not considered)."""
    para(
        doc,
        "Heading 1",
        ngt("Submitting organisation", "Submitting organisations", "case.submitters|length"),
    )
    tag(doc, "for o in case.submitters")
    para(doc, "Heading 2", _ORG_NAME)
    case_table(
        doc,
        [
            Row(gt("Country"), ["{{ o.country }}"], when="o.country"),
            *_contact_rows(),
            Row(gt("Website"), ["{{ o.contact.website }}"], when="o.contact.website"),
        ],
    )
    tag(doc, "endfor")
    # The source's identity, the confidentiality notes and the consent record are for the UN
    # alone: public versions leave them out.
    tag(doc, "if not public")
    para(doc, "Heading 2", gt("Confidentiality"))
    # one cell of a row that cannot split: the box is never cut across two pages
    box = _table(doc, (TEXT_WIDTH,), header=False, label_column=False)
    cell = _add_row(box, (TEXT_WIDTH,)).cells[0]
    _shade(cell, LABEL_FILL)
    cell_paragraph(
        cell,
        "Table Text",
        gt(
            "The identity of the source of this information must be kept confidential. "
            "It may not be disclosed to the Government concerned or in any public document."
        ),
    )
    cell_paragraph(cell, "Table Text", "{%p for text in case.confidentiality %}", first=False)
    cell_paragraph(
        cell, "Table Text", "{{ text }}", first=False
    ).paragraph_format.space_before = Pt(4)
    cell_paragraph(cell, "Table Text", "{%p endfor %}", first=False)
    tag(doc, "endif")


def _follows_up(doc: Any) -> None:
    """For a follow-up: the communication it follows up, and what has changed since."""
    tag(doc, "if case.follows_up")
    para(doc, "Heading 1", gt("Follow-up to an earlier communication"))
    case_table(
        doc,
        [
            Row(gt("Reference"), ["{{ case.follows_up.reference }}"]),
            Row(gt("Date of the earlier communication"), ["{{ case.follows_up.date }}"]),
        ],
    )
    para(doc, "Heading 2", gt("What has changed"))
    paragraphs(doc, "case.follows_up.paragraphs")
    tag(doc, "endif")


def _laws(doc: Any) -> None:
    """What an other letter is about: each law, bill, policy or practice of concern."""
    tag(doc, "if case.laws_and_policies")
    para(doc, "Heading 1", gt("Legislation, policy or practice of concern"))
    tag(doc, "for l in case.laws_and_policies")
    para(doc, "Heading 2", "{{ l.title }}")
    case_table(
        doc,
        [
            Row(gt("Type"), ["{{ l.type }}"]),
            Row(gt("Date"), ["{{ l.date }}"], when="l.date"),
            Row(gt("Status"), ["{{ l.status }}"], when="l.status"),
            Row(
                gt("Provisions of concern"),
                ["{{ text }}"],
                when="l.provisions",
                each="text in l.provisions",
            ),
        ],
    )
    paragraphs(doc, "l.paragraphs")
    tag(doc, "endfor")
    tag(doc, "endif")


def _victims(doc: Any) -> None:
    """Who the alleged victims are, with their detention."""
    tag(doc, "if case.victims")
    para(doc, "Heading 1", ngt("Alleged victim", "Alleged victims", "case.victims|length"))
    tag(doc, "for v in case.victims")
    para(doc, "Heading 2", "{{ v.name }}")
    case_table(
        doc,
        [
            Row(gt("Name in original script"), ["{{ v.name_original }}"], when="v.name_original"),
            Row(gt("Other names"), ["{{ v.aliases|join(punctuation.series) }}"], when="v.aliases"),
            Row(gt("Sex"), ["{{ v.sex }}"], when="v.sex"),
            Row(gt("Age"), ["{{ v.age }}"], when="v.age"),
            Row(gt("Date of birth"), ["{{ v.date_of_birth }}"], when="v.date_of_birth"),
            Row(gt("Nationality"), ["{{ v.nationality }}"], when="v.nationality"),
            Row(gt("Place of residence"), ["{{ v.residence }}"], when="v.residence"),
            Row(gt("Occupation"), ["{{ v.occupation }}"], when="v.occupation"),
            Row(gt("Roles"), ["{{ v.roles|join(punctuation.list) }}"], when="v.roles"),
            Row(gt("Current status"), ["{{ v.status }}"], when="v.status"),
            Row(
                "{% if v.year_of_death %}"
                + gt("Year of death")
                + "{% else %}"
                + gt("Date of death")
                + "{% endif %}",
                ["{{ v.date_of_death }}"],
                when="v.date_of_death",
            ),
            Row(gt("Place of death"), ["{{ v.place_of_death }}"], when="v.place_of_death"),
            Row(gt("Whereabouts"), ["{{ v.whereabouts }}"], when="v.whereabouts"),
        ],
    )
    tag(doc, "if v.detention")
    tag(doc, "set d = v.detention")
    para(doc, "Heading 3", gt("Detention"))
    case_table(
        doc,
        [
            Row(gt("Date of arrest"), ["{{ d.arrest_date }}"], when="d.arrest_date"),
            Row(
                gt("Arresting authority"),
                ["{{ d.arresting_authority }}"],
                when="d.arresting_authority",
            ),
            Row(gt("Place of detention"), ["{{ d.place }}"], when="d.place"),
            Row(
                ngt("Charge", "Charges", "d.charges|length"),
                [
                    gt("%(law)s, art. %(article)s", law="c.law", article="c.article")
                    + "{% if c.description %} ("
                    + "{{ c.description }}"
                    + "){% endif %}"
                ],
                when="d.charges",
                each="c in d.charges",
            ),
            Row(gt("Sentence"), ["{{ d.sentence.term }}"], when="d.sentence"),
            Row(
                gt("Date of the sentence"),
                ["{{ d.sentence.date }}"],
                when="d.sentence and d.sentence.date",
            ),
            Row(gt("Court"), ["{{ d.sentence.court }}"], when="d.sentence and d.sentence.court"),
            Row(gt("Access to a lawyer"), ["{{ d.access_to_lawyer }}"], when="d.access_to_lawyer"),
            Row(gt("Contact with family"), ["{{ d.family_contact }}"], when="d.family_contact"),
            Row(gt("Health"), ["{{ text }}"], when="d.health", each="text in d.health"),
        ],
    )
    tag(doc, "endif")
    tag(doc, "endfor")
    tag(doc, "endif")


def _facts(doc: Any) -> None:
    """What happened, as numbered paragraphs of narrative: each incident's first paragraph
    opens with its date (approximate or not) and place; the numbers run through the section."""
    tag(doc, "if case.incidents")
    para(doc, "Heading 1", gt("Facts"))
    tag(doc, "for i in case.incidents")
    tag(doc, "if i.victims")
    para(
        doc,
        "Meta",
        ngt(
            "Alleged victim: %(names)s",
            "Alleged victims: %(names)s",
            "i.victims|length",
            names="i.victims|join(punctuation.list)",
        ),
    )
    tag(doc, "endif")
    para(
        doc,
        "Fact",
        (
            "{% if i.approximate %}"
            + gt("Around %(date)s", date="i.date")
            + "{% else %}{{ i.date }}{% endif %}"
            + "{% if i.place %}{{ punctuation.comma }}{{ i.place }}{% endif %}",
            "Strong",
        ),
        "{{ punctuation.colon }}{{ i.paragraphs|first }}",
    )
    paragraphs(doc, "i.paragraphs[1:]", "Fact")
    tag(doc, "endfor")
    tag(doc, "endif")


def _perpetrators(doc: Any) -> None:
    """Who did it: name or function, institution, State or non-State actor."""
    tag(doc, "if case.perpetrators")
    para(
        doc,
        "Heading 1",
        ngt("Alleged perpetrator", "Alleged perpetrators", "case.perpetrators|length"),
    )
    list_table(
        doc,
        [gt("Name or function"), gt("Institution"), gt("Type")],
        [
            ["{{ [p.name, p.function]|select|join(punctuation.comma) }}"],
            ["{{ p.institution }}"],
            [
                "{% if p.state %}"
                + gt("State actor")
                + "{% else %}"
                + gt("Non-State actor")
                + "{% endif %}"
            ],
        ],
        "p in case.perpetrators",
        (2900, TEXT_WIDTH - 2900 - 1900, 1900),
    )
    tag(doc, "endif")


def _violations(doc: Any) -> None:
    """Which rights were violated."""
    para(doc, "Heading 1", gt("Violations alleged"))
    tag(doc, "for v in case.violations")
    para(doc, "Heading 2", "{{ v.label }}")
    tag(doc, "if v.rights")
    para(
        doc,
        "Meta",
        (gt("Rights concerned:"), "Inline Label"),
        "{{ punctuation.label_space }}{{ v.rights|join(punctuation.series) }}",
    )
    tag(doc, "endif")
    tag(doc, "if v.victims")
    para(
        doc,
        "Meta",
        (ngt("Alleged victim:", "Alleged victims:", "v.victims|length"), "Inline Label"),
        "{{ punctuation.label_space }}{{ v.victims|join(punctuation.list) }}",
    )
    tag(doc, "endif")
    paragraphs(doc, "v.details")
    tag(doc, "endfor")


def _remedies(doc: Any) -> None:
    """Steps taken at home, and other international or regional bodies seized: only what the
    case reports. A sentence saying that none is reported would read, in a death in custody,
    as if nobody had sought an investigation; the requests say what the submitter seeks."""
    tag(doc, "if case.domestic_steps")
    para(doc, "Heading 1", gt("Steps taken at the national level"))
    list_table(
        doc,
        [gt("Date"), gt("Authority"), gt("Action taken"), gt("Outcome")],
        [["{{ s.date }}"], ["{{ s.authority }}"], ["{{ s.action }}"], ["{{ s.outcome }}"]],
        "s in case.domestic_steps",
        (1700, 2300, 2772, 2300),
    )
    tag(doc, "endif")
    tag(doc, "if case.other_bodies")
    para(doc, "Heading 1", gt("Other international or regional bodies seized"))
    list_table(
        doc,
        [gt("Body"), gt("Reference"), gt("Date"), gt("Status")],
        [["{{ b.body }}"], ["{{ b.reference }}"], ["{{ b.date }}"], ["{{ b.status }}"]],
        "b in case.other_bodies",
        (3172, 2000, 1700, 2200),
    )
    tag(doc, "endif")


def _consent(doc: Any) -> None:
    """What the victims (or their families) consented to (not in public versions); each
    victim's list is kept on one page."""
    tag(doc, "if not public and case.victims")
    para(doc, "Heading 1", gt("Consent"))
    tag(doc, "for v in case.victims")
    tag(doc, "set c = v.consent")
    para(doc, "Heading 2", "{{ v.name }}")
    para(
        doc,
        "List Bullet Kept",
        '{% if c.given_by == "victim" %}'
        + gt("Consent was given by the alleged victim.")
        + '{% elif c.given_by == "family" %}'
        + gt("Consent was given by the family of the alleged victim.")
        + '{% elif c.given_by == "representative" %}'
        + gt("Consent was given by a representative of the alleged victim.")
        + "{% else %}"
        + gt("Consent could not be obtained.")
        + "{% endif %}",
    )
    tag(doc, "if c.not_obtained")
    # Consent that could not be obtained: why, who was asked, and why the submitter acts on
    # the alleged victim's behalf all the same (what the UN's forms ask; data/consent.json).
    para(doc, "List Bullet Kept", "{{ c.not_obtained.reason }}")
    tag(doc, "for asked in c.not_obtained.asked")
    para(doc, "List Bullet Kept", "{{ asked }}")
    tag(doc, "else")
    para(doc, "List Bullet Kept", gt("Nobody who could give consent could be reached."))
    tag(doc, "endfor")
    para(doc, "List Bullet Kept", "{{ c.not_obtained.basis }}")
    tag(doc, "if c.not_obtained.details")
    para(doc, "Normal", "{{ c.not_obtained.details }}")
    tag(doc, "endif")
    tag(doc, "else")
    para(
        doc,
        "List Bullet Kept",
        "{% if c.submission %}"
        + gt("Consent has been given to this submission.")
        + "{% else %}"
        + gt("Consent has not been given to this submission.")
        + "{% endif %}",
    )
    tag(doc, "endif")
    tag(doc, "if c.given_by")
    para(
        doc,
        "List Bullet Kept",
        "{% if c.informed_government_letter %}"
        + gt("They know that a letter will be sent to the Government concerned.")
        + "{% else %}"
        + gt("They have not been told that a letter will be sent to the Government concerned.")
        + "{% endif %}",
    )
    para(
        doc,
        "List Bullet Kept",
        "{% if c.informed_publication %}"
        + gt("They know that a summary of the case will appear in a public report.")
        + "{% else %}"
        + gt("They have not been told that a summary of the case will appear in a public report.")
        + "{% endif %}",
    )
    tag(doc, "endif")
    para(doc, "List Bullet", gt("Name in public reports: %(choice)s.", choice="c.public_name"))
    tag(doc, "if c.notes")
    para(doc, "Normal", "{{ c.notes }}")
    tag(doc, "endif")
    tag(doc, "endfor")
    tag(doc, "endif")


def _risk(doc: Any) -> None:
    """The risk of irreparable harm, for urgent appeals."""
    tag(doc, "if case.risk")
    para(doc, "Heading 1", gt("Risk of irreparable harm"))
    tag(doc, "if case.risk.ongoing or case.risk.imminent")
    para(doc, "Lead-in", _RISK_NOW)
    tag(doc, "endif")
    paragraphs(doc, "case.risk.paragraphs")
    tag(doc, "endif")


def _requests(doc: Any) -> None:
    """The action requested of the mandate holders."""
    tag(doc, "if case.action_requested")
    para(doc, "Heading 1", gt("Action requested"))
    # Each request is a sentence of its own (most begin "Ask ..."), so the lead-in is one too.
    para(
        doc,
        "Lead-in",
        gt("We respectfully request the mandate holders to take the following action."),
    )
    kept_list(doc, "text in case.action_requested", "{{ text }}", style="List Number")
    tag(doc, "endif")


def _sources(doc: Any) -> None:
    """Sources (public ones only: the context leaves out confidential ones)."""
    tag(doc, "if case.sources")
    para(doc, "Heading 1", ngt("Source", "Sources", "case.sources|length"))
    kept_list(
        doc,
        "s in case.sources",
        ("{{ s.title }}", "Emphasis"),
        "{% if s.publisher %}{{ punctuation.comma }}{{ s.publisher }}{% endif %}"
        "{% if s.date %}{{ punctuation.comma }}{{ s.date }}{% endif %}"
        "{% if s.url %}{{ punctuation.colon }}{{ s.url }}{% endif %}",
    )
    tag(doc, "endif")


def _signature(doc: Any) -> None:
    """Place and date of signing, then each submitter: the contact person's name and function
    (which public versions leave out, as the rest of the contact) above the organisation."""
    para(
        doc,
        "Signature",
        "{% if case.place %}"
        + gt("%(place)s, %(date)s", place="case.place", date="case.date")
        + "{% else %}{{ case.date }}{% endif %}",
    ).paragraph_format.space_before = Pt(24)
    tag(doc, "for o in case.submitters")
    tag(doc, "if o.contact.name")
    para(doc, "Signature", "{{ o.contact.name }}").paragraph_format.space_before = Pt(14)
    tag(doc, "endif")
    tag(doc, "if o.contact.function")
    para(doc, "Signature", "{{ o.contact.function }}")
    tag(doc, "endif")
    para(doc, "Signature", (_ORG_NAME, "Strong")).paragraph_format.space_after = Pt(6)
    tag(doc, "endfor")


def _annexes(doc: Any) -> None:
    """The documents sent with the letter, confidential ones marked as such."""
    tag(doc, "if case.annexes")
    para(doc, "Heading 1", ngt("Annex", "Annexes", "case.annexes|length"))
    tag(doc, "for a in case.annexes")
    para(
        doc,
        "Normal",
        (gt("Annex %(num)s:", num="loop.index"), "Strong"),
        " {{ a.title }}{% if a.file %} ({{ a.file }}){% endif %}",
        "{% if a.confidential %} \u2013 " + gt("confidential: not for publication") + "{% endif %}",
    )
    tag(doc, "endfor")
    tag(doc, "endif")


def communication() -> Any:
    """The letter, in the order of the OHCHR questionnaire; an urgent appeal puts the risk and
    the requests first, after page one, where a desk officer decides whether to act at once."""
    doc = new_document(numbered_headings=True, confidential=True)
    _page_one(doc)
    _follows_up(doc)
    tag(doc, "if case.urgent")
    _risk(doc)
    _requests(doc)
    tag(doc, "endif")
    _submitters(doc)
    _laws(doc)
    _victims(doc)
    _facts(doc)
    _perpetrators(doc)
    _violations(doc)
    _remedies(doc)
    _consent(doc)
    tag(doc, "if not case.urgent")
    _requests(doc)
    tag(doc, "endif")
    _sources(doc)
    _signature(doc)
    _annexes(doc)
    return doc


# --- oral-statement.docx ------------------------------------------------------------------------


def _timed(doc: Any, segments: str) -> Any:
    """A Speech paragraph made of timed segments: each one's text, then its grey time mark.

    The loop and condition are run tags (``{%r %}``), which replace the run that holds them, so
    each repetition is made of whole runs and a segment without a mark leaves no empty run.
    """
    return para(
        doc,
        "Speech",
        "{%r for s in " + segments + " %}",
        "{{ s.text }}",
        "{%r if s.mark %}",
        (" " + gt("[%(time)s]", time="s.mark"), "Time Mark"),
        "{%r endif %}",
        "{%r endfor %}",
    )


def _by_unit(text: Callable[[str], str]) -> str:
    """Fixed text for a statement timed in characters (Chinese) or in words (the others).

    Each unit has whole messages of its own, so a translator never assembles a sentence.
    """
    return (
        '{% if case.unit == "characters" %}'
        + text("characters")
        + "{% else %}"
        + text("words")
        + "{% endif %}"
    )


def oral_statement() -> Any:
    doc = new_document()
    para(doc, "Title", "{{ case.heading }}")
    para(doc, "Subtitle", "{{ case.date }}")
    para(doc, "Check Against Delivery", gt("Check against delivery"))
    case_table(
        doc,
        [
            Row(
                gt("Speaker"),
                ["{{ case.speaker.name }}{% if case.speaker.function %}, "
                 "{{ case.speaker.function }}{% endif %}"],
            ),
            Row(gt("Organisation"), ["{{ case.organisation.name }}"]),
            Row(
                gt("On behalf of"),
                ["{{ o.name }}"],
                when="case.on_behalf_of",
                each="o in case.on_behalf_of",
            ),
        ],
        label_width=2300,
    )  # fmt: skip
    tag(doc, "if not upload")
    box = para(
        doc,
        "Box",
        _by_unit(
            lambda unit: (
                ngt(f"%(num)d {unit[:-1]}", f"%(num)d {unit}", "case.units")
                + " \u00b7 "
                + gt(
                    f"about %(duration)s at %(rate)s {unit} per minute",
                    duration="case.duration",
                    rate="case.per_minute",
                )
            )
        ),
        "{% if case.default_rate %} (" + gt("default rate") + "){% endif %}",
        " \u00b7 ",
        gt("time limit %(limit)s", limit="case.limit"),
        " \u00b7 ",
        gt("a mark every 30 seconds"),
        "{% if not case.fits or case.close %}",
    )
    box.runs[-1].add_break()
    box.add_run(
        "{% if not case.fits %}"
        + _by_unit(
            lambda unit: gt(
                f"Over the time limit: cut about %(num)s {unit} before you register the statement.",
                num="case.cut",
            )
        )
        + "{% else %}"
        + gt("Close to the time limit: leave a margin for the pace of the floor.")
        + "{% endif %}{% endif %}",
        style="Warning",
    )
    tag(doc, "endif")
    # apart from the table above it in the copy to upload, which has no box between them
    _timed(doc, "case.timed_salutation").paragraph_format.space_before = Pt(12)
    tag(doc, "for p in case.timed_paragraphs")
    _timed(doc, "p")
    tag(doc, "endfor")
    tag(doc, "if case.question")
    _timed(doc, "case.timed_question")
    tag(doc, "endif")
    para(doc, "Speech", gt("Thank you."))
    return doc


# --- joint-statement.docx -----------------------------------------------------------------------


#: Only a joint written statement to the Council lists ECOSOC status and names supporters apart.
_WRITTEN = '{% if case.form == "hrc-written-statement" %}'


def joint_statement() -> Any:
    doc = new_document()
    para(doc, "Title", "{{ case.title }}")
    para(
        doc,
        "Dateline",
        _WRITTEN + gt("Joint written statement") + "{% else %}" + gt("Joint statement"),
        "{% endif %}",
        " \u00b7 ",
        "{% if case.place %}"
        + gt("%(place)s, %(date)s", place="case.place", date="case.date")
        + "{% else %}{{ case.date }}{% endif %}",
    )
    paragraphs(doc, "case.paragraphs")
    para(doc, "Lead-in", gt("We call on the authorities to:"))
    paragraphs(doc, "case.demands", "List Number")
    para(doc, "Heading 1", gt("Signatories"))
    tag(doc, "for o in [case.lead] + case.signatories")
    para(doc, "Signatory", _ORG_NAME, _WRITTEN + _STATUS + "{% endif %}")
    tag(doc, "endfor")
    tag(doc, "if case.supporters")  # none in a public statement: they sign with the others
    para(
        doc,
        "Closing Note",
        "{% if case.supporters|length == 1 %}"
        + gt(
            "%(name)s also shares the views expressed in this statement.",
            name="case.supporters[0].name",
        )
        + "{% else %}"
        + gt(
            "%(names)s and %(last)s also share the views expressed in this statement.",
            names='case.supporters[:-1]|map(attribute="name")|join(punctuation.list)',
            last="case.supporters[-1].name",
        )
        + "{% endif %}",
    )
    tag(doc, "endif")
    return doc


# --- wgad-petition.docx and wgeid-form.docx -----------------------------------------------------

_UNKNOWN = gt("Not known to the source")


def _known(value: str) -> list[Run]:
    """A value, or the questionnaire's answer for a fact the source does not know."""
    return ["{% if " + value + " %}{{ " + value + " }}{% else %}" + _UNKNOWN + "{% endif %}"]


def _section(doc: Any, number: str, heading: str) -> None:
    para(doc, "Heading 1", number + ". " + gt(heading))


def _identity_rows() -> list[Row]:
    return [
        Row(gt("Name in original script"), ["{{ v.name_original }}"], when="v.name_original"),
        Row(gt("Other names"), ["{{ v.aliases|join(punctuation.series) }}"], when="v.aliases"),
        Row(gt("Sex"), ["{{ v.sex }}"]),
        Row(gt("Date of birth"), ["{{ v.date_of_birth }}"], when="v.date_of_birth"),
        Row(gt("Age"), ["{{ v.age }}"], when="v.age"),
        Row(gt("Nationality"), _known("v.nationality")),
        Row(gt("Identity document"), _known("p.identity_document")),
        Row(gt("Occupation"), _known("v.occupation")),
        Row(gt("Place of residence"), _known("v.residence")),
    ]


def _source(doc: Any, number: str) -> None:
    """Who submits, with full contact details, and the date; signed by hand."""
    _section(doc, number, "Source of the information")
    tag(doc, "for o in case.submitters")
    para(doc, "Heading 2", _ORG_NAME)
    case_table(
        doc,
        [
            Row(gt("Country"), ["{{ o.country }}"], when="o.country"),
            *_contact_rows(),
        ],
    )
    tag(doc, "endfor")
    tag(doc, "if not public")
    para(
        doc,
        "Note",
        gt(
            "The identity of the source of this information must be kept confidential. "
            "It may not be disclosed to the Government concerned or in any public document."
        ),
    )
    tag(doc, "endif")


def _signed_by_hand(doc: Any) -> None:
    """The date, and a row for the signature by hand."""
    case_table(doc, [Row(gt("Date"), ["{{ case.date }}"]), Row(gt("Signature"), [""])])


def _steps(doc: Any) -> None:
    tag(doc, "if case.domestic_steps")
    list_table(
        doc,
        [gt("Date"), gt("Authority"), gt("Action taken"), gt("Outcome")],
        [["{{ s.date }}"], ["{{ s.authority }}"], ["{{ s.action }}"], ["{{ s.outcome }}"]],
        "s in case.domestic_steps",
        (1700, 2300, 2772, 2300),
    )
    tag(doc, "endif")
    paragraphs(doc, "petition.no_domestic_steps")


def _wgad_people(doc: Any) -> None:
    """Sections I to III: each person's identity, arrest and detention."""
    _section(doc, "I", "Identity")
    tag(doc, "for v in case.victims")
    tag(doc, "set p = petition.victims[loop.index0]")
    para(doc, "Heading 2", "{{ v.name }}")
    case_table(doc, _identity_rows())
    tag(doc, "endfor")
    _section(doc, "II", "Arrest")
    tag(doc, "for v in case.victims")
    tag(doc, "set p = petition.victims[loop.index0]")
    para(doc, "Heading 2", "{{ v.name }}")
    case_table(
        doc,
        [
            Row(gt("Date of arrest"), _known("v.detention.arrest_date")),
            Row(gt("Place of arrest"), _known("p.arrest.place")),
            Row(gt("Arresting authority"), _known("v.detention.arresting_authority")),
            Row(gt("Warrant or decision"), ["{{ p.arrest.warrant }}"]),
            Row(
                gt("Authority that issued it"),
                ["{{ p.arrest.warrant_authority }}"],
                when="p.arrest.warrant_authority",
            ),
            Row(gt("Reasons given by the authorities"), _known("p.arrest.reasons")),
            Row(gt("Legal basis"), _known("p.arrest.legal_basis")),
        ],
    )
    tag(doc, "endfor")
    _section(doc, "III", "Detention")
    tag(doc, "for v in case.victims")
    tag(doc, "set p = petition.victims[loop.index0]")
    tag(doc, "set d = v.detention")
    para(doc, "Heading 2", "{{ v.name }}")
    case_table(
        doc,
        [
            Row(gt("Date of arrest"), ["{{ d.arrest_date }}"]),
            Row(
                gt("Duration of the detention at the date of the petition"),
                ["{{ p.duration }}"],
                when="p.duration",
            ),
            Row(gt("Sentence"), ["{{ d.sentence.term }}"], when="d.sentence"),
            Row(gt("Court"), ["{{ d.sentence.court }}"], when="d.sentence and d.sentence.court"),
            Row(
                ngt("Charge", "Charges", "d.charges|length"),
                [
                    gt("%(law)s, art. %(article)s", law="c.law", article="c.article")
                    + "{% if c.description %} ({{ c.description }}){% endif %}"
                ],
                when="d.charges",
                each="c in d.charges",
            ),
            Row(gt("Authorities that ordered the detention"), _known("p.order.ordered_by")),
            Row(gt("Reasons given by the authorities"), _known("p.order.reasons")),
            Row(gt("Legal basis"), _known("p.order.legal_basis")),
            Row(gt("Whereabouts"), ["{{ v.whereabouts }}"], when="v.whereabouts"),
        ],
    )
    tag(doc, "if p.order.places")
    para(doc, "Heading 3", gt("Places of detention"))
    list_table(
        doc,
        [gt("Since"), gt("Place of detention"), gt("Held by")],
        [["{{ c.since }}"], ["{{ c.place }}"], ["{{ c.held_by }}"]],
        "c in p.order.places",
        (2000, 4272, 2800),
    )
    tag(doc, "endif")
    tag(doc, "endfor")


def _wgad_arguments(doc: Any) -> None:
    """Section IV: the circumstances, then each category argued with its facts."""
    _section(doc, "IV", "Why the deprivation of liberty is arbitrary")
    para(doc, "Heading 2", gt("Circumstances of the arrest and detention"))
    tag(doc, "for i in case.incidents")
    para(
        doc,
        "Heading 3",
        "{% if i.approximate %}"
        + gt("Around %(date)s", date="i.date")
        + "{% else %}{{ i.date }}{% endif %}",
        "{% if i.place %} \u2013 {{ i.place }}{% endif %}",
    )
    paragraphs(doc, "i.paragraphs")
    tag(doc, "endfor")
    tag(doc, "for a in petition.arguments")
    para(doc, "Heading 2", "{{ a.label }}")
    tag(doc, "if a.victims")
    para(
        doc,
        "Meta",
        (ngt("Alleged victim:", "Alleged victims:", "a.victims|length"), "Inline Label"),
        "{{ punctuation.label_space }}{{ a.victims|join(punctuation.list) }}",
    )
    tag(doc, "endif")
    tag(doc, "if a.provisions")
    para(
        doc,
        "Meta",
        (gt("Provisions relied on:"), "Inline Label"),
        "{{ punctuation.label_space }}{{ a.provisions|join(punctuation.list) }}",
    )
    tag(doc, "endif")
    paragraphs(doc, "a.paragraphs")
    para(doc, "Label", gt("Facts relied on"))
    tag(doc, "for f in a.facts")
    para(doc, "List Bullet", ("{{ f.date }}", "Inline Label"), " \u2013 {{ f.text }}")
    tag(doc, "endfor")
    tag(doc, "endfor")


def wgad_petition() -> Any:
    """The petition, in the order and under the headings of the WGAD's model questionnaire."""
    doc = new_document()
    para(doc, "Title", gt("Petition to the Working Group on Arbitrary Detention"))
    para(doc, "Subtitle", "{{ case.title }}")
    case_table(
        doc,
        [
            Row(gt("Email"), ["{{ petition.address }}"]),
            Row(gt("Country concerned"), ["{{ case.country }}"]),
        ],
    )
    _wgad_people(doc)
    _wgad_arguments(doc)
    _section(doc, "V", "Domestic steps and their outcome")
    _steps(doc)
    _source(doc, "VI")
    para(
        doc,
        "Note",
        "{% if petition.source_confidential %}"
        + gt("The source asks that its identity be kept confidential.")
        + "{% else %}"
        + gt("The source does not ask for confidentiality.")
        + "{% endif %}",
    )
    _signed_by_hand(doc)
    return doc


def wgeid_form() -> Any:
    """One disappeared person's case, with the elements the WGEID requires."""
    doc = new_document()
    tag(doc, "set v = case.victims[petition.person]")
    tag(doc, "set p = petition.victims[petition.person]")
    tag(doc, "if petition.urgent")
    banner = para(doc, "Urgent", gt("URGENT PROCEDURE"))
    banner.runs[0].add_break()
    banner.add_run(
        gt("The disappearance occurred within the three months before this report."),
        style="Urgent Note",
    )
    tag(doc, "endif")
    para(
        doc, "Title", gt("Case form of the Working Group on Enforced or Involuntary Disappearances")
    )
    para(doc, "Subtitle", "{{ v.name }}")
    _section(doc, "1", "Identity")
    case_table(doc, _identity_rows())
    _section(doc, "2", "Disappearance")
    case_table(
        doc,
        [
            Row(gt("Date of the disappearance"), ["{{ petition.disappearance.date }}"]),
            Row(
                gt("Place of arrest or abduction, or where last seen"),
                ["{{ petition.disappearance.place }}"],
            ),
            Row(
                gt("Forces believed responsible"),
                ["{{ text }}"],
                each="text in petition.disappearance.forces",
            ),
        ],
    )
    # The account of the disappearance stands apart from the table above it.
    paragraphs(doc, "petition.disappearance.paragraphs").paragraph_format.space_before = Pt(8)
    _section(doc, "3", "Steps taken to find the person")
    _steps(doc)
    tag(doc, "if not public")
    _section(doc, "4", "Consent of the family")
    para(
        doc, "Normal", gt("The family of the disappeared person has consented to this submission.")
    )
    tag(doc, "if v.consent.notes")
    para(doc, "Note", "{{ v.consent.notes }}")
    tag(doc, "endif")
    tag(doc, "endif")
    # A public version leaves the consent section out: the source's section takes its number.
    _source(doc, "{% if public %}4{% else %}5{% endif %}")
    _signed_by_hand(doc)
    return doc


def main(directory: Path = TEMPLATES) -> list[Path]:
    directory.mkdir(exist_ok=True)
    return [
        save(build(), name, directory)
        for name, build in (
            ("communication.docx", communication),
            ("oral-statement.docx", oral_statement),
            ("joint-statement.docx", joint_statement),
            ("wgad-petition.docx", wgad_petition),
            ("wgeid-form.docx", wgeid_form),
        )
    ]


if __name__ == "__main__":
    for written in main():
        print(written)
