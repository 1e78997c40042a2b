"""The mandates registry (``data/mandates.json``) is well formed and agrees with the other data.

Ids are stable slugs, titles carry an English version and are written in the script and form of
their language, country mandates name a known country, violation codes and roles come from the
project's vocabularies, and every source a mandate cites is listed. The mandates the samples use
are there, and WGAD and WGEID say who may submit.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from unsubmit.models.common import LANGUAGES as DOCUMENT_LANGUAGES
from unsubmit.models.communication import ROLES

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "src" / "unsubmit" / "data"

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
TYPES = {"thematic", "country"}
HOLDERS = {"special-rapporteur", "independent-expert", "working-group"}
REQUIRED_LANGUAGES = {"en", "fr", "es", "ru"}
#: How an official title names its holder in each language (generic form): at the start, but
#: at the end in Chinese.
HOLDER_NAMES = {
    "special-rapporteur": {
        "en": "Special Rapporteur ",
        "fr": "Rapporteur spécial ",
        "es": "Relator Especial ",
        "ru": "Специальный докладчик ",
        "ar": "المقرر الخاص ",
        "zh": "特别报告员",
    },
    "independent-expert": {
        "en": "Independent Expert ",
        "fr": "Expert indépendant ",
        "es": "Experto Independiente ",
        "ru": "Независимый эксперт ",
        "ar": "الخبير المستقل ",
        "zh": "独立专家",
    },
    "working-group": {
        "en": "Working Group ",
        "fr": "Groupe de travail ",
        "es": "Grupo de Trabajo ",
        "ru": "Рабочая группа ",
        "ar": "الفريق العامل ",
        "zh": "工作组",
    },
}
#: Letters a title in each language may use: its own script, no other.
SCRIPTS = {
    "en": re.compile(r"[A-Za-z]"),
    "fr": re.compile(r"[A-Za-zÀ-ÿŒœ]"),
    "es": re.compile(r"[A-Za-zÁÉÍÓÚÜÑáéíóúüñ]"),
    "ru": re.compile(r"[А-Яа-яЁё]"),
    "ar": re.compile(r"[\u0600-\u06FF]"),
    "zh": re.compile(r"[\u4E00-\u9FFF]"),
}
REQUIRED_IDS = {
    "sr-belarus",
    "sr-judges-lawyers",
    "sr-expression",
    "sr-health",
    "sr-torture",
    "sr-executions",
    "sr-defenders",
    "wgad",
    "wgeid",
    "sr-assembly-association",
}
MIN_THEMATIC = 40
MIN_COUNTRY = 10


@cache
def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / name).read_text(encoding="utf-8"))
    return data


def _registry() -> dict[str, Any]:
    return _load("mandates.json")


def _mandates() -> list[dict[str, Any]]:
    mandates: list[dict[str, Any]] = _registry()["mandates"]
    return mandates


def _by_id() -> dict[str, dict[str, Any]]:
    return {m["id"]: m for m in _mandates()}


def _ids() -> list[str]:
    return [m["id"] for m in _mandates()]


def test_file_is_utf8_json_with_two_space_indent_and_final_newline() -> None:
    text = (DATA / "mandates.json").read_text(encoding="utf-8")
    assert text.endswith("}\n")
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"


def test_top_level_keys() -> None:
    registry = _registry()
    assert isinstance(registry["about"], str)
    assert registry["about"]
    assert isinstance(registry["sources"], dict)
    assert isinstance(registry["mandates"], list)


def test_ids_are_unique() -> None:
    ids = _ids()
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("mandate_id", _ids())
def test_id_is_a_slug(mandate_id: str) -> None:
    assert ID_PATTERN.fullmatch(mandate_id)


@pytest.mark.parametrize("mandate_id", _ids())
def test_title_type_and_holder(mandate_id: str) -> None:
    mandate = _by_id()[mandate_id]
    title = mandate["title"]
    assert isinstance(title.get("en"), str)
    assert title["en"].strip()
    assert set(title) <= set(DOCUMENT_LANGUAGES)
    assert all(isinstance(text, str) and text.strip() for text in title.values())
    assert mandate["type"] in TYPES
    assert mandate["holder"] in HOLDERS


@pytest.mark.parametrize("mandate_id", _ids())
def test_country_matches_type(mandate_id: str) -> None:
    mandate = _by_id()[mandate_id]
    countries = _load("countries.json")["countries"]
    if mandate["type"] == "country":
        assert mandate["country"] in countries
    else:
        assert mandate["country"] is None


@pytest.mark.parametrize("mandate_id", _ids())
def test_violations_come_from_the_vocabulary(mandate_id: str) -> None:
    vocabulary = _load("violations.json")["violations"]
    violations = _by_id()[mandate_id]["violations"]
    assert isinstance(violations, list)
    assert set(violations) <= set(vocabulary), set(violations) - set(vocabulary)


@pytest.mark.parametrize("mandate_id", _ids())
def test_roles_come_from_the_allowed_list(mandate_id: str) -> None:
    roles = _by_id()[mandate_id]["roles"]
    assert isinstance(roles, list)
    assert set(roles) <= set(ROLES), set(roles) - set(ROLES)


@pytest.mark.parametrize("mandate_id", _ids())
def test_sources_are_listed(mandate_id: str) -> None:
    sources = _by_id()[mandate_id]["sources"]
    assert sources
    assert set(sources) <= set(_registry()["sources"]), set(sources) - set(_registry()["sources"])


def test_every_listed_source_is_described() -> None:
    for key, description in _registry()["sources"].items():
        assert ID_PATTERN.fullmatch(key)
        assert isinstance(description, str)
        assert description.strip()


def test_required_ids_are_present() -> None:
    assert set(_ids()) >= REQUIRED_IDS, REQUIRED_IDS - set(_ids())


@pytest.mark.parametrize("mandate_id", ["wgad", "wgeid"])
def test_working_groups_on_cases_say_who_may_submit(mandate_id: str) -> None:
    who = _by_id()[mandate_id]["cases_only_from"]
    assert isinstance(who, str)
    assert who.strip()


def test_other_mandates_take_cases_from_anyone() -> None:
    others = [m["id"] for m in _mandates() if m["id"] not in {"wgad", "wgeid"}]
    assert all(_by_id()[i]["cases_only_from"] is None for i in others)


def test_enough_mandates_of_each_type() -> None:
    types = [m["type"] for m in _mandates()]
    assert types.count("thematic") >= MIN_THEMATIC
    assert types.count("country") >= MIN_COUNTRY


def test_order_thematic_then_country_each_by_english_title() -> None:
    mandates = _mandates()
    types = [m["type"] for m in mandates]
    assert types == sorted(types, key=["thematic", "country"].index)
    for kind in TYPES:
        titles = [m["title"]["en"].casefold() for m in mandates if m["type"] == kind]
        assert titles == sorted(titles)


def test_unconfirmed_titles_match_missing_languages() -> None:
    unconfirmed = _registry().get("unconfirmed_titles", {})
    by_id = _by_id()
    assert set(unconfirmed) <= set(by_id)
    for mandate_id, mandate in by_id.items():
        missing = sorted(REQUIRED_LANGUAGES - set(mandate["title"]))
        assert sorted(unconfirmed.get(mandate_id, [])) == missing, mandate_id


def test_no_language_is_both_titled_and_unconfirmed() -> None:
    by_id = _by_id()
    for mandate_id, languages in _registry().get("unconfirmed_titles", {}).items():
        assert languages, mandate_id
        assert not set(languages) & set(by_id[mandate_id]["title"]), mandate_id


@pytest.mark.parametrize("mandate_id", _ids())
def test_titles_are_in_the_script_of_their_language(mandate_id: str) -> None:
    for language, text in _by_id()[mandate_id]["title"].items():
        letters = [c for c in text if c.isalpha()]
        assert letters, (mandate_id, language)
        foreign = [c for c in letters if not SCRIPTS[language].fullmatch(c)]
        assert not foreign, (mandate_id, language, "".join(foreign))


@pytest.mark.parametrize("mandate_id", _ids())
def test_titles_name_the_holder_in_its_generic_form(mandate_id: str) -> None:
    """A title found in a feminine or inflected form is stored in the generic nominative form."""
    mandate = _by_id()[mandate_id]
    names = HOLDER_NAMES[mandate["holder"]]
    for language, text in mandate["title"].items():
        if language == "zh":
            assert text.endswith(names[language]), (mandate_id, language, text)
        else:
            assert text.startswith(names[language]), (mandate_id, language, text)


def test_titles_differ_between_mandates() -> None:
    seen: dict[tuple[str, str], str] = {}
    for mandate in _mandates():
        for language, text in mandate["title"].items():
            key = (language, text.casefold())
            assert key not in seen, (mandate["id"], seen.get(key))
            seen[key] = mandate["id"]
