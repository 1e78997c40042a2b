"""The mandates registry (``data/mandates.json``) is well formed and agrees with the other data.

Ids are stable slugs, titles carry an English version and are written in the script and form of
their language, country mandates name a known country, violation codes and roles come from the
project's vocabularies, and every source a mandate cites is listed. The mandates the samples use
are there, and WGAD and WGEID say who may submit.

What each mandate must hold is one JSON Schema, made from the vocabularies and validated once:
a failure names the mandate and what is wrong with it.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

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


def _nonblank() -> dict[str, Any]:
    return {"type": "string", "pattern": r"\S"}


def _titled_by(holder: str) -> dict[str, Any]:
    """A title names its holder in the generic form: at the start, but at the end in Chinese
    (a title found in a feminine or inflected form is stored in the generic nominative)."""
    names = HOLDER_NAMES[holder]
    return {
        "if": {"properties": {"holder": {"const": holder}}, "required": ["holder"]},
        "then": {
            "properties": {
                "title": {
                    "properties": {
                        language: {
                            "pattern": f"{re.escape(name)}$"
                            if language == "zh"
                            else f"^{re.escape(name)}"
                        }
                        for language, name in names.items()
                    }
                }
            }
        },
    }


def _schema(registry: dict[str, Any]) -> dict[str, Any]:
    """What ``mandates.json`` must hold, with the closed lists taken from the vocabularies and
    from the registry's own list of sources."""
    slug = {"type": "string", "pattern": ID_PATTERN.pattern}
    countries = sorted(_load("countries.json")["countries"])
    mandate = {
        "type": "object",
        "required": [
            "id",
            "type",
            "holder",
            "country",
            "title",
            "violations",
            "roles",
            "sources",
            "cases_only_from",
        ],
        "properties": {
            "id": slug,
            "type": {"enum": sorted(TYPES)},
            "holder": {"enum": sorted(HOLDERS)},
            "title": {
                "type": "object",
                "required": ["en"],
                # Languages unsubmit writes documents in, of those whose script and title
                # forms are known here (the UN's official languages, in which titles are
                # published).
                "propertyNames": {"enum": [lang for lang in DOCUMENT_LANGUAGES if lang in SCRIPTS]},
                "additionalProperties": _nonblank(),
            },
            "violations": {
                "type": "array",
                "items": {"enum": sorted(_load("violations.json")["violations"])},
            },
            "roles": {"type": "array", "items": {"enum": sorted(ROLES)}},
            "sources": {
                "type": "array",
                "minItems": 1,
                "items": {"enum": sorted(registry.get("sources", {}))},
            },
        },
        "allOf": [
            {
                "if": {"properties": {"type": {"const": "country"}}, "required": ["type"]},
                "then": {"properties": {"country": {"enum": countries}}},
                "else": {"properties": {"country": {"const": None}}},
            },
            *(_titled_by(holder) for holder in sorted(HOLDERS)),
        ],
    }
    return {
        "type": "object",
        "required": ["about", "sources", "mandates"],
        "properties": {
            "about": _nonblank(),
            "sources": {
                "type": "object",
                "propertyNames": slug,
                "additionalProperties": _nonblank(),
            },
            "mandates": {"type": "array", "items": mandate},
        },
    }


def _problems(registry: dict[str, Any]) -> list[str]:
    """Each place where the registry breaks its schema, named by the mandate's id."""
    validator = Draft202012Validator(_schema(registry))
    problems = []
    for error in validator.iter_errors(registry):
        path = list(error.absolute_path)
        where = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)
        if path[:1] == ["mandates"] and len(path) > 1:
            where = f"mandate {registry['mandates'][path[1]].get('id')!r}: {where}"
        problems.append(f"{where}: {error.message}")
    return sorted(problems)


def test_the_registry_holds_what_its_schema_says() -> None:
    assert _problems(_registry()) == []


def test_ids_are_unique() -> None:
    ids = _ids()
    assert len(ids) == len(set(ids))


