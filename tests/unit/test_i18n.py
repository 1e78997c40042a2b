"""The DOCX extractor, translations at render time with plural forms, and right-to-left layout."""

from __future__ import annotations

import datetime
from io import BytesIO
from pathlib import Path
from typing import Any

import docx
import pytest
from lxml import etree

from unsubmit.i18n.extract import ExtractionError, docx_messages
from unsubmit.i18n.translations import Translator, template_functions
from unsubmit.models.communication import ROLES, STATUSES
from unsubmit.render.context import Formatter
from unsubmit.render.engine import PreparedTemplate, environment
from unsubmit.render.package import DocumentProperties
from unsubmit.render.reader import document_lines
from unsubmit.render.rtl import right_to_left, right_to_left_numbering, right_to_left_styles

KEYWORDS = ("_", "gettext", "ngettext")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _template(tmp_path: Path, *paragraphs: tuple[str, list[str]], footer: str = "") -> bytes:
    """A DOCX whose paragraphs are (style, runs): a tag may be split over several runs."""
    document = docx.Document()
    for style, runs in paragraphs:
        paragraph = document.add_paragraph(style=style)
        for text in runs:
            paragraph.add_run(text)
    if footer:
        document.sections[0].footer.paragraphs[0].add_run(footer)
    path = tmp_path / "t.docx"
    document.save(str(path))
    return path.read_bytes()


def test_the_extractor_joins_a_tag_split_over_runs_and_says_where_it_is(tmp_path: Path) -> None:
    data = _template(
        tmp_path,
        ("Normal", ["{%p if case.urgent %}"]),
        ("Heading 1", ['{{ _("Fa', 'cts") }}']),
        ("Normal", ["{%p endif %}"]),
        ("Normal", ["{{ ngettext(\u201cAnnex\u201d, \u201cAnnexes\u201d, n) }}"]),
        footer='{{ _("Page") }}',
    )
    found = list(docx_messages(data, KEYWORDS))
    assert [(message, funcname) for _, funcname, message, _ in found] == [
        ("Facts", "_"),
        (("Annex", "Annexes", None), "ngettext"),
        ("Page", "_"),
    ]
    (line, _, _, comments) = found[0]
    assert line == 2
    assert comments == ["word/document.xml, paragraph 2 (Heading1)"]
    assert found[2][0] > found[1][0]  # the footer comes after the document's paragraphs
    assert found[2][3] == ["word/footer1.xml, paragraph 1 (Footer)"]


def test_a_broken_tag_names_the_paragraph(tmp_path: Path) -> None:
    data = _template(tmp_path, ("Normal", ["Fine"]), ("Normal", ['{{ _("Unclosed" }}']))
    with pytest.raises(ExtractionError, match=r"word/document\.xml, paragraph 2"):
        list(docx_messages(data, KEYWORDS))


def test_not_a_docx_is_an_extraction_error() -> None:
    with pytest.raises(ExtractionError, match="not a DOCX"):
        list(docx_messages(b"plain text", KEYWORDS))


def _render(source: str, language: str, **context: Any) -> str:
    template = environment().from_string(source)
    return template.render({**context, **template_functions(Translator(language))})


WORDS = '{{ ngettext("%(num)d word", "%(num)d words", n) }}'


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", {1: "1 word", 2: "2 words", 5: "5 words"}),
        ("ru", {1: "1 слово", 2: "2 слова", 5: "5 слов", 11: "11 слов", 21: "21 слово"}),
        ("uk", {1: "1 слово", 3: "3 слова", 5: "5 слів", 12: "12 слів", 22: "22 слова"}),
        ("be", {1: "1 слова", 4: "4 словы", 7: "7 слоў", 14: "14 слоў", 31: "31 слова"}),
        (
            "ar",
            {1: "كلمة واحدة", 2: "كلمتان", 3: "3 كلمات", 11: "11 كلمة", 100: "100 كلمة"},
        ),
        ("zh", {1: "1词", 5: "5词"}),
    ],
)
def test_plural_forms_follow_each_language(language: str, expected: dict[int, str]) -> None:
    for count, text in expected.items():
        assert _render(WORDS, language, n=count) == text


