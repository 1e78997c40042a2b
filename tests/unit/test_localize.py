"""Choosing one language's text from a case whose texts may be given in several languages."""

from __future__ import annotations

import copy
import pickle
from typing import Any

import pytest

from tests.conftest import REPO
from unsubmit.findings import Severity
from unsubmit.load.source import format_path, load_file, load_text
from unsubmit.models import CASE_ADAPTER, Communication, OralStatement
from unsubmit.models.localize import (
    InLanguage,
    fallback_findings,
    localize,
    missing_originals,
    plain,
    texts,
)
from unsubmit.render.context import build_context

#: An oral statement in English, plain text only.
STATEMENT = load_text(
    """\
schema_version: 1
kind: oral-statement
session: 53
agenda_item: 3
dialogue:
  type: interactive-dialogue
  mandate: sr-judges-lawyers
  title: Independence of judges & lawyers
date: 2023-06-26
language: en
organisation:
  name: Example Human Rights Group
  ecosoc_status: special
speaker:
  name: Alesia Example
paragraphs:
  - We thank the Special Rapporteur for her first report.
  - Lawyers who defend political prisoners are themselves at risk.
  - Maria Kalesnikava, arrested in September 2020, has had no contact with her lawyer.
question: >
  Madam Special Rapporteur, what can the Council and States do to protect lawyers?
""",
    "statement.yaml",
)
LETTER = load_file(REPO / "samples" / "klimovich-allegation-letter.yaml")

TITLE_RU = "Независимость судей и адвокатов"
QUESTION_FR = "Madame la Rapporteuse spéciale, que peuvent faire le Conseil et les États ?"


def _statement(**changes: Any) -> OralStatement:
    data = copy.deepcopy(STATEMENT.data)
    for key, value in changes.items():
        node = data
        *parents, last = key.split(".")
        for part in parents:
            node = node[part]
        node[last] = value
    case = CASE_ADAPTER.validate_python(data)
    assert isinstance(case, OralStatement)
    return case


def _translated() -> OralStatement:
    return _statement(
        **{
            "dialogue.title": {"en": "Independence of judges & lawyers", "ru": TITLE_RU},
            "question": {"en": "What can the Council do?", "fr": QUESTION_FR},
        }
    )


def test_the_case_language_needs_no_translation() -> None:
    case = _statement()
    localized, missing = localize(case, "en")
    assert missing == []
    assert localized == case


def test_a_translation_is_used_where_there_is_one() -> None:
    localized, missing = localize(_translated(), "ru")
    assert localized.dialogue.title == TITLE_RU
    assert ("dialogue", "title") not in missing


def test_text_without_a_translation_falls_back_to_the_case_language() -> None:
    localized, missing = localize(_translated(), "ru")
    assert localized.question == "What can the Council do?"
    assert ("question",) in missing
    assert ("paragraphs", 2) in missing  # a plain string is English, the case's language
    assert plain(localized.paragraphs[2]).startswith("Maria Kalesnikava, arrested")


def test_a_localized_text_knows_its_language_even_in_another_process() -> None:
    localized, _ = localize(_translated(), "ru")
    sent = pickle.loads(pickle.dumps(localized))  # a build on several cores sends the case
    title, question = sent.dialogue.title, sent.question
    assert isinstance(title, InLanguage) and title.language == "ru"
    assert isinstance(question, InLanguage) and question.language == "en"
    _, missing = localize(sent, "ru")  # the context localizes once more: same fallbacks
    assert ("question",) in missing and ("dialogue", "title") not in missing


def test_every_text_is_plain_after_localizing() -> None:
    for language in ("en", "fr", "ru"):
        localized, _ = localize(_translated(), language)
        assert all(isinstance(value, str) for _, value in texts(localized))


def test_the_original_case_is_left_as_it_was() -> None:
    case = _translated()
    localize(case, "ru")
    assert case.dialogue.title == {"en": "Independence of judges & lawyers", "ru": TITLE_RU}


def test_only_free_text_is_offered_for_translation() -> None:
    case = CASE_ADAPTER.validate_python(LETTER.data)
    assert isinstance(case, Communication)
    paths = {path for path, _ in texts(case)}
    assert {("title",), ("incidents", 0, "description"), ("action_requested", 0)} <= paths
    assert ("submitters", 0, "name") in paths  # organisations have names in many languages
    not_text = [
        ("victims", 0, "id"),
        ("victims", 0, "name"),  # a person's name: the UN links cases by it
        ("victims", 0, "name_original"),
        ("submitters", 0, "contact", "email"),
        ("sources", 0, "url"),
        ("sources", 0, "title"),  # cited as published
        ("country",),
        ("language",),
        ("date",),
        ("mandates", 0),
        ("violations", 0, "code"),
    ]
    assert paths.isdisjoint(not_text)


def test_fallbacks_are_counted_in_every_text() -> None:
    case = _statement()
    _, missing = localize(case, "fr")
    assert sorted(missing) == sorted(path for path, _ in texts(case))


def test_a_translation_without_the_original_is_reported() -> None:
    data = copy.deepcopy(STATEMENT.data)
    data["question"] = {"ru": "Что может сделать Совет?"}
    case = CASE_ADAPTER.validate_python(data)
    found = list(missing_originals(case))
    assert [path for path, _ in found] == [("question",)]
    assert "add the original under 'en:'" in found[0][1]


def test_a_draft_gets_one_warning_when_nothing_is_translated() -> None:
    case = _statement()
    _, missing = localize(case, "uk")
    findings = fallback_findings(STATEMENT, case, "uk", missing, draft=True)
    assert len(findings) == 1
    assert findings[0].location.path == "$.language"
    assert (findings[0].location.line, findings[0].location.column) == (10, 11)
    assert findings[0].severity is Severity.WARNING
    assert "no text of this case is translated into Ukrainian" in findings[0].message
    assert "marked as an untranslated draft on every page" in findings[0].message


def test_a_draft_gets_a_warning_for_each_untranslated_text_otherwise() -> None:
    case = _translated()
    _, missing = localize(case, "ru")
    findings = fallback_findings(STATEMENT, case, "ru", missing, draft=True)
    assert len(findings) == len(missing) + 1
    question = next(f for f in findings if f.location.path == "$.question")
    assert str(question) == (
        "statement.yaml:20:11: $.question: warning: no Russian translation: "
        "the English text is shown"
    )


def test_without_a_draft_each_untranslated_text_is_an_error() -> None:
    case = _statement()
    _, missing = localize(case, "uk")
    findings = fallback_findings(STATEMENT, case, "uk", missing)
    assert all(f.severity is Severity.ERROR for f in findings)
    assert [f.location.path for f in findings] == ["$.language", *map(format_path, missing)]
    assert "`unsubmit i18n case-export statement.yaml -l uk -o statement.uk.po`" in (
        findings[0].message
    )
    assert str(findings[-1]) == (
        "statement.yaml:20:11: $.question: no Ukrainian translation of this text"
    )


def test_a_mapping_never_reaches_a_document_unresolved() -> None:
    with pytest.raises(TypeError, match="localize"):
        plain({"en": "text"})


def test_a_context_shows_the_text_of_its_language() -> None:
    russian = build_context(_translated(), "ru")["case"]
    assert russian["dialogue_title"] == TITLE_RU
    assert russian["question"] == "What can the Council do?"  # no Russian: the original
    french = build_context(_translated(), "fr")["case"]
    # In French typography: a narrow no-break space before the question mark.
    assert french["question"] == QUESTION_FR.strip().replace(" ?", "\u202f?")