def _mandate(registry: dict[str, Any], mandate_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(m for m in registry["mandates"] if m["id"] == mandate_id)
    return found


def _set(mandate_id: str, key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(registry: dict[str, Any]) -> None:
        _mandate(registry, mandate_id)[key] = value

    return change


def _retitle(mandate_id: str, language: str, text: str) -> Callable[[dict[str, Any]], None]:
    def change(registry: dict[str, Any]) -> None:
        _mandate(registry, mandate_id)["title"][language] = text

    return change


def _drop(mandate_id: str, key: str) -> Callable[[dict[str, Any]], None]:
    def change(registry: dict[str, Any]) -> None:
        del _mandate(registry, mandate_id)[key]

    return change


def _describe_source(key: str, text: str) -> Callable[[dict[str, Any]], None]:
    def change(registry: dict[str, Any]) -> None:
        registry["sources"][key] = text

    return change


TORTURE, BELARUS = "mandate 'sr-torture': ", "mandate 'sr-belarus': "


@pytest.mark.parametrize(
    ("change", "named", "fragment"),
    [
        pytest.param(
            _set("sr-torture", "id", "SR_Torture"),
            "mandate 'SR_Torture': ",
            ".id: 'SR_Torture' does not match '^[a-z0-9]+",
            id="id-not-a-slug",
        ),
        pytest.param(
            _drop("sr-torture", "holder"),
            TORTURE,
            "'holder' is a required property",
            id="holder-missing",
        ),
        pytest.param(
            _set("sr-torture", "type", "regional"),
            TORTURE,
            ".type: 'regional' is not one of ['country', 'thematic']",
            id="unknown-type",
        ),
        pytest.param(
            _set("sr-torture", "holder", "rapporteur"),
            TORTURE,
            ".holder: 'rapporteur' is not one of",
            id="unknown-holder",
        ),
        pytest.param(
            _set("sr-torture", "title", {"fr": "Rapporteur spécial sur la torture"}),
            TORTURE,
            ".title: 'en' is a required property",
            id="no-english-title",
        ),
        pytest.param(
            _retitle("sr-torture", "de", "Sonderberichterstatter über Folter"),
            TORTURE,
            ".title: 'de' is not one of ['en', 'fr', 'es', 'ru', 'ar', 'zh']",
            id="title-in-german",
        ),
        pytest.param(
            _retitle("sr-torture", "be", "Спецыяльны дакладчык па пытанні катаванняў"),
            TORTURE,
            ".title: 'be' is not one of",
            id="title-in-belarusian",
        ),
        pytest.param(
            _retitle("sr-torture", "fr", " "),
            TORTURE,
            ".title.fr: ' ' does not match",
            id="blank-title",
        ),
        pytest.param(
            _retitle("sr-torture", "fr", "Rapporteuse spéciale sur la torture"),
            TORTURE,
            ".title.fr: 'Rapporteuse spéciale sur la torture' does not match '^Rapporteur",
            id="feminine-title",
        ),
        pytest.param(
            _retitle("sr-belarus", "zh", "特别报告员白俄罗斯人权状况"),
            BELARUS,
            ".title.zh: '特别报告员白俄罗斯人权状况' does not match '特别报告员$'",
            id="chinese-holder-first",
        ),
        pytest.param(
            _set("sr-torture", "country", "BLR"),
            TORTURE,
            ".country: None was expected",
            id="thematic-with-country",
        ),
        pytest.param(
            _set("sr-belarus", "country", "XXX"),
            BELARUS,
            ".country: 'XXX' is not one of",
            id="unknown-country",
        ),
        pytest.param(
            _set("sr-torture", "violations", ["torture", "flying"]),
            TORTURE,
            ".violations[1]: 'flying' is not one of",
            id="unknown-violation",
        ),
        pytest.param(
            _set("sr-torture", "roles", ["pilot"]),
            TORTURE,
            ".roles[0]: 'pilot' is not one of",
            id="unknown-role",
        ),
        pytest.param(
            _set("sr-torture", "sources", []),
            TORTURE,
            ".sources: [] should be non-empty",
            id="no-source",
        ),
        pytest.param(
            _set("sr-torture", "sources", ["nowhere"]),
            TORTURE,
            ".sources[0]: 'nowhere' is not one of",
            id="unlisted-source",
        ),
        pytest.param(
            _describe_source("Bad Key", "A source"),
            "",
            "$.sources: 'Bad Key' does not match '^[a-z0-9]+",
            id="source-key-not-a-slug",
        ),
        pytest.param(
            _describe_source("ohchr-new", ""),
            "",
            "$.sources.ohchr-new: '' does not match",
            id="source-not-described",
        ),
    ],
)
def test_the_schema_names_the_mandate_and_what_is_wrong(
    change: Callable[[dict[str, Any]], None], named: str, fragment: str
) -> None:
    # The two mandates the changes touch, and the registry's sources: quick to validate.
    mandates = [m for m in _mandates() if m["id"] in ("sr-torture", "sr-belarus")]
    registry = copy.deepcopy({**_registry(), "mandates": mandates})
    change(registry)
    problems = _problems(registry)
    assert any(p.startswith(named) and fragment in p for p in problems), problems


def test_titles_are_in_the_script_of_their_language() -> None:
    for mandate in _mandates():
        for language, text in mandate["title"].items():
            letters = [c for c in text if c.isalpha()]
            assert letters, (mandate["id"], language)
            foreign = [c for c in letters if not SCRIPTS[language].fullmatch(c)]
            assert not foreign, (mandate["id"], language, "".join(foreign))


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


def test_titles_differ_between_mandates() -> None:
    seen: dict[tuple[str, str], str] = {}
    for mandate in _mandates():
        for language, text in mandate["title"].items():
            key = (language, text.casefold())
            assert key not in seen, (mandate["id"], seen.get(key))
            seen[key] = mandate["id"]
