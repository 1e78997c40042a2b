"""The languages documents are written in: one list, from the catalogs there are.

A language is available when its message catalog exists, so that ``unsubmit i18n init pl`` and a
translated catalog are all Polish needs: the commands, the models and the schemas take their
languages from here. ``data/languages.json`` adds, for the languages it lists, what CLDR alone does
not settle (British English, simplified Chinese, the Word tag); any other language takes its name,
conventions and tag from CLDR.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from unsubmit.resources import catalogs_dir, read_data

#: The catalogs' domain: ``<code>/LC_MESSAGES/unsubmit.po``.
DOMAIN = "unsubmit"


@dataclass(frozen=True)
class Language:
    """One language documents are written in."""

    code: str
    #: Its English name, as messages and schemas name it.
    name: str
    #: The CLDR locale whose dates, lists and numbers a document follows.
    cldr: str
    #: The language tag Word and LibreOffice spell-check and hyphenate it in.
    word: str


def _catalogued(root: Path) -> list[str]:
    if not root.is_dir():
        return []
    return sorted(
        entry.name
        for entry in root.iterdir()
        if any((entry / "LC_MESSAGES" / f"{DOMAIN}{suffix}").is_file() for suffix in (".po", ".mo"))
    )


def _from_cldr(code: str) -> Language:
    from babel import Locale, UnknownLocaleError
    from babel.core import get_global

    try:
        name = Locale.parse(code).get_display_name("en") or code
    except (ValueError, UnknownLocaleError):
        name = code
    likely = str(get_global("likely_subtags").get(code, code)).split("_")
    word = f"{likely[0]}-{likely[-1]}" if len(likely) > 1 else code
    return Language(code, name, code, word)


def languages() -> dict[str, Language]:
    """Every available language by code: those of ``data/languages.json`` in its order, then
    any other catalog's in alphabetical order (of the catalogs read now: :func:`catalogs_dir`)."""
    return _languages(catalogs_dir())


@cache
def _languages(root: Path) -> dict[str, Language]:
    listed = {
        entry["code"]: Language(entry["code"], entry["name"], entry["cldr"], entry["word"])
        for entry in read_data("languages.json")["languages"]
    }
    catalogued = _catalogued(root)
    found = [code for code in listed if code in catalogued] or list(listed)
    found += [code for code in catalogued if code not in listed]
    return {code: listed[code] if code in listed else _from_cldr(code) for code in found}


def codes() -> tuple[str, ...]:
    """The codes of the available languages, in order."""
    return tuple(languages())


def known(code: str) -> bool:
    """Whether CLDR knows ``code`` as a language a catalog can be started for."""
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        return False
    return True
