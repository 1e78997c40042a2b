"""The message catalogs: current with the sources, complete, professional, compiled."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from tests.conftest import REPO
from unsubmit.i18n.catalogs import (
    compiled,
    extracted_catalog,
    mo_path,
    po_path,
    template_path,
)
from unsubmit.i18n.translations import MANDATE_TITLE, SOURCE, compiled_catalog
from unsubmit.languages import codes
from unsubmit.models.communication import AGREEING_LABELS, AGREEING_SEXES
from unsubmit.un.mandates import registry

TRANSLATED = [language for language in codes() if language != SOURCE]

#: Translations that are rightly the same as the English source. Messages made only of
#: placeholders and punctuation ("%(place)s, %(date)s") may always be; besides those, only
#: words that are the same in the language (French "Date", "Type", "Page").
IDENTICAL_IN_TRANSLATION = {
    "fr": {
        "Date",
        "Type",
        "Institution",
        "Discrimination",
        "Torture",
        "Page",
        "Organisation",
        "Source",
        "Sources",
        "Signature",
        "Annexes",
        "%(law)s, art. %(article)s",
    },
    "es": {"%(law)s, art. %(article)s"},
}

_PLACEHOLDER = re.compile(r"%(\([a-z_]+\))?[sd]")


def _key(message_id: str | Sequence[str]) -> str | tuple[str, ...]:
    return message_id if isinstance(message_id, str) else tuple(message_id)


def _texts(value: str | Sequence[str] | None) -> list[str]:
    """A message's id or translation as a list: one item, or one per plural form."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _ids(catalog: Catalog) -> set[str | tuple[str, ...]]:
    return {_key(message.id) for message in catalog if message.id}


def _read(path: Path, language: str | None = None) -> Catalog:
    with path.open("rb") as fileobj:
        return read_po(fileobj, locale=language)


def test_the_template_holds_exactly_the_messages_of_the_sources() -> None:
    """Fails when a template, a label or the data file changed without `i18n extract`."""
    assert _ids(_read(template_path())) == _ids(extracted_catalog()), (
        "run: unsubmit i18n extract && unsubmit i18n update"
    )


@pytest.mark.parametrize("language", codes())
def test_each_catalog_has_every_message_of_the_template_and_no_other(language: str) -> None:
    catalog = _read(po_path(language), language)
    assert _ids(catalog) == _ids(_read(template_path())), "run: unsubmit i18n update"
    assert not catalog.obsolete


@pytest.mark.parametrize("language", codes())
def test_each_catalog_is_complete_and_nothing_is_fuzzy(language: str) -> None:
    catalog = _read(po_path(language), language)
    plural = get_plural(language)
    assert catalog.num_plurals == plural.num_plurals
    assert catalog.plural_expr == plural.plural_expr
    for message in catalog:
        if not message.id:
            continue
        assert not message.fuzzy, message.id
        strings = _texts(message.string)
        assert len(strings) == (1 if isinstance(message.id, str) else plural.num_plurals)
        assert all(form.strip() for form in strings), message.id
    assert list(catalog.check()) == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_translation_is_the_english_left_in_place(language: str) -> None:
    catalog = _read(po_path(language), language)
    allowed = IDENTICAL_IN_TRANSLATION.get(language, set())
    identical = []
    for message in catalog:
        if not message.id:
            continue
        strings = _texts(message.string)
        for source in _texts(message.id):
            words = _PLACEHOLDER.sub("", source)
            if source in strings and re.search(r"[A-Za-z]", words) and source not in allowed:
                identical.append(source)
    assert identical == []


def test_the_list_of_identical_translations_is_still_needed() -> None:
    """Each exception is used: a stale one would let real English slip through."""
    for language, allowed in IDENTICAL_IN_TRANSLATION.items():
        catalog = _read(po_path(language), language)
        pairs = [(_texts(m.id), _texts(m.string)) for m in catalog if m.id]
        for source in allowed:
            found = [strings for ids, strings in pairs if source in ids]
            assert found, f"{language}: {source!r} is not a message any more"
            assert any(source in strings for strings in found), (language, source)


def test_the_catalogs_are_in_their_own_script() -> None:
    """No Latin words in the Cyrillic, Arabic and Chinese catalogs but the letters of
    paragraph numbers ("п. 3 b)"), as the UN writes them."""
    scripts = {"ru": "Cyrillic", "be": "Cyrillic", "uk": "Cyrillic", "ar": "Arabic", "zh": "Han"}
    for language in scripts:
        catalog = _read(po_path(language), language)
        for message in catalog:
            if not message.id:
                continue
            for text in _texts(message.string):
                latin = re.findall(r"[A-Za-z]{2,}", _PLACEHOLDER.sub("", text))
                assert latin == [], (language, message.id, text)


@pytest.mark.parametrize("language", codes())
def test_each_compiled_catalog_is_what_its_po_file_compiles_to(language: str) -> None:
    expected = compiled(_read(po_path(language), language))
    assert mo_path(language).read_bytes() == expected, "run: unsubmit i18n compile"


