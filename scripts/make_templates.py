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

import dataclasses
import datetime
import io
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, Twips

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
#: Core property dates of every template, so that rebuilding changes nothing unless the design does.
FIXED_TIME = datetime.datetime(2023, 1, 1, tzinfo=datetime.timezone.utc)

# --- Design -------------------------------------------------------------------------------------

SERIF = "Times New Roman"
SANS = "Arial"
#: The East Asian and complex-script faces that go with each Latin face: the Song and Hei faces
#: Windows ships for Simplified Chinese, and the Arabic of Times New Roman and Arial themselves.
COMPANIONS = {SERIF: ("SimSun", SERIF), SANS: ("SimHei", SANS)}

NAVY = "1F3A5F"  # headings, rules
INK = "262626"  # text
GREY = "595959"  # secondary text
RULE = "B4BCC8"  # table borders, rules
HEADER_FILL = "DCE3EC"  # table header row
LABEL_FILL = "F1F3F6"  # table label column, notes
RED = "A4161A"  # urgency, warnings
RED_FILL = "FBEDED"

PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838  # A4 in twips
MARGIN = 1417  # 2.5 cm
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN  # 9072 twips, 16 cm

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
RPR_ORDER = (
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
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


def _font_attributes(latin: str) -> str:
    east_asian, complex_script = COMPANIONS[latin]
    return f'w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east_asian}" w:cs="{complex_script}"'


def _fonts(latin: str) -> Any:
    return _w(f"<w:rFonts {_font_attributes(latin)}/>")


def _border(sides: Sequence[str], size: int, color: str, space: int = 4) -> str:
    return "".join(
        f'<w:{side} w:val="single" w:sz="{size}" w:space="{space}" w:color="{color}"/>'
        for side in sides
    )


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


@dataclass(frozen=True)
class Look:
    """What a style looks like; ``None`` inherits."""

    font: str | None = None
    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    caps: bool = False
    color: str | None = None
    before: float | None = None
    after: float | None = None
    line: float | None = None  # multiple of single spacing
    keep_next: bool = False
    keep_lines: bool = False
    align: str | None = None  # "center", "right", "both"
    left: int | None = None  # indent, twips
    right: int | None = None
    hanging: int | None = None
    borders: str = ""  # w:pBdr children
    fill: str | None = None
    outline: int | None = None
    numbering: int | None = None  # w:numId
    spacing_pts: float | None = None  # letter spacing


def _run_properties(rpr: Any, look: Look) -> None:
    if look.font:
        _put(rpr, _fonts(look.font), RPR_ORDER)
    if look.bold is not None:
        value = "1" if look.bold else "0"
        _put(rpr, _w(f'<w:b w:val="{value}"/>'), RPR_ORDER)
        _put(rpr, _w(f'<w:bCs w:val="{value}"/>'), RPR_ORDER)
    if look.italic is not None:
        # Arabic has no italic: complex-script text stays upright whatever the Latin does.
        _put(rpr, _w(f'<w:i w:val="{"1" if look.italic else "0"}"/>'), RPR_ORDER)
        _put(rpr, _w('<w:iCs w:val="0"/>'), RPR_ORDER)
    if look.caps:
        _put(rpr, _w("<w:caps/>"), RPR_ORDER)
    if look.color:
        _put(rpr, _w(f'<w:color w:val="{look.color}"/>'), RPR_ORDER)
    if look.spacing_pts is not None:
        _put(rpr, _w(f'<w:spacing w:val="{round(look.spacing_pts * 20)}"/>'), RPR_ORDER)
    if look.size:
        half_points = round(look.size * 2)
        _put(rpr, _w(f'<w:sz w:val="{half_points}"/>'), RPR_ORDER)
        _put(rpr, _w(f'<w:szCs w:val="{half_points}"/>'), RPR_ORDER)


def _paragraph_properties(style: Any, look: Look) -> None:
    fmt = style.paragraph_format
    if look.before is not None:
        fmt.space_before = Pt(look.before)
    if look.after is not None:
        fmt.space_after = Pt(look.after)
    if look.line is not None:
        fmt.line_spacing = look.line
    if look.keep_next:
        fmt.keep_with_next = True
    if look.keep_lines:
        fmt.keep_together = True
    if look.align:
        fmt.alignment = {
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
            "both": WD_ALIGN_PARAGRAPH.JUSTIFY,
            "left": WD_ALIGN_PARAGRAPH.LEFT,
        }[look.align]
    if look.left is not None:
        fmt.left_indent = Twips(look.left)
    if look.right is not None:
        fmt.right_indent = Twips(look.right)
    if look.hanging is not None:
        fmt.first_line_indent = Twips(-look.hanging)
    ppr = style.element.get_or_add_pPr()
    if look.numbering is not None:
        _put(ppr, _w(f'<w:numPr><w:numId w:val="{look.numbering}"/></w:numPr>'), PPR_ORDER)
    if look.borders:
        _put(ppr, _w(f"<w:pBdr>{look.borders}</w:pBdr>"), PPR_ORDER)
    if look.fill:
        _put(ppr, _w(f'<w:shd w:val="clear" w:color="auto" w:fill="{look.fill}"/>'), PPR_ORDER)
    if look.outline is not None:
        _put(ppr, _w(f'<w:outlineLvl w:val="{look.outline}"/>'), PPR_ORDER)


def paragraph_style(
    doc: Any,
    name: str,
    look: Look,
    *,
    based_on: str | None = "Normal",
    following: str | None = None,
    builtin: bool = False,
) -> Any:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH, builtin=builtin)
    if based_on:
        style.base_style = doc.styles[based_on]
    if following:
        style.next_paragraph_style = doc.styles[following]
    style.quick_style = True
    _paragraph_properties(style, look)
    _run_properties(style.element.get_or_add_rPr(), look)
    return style


