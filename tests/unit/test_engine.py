"""The template engine: literal text, sandboxing, strictness, cleanliness, determinism."""

from __future__ import annotations

import datetime
import re
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Any

import docx
import pytest
from lxml import etree

from unsubmit.errors import TemplateError
from unsubmit.render.engine import PreparedTemplate
from unsubmit.render.package import DocumentProperties, docx_leaks
from unsubmit.render.reader import document_lines

PROPS = DocumentProperties(title="T", language="en-GB", date=datetime.date(2023, 5, 7))


def make_template(*paragraphs: str, author: str = "Jane Secret") -> bytes:
    """A DOCX template whose paragraphs hold the given text (tags included), with metadata."""
    document = docx.Document()
    document.core_properties.author = author
    document.core_properties.last_modified_by = author
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render(template: bytes, context: dict[str, Any]) -> list[str]:
    data = PreparedTemplate(template, "test.docx").render(context, PROPS)
    return [line for line in document_lines(data) if line]


HOSTILE = [
    "Tom & Jerry <b>bold</b> \"quoted\" 'single'",
    "{{ 7 * 7 }} and {% if true %}yes{% endif %} and {# comment #}",
    "{_{ not a tag }_} {%p for x in y %}",
    "Emoji 🕊️ and ZWJ 👩‍⚖️",
    "Right to left: مريم كوليسنيكوفا and Ірына",
    "]]> <![CDATA[ x ]]> &amp; &#x26;",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_case_text_appears_literally(text: str) -> None:
    assert render(make_template("{{ case.text }}"), {"case": {"text": text}}) == [text]


def test_a_line_break_in_case_text_stays_a_line_break() -> None:
    template = make_template("{{ case.text }}")
    data = PreparedTemplate(template, "t.docx").render({"case": {"text": "one\ntwo"}}, PROPS)
    assert document_lines(data) == ["one\ntwo"]


def test_paragraph_loops_make_real_paragraphs() -> None:
    template = make_template("{%p for p in case.rows %}", "{{ p }}", "{%p endfor %}")
    assert render(template, {"case": {"rows": ["a", "b", "c"]}}) == ["a", "b", "c"]


@pytest.mark.parametrize(
    "tag",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ case.__class__.__init__.__globals__ }}",
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
        "{{ case.items.__self__ }}",
    ],
)
def test_a_template_cannot_reach_python_internals(tag: str) -> None:
    with pytest.raises(TemplateError) as error:
        render(make_template(tag), {"case": {"items": []}})
    assert "test.docx" in str(error.value)


def test_a_missing_variable_names_the_template_and_the_variable() -> None:
    with pytest.raises(TemplateError) as error:
        render(make_template("{{ case.victim_nmae }}"), {"case": {"victim_name": "x"}})
    message = str(error.value)
    assert message.startswith("test.docx: word/document.xml: ")
    assert "'victim_nmae'" in message


def test_a_syntax_error_shows_where_in_the_document() -> None:
    with pytest.raises(TemplateError) as error:
        PreparedTemplate(make_template("Dear {{ case.name ", "next"), "letter.docx")
    assert "template syntax error in word/document.xml" in str(error.value)
    assert "Dear" in str(error.value)


def test_output_is_clean_of_the_template_authors_metadata() -> None:
    template = make_template("{{ case.text }}")
    assert any("Jane Secret" in leak for leak in docx_leaks(template))
    data = PreparedTemplate(template, "t.docx").render({"case": {"text": "x"}}, PROPS)
    assert docx_leaks(data) == []
    assert b"Jane Secret" not in data
    properties = docx.Document(BytesIO(data)).core_properties
    assert (properties.title, properties.language, properties.author) == ("T", "en-GB", "")


def test_the_same_input_gives_the_same_bytes(tmp_path: Path) -> None:
    template = make_template("{{ case.text }}")
    first = PreparedTemplate(template, "t.docx").render({"case": {"text": "x"}}, PROPS)
    second = PreparedTemplate(template, "t.docx").render({"case": {"text": "x"}}, PROPS)
    assert first == second


