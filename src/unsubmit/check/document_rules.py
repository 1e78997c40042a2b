"""The rules of the documents a case file asks for beyond its communication (``documents``).

A field only a Working Group petition needs is optional in the model: these rules ask for it
when, and only when, the file lists the document, at the place to fix it. The elements come
from the Working Groups' own pages (``data/petitions.json`` gives the sources): the WGAD's model
questionnaire (identity, arrest, detention, why it is arbitrary, domestic steps, source) and
the minimum elements of a WGEID case (identity, date, place, forces believed responsible,
steps taken to find the person, who submits, with the family's consent).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from unsubmit.check.rules import ERROR, RuleViolation, duplicate_ids, rule
from unsubmit.check.schema_errors import suggest
from unsubmit.load.source import JsonPath
from unsubmit.models import Communication
from unsubmit.models.dates import date_span

#: A WGEID case that happened within this many months before the report goes under the urgent
#: procedure (OHCHR, WGEID "Procedures").
URGENT_MONTHS = 3


def requested(case: Communication, document: str) -> JsonPath | None:
    """Where the file asks for ``document`` (``$.documents[i]``), or None when it does not."""
    if document not in case.documents:
        return None
    return ("documents", case.documents.index(document))


def urgent_procedure(disappeared: str, submitted: datetime.date) -> bool:
    """Whether a disappearance on ``disappeared`` (a possibly partial date) may have happened
    within three months before ``submitted``: the WGEID's urgent procedure."""
    month = submitted.month - URGENT_MONTHS
    year = submitted.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    day = min(submitted.day, 28)
    return date_span(disappeared)[1] >= datetime.date(year, month, day)


@rule(Communication)
def incident_references(case: Communication) -> Iterator[RuleViolation]:
    """Incident ids are unique, and a WGAD argument names incidents and victims that exist."""
    seen: dict[str, int] = {}
    yield from duplicate_ids("incidents", (incident.id for incident in case.incidents), seen)
    if case.wgad is None:
        return
    victims = [victim.id for victim in case.victims]
    for index, argument in enumerate(case.wgad.arguments):
        where = ("wgad", "arguments", index)
        for position, ref in enumerate(argument.facts):
            if ref not in seen:
                yield RuleViolation(
                    (*where, "facts", position),
                    f"no incident has the id {ref!r}{suggest(ref, list(seen))}: give the "
                    "incident it means an id",
                    ERROR,
                    "reference",
                )
        for position, ref in enumerate(argument.victims):
            if ref not in victims:
                yield RuleViolation(
                    (*where, "victims", position),
                    f"no victim has the id {ref!r}{suggest(ref, victims)}",
                    ERROR,
                    "reference",
                )


@rule(Communication)
def wgad_petition(case: Communication) -> Iterator[RuleViolation]:
    """A petition argues a category with facts, identifies the person, and says what was done
    at home (the model questionnaire's sections I to V)."""
    where = requested(case, "wgad-petition")
    if where is None:
        return
    if not case.victims:
        yield RuleViolation(
            where,
            "a WGAD petition is about a person deprived of liberty: give the person under victims",
            ERROR,
            "petition",
        )
    arguments = case.wgad.arguments if case.wgad is not None else []
    if not arguments:
        yield RuleViolation(
            ("wgad", "arguments") if case.wgad is not None else where,
            "a WGAD petition argues why the deprivation of liberty is arbitrary under at least "
            "one category (I to V): add wgad.arguments, each with its category, the ids of the "
            "incidents it relies on under facts, and the argument",
            ERROR,
            "petition",
        )
    for index, argument in enumerate(arguments):
        if not argument.facts:
            yield RuleViolation(
                ("wgad", "arguments", index),
                f"category {argument.category} is argued without the facts it relies on: list "
                "the ids of those incidents under facts",
                ERROR,
                "petition",
            )
    for index, victim in enumerate(case.victims):
        yield from _identity(("victims", index), victim.date_of_birth, victim.age, "WGAD petition")
        if victim.nationality is None:
            yield RuleViolation(
                ("victims", index),
                "the Working Group identifies the person by nationality too: add nationality",
                ERROR,
                "petition",
            )
        if victim.detention is None or victim.detention.arrest_date is None:
            yield RuleViolation(
                ("victims", index, "detention") if victim.detention else ("victims", index),
                "a WGAD petition says when the person was arrested: add detention.arrest_date",
                ERROR,
                "petition",
            )
    yield from _steps(case, where, "a WGAD petition")


@rule(Communication)
def wgeid_form(case: Communication) -> Iterator[RuleViolation]:
    """One form per disappeared person, with the elements the WGEID needs, from the family or
    with its consent."""
    where = requested(case, "wgeid-form")
    if where is None:
        return
    if not any(victim.disappearance for victim in case.victims):
        yield RuleViolation(
            where,
            "a WGEID form is about a disappeared person: give victims[].disappearance (when "
            "and where the person disappeared or was last seen) for each person a form is for",
            ERROR,
            "petition",
        )
    for index, victim in enumerate(case.victims):
        if victim.disappearance is None:
            continue
        if victim.disappearance.forces is None and not case.perpetrators:
            yield RuleViolation(
                ("victims", index, "disappearance"),
                "the WGEID needs to know who is believed responsible: add disappearance.forces "
                "or the case's perpetrators",
                ERROR,
                "petition",
            )
        if victim.consent.given_by != "family":
            yield RuleViolation(
                ("victims", index, "consent", "given_by"),
                "the WGEID takes a case from the family, or from an organisation acting with "
                "the family's prior consent: record that consent (given_by: family)",
                ERROR,
                "consent",
            )
    yield from _steps(case, where, "a WGEID form")


def _identity(
    where: JsonPath, born: str | None, age: int | None, document: str
) -> Iterator[RuleViolation]:
    if born is None and age is None:
        yield RuleViolation(
            where,
            f"a {document} identifies the person by date of birth or age: add date_of_birth "
            "(a year is enough) or age",
            ERROR,
            "petition",
        )


def _steps(case: Communication, where: JsonPath, document: str) -> Iterator[RuleViolation]:
    if not case.domestic_steps and case.no_domestic_steps is None:
        yield RuleViolation(
            where,
            f"{document} says what was done at home to free or find the person and with what "
            "outcome, or why nothing could be done: add domestic_steps, or no_domestic_steps",
            ERROR,
            "petition",
        )