def character_style(doc: Any, name: str, look: Look, *, builtin: bool = False) -> Any:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.CHARACTER, builtin=builtin)
    style.base_style = doc.styles["Default Paragraph Font"]
    style.quick_style = True
    _run_properties(style.element.get_or_add_rPr(), look)
    return style


_DEFAULTS = f"""<w:docDefaults {nsdecls("w")}>
  <w:rPrDefault><w:rPr>
    <w:rFonts {_font_attributes(SERIF)}/>
    <w:color w:val="{INK}"/>
    <w:sz w:val="22"/><w:szCs w:val="22"/>
    <w:lang w:val="en-GB" w:eastAsia="zh-CN" w:bidi="ar-SA"/>
  </w:rPr></w:rPrDefault>
  <w:pPrDefault><w:pPr>
    <w:spacing w:after="160" w:line="276" w:lineRule="auto"/>
  </w:pPr></w:pPrDefault>
</w:docDefaults>"""

_BASE_STYLES = f"""<w:styles {nsdecls("w")}>
  <w:style w:type="paragraph" w:default="1" w:styleId="Normal">
    <w:name w:val="Normal"/><w:qFormat/>
    <w:pPr><w:widowControl/></w:pPr>
  </w:style>
  <w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">
    <w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>
    <w:unhideWhenUsed/>
  </w:style>
  <w:style w:type="table" w:default="1" w:styleId="TableNormal">
    <w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>
    <w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>
      <w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>
      <w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>
    </w:tblCellMar></w:tblPr>
  </w:style>
  <w:style w:type="numbering" w:default="1" w:styleId="NoList">
    <w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>
  </w:style>
</w:styles>"""

_ALL_SIDES = ("top", "left", "bottom", "right")