def test_gettext_is_available_and_passes_text_through() -> None:
    template = make_template('{{ _("Alleged victims") }}')
    assert render(template, {"case": {}}) == ["Alleged victims"]


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: A case title that closes the run and opens a DDEAUTO field, which Word offers to run.
FIELD = (
    '</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r>'
    '<w:instrText xml:space="preserve"> DDEAUTO c:\\windows\\system32\\cmd.exe "/c calc" '
    '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>'
)


@pytest.mark.parametrize(
    "tag",
    [
        "{{ _(case.title) }}",
        "{{ gettext(case.title) }}",
        "{{ _(case.title, n=1) }}",
        "{{ ngettext(case.title, case.title, 1) }}",
        "{% trans t=case.title %}{{ t }}{% endtrans %}",
    ],
)
@pytest.mark.parametrize("language", [None, "en", "fr"])
def test_gettext_on_case_text_cannot_switch_escaping_off(tag: str, language: str | None) -> None:
    from unsubmit.i18n.translations import Translator
    from unsubmit.i18n.typography import folded

    translator = None if language is None else Translator(language)
    data = PreparedTemplate(make_template(tag), "letterhead.docx").render(
        {"case": {"title": FIELD}}, PROPS, translator
    )
    with zipfile.ZipFile(BytesIO(data)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    fields = [element.tag for element in root.iter(f"{W}fldChar", f"{W}instrText", f"{W}fldSimple")]
    assert fields == []
    # Shown literally, as text, in the document's typography (curly or French quotes, with
    # the spaces French puts inside them).
    shown = [re.sub(r'[\s"]', "", folded(line)) for line in document_lines(data) if line]
    assert shown == [re.sub(r'[\s"]', "", FIELD)]


def test_the_projects_own_messages_are_still_translated() -> None:
    from unsubmit.i18n.translations import Translator

    template = make_template('{{ _("Allegation letter") }}: {{ _(case.title) }} 50%')
    data = PreparedTemplate(template, "t.docx").render(
        {"case": {"title": "Tom & Jerry 50%"}}, PROPS, Translator("fr")
    )
    assert document_lines(data) == ["Lettre d’allégation: Tom & Jerry 50% 50%"]


def test_an_unreadable_template_is_a_template_error(tmp_path: Path) -> None:
    with pytest.raises(TemplateError) as error:
        PreparedTemplate.load(tmp_path / "missing.docx")
    assert "cannot read the template" in str(error.value)
    (tmp_path / "broken.docx").write_bytes(b"not a zip")
    with pytest.raises(TemplateError):
        PreparedTemplate.load(tmp_path / "broken.docx")


def test_a_template_edited_on_disk_is_prepared_again(tmp_path: Path) -> None:
    path = tmp_path / "letter.docx"
    path.write_bytes(make_template("First: {{ case.text }}"))
    first = PreparedTemplate.load(path)
    assert PreparedTemplate.load(path) is first  # prepared once per process
    path.write_bytes(make_template("Second: {{ case.text }}"))
    data = PreparedTemplate.load(path).render({"case": {"text": "x"}}, PROPS)
    assert [line for line in document_lines(data) if line] == ["Second: x"]


@pytest.mark.parametrize(
    "text", ["a\tb", "line\nbreak", "page\fbreak", "new\aparagraph", "plain", "a\t\n\f\ab"]
)
def test_tabs_and_breaks_in_text_render_as_docxtpl_renders_them(text: str) -> None:
    from docxtpl import DocxTemplate

    from unsubmit.render.engine import _resolve_listing

    xml = (
        '<w:body><w:p><w:pPr><w:jc w:val="left"/></w:pPr><w:r><w:rPr><w:b/></w:rPr>'
        f"<w:t>{text}</w:t></w:r></w:p><w:p><w:r><w:t>other</w:t></w:r></w:p></w:body>"
    )
    expected = DocxTemplate.__new__(DocxTemplate).resolve_listing(xml)
    assert _resolve_listing(xml) == expected
    assert (expected == xml) == (text == "plain")
