"""JSON Schema errors in words a reviewer can act on.

jsonschema's own messages quote whole schemas ("is not valid under any of the given schemas"),
which helps nobody fixing a case file. Here each error keyword gets a sentence that says what is
wrong and what to do, with "did you mean" suggestions for misspelt keys and values.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from collections.abc import Iterator, Sequence
from functools import cache
from typing import Any

from jsonschema.exceptions import ValidationError

from unsubmit.load.source import JsonPath
from unsubmit.models import vocabulary
from unsubmit.models.common import LANGUAGES, PARTIAL_DATE, TRANSLATIONS_TITLE
from unsubmit.models.submissions import (
    MESSAGE_ID,
    OHCHR_REFERENCE,
    OPINION_NUMBER,
    OPINION_SYMBOL,
)

_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of fields",
    "null": "nothing (null)",
}

_YAML11_BOOLS = {
    "yes": "true",
    "y": "true",
    "on": "true",
    "no": "false",
    "n": "false",
    "off": "false",
}


_BOOLS = ("true", "false")


def _is_number(text: str) -> bool:
    try:
        float(text.strip())
    except ValueError:
        return False
    return bool(text.strip())


def describe_value(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {short(value)}"
    if isinstance(value, list):
        return "a list"
    return "a mapping of fields"


def short(value: Any, limit: int = 60) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def suggest(word: str, choices: Sequence[str]) -> str:
    """``; did you mean 'x'?`` when some choices are close enough, else nothing.

    Choices that share the word's first letters rank first, so a mistyped code ('BLS') is
    answered with its neighbours ('BLR') rather than with codes that merely share letters.
    """
    folded = word.casefold()

    def prefix(choice: str) -> int:
        return len(os.path.commonprefix([folded, choice.casefold()]))  # noqa: RUF071

    def ratio(choice: str) -> float:
        return difflib.SequenceMatcher(None, folded, choice.casefold()).ratio()

    close = set(difflib.get_close_matches(word, list(choices), n=3, cutoff=0.6))
    if len(word) <= 4:  # short codes: neighbours by first letters ('BLS' → 'BLR')
        close |= {c for c in choices if prefix(c) >= 2 and abs(len(c) - len(word)) <= 1}
    if not close:
        return ""
    best = max(ratio(c) for c in close)
    ranked = sorted(
        (c for c in close if ratio(c) >= best - 0.1), key=lambda c: (-prefix(c), -ratio(c), c)
    )[:3]
    if len(ranked) == 1:
        return f"; did you mean {ranked[0]!r}?"
    return f"; did you mean {', '.join(map(repr, ranked[:-1]))} or {ranked[-1]!r}?"


def _choices(schema: dict[str, Any]) -> list[Any] | None:
    if "enum" in schema:
        return list(schema["enum"])
    branches = schema.get("oneOf") or schema.get("anyOf")
    if branches and all("const" in branch for branch in branches):
        return [branch["const"] for branch in branches]
    return None


@cache
def _country_names() -> dict[str, str]:
    """Every way of naming a country a case's author may write, folded, to its alpha-3 code: the
    ISO alpha-2 code, CLDR's name in each of the documents' languages, and the UN's short name
    where it differs (``data/un_country_names.json``)."""
    from babel import Locale

    alpha2 = vocabulary.country_alpha2()
    names = {code.casefold(): alpha3 for alpha3, code in alpha2.items()}
    for language in LANGUAGES:
        territories = Locale.parse(language).territories
        for alpha3, code in alpha2.items():
            if code in territories:
                names.setdefault(territories[code].casefold(), alpha3)
    for alpha3, by_language in vocabulary.un_country_names().items():
        for name in by_language.values():
            names.setdefault(name.casefold(), alpha3)
    for alpha3, name in vocabulary.countries().items():
        names.setdefault(name.casefold(), alpha3)
    return names


def country_meant(value: str) -> str | None:
    """The alpha-3 code of the country ``value`` names (``BY``, ``Belarus``, ``Беларусь``, or a
    name misspelt by a letter or two), if it names one."""
    names = _country_names()
    folded = " ".join(value.split()).casefold()
    if folded in names:
        return names[folded]
    if len(folded) > 3:
        close = difflib.get_close_matches(folded, list(names), n=1, cutoff=0.8)
        if close:
            return names[close[0]]
    return None


def _is_country_list(choices: list[Any]) -> bool:
    return len(choices) == len(vocabulary.countries()) and set(choices) == set(
        vocabulary.countries()
    )


def _choice_message(value: Any, choices: list[Any], schema: dict[str, Any]) -> str:
    if isinstance(value, str) and _is_country_list(choices):
        meant = country_meant(value)
        if meant is not None:
            return (
                f"{short(value)} is not a country code: countries are written as three-letter "
                f"ISO codes; did you mean {meant!r} ({vocabulary.countries()[meant]})?"
            )
    hint = suggest(value, [str(c) for c in choices]) if isinstance(value, str) else ""
    if len(choices) <= 12:
        listed = ", ".join(str(c) for c in choices)
        return f"{short(value)} is not allowed here; use one of: {listed}{hint}"
    return (
        f"{short(value)} is not one of the {len(choices)} codes allowed here{hint}"
        + _codes_hint(value, [str(c) for c in choices], hint)
    )


def _codes_hint(value: Any, choices: list[str], hint: str) -> str:
    """The codes close to ``value`` that the "did you mean" ``hint`` does not name already, and
    the command that lists all of ``choices``."""
    from unsubmit.models.codes import close_codes, list_name

    name = list_name(choices)
    command = "" if name is None else f" (unsubmit codes {name} lists them all)"
    close = close_codes(value, choices) if isinstance(value, str) else []
    close = [code for code in close if repr(code) not in hint]
    lead = " Other codes" if hint else "; codes"
    listed = f"{lead} close to it: {', '.join(close)}" if close else ""
    return listed + command


def _is_null_branch(schema: Any) -> bool:
    return isinstance(schema, dict) and schema.get("type") == "null"


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    names = {str: "string", float: "number", list: "array", dict: "object"}
    return names.get(type(value), "null")


def _fits(branch: Any, value: Any) -> bool:
    """Whether a value has the JSON type a branch asks for (a branch without one may fit)."""
    kind = branch.get("type") if isinstance(branch, dict) else None
    actual = _json_type(value)
    return kind is None or kind == actual or (kind == "number" and actual == "integer")


def _type_name(branch: dict[str, Any]) -> str:
    if branch.get("title") == TRANSLATIONS_TITLE:
        return "a mapping from language code to text"
    return _TYPE_NAMES.get(str(branch.get("type")), "a value of another form")


def _real_branches(error: ValidationError) -> list[int] | None:
    """The branches of an ``anyOf`` that a value of its type could have meant: ``anyOf [X,
    null]`` with a non-null value means X; ``anyOf [text, mapping]`` with a mapping means the
    mapping. None when the branches cannot be told apart."""
    branches = error.validator_value
    if not isinstance(branches, list):
        return None
    real = [i for i, branch in enumerate(branches) if not _is_null_branch(branch)]
    if len(real) > 1:
        real = [i for i in real if _fits(branches[i], error.instance)]
    return real


def _branch_errors(error: ValidationError) -> list[ValidationError] | None:
    """The errors of the one branch of an ``anyOf`` the value was meant for, if there is one."""
    real = _real_branches(error)
    if real is None or len(real) != 1:
        return None
    return [e for e in error.context or () if e.schema_path and e.schema_path[0] == real[0]]


def _explain_no_branch(error: ValidationError) -> str | None:
    """``expected text or ..., found ...`` when the value's type fits no branch at all."""
    branches = error.validator_value
    if _real_branches(error) != [] or not isinstance(branches, list):
        return None
    names = [_type_name(b) for b in branches if isinstance(b, dict) and not _is_null_branch(b)]
    return f"expected {' or '.join(names)}, found {describe_value(error.instance)}"


