"""How long an oral statement takes to deliver, and where each 30 seconds falls in its text.

Rates live in ``data/speaking_rates.json`` with their sources, per language: words per minute
for most languages, characters per minute for Chinese. A statement may set its own pace. The
estimate counts the statement's paragraphs and closing question, spoken in order. A mark falls
at the phrase boundary nearest to the word (or character) at which its 30 seconds are reached,
a sentence end when one is close, so that a speaker never reads "30 May [0:30] 2023": never
inside a date, a number with its unit or a name.

The document opens with the salutation ("Thank you, Mr. President.") in its language: a
paragraph that opens with it too is printed and timed without it, and validation warns.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from unsubmit.models import OralStatement
from unsubmit.models.localize import plain
from unsubmit.models.translatable import N_, Translate
from unsubmit.resources import read_data

Unit = Literal["words", "characters"]

#: Seconds between two marks in the speaking notes.
MARK_EVERY = 30

#: The salutation that opens every statement, by how the President is addressed.
SALUTATIONS = {"mr": N_("Thank you, Mr. President."), "madam": N_("Thank you, Madam President.")}

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
#: What is counted: a word is a run of non-space characters holding a letter or digit; in
#: character counting each Han character counts, and so does each run of other letters or digits.
_TOKENS: dict[str, re.Pattern[str]] = {
    "words": re.compile(r"[^\w\s]*\w\S*"),
    "characters": re.compile(rf"[{_HAN}][^\w\s]*|(?:(?![{_HAN}])\w)+[^\w\s]*"),
}


@dataclass(frozen=True)
class Rate:
    """A pace: so many units a minute, from a source, or the statement's own."""

    unit: Unit
    per_minute: int
    source: str  # a key of the data file's sources, or "statement"
    default: bool = False  # the language has no sourced rate of its own


@cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = read_data("speaking_rates.json")
    return data


def warn_share() -> float:
    """The share of the time limit above which a statement is close enough to warn."""
    return float(_data()["warn_above_share_of_limit"])


def interpretable_words_per_minute() -> int:
    """The most words a minute UN Geneva asks of a speaker, so that interpreters can follow."""
    return int(_data()["interpretable_words_per_minute"]["value"])


def language_rate(language: str) -> Rate:
    """The documented rate of ``language``, or the default when it has none of its own."""
    entry = _data()["languages"].get(language)
    if entry is None:
        entry = _data()["default"]
        return Rate(entry["unit"], int(entry["per_minute"]), entry["source"], default=True)
    return Rate(entry["unit"], int(entry["per_minute"]), entry["source"])


def statement_rate(
    language: str, words_per_minute: int | None, characters_per_minute: int | None
) -> Rate:
    """The rate of the language, unless the statement sets its own in the language's unit."""
    rate = language_rate(language)
    own = words_per_minute if rate.unit == "words" else characters_per_minute
    return rate if own is None else Rate(rate.unit, own, "statement")


def count(text: str, unit: Unit) -> int:
    """How many words (or characters, for Chinese) of ``text`` are spoken."""
    return sum(1 for _ in _TOKENS[unit].finditer(text))


def seconds_for(units: int, rate: Rate) -> int:
    """Whole seconds to say ``units`` at ``rate`` (rounded up: better early than cut off)."""
    return math.ceil(units * 60 / rate.per_minute)


def clock(seconds: int) -> str:
    """``m:ss``, as the marks and the estimate show time."""
    return f"{seconds // 60}:{seconds % 60:02d}"


@dataclass(frozen=True)
class Segment:
    """A piece of a paragraph, followed by a time mark (``"0:30"``) when ``mark`` is set."""

    text: str
    mark: str = ""


#: How far (in seconds of speech) a mark may move to reach a sentence end rather than a pause
#: within a sentence.
SENTENCE_REACH = 5

_SENTENCE_END = re.compile(r"[.!?\u2026\u3002\uff01\uff1f\u061f]")
_CLAUSE_END = re.compile(r"[,;:\u2014\u2013\uff0c\uff1b\uff1a\u3001\u060c\u061b]")
#: Words whose full stop does not end a sentence (titles, "No.", "art.", "г." for год...): a
#: mark after "Mr." would split the name that follows.
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "st", "no", "nos", "art", "arts", "para", "paras", "vol", "p", "pp",
    "cf", "vs", "prof", "gen", "jr", "sr", "mme", "mlle", "sra", "núm", "nº", "n°",
    "г", "гг", "ст", "ч", "п", "пп", "ул", "им", "т", "др",
})  # fmt: skip
_YEAR = re.compile(r"\d{4}\W*$")
_TAIL = re.compile(r"[^\w]+$")
_WORD = re.compile(r"^[^\w]+|[^\w]+$")


@dataclass(frozen=True)
class _Boundary:
    """A place a mark may go: after the ``units``-th unit spoken, at ``cut`` in text ``text``."""

    units: int
    sentence: bool
    text: int
    cut: int


def _ending(token: str, gap: str, following: str) -> str:
    """``"sentence"``, ``"clause"`` or ``""``: what the punctuation after a token ends."""
    tail = _TAIL.search(token)
    punctuation = (tail.group(0) if tail else "") + gap
    word = _WORD.sub("", token).casefold()
    if _SENTENCE_END.search(punctuation):
        if punctuation.strip() == "." and (len(word) == 1 or word in _ABBREVIATIONS):
            return ""  # "Mr. President", "M. Kalesnikava"
        if not following[:1].islower():
            return "sentence"
    if _CLAUSE_END.search(punctuation):
        if word.isdigit() and punctuation.strip() == "," and _YEAR.match(following):
            return ""  # "June 26, 2023": the date goes on
        return "clause"
    return ""


