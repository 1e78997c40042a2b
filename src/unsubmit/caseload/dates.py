"""Dates as people write them in tables, read into the partial dates of a case file.

``07.09.2020``, ``7/9/2020``, ``2020-09-07``, ``7 September 2020``, ``September 2020``,
``сентябрь 2020``, ``7 сентября 2020``, ``2020``: month names are those of every language unsubmit
writes, from CLDR (both the form used in a date and the one standing alone, full and
abbreviated), so that a table kept in Russian or Belarusian reads as one kept in English.
"""

from __future__ import annotations

import datetime
import re
from functools import cache

from unsubmit.languages import codes as language_codes

__all__ = ["DateFormError", "parse_date"]

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_NUMERIC = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")
_MONTH_YEAR = re.compile(r"^(\w+)\.?,?\s+(\d{4})(?:\s*(?:г\.?|р\.?))?$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\.?\s+(\w+)\.?,?\s+(\d{4})(?:\s*(?:г\.?|р\.?))?$")
_MONTH_DAY_YEAR = re.compile(r"^(\w+)\.?\s+(\d{1,2}),?\s+(\d{4})$")


class DateFormError(ValueError):
    """A cell that is not a date in any form this module reads."""


@cache
def _months() -> dict[str, int]:
    from babel.dates import get_month_names

    months: dict[str, int] = {}
    for code in language_codes():
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                names = get_month_names(width, context, locale=code)
                for number, name in names.items():
                    months.setdefault(name.casefold().rstrip("."), number)
    return months


def _month(word: str) -> int | None:
    return _months().get(word.casefold().rstrip("."))


def _join(year: int, month: int | None = None, day: int | None = None) -> str:
    try:
        datetime.date(year, month or 1, day or 1)
    except ValueError as exc:
        raise DateFormError(f"is not a real date ({exc})") from None
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def parse_date(value: str | datetime.date, *, day_first: bool = True) -> str:
    """``value`` as YYYY-MM-DD, YYYY-MM or YYYY; :class:`DateFormError` when it is no date."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = " ".join(value.split())
    if match := _ISO.match(text):
        year, month, day = (int(part) if part else None for part in match.groups())
        return _join(year or 0, month, day)
    if match := _NUMERIC.match(text):
        first, second, year = (int(part) for part in match.groups())
        day, month = (first, second) if day_first else (second, first)
        return _join(year, month, day)
    if (match := _DAY_MONTH_YEAR.match(text)) and (month := _month(match[2])):
        return _join(int(match[3]), month, int(match[1]))
    if (match := _MONTH_DAY_YEAR.match(text)) and (month := _month(match[1])):
        return _join(int(match[3]), month, int(match[2]))
    if (match := _MONTH_YEAR.match(text)) and (month := _month(match[1])):
        return _join(int(match[2]), month)
    raise DateFormError(
        "is not a date unsubmit reads: write it as 07.09.2020, 7 September 2020, "
        "September 2020, 2020-09-07 or 2020"
    )
