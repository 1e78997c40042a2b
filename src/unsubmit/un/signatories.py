"""Who signs a statement, once each, and how many the text says they are.

An organisation listed twice (the same name or acronym, whatever the case and spacing, the lead
included) is one organisation: validation warns, and documents list it once. A count in the
text must match the list. A count with a cue that it counts the signatories ("on behalf of 24
organisations", "the 24 undersigned organisations", "от имени 24 организаций") is certainly
about them; a bare one ("24 organisations") may be about something else ("the authorities
closed 24 organisations"), so a mismatch there is only worth a warning.

A count is a number in digits (thousands may be grouped: 1,500) before a word for
organisations (organisations, NGOs, организаций, ONG, organizaciones...), with at most three
words between them (undersigned, human rights, civil society...); numbers in words are not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from unsubmit.models.common import Organisation
from unsubmit.models.localize import plain

OrgT = TypeVar("OrgT", bound=Organisation)


def keys(organisation: Organisation) -> set[str]:
    """What identifies an organisation: its name and acronym, case- and space-insensitively."""
    found = {"".join(plain(organisation.name).casefold().split())}
    if organisation.acronym and organisation.acronym.strip():
        found.add("".join(organisation.acronym.casefold().split()))
    return found


def first_listings(organisations: Iterable[OrgT]) -> Iterator[tuple[int, OrgT, int | None]]:
    """Each organisation with its position and, if it repeats an earlier one, that one's."""
    seen: dict[str, int] = {}
    for index, organisation in enumerate(organisations):
        own = keys(organisation)
        earlier = min((seen[key] for key in own if key in seen), default=None)
        yield index, organisation, earlier
        for key in own:
            seen.setdefault(key, index)


def unique(organisations: Iterable[OrgT]) -> list[OrgT]:
    """The organisations in order, each listed once (its first listing kept)."""
    return [org for _, org, earlier in first_listings(organisations) if earlier is None]


# --- counts in the text -------------------------------------------------------------------------

_NUMBER = r"(?<![\d.,])(?P<number>\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+|\d+)(?![\d])"
_NOUN = (
    r"(?:organi[sz]ations?|NGOs?|CSOs?|ONG|organizaci(?:ón|ones)"
    r"|организаци[а-яё]*|НПО|НКО)"
)
#: Words that may stand between the number and the noun.
_BETWEEN = (
    r"(?:undersigned|signatory|signing|human|rights|civil|society|non-governmental|"
    r"international|national|independent|partner|member|"
    r"нижеподписавш[а-яё]*|правозащитн[а-яё]*|неправительственн[а-яё]*|общественн[а-яё]*|"
    r"международн[а-яё]*)"
)
#: Words that say the count is of the signatories, before the number or right after the noun.
_CUE_BEFORE = (
    r"(?:on\s+behalf\s+of|signed\s+by|endorsed\s+by|supported\s+by|joined\s+by|"
    r"statement\s+(?:of|by|from)|coalition\s+of|we,?\s+(?:the\s+)?|"
    r"от\s+имени|подписали|au\s+nom\s+d[eu]s?|sign[ée]e?s?\s+par|en\s+nombre\s+de|"
    r"firmad[oa]s?\s+por)"
)
_CUE_WORDS = r"(?:undersigned|signatory|signing|нижеподписавш[а-яё]*)"
_CUE_AFTER = r"(?:signataires|soussign[ée]es?|firmantes|abajo\s+firmantes)"

_COUNT = re.compile(
    rf"(?P<cue>{_CUE_BEFORE}\s*(?:the\s+)?)?{_NUMBER}"
    rf"(?P<noun>\s+(?:{_BETWEEN}\s+){{0,3}}{_NOUN}(?:\s+{_CUE_AFTER})?)",
    re.IGNORECASE,
)
_CUED_NOUN = re.compile(rf"{_CUE_WORDS}|{_CUE_AFTER}", re.IGNORECASE)
#: A bare number after these words is a year or a date ("in 2023 organisations..."), not a count.
_TIME_BEFORE = re.compile(
    r"\b(?:in|since|by|from|until|before|after|в|с|до|после|en|depuis|desde|hasta)\s+$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Mention:
    """A count of organisations in the text: the words, the number, and whether it is cued."""

    text: str
    number: int
    cued: bool


def mentions(text: str) -> list[Mention]:
    """Every count of organisations in ``text`` ("on behalf of 24 organisations", "24 NGOs")."""
    found: list[Mention] = []
    for match in _COUNT.finditer(text):
        cued = bool(match.group("cue")) or bool(_CUED_NOUN.search(match.group("noun")))
        if not cued and _TIME_BEFORE.search(text, 0, match.start()):
            continue
        number = int(re.sub(r"\D", "", match.group("number")))
        found.append(Mention(match.group(0).strip(), number, cued))
    return found
