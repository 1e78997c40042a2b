"""The closed lists of codes a case file uses, by the names ``unsubmit codes NAME`` shows them.

A finding about a code outside a long list (31 violations, 249 countries) names the codes close
to what was written and the command that lists them all.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from unsubmit.models import vocabulary
from unsubmit.models.communication import ROLES


def code_lists() -> dict[str, dict[str, str]]:
    """Each long closed list by name: code → what it means (in English)."""
    return {
        "violations": {code: v.label for code, v in vocabulary.violations().items()},
        "roles": {code: title for code, (title, _) in ROLES.items()},
        "countries": dict(vocabulary.countries()),
    }


def list_name(choices: Sequence[str]) -> str | None:
    """The name of the list ``choices`` holds, if it is one of :func:`code_lists`."""
    wanted = set(choices)
    for name, codes in code_lists().items():
        if set(codes) == wanted:
            return name
    return None


def close_codes(value: str, choices: Sequence[str], limit: int = 10) -> list[str]:
    """Up to ``limit`` codes close to ``value``: sharing one of its words, or spelt alike."""
    folded = value.casefold().replace("_", "-").replace(" ", "-")
    words = {word for word in folded.split("-") if len(word) > 2}
    sharing = [c for c in choices if words & set(c.casefold().split("-"))]
    alike = difflib.get_close_matches(folded, list(choices), n=limit, cutoff=0.5)
    return list(dict.fromkeys([*alike, *sharing]))[:limit]