def _about(schema: dict[str, Any]) -> str:
    """`` (what the field is for)``, from a schema's description, or nothing."""
    about = schema.get("description", "")
    return f" ({about.rstrip('.')})" if isinstance(about, str) and about else ""


def _explain_required(error: ValidationError, schema: dict[str, Any]) -> str:
    missing = str(error.message).split("'")[1] if "'" in error.message else "?"
    tail = _about(schema.get("properties", {}).get(missing, {}))
    return f"missing required field {missing!r}{tail}"


#: The fields that hold a mandate's id, at any depth.
_MANDATE_FIELDS = frozenset({"mandates", "mandate", "mandates_declined"})


def _explain_mandate(value: object) -> str:
    """A mandate written as people say it ('SR Belarus', 'WGAD'): the id it stands for."""
    from unsubmit.un.mandates import registry

    mandates = registry()
    written = re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-")
    pointer = "unsubmit mandates lists every id with its title"
    if written in mandates:
        title = mandates[written].titles.get("en", "")
        return f"{short(value)} is not a mandate id: write {written!r} ({title}); {pointer}"
    return f"{short(value)} is not a mandate id{suggest(written, list(mandates))} ({pointer})"


def _misspelt(error: ValidationError, schema: dict[str, Any]) -> bool:
    """Whether a required field is missing only because it is misspelt (``nmae:`` for
    ``name:``): the unknown field's finding already says "did you mean 'name'?", so the
    mistake gets one finding, not two."""
    missing = str(error.message).split("'")[1] if "'" in error.message else None
    value = error.instance
    if missing is None or not isinstance(value, dict) or schema.get("additionalProperties", True):
        return False
    allowed = list(schema.get("properties", {}))
    extras = [str(key) for key in value if key not in allowed]
    return any(f"{missing!r}" in suggest(extra, allowed) for extra in extras)


