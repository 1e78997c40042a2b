"""How long an oral statement takes to deliver, and where each 30 seconds falls in its text.

Rates live in ``data/speaking_rates.json`` with their sources, per language: words per minute
for most languages, characters per minute for Chinese. A statement may set its own pace. The
estimate counts the statement's paragraphs and closing question, spoken in order; the marks
fall after the word (or character) at which each 30 seconds is reached.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from unsubmit import vocabulary
from unsubmit.localize import plain
from unsubmit.models import OralStatement

Unit = Literal["words", "characters"]

#: Seconds between two marks in the speaking notes.
MARK_EVERY = 30

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
    data: dict[str, Any] = vocabulary.read_data("speaking_rates.json")
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


def timed(texts: Sequence[str], rate: Rate, every: int = MARK_EVERY) -> list[list[Segment]]:
    """Each text cut into segments, a mark after the unit at which each ``every`` s is reached.

    The clock runs on across texts: the first mark may fall in the second paragraph. A mark
    falls after the n-th unit where n is the smallest count whose time reaches the mark.
    """
    out: list[list[Segment]] = []
    spoken = 0
    next_mark = every
    for text in texts:
        segments: list[Segment] = []
        start = 0
        for match in _TOKENS[rate.unit].finditer(text):
            spoken += 1
            if spoken * 60 >= next_mark * rate.per_minute:
                segments.append(Segment(text[start : match.end()], clock(next_mark)))
                start = match.end()
                next_mark += every
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


def spoken(case: OralStatement) -> list[str]:
    """The texts the speaker reads, in order: the paragraphs, then the closing question."""
    return [plain(text) for text in (*case.paragraphs, *([case.question] if case.question else []))]


def estimate(case: OralStatement, texts: Sequence[str] | None = None) -> Estimate:
    """The statement's estimate (of ``texts`` if given: the same texts as shown, cleaned)."""
    rate = statement_rate(case.language, case.words_per_minute, case.characters_per_minute)
    units = sum(count(text, rate.unit) for text in (spoken(case) if texts is None else texts))
    return Estimate(units, rate, case.time_limit_seconds)