_CASE_TABLE = f"""<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="CaseTable">
  <w:name w:val="Case Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>
  <w:qFormat/>
  <w:pPr><w:spacing w:before="0" w:after="0" w:line="252" w:lineRule="auto"/></w:pPr>
  <w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>
  <w:tblPr>
    <w:tblBorders>{_border((*_ALL_SIDES, "insideH", "insideV"), 4, RULE, 0)}</w:tblBorders>
    <w:tblCellMar>
      <w:top w:w="57" w:type="dxa"/><w:left w:w="113" w:type="dxa"/>
      <w:bottom w:w="57" w:type="dxa"/><w:right w:w="113" w:type="dxa"/>
    </w:tblCellMar>
  </w:tblPr>
  <w:tblStylePr w:type="firstRow">
    <w:rPr><w:rFonts {_font_attributes(SANS)}/><w:b/><w:bCs/>
      <w:color w:val="{NAVY}"/></w:rPr>
    <w:tblPr/><w:trPr><w:tblHeader/></w:trPr>
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/></w:tcPr>
  </w:tblStylePr>
  <w:tblStylePr w:type="firstCol">
    <w:rPr><w:rFonts {_font_attributes(SANS)}/><w:color w:val="{GREY}"/></w:rPr>
    <w:tblPr/>
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{LABEL_FILL}"/></w:tcPr>
  </w:tblStylePr>
</w:style>"""

BULLETS, NUMBERS, HEADINGS = 1, 2, 3


def _level(ilvl: int, fmt: str, text: str, indent: int, *, style: str = "", font: str = "") -> str:
    """One level of a list: its number format and text, indented ``indent`` per level."""
    left, hanging = indent * (ilvl + 1), indent
    pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
    rpr = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>' if font else ""
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{pstyle}'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{left}" w:hanging="{hanging}"/></w:pPr>{rpr}</w:lvl>'
    )


def _numbering() -> Any:
    bullets = "".join(
        _level(i, "bullet", mark, 357, style="ListBullet" if i == 0 else "", font=SANS)
        for i, mark in enumerate(("\u2022", "\u2013", "\u2022"))
    )
    numbers = "".join(
        _level(i, fmt, f"%{i + 1}.", 425, style="ListNumber" if i == 0 else "")
        for i, fmt in enumerate(("decimal", "lowerLetter", "lowerRoman"))
    )
    headings = _level(0, "decimal", "%1.", 567, style="Heading1")
    return parse_xml(
        f"<w:numbering {nsdecls('w')}>"
        f'<w:abstractNum w:abstractNumId="{BULLETS}"><w:multiLevelType w:val="hybridMultilevel"/>'
        f"{bullets}</w:abstractNum>"
        f'<w:abstractNum w:abstractNumId="{NUMBERS}"><w:multiLevelType w:val="hybridMultilevel"/>'
        f"{numbers}</w:abstractNum>"
        f'<w:abstractNum w:abstractNumId="{HEADINGS}"><w:multiLevelType w:val="singleLevel"/>'
        f"{headings}</w:abstractNum>"
        f'<w:num w:numId="{BULLETS}"><w:abstractNumId w:val="{BULLETS}"/></w:num>'
        f'<w:num w:numId="{NUMBERS}"><w:abstractNumId w:val="{NUMBERS}"/></w:num>'
        f'<w:num w:numId="{HEADINGS}"><w:abstractNumId w:val="{HEADINGS}"/></w:num>'
        "</w:numbering>"
    )


