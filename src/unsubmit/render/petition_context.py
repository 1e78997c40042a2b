"""The context of the documents a communication file yields for the Working Groups.

A WGAD petition and a WGEID form show the communication's own facts (the context of
:func:`unsubmit.render.context.build_context`) in the order of the Working Group's
questionnaire, plus what only they need: the arguments per category with the facts each relies
on, the arrest and detention details, the places of detention with every transfer, and for a
WGEID form the one person it is about, with whether the urgent procedure applies.
"""

from __future__ import annotations

import datetime
from typing import Any

from babel.dates import format_timedelta

from unsubmit.check.document_rules import urgent_procedure
from unsubmit.i18n.translations import Translator
from unsubmit.i18n.typography import punctuation
from unsubmit.models import Communication
from unsubmit.models.communication import Incident, Victim
from unsubmit.models.dates import date_span
from unsubmit.models.petition import CATEGORY_HEADING, WARRANT, WGAD_CATEGORIES
from unsubmit.models.translatable import N_
from unsubmit.render.context import (
    Formatter,
    _text,
    _texts,
    build_context,
    clean,
    localized,
    paragraphs,
    typeset_context,
)
from unsubmit.un.working_groups import working_groups

#: The statuses of a person still deprived of liberty, whose detention lasts until the petition.
_HELD = ("detained", "imprisoned", "disappeared")


def petition_context(
    case: Communication,
    document: str,
    person: int | None,
    language: str,
    translator: Translator,
    *,
    public: bool = False,
) -> dict[str, Any]:
    """The context of ``document`` (``wgad-petition`` or ``wgeid-form``, for the victim at
    index ``person``) of ``case`` in ``language``."""
    context = build_context(case, language, translator, public=public)
    fmt = Formatter(language, translator)
    case, kept = localized(case, language)
    extra: dict[str, Any] = {
        "document": document,
        "no_domestic_steps": paragraphs(case.no_domestic_steps or ""),
        "victims": [_details(victim, case.date, fmt) for victim in case.victims],
    }
    if document == "wgad-petition":
        extra.update(_wgad(case, fmt))
    else:
        assert person is not None
        extra.update(_wgeid(case, person, fmt))
    context["petition"] = typeset_context(extra, language, kept)
    return context


def duration(start: str, until: datetime.date, fmt: Formatter) -> str:
    """How long a detention that began on ``start`` (a possibly partial date, counted from its
    first day) has lasted on ``until``, in whole years and months as the language writes them
    (CLDR's units: "2 years, 9 months", "2 года, 9 месяцев"); empty when less than a month."""
    first = date_span(start)[0]
    months = (until.year - first.year) * 12 + until.month - first.month - (until.day < first.day)
    years, months = divmod(max(months, 0), 12)
    units = []
    if years:
        span = datetime.timedelta(days=366 * years)
        units.append(format_timedelta(span, granularity="year", threshold=100, locale=fmt.locale))
    if months:
        span = datetime.timedelta(days=31 * months)
        units.append(format_timedelta(span, granularity="month", threshold=100, locale=fmt.locale))
    return str(punctuation(fmt.language)["list"]).join(units)


def _details(victim: Victim, until: datetime.date, fmt: Formatter) -> dict[str, Any]:
    """What the questionnaires ask of a person beyond the communication's context."""
    detention = victim.detention
    arrested = detention.arrest_date if detention else None
    arrest = detention.arrest if detention else None
    order = detention.order if detention else None
    return {
        "identity_document": _text(victim.identity_document),
        "duration": duration(arrested, until, fmt) if arrested and victim.status in _HELD else "",
        "arrest": {
            "place": _text(arrest.place if arrest else None),
            "warrant": fmt.label(WARRANT, arrest.warrant if arrest else "unknown"),
            "warrant_authority": _text(arrest.warrant_authority if arrest else None),
            "reasons": _text(arrest.reasons_given if arrest else None),
            "legal_basis": _text(arrest.legal_basis if arrest else None),
        },
        "order": {
            "ordered_by": _text(order.ordered_by if order else None),
            "reasons": _text(order.reasons_given if order else None),
            "legal_basis": _text(order.legal_basis if order else None),
            "places": [
                {
                    "place": clean(custody.place),
                    "since": fmt.date(custody.since, standalone=True),
                    "held_by": _text(custody.held_by),
                }
                for custody in (order.places if order else [])
            ],
        },
    }


def _wgad(case: Communication, fmt: Formatter) -> dict[str, Any]:
    incidents = {incident.id: incident for incident in case.incidents if incident.id}
    names = {victim.id: clean(victim.name) for victim in case.victims}
    arguments = case.wgad.arguments if case.wgad else []
    return {
        "address": working_groups()["wgad"].address or "",
        "source_confidential": case.wgad.source_confidential if case.wgad else True,
        "arguments": [
            {
                "category": argument.category,
                "label": fmt.text(
                    CATEGORY_HEADING,
                    number=argument.category,
                    label=fmt.label(WGAD_CATEGORIES, argument.category),
                ),
                "victims": [names[i] for i in argument.victims if i in names],
                "facts": [
                    {
                        "date": _when(incidents[i], fmt),
                        "text": paragraphs(incidents[i].description)[0],
                    }
                    for i in argument.facts
                    if i in incidents
                ],
                "provisions": _texts(argument.provisions),
                "paragraphs": paragraphs(argument.argument),
            }
            for argument in arguments
        ],
    }


#: An approximate date, as the communication's facts write it ("Around February 2023").
AROUND = N_("Around %(date)s")


def _when(incident: Incident, fmt: Formatter) -> str:
    if incident.approximate:
        return fmt.text(AROUND, date=fmt.date(incident.date, governed=True))
    return fmt.date(incident.date, standalone=True)


def _wgeid(case: Communication, person: int, fmt: Formatter) -> dict[str, Any]:
    victim = case.victims[person]
    disappearance = victim.disappearance
    assert disappearance is not None
    forces = (
        [clean(disappearance.forces)]
        if disappearance.forces
        else [
            ", ".join(filter(None, (_text(p.function), clean(p.institution))))
            for p in case.perpetrators
        ]
    )
    return {
        "person": person,
        "urgent": urgent_procedure(disappearance.date, case.date),
        "disappearance": {
            "date": fmt.date(disappearance.date, standalone=True),
            "place": clean(disappearance.place),
            "forces": forces,
            "paragraphs": paragraphs(disappearance.description or ""),
        },
    }
