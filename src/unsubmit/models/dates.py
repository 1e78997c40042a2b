"""Partial dates as a case writes them (YYYY, YYYY-MM, YYYY-MM-DD): the days they can mean."""

from __future__ import annotations

import datetime


def date_span(value: str | datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last day a possibly partial date (YYYY, YYYY-MM, YYYY-MM-DD) can mean."""
    if isinstance(value, datetime.date):
        return value, value
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        day = datetime.date(*parts)
        return day, day
    if len(parts) == 2:
        first = datetime.date(parts[0], parts[1], 1)
        after = datetime.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return first, after - datetime.timedelta(days=1)
    return datetime.date(parts[0], 1, 1), datetime.date(parts[0], 12, 31)


def surely_before(later: str | datetime.date, earlier: str | datetime.date) -> bool:
    """True when ``later`` certainly comes before ``earlier``: their order is wrong."""
    return date_span(later)[1] < date_span(earlier)[0]
