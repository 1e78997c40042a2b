"""Whatever text a case holds, the document opens and shows it literally, in the typography
of its language (curly quotes for straight ones: hypothesis)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import REPO
from unsubmit.i18n.typography import typeset
from unsubmit.load.source import load_file
from unsubmit.models import CASE_ADAPTER
from unsubmit.pipeline import render_document
from unsubmit.render.engine import PreparedTemplate
from unsubmit.render.reader import document_lines
from unsubmit.render.text import clean
from unsubmit.resources import templates_dir

BASE = load_file(REPO / "samples" / "klimovich-allegation-letter.yaml").data
TEMPLATE = PreparedTemplate.load(templates_dir() / "communication.docx")

#: Where the text goes in the case: every kind of text field the letter shows.
FIELDS: list[tuple[str | int, ...]] = [
    ("title",),
    ("submitters", 0, "name"),
    ("victims", 0, "name"),
    ("victims", 0, "name_original"),
    ("victims", 0, "whereabouts"),
    ("victims", 0, "detention", "charges", 0, "description"),
    ("incidents", 0, "place"),
    ("perpetrators", 0, "institution"),
    ("action_requested", 1),
    ("sources", 0, "title"),
]

# Any character at all except lone surrogates (which no UTF-8 file can hold); line breaks are
# covered by the multi-paragraph tests, so text here stays on one line.
TEXT = st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters="\n\r\x85\u2028\u2029"),
    min_size=1,
    max_size=40,
).filter(lambda text: clean(text).strip() != "")


def _put(data: dict[str, Any], path: tuple[str | int, ...], value: str) -> None:
    node: Any = data
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXT, min_size=len(FIELDS), max_size=len(FIELDS)))
def test_any_text_in_any_field_appears_literally(texts: list[str]) -> None:
    data = copy.deepcopy(BASE)
    for path, text in zip(FIELDS, texts, strict=True):
        _put(data, path, text)
    case = CASE_ADAPTER.validate_python(data)
    document = render_document(case, TEMPLATE, case.language)[0]
    shown = "\n".join(document_lines(document))
    for text in texts:
        expected = typeset(clean(text).strip(), case.language)
        assert expected in shown, repr(text)


def test_control_characters_are_dropped_not_written(tmp_path: Path) -> None:
    data = copy.deepcopy(BASE)
    _put(data, ("victims", 0, "name"), "Mikalai\x00\x07\x1b Klimovich\ufffe")
    case = CASE_ADAPTER.validate_python(data)
    document = render_document(case, TEMPLATE, case.language)[0]
    assert "Mikalai Klimovich" in "\n".join(document_lines(document))


PETITION_BASE = load_file(REPO / "samples" / "kalesnikava-urgent-appeal.yaml").data
PETITION_TEMPLATES = {
    document: PreparedTemplate.load(templates_dir() / f"{document}.docx")
    for document in ("wgad-petition", "wgeid-form")
}

#: Where the text goes in a file that yields a petition and a form: the fields only they show.
PETITION_FIELDS: list[tuple[str | int, ...]] = [
    ("victims", 0, "identity_document"),
    ("victims", 0, "detention", "arrest", "place"),
    ("victims", 0, "detention", "order", "ordered_by"),
    ("victims", 0, "detention", "order", "places", 0, "place"),
    ("victims", 0, "disappearance", "place"),
    ("victims", 0, "disappearance", "forces"),
    ("wgad", "arguments", 0, "provisions", 0),
    ("no_domestic_steps",),
]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXT, min_size=len(PETITION_FIELDS), max_size=len(PETITION_FIELDS)))
def test_any_text_in_a_petition_field_appears_literally(texts: list[str]) -> None:
    data = copy.deepcopy(PETITION_BASE)
    for path, text in zip(PETITION_FIELDS, texts, strict=True):
        _put(data, path, text)
    case = CASE_ADAPTER.validate_python(data)
    shown = "\n".join(
        "\n".join(
            document_lines(
                render_document(case, template, case.language, document=document, person=0)[0]
            )
        )
        for document, template in PETITION_TEMPLATES.items()
    )
    for text in texts:
        expected = typeset(clean(text).strip(), case.language)
        assert expected in shown, repr(text)