def _boundaries(texts: Sequence[str], unit: Unit) -> list[_Boundary]:
    """Every phrase boundary of the texts in speaking order; each text's end is one."""
    found: list[_Boundary] = []
    spoken = 0
    for index, text in enumerate(texts):
        tokens = list(_TOKENS[unit].finditer(text))
        for position, match in enumerate(tokens):
            spoken += 1
            last = position == len(tokens) - 1
            following = "" if last else tokens[position + 1].group(0)
            gap = text[match.end() : len(text) if last else tokens[position + 1].start()]
            ending = "sentence" if last else _ending(match.group(0), gap, following)
            if ending:
                cut = match.end() + len(gap.rstrip())
                found.append(_Boundary(spoken, ending == "sentence", index, cut))
    return found


def timed(texts: Sequence[str], rate: Rate, every: int = MARK_EVERY) -> list[list[Segment]]:
    """Each text cut into segments, a mark at the boundary nearest each ``every`` seconds.

    The clock runs on across texts: the first mark may fall in the second paragraph. The n-th
    mark belongs after the smallest count of units whose time reaches n * ``every``; it goes to
    the nearest sentence end within :data:`SENTENCE_REACH` seconds of there, else to the
    nearest boundary of a phrase (after , ; : or a dash), always after the previous mark.
    """
    boundaries = _boundaries(texts, rate.unit)
    total = sum(count(text, rate.unit) for text in texts)
    reach = SENTENCE_REACH * rate.per_minute / 60
    cuts: dict[int, list[tuple[int, str]]] = {}
    placed = 0
    mark = every
    while (due := math.ceil(mark * rate.per_minute / 60)) <= total:
        after = [b for b in boundaries if b.units > placed]
        near = [b for b in after if b.sentence and abs(b.units - due) <= reach] or after
        if near:
            chosen = min(near, key=lambda b: (abs(b.units - due), b.units))
            cuts.setdefault(chosen.text, []).append((chosen.cut, clock(mark)))
            placed = chosen.units
        mark += every
    out: list[list[Segment]] = []
    for index, text in enumerate(texts):
        segments: list[Segment] = []
        start = 0
        for cut, label in cuts.get(index, []):
            segments.append(Segment(text[start:cut], label))
            start = cut
        segments.append(Segment(text[start:]))
        out.append([s for s in segments if s.text or s.mark])
    return out


@dataclass(frozen=True)
class Estimate:
    """How long a text takes at a rate, against a time limit in seconds."""

    units: int
    rate: Rate
    limit: int

    @property
    def seconds(self) -> int:
        return seconds_for(self.units, self.rate)

    @property
    def fits(self) -> bool:
        return self.seconds <= self.limit

    @property
    def close(self) -> bool:
        """It fits, but takes more than the warning share of the limit."""
        return self.fits and self.seconds > warn_share() * self.limit

    @property
    def cut(self) -> int:
        """How many units to cut so that it fits (0 when it fits)."""
        return max(0, self.units - self.limit * self.rate.per_minute // 60)


def salutations(translate: Translate) -> list[str]:
    """Every salutation a paragraph may repeat: both forms, in a language and in English."""
    forms = [translate(message) for message in SALUTATIONS.values()]
    return list(dict.fromkeys([*forms, *SALUTATIONS.values()]))


def opening_salutation(text: str, forms: Sequence[str]) -> str:
    """The salutation ``text`` opens with, as written there ("Thank you Mr President,"), or "".

    Case, spaces and punctuation do not matter; the salutation must end where a word ends.
    """
    for form in forms:
        words = r"\W*".join(re.escape(word) for word in re.findall(r"\w+", form))
        found = re.match(rf"\W*{words}(?![^\W{_HAN}])\W*", text, re.IGNORECASE)
        if words and found:
            return found.group(0).rstrip()
    return ""


def without_salutation(text: str, forms: Sequence[str]) -> str:
    """``text`` without the salutation it opens with (the document prints it once), its first
    letter capitalised when it was the salutation's ("Thank you, Mr. President, we..." ->
    "We...")."""
    salutation = opening_salutation(text, forms)
    rest = text[len(salutation) :].lstrip()
    return rest[:1].upper() + rest[1:] if salutation else rest


def spoken(case: OralStatement, translate: Translate) -> list[str]:
    """The texts the speaker reads, in order: the salutation in the statement's language (as
    ``translate`` gives it), the paragraphs without it, then the closing question."""
    forms = salutations(translate)
    body = [without_salutation(plain(text), forms) for text in case.paragraphs]
    return [
        translate(SALUTATIONS[case.president]),
        *(text for text in body if text),
        *([plain(case.question)] if case.question else []),
    ]


def estimate(case: OralStatement, texts: Sequence[str]) -> Estimate:
    """The estimate of the statement's spoken ``texts`` (see :func:`spoken`)."""
    rate = statement_rate(case.language, case.words_per_minute, case.characters_per_minute)
    units = sum(count(text, rate.unit) for text in texts)
    return Estimate(units, rate, case.time_limit_seconds)