@pytest.mark.parametrize("language", codes())
def test_the_package_finds_its_compiled_catalogs(language: str) -> None:
    """importlib.resources, as an installed wheel would."""
    assert compiled_catalog(language) == mo_path(language).read_bytes()


def test_un_terms_of_the_communication_types() -> None:
    """The types of communication as the UN names them in each language."""
    expected = {
        "fr": ("Appel urgent", "Lettre d'allégation"),
        "es": ("Llamamiento urgente", "Carta de transmisión de denuncias"),
        "ru": ("Призыв к незамедлительным действиям", "Письмо с утверждениями"),
        "ar": ("نداء عاجل", "رسالة ادعاء"),
        "zh": ("紧急呼吁", "指控信"),
    }
    for language, (urgent, allegation) in expected.items():
        catalog = _read(po_path(language), language)
        translations = {_key(m.id): m.string for m in catalog if m.id}
        assert translations["Urgent appeal"] == urgent
        assert translations["Allegation letter"] == allegation


def test_pybabel_extract_finds_the_templates_and_the_labels(tmp_path: Path) -> None:
    """`pybabel extract -F babel.cfg -o messages.pot .`, as the README says."""
    pybabel = Path(sys.executable).with_name("pybabel")
    output = tmp_path / "messages.pot"
    subprocess.run(
        [str(pybabel), "extract", "-F", "babel.cfg", "-o", str(output), "."],
        cwd=REPO,
        check=True,
        capture_output=True,
        timeout=120,
    )
    extracted = _read(output)
    assert _ids(extracted) == _ids(extracted_catalog())
    facts = extracted.get("Facts")
    assert facts is not None
    assert ("templates/communication.docx", facts.locations[0][1]) in facts.locations
    assert any("Heading1" in comment for comment in facts.auto_comments)
    assert extracted.get("Urgent appeal") is not None  # N_() in the models
    assert extracted.get("Death in custody") is not None  # the violations data file
    assert extracted.get("Deceased", context="female") is not None  # a label of a woman


@pytest.mark.parametrize("language", codes())
def test_a_mandate_title_is_the_official_one_where_the_registry_has_it(language: str) -> None:
    """Documents show the registry's official title: a catalog that said otherwise would be
    a second, diverging home for it. Elsewhere the catalog's translation is its own."""
    catalog = _read(po_path(language), language)
    for mandate in registry().values():
        english = mandate.titles["en"]
        message = catalog.get(english, context=MANDATE_TITLE)
        assert message is not None, mandate.id
        official = mandate.titles.get(language)
        if official is not None:
            assert message.string == official, mandate.id
        else:
            assert message.string and message.string != english, mandate.id


@pytest.mark.parametrize("language", codes())
def test_each_role_and_status_agrees_with_a_womans_and_a_mans_sex(language: str) -> None:
    """Every label of a role and a status in the "female" and "male" contexts, with no
    neutral "(e)", "(а)", "(-ла)" or "/a" left in them."""
    catalog = _read(po_path(language), language)
    for table in AGREEING_LABELS.values():
        for label, _ in table.values():
            for sex in AGREEING_SEXES:
                message = catalog.get(label, context=sex)
                assert message is not None and isinstance(message.string, str), (sex, label)
                assert message.string, (language, sex, label)
                assert not re.search(r"\(-?\w{1,2}\)|/a\b", message.string), message.string


def _string(catalog: Catalog, message_id: str, context: str) -> object:
    message = catalog.get(message_id, context=context)
    return None if message is None else message.string


def test_the_words_that_agree_with_the_sex() -> None:
    expected = {
        "fr": {
            "Deceased": ("Décédée", "Décédé"),
            "Political prisoner": ("Prisonnière politique", "Prisonnier politique"),
        },
        "ru": {"Deceased": ("Умерла", "Умер"), "Released": ("Освобождена", "Освобожден")},
        "be": {"Deceased": ("Памерла", "Памёр")},
        "uk": {"Deceased": ("Померла", "Помер")},
        "es": {"Deceased": ("Fallecida", "Fallecido")},
        "ar": {"Deceased": ("متوفاة", "متوفى")},
    }
    for language, labels in expected.items():
        catalog = _read(po_path(language), language)
        for label, forms in labels.items():
            found = tuple(_string(catalog, label, sex) for sex in AGREEING_SEXES)
            assert found == forms, (language, label)


#: Headings that stand side by side in one document, which a translation must keep apart.
DISTINCT_HEADINGS = [
    ("Arrest", "Detention"),  # sections II and III of a WGAD petition
    ("Identity", "Detention"),
]


@pytest.mark.parametrize("language", codes())
@pytest.mark.parametrize("headings", DISTINCT_HEADINGS)
def test_headings_of_one_document_stay_distinct(language: str, headings: tuple[str, str]) -> None:
    catalog = _read(po_path(language), language)
    translated = [catalog[heading].string for heading in headings]
    assert len(set(translated)) == len(translated), translated