def test_placeholders_are_filled_after_translation_and_escaped() -> None:
    source = '{{ _("Annex %(num)s:", num=n) }} {{ _("Around %(date)s", date=d) }}'
    assert (
        _render(source, "fr", n=2, d="<mai>") == "Annexe 2\u00a0: &lt;mai&gt; (date approximative)"
    )


def test_a_text_without_translation_shows_in_english_and_is_noted() -> None:
    translator = Translator("fr")
    assert translator.gettext("Facts") == "Faits"
    assert translator.gettext("A sentence no catalog has") == "A sentence no catalog has"
    assert translator.ngettext("One thing", "Things", 2) == "Things"
    assert list(translator.missing_messages) == ["A sentence no catalog has", "One thing"]


def test_nothing_is_missing_from_english_the_source_language() -> None:
    translator = Translator("en")
    translator.gettext("A sentence no catalog has")
    translator.note_missing_title("sr-belarus")
    assert not translator.missing_messages
    assert not translator.missing_titles


def _part(body: str) -> Any:
    return etree.fromstring(f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>')


def _names(element: Any) -> list[str]:
    return [etree.QName(child).localname for child in element]


def test_arabic_paragraphs_runs_and_tables_turn_right_to_left() -> None:
    root = _part(
        '<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:jc w:val="left"/></w:pPr>'
        '<w:r><w:rPr><w:b/><w:sz w:val="28"/></w:rPr><w:t>الوقائع</w:t></w:r>'
        "<w:r><w:t>: </w:t></w:r><w:r><w:t>Viasna</w:t></w:r></w:p>"
        "<w:tbl><w:tblPr><w:tblStyle w:val='CaseTable'/><w:tblW w:w='0'/></w:tblPr></w:tbl>"
        "<w:p><w:r><w:t>+370 5 000 0000</w:t></w:r></w:p>"
        '<w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr><w:r><w:t>1</w:t></w:r></w:p>'
        "<w:sectPr><w:pgSz/><w:docGrid/></w:sectPr>"
    )
    right_to_left(root, frozenset({"Footer"}))
    arabic, latin, footer = root.findall(f".//{{{W}}}p")
    assert _names(arabic.find(f"{{{W}}}pPr")) == ["pStyle", "bidi", "jc"]
    runs = arabic.findall(f"{{{W}}}r")
    assert _names(runs[0].find(f"{{{W}}}rPr")) == ["b", "bCs", "sz", "szCs", "rtl"]
    assert runs[0].find(f"{{{W}}}rPr/{{{W}}}szCs").get(f"{{{W}}}val") == "28"
    assert runs[1].find(f"{{{W}}}rPr/{{{W}}}rtl") is not None  # punctuation between Arabic
    assert runs[2].find(f"{{{W}}}rPr") is None  # a Latin name keeps its direction,
    assert "".join(runs[2].itertext()) == "\u202aViasna\u202c"  # isolated
    assert _names(root.find(f".//{{{W}}}tblPr")) == ["tblStyle", "bidiVisual", "tblW"]
    # A paragraph without Arabic is right to left too (a list item has its bullet on the
    # right), aligned at its start, its digits kept in order by an embedding.
    assert latin.find(f"{{{W}}}pPr/{{{W}}}bidi") is not None
    assert latin.find(f"{{{W}}}pPr/{{{W}}}jc").get(f"{{{W}}}val") == "left"
    assert "".join(latin.itertext()) == "\u202a+370 5 000 0000\u202c"
    # A paragraph whose style aligns it keeps the style's alignment.
    assert footer.find(f"{{{W}}}pPr/{{{W}}}jc") is None
    assert _names(root.find(f".//{{{W}}}sectPr")) == ["pgSz", "bidi", "docGrid"]


def test_latin_text_between_arabic_is_embedded_without_the_punctuation_around_it() -> None:
    root = _part(
        "<w:p><w:r><w:t>28 فبراير 2023</w:t></w:r><w:r><w:t> – Pinsk, </w:t></w:r>"
        "<w:r><w:t>بيلاروس</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Do not disclose it</w:t></w:r><w:r><w:t>.</w:t></w:r></w:p>"
    )
    right_to_left(root)
    heading, sentence = root.findall(f".//{{{W}}}p")
    assert "".join(heading.itertext()) == "28 فبراير 2023 – \u202aPinsk\u202c\u200f, بيلاروس"
    # English inside an Arabic run (a publisher between Arabic commas) is embedded there too,
    # and a mark after it keeps the day of the date that follows with its month.
    source = _part(
        "<w:p><w:r><w:t>Statement</w:t></w:r>"
        "<w:r><w:t>، Office of the High Commissioner، 30 مايو 2023</w:t></w:r></w:p>"
    )
    right_to_left(source)
    assert "".join(source.itertext()) == (
        "\u202aStatement\u202c\u200f، "
        "\u202aOffice of the High Commissioner\u202c\u200f، 30 مايو 2023"
    )
    # An English sentence keeps its full stop at its end.
    assert "".join(sentence.itertext()) == "\u202aDo not disclose it.\u202c"
    assert sentence.findall(f".//{{{W}}}rtl") == []


def test_arabic_lists_notes_and_numbering_are_mirrored() -> None:
    styles = etree.fromstring(
        f'<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:styleId="Note"><w:pPr>'
        '<w:pBdr><w:top w:val="single"/><w:left w:val="single" w:sz="18"/></w:pBdr>'
        "</w:pPr></w:style></w:styles>"
    )
    right_to_left_styles(styles)
    (borders,) = styles.iter(f"{{{W}}}pBdr")
    assert _names(borders) == ["top", "right"]  # the bar beside a note on its start side
    numbering = etree.fromstring(
        f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0">'
        '<w:numFmt w:val="bullet"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="357"/>'
        "</w:pPr></w:lvl></w:abstractNum></w:numbering>"
    )
    right_to_left_numbering(numbering)
    assert _names(numbering.find(f".//{{{W}}}lvl/{{{W}}}pPr")) == ["bidi", "ind"]


def test_the_docx_fixture_really_splits_runs(tmp_path: Path) -> None:
    """Guards the extractor test above: python-docx keeps each run apart."""
    data = _template(tmp_path, ("Normal", ['{{ _("Fa', 'cts") }}']))
    paragraph = docx.Document(BytesIO(data)).paragraphs[0]
    assert [run.text for run in paragraph.runs] == ['{{ _("Fa', 'cts") }}']


def test_one_compiled_template_renders_every_locale(tmp_path: Path) -> None:
    data = _template(tmp_path, ("Heading 1", ['{{ _("Facts") }}: {{ n }}']))
    prepared = PreparedTemplate(data, "t.docx")
    props = DocumentProperties(title="t", language="en-GB", date=datetime.date(2023, 5, 7))
    shown = {
        language: document_lines(prepared.render({"n": 1}, props, Translator(language)))[0]
        for language in ("fr", "ru", "zh")
    }
    assert shown == {"fr": "Faits: 1", "ru": "Факты: 1", "zh": "事实: 1"}
    assert document_lines(prepared.render({"n": 1}, props))[0] == "Facts: 1"


@pytest.mark.parametrize(
    ("language", "sex", "status", "role"),
    [
        ("ru", "female", "Умерла", "Политическая заключенная"),
        ("ru", "male", "Умер", "Политический заключенный"),
        ("ru", "undisclosed", "Умер(ла)", "Политический заключенный"),
        ("ru", None, "Умер(ла)", "Политический заключенный"),
        ("fr", "female", "Décédée", "Prisonnière politique"),
        ("fr", "other", "Décédé(e)", "Prisonnier politique"),
        ("en", "female", "Deceased", "Political prisoner"),
    ],
)
def test_labels_agree_with_the_persons_sex_where_it_is_known(
    language: str, sex: str | None, status: str, role: str
) -> None:
    fmt = Formatter(language)
    assert fmt.agreeing(STATUSES, "deceased", sex) == status
    assert fmt.agreeing(ROLES, "political-prisoner", sex) == role
    assert fmt.agreeing(STATUSES, None, sex) == ""