def _explain_type(error: ValidationError) -> str:
    expected = error.validator_value
    names = [expected] if isinstance(expected, str) else list(expected)
    wanted = " or ".join(_TYPE_NAMES.get(n, n) for n in names)
    value = error.instance
    tip = ""
    if "boolean" in names and isinstance(value, str) and value.lower() in _YAML11_BOOLS:
        tip = f": write {_YAML11_BOOLS[value.lower()]} (yes, no, on and off are text here)"
    elif "boolean" in names and isinstance(value, str) and value.strip().lower() in _BOOLS:
        tip = f": remove the quotes, write {value.strip().lower()} (in quotes it is text)"
    elif {"integer", "number"} & set(names) and isinstance(value, str) and _is_number(value):
        tip = f": remove the quotes, write {value.strip()} (in quotes it is text)"
    elif "integer" in names and isinstance(value, str) and len(re.findall(r"\d+", value)) == 1:
        tip = f": write the number alone, {int(re.findall(r'[0-9]+', value)[0])}"
    return f"expected {wanted}, found {describe_value(value)}{tip}"


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

#: What each pattern (or ``format:NAME``) of the published schemas asks for, with an example;
#: a test keeps it in step with the schemas.
FORMS = {
    PARTIAL_DATE.pattern: "a date as YYYY-MM-DD, or YYYY-MM or YYYY when that is all that is "
    "known, e.g. 2024-03-02, 2024-03 or 2024",
    "format:date": "a date as YYYY-MM-DD, e.g. 2024-03-02",
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$": "lower-case letters and digits, words joined by hyphens, "
    "e.g. klimovich or sr-belarus",
    r"^[^@\s]+@[^@\s]+\.[^@\s]+$": "an e-mail address, e.g. advocacy@example.org",
    r"^\+?[0-9 ()./-]{5,32}$": "a telephone number with its country code, in digits, spaces "
    "and + ( ) . / -, e.g. +370 5 000 0000",
    r"^https?://\S+$": "a web address that starts with https:// or http://, e.g. "
    "https://www.ohchr.org/en/special-procedures",
    OHCHR_REFERENCE.pattern: "an OHCHR reference: UA, AL or OL (JUA, JAL, JOL when joint), "
    "the State's code, number/year, e.g. UA BLR 3/2023",
    OPINION_NUMBER.pattern: "the Opinion's number/year, e.g. 12/2023",
    OPINION_SYMBOL.pattern: "the Opinion's document symbol, e.g. A/HRC/WGAD/2023/12",
    MESSAGE_ID.pattern: "the Message-ID of the e-mail without its angle brackets, "
    "e.g. 20230601.kalesnikava@example.org",
}


