"""Invisible characters that can disguise a name are found; real spellings are left alone."""

from __future__ import annotations

import pytest

from unsubmit.load.invisible import disguising_characters, invisible_in_names, name_fields


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mikalai \u202eKlimovich", [(8, "U+202E RIGHT-TO-LEFT OVERRIDE")]),
        ("Mikalai\u200b Klimovich", [(7, "U+200B ZERO WIDTH SPACE")]),
        (
            "\u2067Maria\u2069",
            [(0, "U+2067 RIGHT-TO-LEFT ISOLATE"), (6, "U+2069 POP DIRECTIONAL ISOLATE")],
        ),
        ("Kalesnikava\u200f", [(11, "U+200F RIGHT-TO-LEFT MARK")]),
        ("Ma\u00adria", [(2, "U+00AD SOFT HYPHEN")]),
        ("A\U000e0041B", [(1, "U+E0041 TAG LATIN CAPITAL LETTER A")]),
        ("Ma\u200dria", [(2, "U+200D ZERO WIDTH JOINER")]),  # no Latin name needs a joiner
        ("\u200cمهدی", [(0, "U+200C ZERO WIDTH NON-JOINER")]),  # a joiner joins two letters
    ],
)
def test_disguising_characters_are_found(text: str, expected: list[tuple[int, str]]) -> None:
    assert disguising_characters(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Mikalai Klimovich",
        "Мікалай Клімовіч",
        "مهدی\u200cزاده",  # Persian: the non-joiner is part of the spelling
        "क्\u200dष",  # Devanagari: the joiner chooses a conjunct form
        "Zoë Ó'Brien-Łukasz",
    ],
)
def test_real_spellings_are_left_alone(text: str) -> None:
    assert disguising_characters(text) == []


def test_names_are_found_at_every_depth_and_only_names() -> None:
    data = {
        "title": "Mikalai \u202eKlimovich",
        "victims": [{"name": "A", "aliases": ["B", "C\u200b"], "detention": {"place": "\u200b"}}],
        "lead": {"name": "L", "acronym": "X", "contact": {"name": "N"}},
    }
    assert list(name_fields(data)) == [
        (("victims", 0, "name"), "A"),
        (("victims", 0, "aliases", 0), "B"),
        (("victims", 0, "aliases", 1), "C\u200b"),
        (("lead", "name"), "L"),
        (("lead", "acronym"), "X"),
        (("lead", "contact", "name"), "N"),
    ]
    ((path, message),) = invisible_in_names(data)
    assert path == ("victims", 0, "aliases", 1)
    assert "(U+200B ZERO WIDTH SPACE at character 2)" in message


def test_many_characters_are_summarised() -> None:
    ((_, message),) = invisible_in_names({"name": "\u200b" * 5})
    assert "at character 3 and 2 more)" in message