def define_styles(doc: Any, *, numbered_headings: bool) -> None:
    """Replace python-docx's default styles with ours."""
    styles = doc.styles.element
    for child in list(styles):
        styles.remove(child)
    styles.append(parse_xml(_DEFAULTS))
    for child in parse_xml(_BASE_STYLES):
        styles.append(child)

    heading = Look(font=SANS, bold=True, color=NAVY, keep_next=True, keep_lines=True, line=1.0)
    paragraph_style(
        doc,
        "Title",
        Look(font=SANS, size=20, bold=True, color=NAVY, after=4, line=1.0, keep_next=True),
        builtin=True,
    )
    paragraph_style(
        doc,
        "Subtitle",
        Look(font=SANS, size=13, color=GREY, after=18, line=1.1, keep_next=True),
        builtin=True,
    )
    h1 = dataclasses.replace(
        heading,
        size=14,
        before=22,
        after=8,
        outline=0,
        borders=_border(("bottom",), 4, RULE, 3),
        numbering=HEADINGS if numbered_headings else None,
    )
    paragraph_style(doc, "Heading 1", h1, following="Normal", builtin=True)
    paragraph_style(
        doc,
        "Heading 2",
        dataclasses.replace(heading, size=12, before=14, after=5, outline=1),
        following="Normal",
        builtin=True,
    )
    paragraph_style(
        doc,
        "Heading 3",
        dataclasses.replace(heading, size=10.5, color=GREY, before=10, after=4, outline=2),
        following="Normal",
        builtin=True,
    )
    paragraph_style(
        doc, "List Bullet", Look(after=4, numbering=BULLETS, left=357, hanging=357), builtin=True
    )
    paragraph_style(
        doc, "List Number", Look(after=6, numbering=NUMBERS, left=425, hanging=425), builtin=True
    )
    paragraph_style(
        doc, "Footer", Look(font=SANS, size=8, color=GREY, after=0, align="center"), builtin=True
    )
    # Our own paragraph styles.
    paragraph_style(
        doc,
        "Label",
        Look(
            font=SANS, size=8.5, bold=True, caps=True, color=GREY, before=10, after=4,
            keep_next=True, spacing_pts=0.5,
        ),
    )  # fmt: skip
    paragraph_style(
        doc,
        "Meta",
        Look(font=SANS, size=9, color=GREY, after=4, keep_next=True),
    )
    paragraph_style(
        doc,
        "Lead-in",
        Look(keep_next=True, after=6),
    )
    paragraph_style(
        doc,
        "Note",
        Look(
            size=10, color=INK, fill=LABEL_FILL, after=4, left=170,
            borders=_border(("left",), 18, NAVY, 8) + _border(("top", "bottom"), 2, LABEL_FILL, 4),
        ),
    )  # fmt: skip
    paragraph_style(
        doc,
        "Urgent",
        Look(
            font=SANS, size=16, bold=True, color=RED, fill=RED_FILL, after=22, line=1.1,
            borders=_border(_ALL_SIDES, 12, RED, 6), left=120, right=120, keep_next=True,
        ),
    )  # fmt: skip
    paragraph_style(
        doc,
        "Table Text",
        Look(size=10, before=0, after=0, line=1.05),
    )
    paragraph_style(
        doc,
        "Table Label",
        Look(font=SANS, size=9, color=GREY, before=1, after=0, line=1.05),
        based_on="Table Text",
    )
    paragraph_style(
        doc,
        "Table Heading",
        Look(font=SANS, size=8.5, bold=True, color=NAVY, before=0, after=0, line=1.05),
        based_on="Table Text",
    )
    paragraph_style(
        doc,
        "Box",
        Look(
            font=SANS, size=9.5, fill=LABEL_FILL, before=16, after=28, line=1.3,
            left=120, right=120, borders=_border(_ALL_SIDES, 4, RULE, 6),
        ),
    )  # fmt: skip
    paragraph_style(
        doc,
        "Check Against Delivery",
        Look(font=SANS, size=10, bold=True, italic=True, color=INK, before=2, after=12),
    )
    paragraph_style(
        doc,
        "Speech",
        Look(size=16, line=1.5, after=18),
    )
    paragraph_style(
        doc,
        "Dateline",
        Look(font=SANS, size=10, color=GREY, after=20),
    )
    paragraph_style(doc, "Signatory", Look(after=3, keep_lines=True))
    paragraph_style(
        doc,
        "Closing Note",
        Look(size=10, italic=True, color=GREY, before=12),
    )
    character_style(doc, "Strong", Look(bold=True), builtin=True)
    character_style(doc, "Emphasis", Look(italic=True), builtin=True)
    character_style(doc, "Inline Label", Look(font=SANS, size=9.5, bold=True, color=GREY))
    character_style(doc, "Urgent Note", Look(font=SANS, size=9.5, bold=False, color=RED))
    character_style(doc, "Warning", Look(font=SANS, bold=True, color=RED))
    character_style(doc, "Time Mark", Look(font=SANS, size=8, color=GREY))
    styles.append(parse_xml(_CASE_TABLE))