def _explain_simple(error: ValidationError, schema: dict[str, Any]) -> str:
    """Messages for keywords that need only the value and the keyword's own argument."""
    keyword, limit, value = error.validator, error.validator_value, error.instance
    if keyword == "const":
        return f"must be {short(limit)}, not {short(value)}"
    if keyword == "pattern" and limit in FORMS:
        return f"{short(value)} is not in the expected form: write {FORMS[limit]}"
    if keyword == "pattern":
        what = schema.get("description", f"text matching {limit}")
        return f"{short(value)} is not in the expected form: {what}"
    if keyword == "format" and limit == "date" and _DAY.match(str(value)):
        return f"{short(value)} is not a valid date: that month has no such day"
    if keyword == "format" and f"format:{limit}" in FORMS:
        return f"{short(value)} is not a valid {limit}: write {FORMS[f'format:{limit}']}"
    if keyword == "format":
        return f"{short(value)} is not a valid {limit}"
    if keyword == "minProperties" and schema.get("title") == TRANSLATIONS_TITLE:
        return "an empty mapping: write the text, or give it under its language codes (en: ...)"
    if keyword == "minItems":
        return f"needs at least {limit} item{'s' if limit != 1 else ''}{_about(schema)}"
    if keyword == "minLength":
        return "must not be empty"
    if keyword == "maxLength":
        return f"is too long: at most {limit} characters"
    if keyword == "minimum":
        return f"must be at least {limit}, not {short(value)}"
    if keyword == "maximum":
        return f"must be at most {limit}, not {short(value)}"
    if keyword == "enum":
        return _choice_message(value, list(limit), schema)
    return str(error.message)


#: Country codes often written where a language code belongs.
_COUNTRY_NOT_LANGUAGE = {"ua": "uk", "by": "be", "cn": "zh", "gb": "en", "us": "en"}


def _explain_unknown_key(key: str, schema: dict[str, Any]) -> str:
    allowed = list(schema.get("properties", {}))
    if schema.get("title") == TRANSLATIONS_TITLE:
        code = _COUNTRY_NOT_LANGUAGE.get(key.casefold())
        hint = (
            f"; {key!r} is a country: {LANGUAGES[code]} is {code!r}"
            if code is not None
            else suggest(key, allowed)
        )
        return f"unknown language {key!r}: use one of {', '.join(LANGUAGES)}{hint}"
    return f"unknown field {key!r}{suggest(key, allowed)}"


def explain(error: ValidationError) -> Iterator[tuple[JsonPath, str, bool]]:
    """The (JSON path, message, at key) triples that one jsonschema error stands for; ``at
    key`` is true when the finding belongs at the mapping key (an unknown field) rather than
    at its value."""
    path: JsonPath = tuple(error.absolute_path)
    keyword = error.validator
    value = error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}

    if keyword in ("anyOf", "oneOf"):
        choices = _choices(schema)
        if choices is not None:
            yield path, _choice_message(value, choices, schema), False
            return
        inner = _branch_errors(error)
        if inner:
            for sub in inner:
                yield from explain(sub)
            return
        message = _explain_no_branch(error)
        fallback = f"{describe_value(value)} does not fit here: see the schema's description"
        yield path, message or fallback, False
    elif keyword == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        extras = [key for key in value if key not in allowed] if isinstance(value, dict) else []
        for key in extras:
            yield (*path, key), _explain_unknown_key(key, schema), True
    elif keyword == "required":
        if not _misspelt(error, schema):
            yield path, _explain_required(error, schema), False
    elif keyword == "type":
        yield path, _explain_type(error), False
    elif keyword == "pattern" and _MANDATE_FIELDS & {str(step) for step in path}:
        yield path, _explain_mandate(value), False
    else:
        yield path, _explain_simple(error, schema), False
