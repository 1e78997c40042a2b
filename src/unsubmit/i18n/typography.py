"""A language's typography, applied to the text a document shows: never to the case file.

A case is typed on a keyboard: straight quotes and apostrophes, a hyphen between spaces for a
dash, no thought of the space French puts before a colon. The document sets them as its
language does (``data/typography.json``, with sources): “English”, « français », «русский»,
“中文”, the apostrophe ’, the dash, and the separators the templates put between the items of a
list, in a citation and after a label (``、`` and ``；`` in Chinese, ``،`` and ``؛`` in Arabic).

:func:`typeset` is applied when the context is built (:mod:`unsubmit.render.context`); the
public version's check folds the typography back (:func:`folded`, :func:`unembedded`), so that
a name set with a curly apostrophe, or embedded in Arabic text, is still found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from unsubmit.resources import read_data

__all__ = [
    "Typography",
    "dash",
    "folded",
    "punctuation",
    "typeset",
    "typography",
    "unembedded",
]


@dataclass(frozen=True)
class Typography:
    """How one language sets punctuation (the fields of ``data/typography.json``)."""

    quotes: tuple[str, str]
    inner_quotes: tuple[str, str]
    apostrophe: str
    quote_space: str
    space_before: str
    dash: str
    list: str
    comma: str
    series: str
    colon: str
    label_space: str


@cache
def _described() -> frozenset[str]:
    return frozenset(read_data("typography.json")["languages"])


@cache
def typography(language: str) -> Typography:
    entry = dict(read_data("typography.json")["languages"][language])
    entry["quotes"] = tuple(entry["quotes"])
    entry["inner_quotes"] = tuple(entry["inner_quotes"])
    return Typography(**entry)


def punctuation(language: str) -> dict[str, str]:
    """The separators a template puts between text: ``list`` (between the items of a list),
    ``comma`` (between the parts of a citation), ``series`` (between items that hold commas),
    ``colon`` (before what a colon introduces) and ``label_space`` (after a label ending in a
    colon of the catalog)."""
    if language not in _described():
        separators = dict(read_data("typography.json")["default_separators"])
        del separators["about"]
        return separators
    found = typography(language)
    return {
        "list": found.list,
        "comma": found.comma,
        "series": found.series,
        "colon": found.colon,
        "label_space": found.label_space,
    }


def dash(language: str) -> str:
    """The dash, with its spaces, that joins the parts of a heading in ``language``
    ("HRC53 – Item 3", "СПЧ, 53-я сессия\u00a0— Пункт 3")."""
    return typography(language).dash if language in _described() else " \u2013 "


#: An apostrophe inside a word ("it's", "[name withheld]'s") or before a decade ("the '90s").
_APOSTROPHE = re.compile(r"(?<=[\w\])])'(?=\w)|(?<!\w)'(?=\d\ds\b)")
_SPACED_HYPHEN = re.compile(r"(?<=\S) +-{1,2} +(?=\S)")
_BEFORE_PUNCTUATION = re.compile(r"(?<=[^\s\u202f\u00a0])[ \u00a0]?([;:!?])(?=\s|$|[\u00bb)])")
_GUILLEMET_SPACE = re.compile(r"\u00ab[ \u00a0\u202f]?|[ \u00a0\u202f]?\u00bb")


def _quote(text: str, mark: str, marks: tuple[str, str], unopened: str | None = None) -> str:
    """Each straight ``mark`` of ``text`` as an opening or closing quotation mark.

    A mark before a space or at the end closes; one after a space, a bracket or at the start
    opens; one between two letters (Chinese has no spaces) opens when no quotation is open.
    A closing mark with no quotation open is ``unopened`` where given (the apostrophe of
    "Students' Union").
    """
    out: list[str] = []
    inside = False
    for index, char in enumerate(text):
        if char != mark:
            out.append(char)
            continue
        after = text[index + 1] if index + 1 < len(text) else " "
        before = text[index - 1] if index else " "
        if after.isspace() or after in ",.;:!?)]}":
            opening = False
        elif before.isspace() or before in "([{\u2013\u2014/":
            opening = True
        else:
            opening = not inside
        if not opening and not inside and unopened is not None:
            out.append(unopened)
            continue
        inside = opening
        out.append(marks[0] if opening else marks[1])
    return "".join(out)


def typeset(text: str, language: str) -> str:
    """``text`` with the quotation marks, apostrophes, dashes and spaces of ``language``
    (unchanged in a language the data file does not describe)."""
    if language not in _described():
        return text
    found = typography(language)
    text = _APOSTROPHE.sub(found.apostrophe, text)
    text = _quote(text, '"', found.quotes)
    text = _quote(text, "'", found.inner_quotes, found.apostrophe)
    text = _SPACED_HYPHEN.sub(found.dash, text)
    if found.space_before:
        text = _BEFORE_PUNCTUATION.sub(found.space_before + r"\1", text)
    if found.quote_space:
        text = _GUILLEMET_SPACE.sub(
            lambda m: (
                m.group(0).strip(" \u00a0\u202f").replace("\u00ab", "\u00ab" + found.quote_space)
                if "\u00ab" in m.group(0)
                else found.quote_space + "\u00bb"
            ),
            text,
        )
    return text


_FOLDED = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u2039\u203a", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u00ab\u00bb", '"'),
        **dict.fromkeys("\u00a0\u202f\u2009", " "),
    }
)
#: The marks an Arabic document embeds Latin text with (:mod:`unsubmit.render.rtl`).
_EMBEDDING = str.maketrans(dict.fromkeys("\u202a\u202c\u200f"))


def folded(text: str) -> str:
    """``text`` with typographic quotes, apostrophes and spaces made plain: as a case would
    have typed it."""
    return text.translate(_FOLDED)


def unembedded(text: str) -> str:
    """``text`` without the marks that embed Latin text in an Arabic document."""
    return text.translate(_EMBEDDING)
