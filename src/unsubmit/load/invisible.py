"""Invisible characters that can disguise a name: bidirectional controls and zero-width marks.

A name that holds U+202E RIGHT-TO-LEFT OVERRIDE is shown reversed from that point, and one that
holds a zero-width space looks exactly like the name without it but is not equal to it: a
search for the person, a check for an organisation listed twice, or the redaction of a name in
a public version would all miss it. Such characters are almost never part of a real name, so a
name that holds one gets a warning (``--strict`` makes it fail); the document still shows the
name exactly as written, because the tool never changes what a case says.

The zero-width joiner and non-joiner (U+200D, U+200C) are part of correct spelling in Persian,
Arabic, Indic and other scripts, so they are accepted between two letters of such scripts and
reported anywhere else.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any, Final

from unsubmit.load.source import JsonPath

__all__ = ["INVISIBLE", "disguising_characters", "invisible_in_names", "name_fields"]

_BIDI_CONTROLS: Final = frozenset(
    {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
)
_INVISIBLE: Final = frozenset(
    {
        0x00AD,  # soft hyphen
        0x034F,  # combining grapheme joiner
        0x115F,  # Hangul choseong filler
        0x1160,  # Hangul jungseong filler
        0x180E,  # Mongolian vowel separator
        0x200B,  # zero width space
        *range(0x2060, 0x2065),  # word joiner, invisible operators
        0x3164,  # Hangul filler
        0xFEFF,  # zero width no-break space (a byte-order mark inside text)
        0xFFA0,  # halfwidth Hangul filler
        *range(0xE0000, 0xE0080),  # tag characters
    }
)
_JOINERS: Final = frozenset({0x200C, 0x200D})
#: Code points that never show, whatever they do to the text around them.
INVISIBLE: Final = _BIDI_CONTROLS | _INVISIBLE | _JOINERS
_JOINING_SCRIPTS_START: Final = 0x0590  # Hebrew onwards: scripts whose spelling uses joiners

#: The fields of a case, at any depth, whose text names a person or an organisation.
NAME_FIELDS: Final = frozenset({"name", "name_original", "aliases", "acronym"})


def _joins_letters(text: str, index: int) -> bool:
    if index == 0 or index == len(text) - 1:
        return False
    return all(
        ord(neighbour) >= _JOINING_SCRIPTS_START and unicodedata.category(neighbour)[0] in "LM"
        for neighbour in (text[index - 1], text[index + 1])
    )


def disguising_characters(text: str) -> list[tuple[int, str]]:
    """Each invisible character that can disguise ``text``: (index, 'U+202E RIGHT-TO-LEFT ...')."""
    found = []
    for index, char in enumerate(text):
        code = ord(char)
        if (
            code in _BIDI_CONTROLS
            or code in _INVISIBLE
            or (code in _JOINERS and not _joins_letters(text, index))
        ):
            found.append((index, f"U+{code:04X} {unicodedata.name(char, 'UNNAMED')}"))
    return found


def name_fields(data: Any, path: JsonPath = ()) -> Iterator[tuple[JsonPath, str]]:
    """Every name in plain case data (as the model dumps it), with its JSON path."""
    if isinstance(data, Mapping):
        for key, value in data.items():
            here = (*path, key)
            if key in NAME_FIELDS and isinstance(value, str):
                yield here, value
            elif key in NAME_FIELDS and isinstance(value, list):
                for index, item in enumerate(value):
                    if isinstance(item, str):
                        yield (*here, index), item
            else:
                yield from name_fields(value, here)
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from name_fields(item, (*path, index))


def invisible_in_names(data: Any) -> Iterator[tuple[JsonPath, str]]:
    """A warning message for every name that holds a disguising character."""
    for path, text in name_fields(data):
        found = disguising_characters(text)
        if not found:
            continue
        shown = ", ".join(f"{what} at character {index + 1}" for index, what in found[:3])
        more = f" and {len(found) - 3} more" if len(found) > 3 else ""
        yield (
            path,
            f"the name holds invisible characters that can make it look like another name "
            f"or hide part of it ({shown}{more}): remove them unless the name is really "
            "spelt with them",
        )