# --- Package, page, footer ----------------------------------------------------------------------

_DROPPED_RELATIONSHIPS = ("/stylesWithEffects", "/customXml", "/webSettings")


def new_document(*, numbered_headings: bool = False) -> Any:
    doc = Document()
    part = doc.part
    for rid, rel in list(part.rels.items()):
        if rel.reltype.endswith(_DROPPED_RELATIONSHIPS):
            del part.rels[rid]
    numbering = part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for child in _numbering():
        numbering.append(child)
    settings = doc.settings.element
    for local in ("rsids", "proofState", "attachedTemplate", "savePreviewPicture"):
        for element in settings.findall(qn(f"w:{local}")):
            settings.remove(element)
    for element in settings.iter(qn("w:compatSetting")):
        if element.get(qn("w:name")) == "compatibilityMode":
            element.set(
                qn("w:val"), "15"
            )  # Word 2013+: a table's edge, not its text, at the margin
    for element in settings.findall(qn("w:themeFontLang")):
        element.set(qn("w:val"), "en-GB")
        element.attrib.pop(qn("w:eastAsia"), None)
    define_styles(doc, numbered_headings=numbered_headings)

    section = doc.sections[0]
    section.page_width, section.page_height = Twips(PAGE_WIDTH), Twips(PAGE_HEIGHT)
    for side in ("top", "bottom", "left", "right"):
        setattr(section, f"{side}_margin", Twips(MARGIN))
    section.header_distance = Twips(709)
    section.footer_distance = Twips(567)
    footer = section.footer.paragraphs[0]
    footer.style = doc.styles["Footer"]
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
    a list (``"c in d.charges"``).
    """

    label: str
    value: Sequence[Run]
    when: str | None = None
    each: str | None = None


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
    """A two-column Case Table of labels (shaded) and values; optional rows are conditional."""
    widths = (label_width, TEXT_WIDTH - label_width)
    table = _table(doc, widths, header=False, label_column=True)
    for row in rows:
        if row.when:
            _tag_row(table, widths, "if " + row.when)
        cells = _add_row(table, widths).cells
        _shade(cells[0], LABEL_FILL)
        cell_paragraph(cells[0], "Table Label", row.label)
        if row.each:
            cell_paragraph(cells[1], "Table Text", "{%p for " + row.each + " %}")
            cell_paragraph(cells[1], "Table Text", *row.value, first=False)
            cell_paragraph(cells[1], "Table Text", "{%p endfor %}", first=False)
        else:
            cell_paragraph(cells[1], "Table Text", *row.value)
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


def paragraphs(doc: Any, items: str, style: str = "Normal") -> None:
    """One paragraph of ``style`` per string of the list ``items``."""
    tag(doc, f"for text in {items}")
    para(doc, style, "{{ text }}")
    tag(doc, "endfor")


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
    """Page one: the urgency banner, the title, the addressees and the particulars."""
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
    para(doc, "Title", gt("Submission to the Special Procedures of the Human Rights Council"))
    para(doc, "Subtitle", "{{ case.title }}")
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
    para(doc, "Label", gt("Addressed to"))
    tag(doc, "for m in case.mandates")
    para(doc, "List Bullet", "{{ m.title }}")
    tag(doc, "endfor")
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
            Row(gt("Country concerned"), ["{{ case.country }}"]),
            Row(gt("Date of the submission"), ["{{ case.date }}"]),
            Row(gt("Language of the submission"), ["{{ case.language }}"]),
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
            # Contact details reach the UN only: public versions leave them out.
            *(
                Row(gt(label), [f"{{{{ {field} }}}}"], when=f"not public and {field}")
                for label, field in (
                    ("Contact person", "o.contact.name"),
                    ("Email", "o.contact.email"),
                    ("Telephone", "o.contact.phone"),
                    ("Address", "o.contact.address"),
                )
            ),
            Row(gt("Website"), ["{{ o.contact.website }}"], when="o.contact.website"),
        ],
    )
    tag(doc, "endfor")
    # The source's identity, the confidentiality notes and the consent record are for the UN
    # alone: public versions leave them out.
    tag(doc, "if not public")
    para(doc, "Heading 2", gt("Confidentiality"))
    para(
        doc,
        "Note",
        gt(
            "The identity of the source of this information must be kept confidential. "
            "It may not be disclosed to the Government concerned or in any public document."
        ),
    )
    tag(doc, "for text in case.confidentiality")
    para(doc, "Note", "{{ text }}")
    tag(doc, "endfor")
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
            Row(gt("Date of death"), ["{{ v.date_of_death }}"], when="v.date_of_death"),
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
    """What happened: date (approximate or not), place, victims, description."""
    tag(doc, "if case.incidents")
    para(doc, "Heading 1", gt("Facts"))
    tag(doc, "for i in case.incidents")
    para(
        doc,
        "Heading 2",
        "{% if i.approximate %}"
        + gt("Around %(date)s", date="i.date")
        + "{% else %}{{ i.date }}{% endif %}",
        "{% if i.place %} \u2013 {{ i.place }}{% endif %}",
    )
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
    paragraphs(doc, "i.paragraphs")
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
    """Steps taken at home, and other international or regional bodies seized.

    The UN asks both about every individual case, so a letter about people says when there
    were none; an other letter about a law, naming no one, leaves out what it does not give.
    """
    tag(doc, "if case.domestic_steps or case.victims")
    para(doc, "Heading 1", gt("Steps taken at the national level"))
    tag(doc, "if case.domestic_steps")
    list_table(
        doc,
        [gt("Date"), gt("Authority"), gt("Action taken"), gt("Outcome")],
        [["{{ s.date }}"], ["{{ s.authority }}"], ["{{ s.action }}"], ["{{ s.outcome }}"]],
        "s in case.domestic_steps",
        (1700, 2300, 2772, 2300),
    )
    tag(doc, "else")
    para(
        doc,
        "Normal",
        gt("No complaint or other step at the national level is reported in this submission."),
    )
    tag(doc, "endif")
    tag(doc, "endif")
    tag(doc, "if case.other_bodies or case.victims")
    para(doc, "Heading 1", gt("Other international or regional bodies seized"))
    tag(doc, "if case.other_bodies")
    list_table(
        doc,
        [gt("Body"), gt("Reference"), gt("Date"), gt("Status")],
        [["{{ b.body }}"], ["{{ b.reference }}"], ["{{ b.date }}"], ["{{ b.status }}"]],
        "b in case.other_bodies",
        (3172, 2000, 1700, 2200),
    )
    tag(doc, "else")
    para(
        doc,
        "Normal",
        gt("No other international or regional body is reported to have been seized of the case."),
    )
    tag(doc, "endif")
    tag(doc, "endif")


def _consent(doc: Any) -> None:
    """What the victims (or their families) consented to (not in public versions)."""
    tag(doc, "if not public and case.victims")
    para(doc, "Heading 1", gt("Consent"))
    tag(doc, "for v in case.victims")
    tag(doc, "set c = v.consent")
    para(doc, "Heading 2", "{{ v.name }}")
    para(
        doc,
        "List Bullet",
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
    para(doc, "List Bullet", "{{ c.not_obtained.reason }}")
    tag(doc, "for asked in c.not_obtained.asked")
    para(doc, "List Bullet", "{{ asked }}")
    tag(doc, "else")
    para(doc, "List Bullet", gt("Nobody who could give consent could be reached."))
    tag(doc, "endfor")
    para(doc, "List Bullet", "{{ c.not_obtained.basis }}")
    tag(doc, "if c.not_obtained.details")
    para(doc, "Normal", "{{ c.not_obtained.details }}")
    tag(doc, "endif")
    tag(doc, "else")
    para(
        doc,
        "List Bullet",
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
        "List Bullet",
        "{% if c.informed_government_letter %}"
        + gt("They know that a letter will be sent to the Government concerned.")
        + "{% else %}"
        + gt("They have not been told that a letter will be sent to the Government concerned.")
        + "{% endif %}",
    )
    para(
        doc,
        "List Bullet",
        "{% if c.informed_publication %}"
        + gt("They know that a summary of the case will appear in a public report.")
        + "{% else %}"
        + gt("They have not been told that a summary of the case will appear in a public report.")
        + "{% endif %}",
    )
    tag(doc, "endif")
    para(
        doc,
        "List Bullet",
        gt("Name in public reports: %(choice)s.", choice="c.public_name"),
    )
    tag(doc, "if c.notes")
    para(doc, "Normal", "{{ c.notes }}")
    tag(doc, "endif")
    tag(doc, "endfor")
    tag(doc, "endif")


def _risk(doc: Any) -> None:
    """The risk of irreparable harm, for urgent appeals."""
    tag(doc, "if case.urgent and case.risk")
    para(doc, "Heading 1", gt("Risk of irreparable harm"))
    tag(doc, "if case.risk.ongoing or case.risk.imminent")
    para(
        doc,
        "Lead-in",
        "{% if case.risk.ongoing and case.risk.imminent %}"
        + gt("The violations are ongoing and further harm is imminent.")
        + "{% elif case.risk.ongoing %}"
        + gt("The violations are ongoing.")
        + "{% elif case.risk.imminent %}"
        + gt("Harm is imminent.")
        + "{% endif %}",
    )
    tag(doc, "endif")
    paragraphs(doc, "case.risk.paragraphs")
    tag(doc, "endif")


def _requests(doc: Any) -> None:
    """The action requested of the mandate holders."""
    tag(doc, "if case.action_requested")
    para(doc, "Heading 1", gt("Action requested"))
    para(doc, "Lead-in", gt("We respectfully ask the mandate holders to:"))
    paragraphs(doc, "case.action_requested", "List Number")
    tag(doc, "endif")


def _sources(doc: Any) -> None:
    """Sources (public ones only: the context leaves out confidential ones) and annexes."""
    tag(doc, "if case.sources")
    para(doc, "Heading 1", ngt("Source", "Sources", "case.sources|length"))
    tag(doc, "for s in case.sources")
    para(
        doc,
        "List Bullet",
        ("{{ s.title }}", "Emphasis"),
        "{% if s.publisher %}{{ punctuation.comma }}{{ s.publisher }}{% endif %}"
        "{% if s.date %}{{ punctuation.comma }}{{ s.date }}{% endif %}"
        "{% if s.url %}{{ punctuation.colon }}{{ s.url }}{% endif %}",
    )
    tag(doc, "endfor")
    tag(doc, "endif")
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
    """The letter, in the order of the OHCHR questionnaire."""
    doc = new_document(numbered_headings=True)
    _page_one(doc)
    _follows_up(doc)
    _submitters(doc)
    _laws(doc)
    _victims(doc)
    _facts(doc)
    _perpetrators(doc)
    _violations(doc)
    _remedies(doc)
    _consent(doc)
    _risk(doc)
    _requests(doc)
    _sources(doc)
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


def main(directory: Path = TEMPLATES) -> list[Path]:
    directory.mkdir(exist_ok=True)
    return [
        save(build(), name, directory)
        for name, build in (
            ("communication.docx", communication),
            ("oral-statement.docx", oral_statement),
            ("joint-statement.docx", joint_statement),
        )
    ]


if __name__ == "__main__":
    for written in main():
        print(written)
