"""Which documents a build makes of each case file: the communication, a WGAD petition, the
WGEID form of each disappeared person (``unsubmit build --as``).

A communication file lists the documents it yields (``documents``), and validation has checked
what each needs; a build makes the communication unless ``--as`` names others (or, for a file
that lists no communication, every document it lists). Asking for a
document the file does not list is refused, since nothing checked what it needs.
"""

from __future__ import annotations

from unsubmit.errors import UsageError
from unsubmit.models import CaseModel, Communication

#: The document a case file is by its kind: a communication's letter, or a statement.
COMMUNICATION = "communication"


def documents_of(
    case: CaseModel, requested: tuple[str, ...], file: str = ""
) -> list[tuple[str, int | None]]:
    """(document, person) for each document of ``case`` to build: ``requested`` among those it
    lists, or by default its communication (every document it lists when it lists no
    communication); a WGEID form once per person with a disappearance."""
    if not isinstance(case, Communication):
        return [(COMMUNICATION, None)] if not requested or COMMUNICATION in requested else []
    planned: list[tuple[str, int | None]] = []
    default = (COMMUNICATION,) if COMMUNICATION in case.documents else tuple(case.documents)
    for document in requested or default:
        if document not in case.documents:
            raise UsageError(
                f"{file or 'the case file'} does not list {document} under documents: add it "
                "there, so that validation checks what it needs"
            )
        if document == "wgeid-form":
            planned += [
                (document, index)
                for index, victim in enumerate(case.victims)
                if victim.disappearance is not None
            ]
        else:
            planned.append((document, None))
    return planned


def person_id(case: CaseModel, person: int, *, public: bool) -> str:
    """How an output's name tells one person's form from another's: the person's id, or in a
    public version the person's number (an id is often the surname)."""
    if public or not isinstance(case, Communication):
        return f"person-{person + 1}"
    return case.victims[person].id
