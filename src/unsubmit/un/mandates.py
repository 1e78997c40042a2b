"""The registry of UN Special Procedures mandates (``data/mandates.json``, with its sources).

Cases address mandates by a stable id; documents need their official titles.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from unsubmit.resources import read_data


@dataclass(frozen=True)
class Mandate:
    """One mandate: its id, type, official titles by language, and what it covers."""

    id: str
    type: str
    holder: str
    country: str | None
    titles: dict[str, str]
    topics: tuple[str, ...]
    violations: tuple[str, ...]
    roles: tuple[str, ...]
    cases_only_from: str | None

    def title(self, language: str) -> str:
        """The official title in ``language``, or in English where none is confirmed."""
        return self.titles.get(language) or self.titles["en"]


def _mandate(entry: dict[str, Any]) -> Mandate:
    return Mandate(
        id=entry["id"],
        type=entry["type"],
        holder=entry["holder"],
        country=entry.get("country"),
        titles=dict(entry["title"]),
        topics=tuple(entry.get("topics", ())),
        violations=tuple(entry.get("violations", ())),
        roles=tuple(entry.get("roles", ())),
        cases_only_from=entry.get("cases_only_from"),
    )


@cache
def registry() -> dict[str, Mandate]:
    """Every mandate by id, in the data file's order."""
    return {entry["id"]: _mandate(entry) for entry in read_data("mandates.json")["mandates"]}


def search(query: str | None = None, language: str = "en") -> list[Mandate]:
    """Mandates whose id, title (any language), topics or country match every word of query."""
    mandates = list(registry().values())
    if not query:
        return mandates
    words = query.casefold().split()

    def text(mandate: Mandate) -> str:
        parts = [mandate.id, *mandate.titles.values(), *mandate.topics, mandate.country or ""]
        return " ".join(parts).casefold()

    return [mandate for mandate in mandates if all(word in text(mandate) for word in words)]


def as_json(mandate: Mandate) -> dict[str, Any]:
    return {
        "id": mandate.id,
        "title": mandate.title("en"),
        "titles": mandate.titles,
        "type": mandate.type,
        "holder": mandate.holder,
        "country": mandate.country,
        "topics": list(mandate.topics),
        "cases_only_from": mandate.cases_only_from,
    }
