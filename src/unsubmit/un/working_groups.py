"""What the Working Groups ask of the documents sent to them, read from ``data/petitions.json``.

The WGAD's address and accepted languages, the sections of its model questionnaire and the
WGEID's urgent procedure: facts with their public sources, kept in the data file, read here
once. Who may submit to each is the mandate registry's ``cases_only_from``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from unsubmit.resources import read_data


@dataclass(frozen=True)
class WorkingGroup:
    """One Working Group's requirements for the document a case file yields for it."""

    #: The address its documents are e-mailed to; None when no public source confirms one.
    address: str | None
    #: When a document for it fits beside a communication, for ``mandates --suggest``.
    routing: str
    #: The languages it prefers documents in, first to last (empty: not stated).
    languages: tuple[str, ...]


@cache
def working_groups() -> dict[str, WorkingGroup]:
    """Mandate id → its requirements (``wgad``, ``wgeid``)."""
    data = read_data("petitions.json")
    return {
        mandate: WorkingGroup(
            address=data[mandate]["address"],
            routing=data[mandate]["routing"],
            languages=tuple(data[mandate].get("languages", ())),
        )
        for mandate in ("wgad", "wgeid")
    }


#: The document each Working Group receives, by mandate id.
DOCUMENT_OF = {"wgad": "wgad-petition", "wgeid": "wgeid-form"}
