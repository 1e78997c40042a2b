"""From a case model to the context a template sees: plain data, shaped for one language.

Templates get dictionaries, lists and strings only, never model objects, so the sandboxed
template language has nothing to reach into. Everything a template would otherwise compute is
done here, where it can be tested: dates are formatted for the language, incidents sorted,
labels looked up, text split into paragraphs and cleaned of characters a DOCX cannot hold.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from babel import Locale
from babel.dates import format_date, format_skeleton

from unsubmit import vocabulary
from unsubmit.localize import TextValue, localize, plain
from unsubmit.mandates import registry
from unsubmit.models import Communication, JointStatement, OralStatement
from unsubmit.models.common import LANGUAGES, Organisation
from unsubmit.models.communication import (
    ACCESS,
    COMMUNICATION_TYPES,
    PUBLIC_NAMES,
    ROLES,
    SEXES,
    STATUSES,
    Victim,
)
from unsubmit.render.text import clean as _clean
from unsubmit.render.text import paragraphs as _paragraphs
from unsubmit.rules import date_span

CaseModel = Communication | OralStatement | JointStatement

#: Council headings join their parts with an en dash: "HRC53 – Item 3 – Interactive Dialogue".
DASH = " \u2013 "

#: The CLDR locale that formats each language as the UN writes it ("7 May 2023", not "May 7").
LOCALES = {
    "en": "en_GB",
    "fr": "fr",
    "es": "es",
    "ru": "ru",
    "ar": "ar",
    "zh": "zh_Hans",
    "be": "be",
    "uk": "uk",
}


class Formatter:
    """Dates, lists and labels for one language."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.locale = Locale.parse(LOCALES[language])

    def date(self, value: datetime.date | str | None) -> str:
        """A full or partial date (YYYY, YYYY-MM, YYYY-MM-DD) in words."""
        if value is None:
            return ""
        if isinstance(value, datetime.date):
            return str(format_date(value, "long", locale=self.locale))
        parts = value.split("-")
        first, _ = date_span(value)
        if len(parts) == 3:
            return str(format_date(first, "long", locale=self.locale))
        if len(parts) == 2:
            return str(format_skeleton("yMMMM", first, locale=self.locale))
        return parts[0]

    def country(self, code: str | None) -> str:
        if code is None:
            return ""
        alpha2 = vocabulary.country_alpha2()[code]
        return str(self.locale.territories.get(alpha2) or vocabulary.countries()[code])


def clean(value: TextValue) -> str:
    """Case text as a document shows it: unwritable characters out, outer white space trimmed.

    Texts arrive localized (``unsubmit.localize``): one language's plain string each.
    """
    return _clean(plain(value)).strip()


def paragraphs(value: TextValue) -> list[str]:
    return _paragraphs(plain(value))


def _text(value: TextValue | None) -> str:
    return clean(value) if value else ""


def _texts(values: Iterable[TextValue]) -> list[str]:
    return [clean(value) for value in values]


def _label(table: dict[str, tuple[str, str]], value: str | None) -> str:
    return table[value][0] if value else ""


def organisation(org: Organisation, fmt: Formatter) -> dict[str, Any]:
    contact = org.contact
    return {
        "name": clean(org.name),
        "acronym": _text(org.acronym),
        "country": fmt.country(org.country),
        "ecosoc_status": org.ecosoc_status or "",
        "contact": {
            "name": _text(contact.name if contact else None),
            "email": _text(contact.email if contact else None),
            "phone": _text(contact.phone if contact else None),
            "address": _text(contact.address if contact else None),
            "website": _text(contact.website if contact else None),
        },
    }


def _victim(victim: Victim, fmt: Formatter) -> dict[str, Any]:
    detention = victim.detention
    return {
        "id": victim.id,
        "name": clean(victim.name),
        "name_original": _text(victim.name_original),
        "aliases": _texts(victim.aliases),
        "sex": _label(SEXES, victim.sex),
        "age": "" if victim.age is None else str(victim.age),
        "date_of_birth": fmt.date(victim.date_of_birth),
        "nationality": fmt.country(victim.nationality),
        "residence": _text(victim.residence),
        "occupation": _text(victim.occupation),
        "roles": [ROLES[role][0] for role in victim.roles],
        "status": _label(STATUSES, victim.status),
        "date_of_death": fmt.date(victim.date_of_death),
        "whereabouts": _text(victim.whereabouts),
        "detention": None
        if detention is None
        else {
            "arrest_date": fmt.date(detention.arrest_date),
            "arresting_authority": _text(detention.arresting_authority),
            "place": _text(detention.place_of_detention),
            "charges": [
                {
                    "law": clean(charge.law),
                    "article": clean(charge.article),
                    "description": _text(charge.description),
                }
                for charge in detention.charges
            ],
            "sentence": None
            if detention.sentence is None
            else {
                "date": fmt.date(detention.sentence.date),
                "court": _text(detention.sentence.court),
                "term": clean(detention.sentence.term),
            },
            "access_to_lawyer": _label(ACCESS, detention.access_to_lawyer),
            "family_contact": _label(ACCESS, detention.family_contact),
            "health": paragraphs(detention.health or ""),
        },
        "consent": {
            "given_by": victim.consent.given_by or "",
            "submission": victim.consent.submission,
            "informed_government_letter": victim.consent.informed_government_letter,
            "informed_publication": victim.consent.informed_publication,
            "public_name": _label(PUBLIC_NAMES, victim.consent.public_name),
            "notes": _text(victim.consent.notes),
        },
    }


def _names(ids: list[str], names: dict[str, str]) -> list[str]:
    return [names[i] for i in ids] if ids else []


def communication(case: Communication, fmt: Formatter) -> dict[str, Any]:
    names = {victim.id: clean(victim.name) for victim in case.victims}
    mandates = registry()
    incidents = sorted(case.incidents, key=lambda incident: date_span(incident.date)[0])
    return {
        "type": case.type,
        "type_label": _label(COMMUNICATION_TYPES, case.type),
        "urgent": case.type == "urgent-appeal",
        "title": clean(case.title),
        "date": fmt.date(case.date),
        "country": fmt.country(case.country),
        "language": LANGUAGES[case.language],
        "mandates": [
            {"id": m, "title": mandates[m].title(fmt.language) if m in mandates else m}
            for m in case.mandates
        ],
        "submitters": [organisation(org, fmt) for org in case.submitters],
        "confidentiality": paragraphs(
            case.confidentiality.notes
            if case.confidentiality and case.confidentiality.notes
            else ""
        ),
        "victims": [_victim(victim, fmt) for victim in case.victims],
        "incidents": [
            {
                "date": fmt.date(incident.date),
                "approximate": incident.approximate,
                "place": _text(incident.place),
                "victims": _names(incident.victims, names),
                "paragraphs": paragraphs(incident.description),
            }
            for incident in incidents
        ],
        "perpetrators": [
            {
                "name": _text(p.name),
                "function": _text(p.function),
                "institution": clean(p.institution),
                "state": p.actor == "state",
            }
            for p in case.perpetrators
        ],
        "violations": [
            {
                "code": v.code,
                "label": vocabulary.violations()[v.code].label,
                "rights": list(vocabulary.violations()[v.code].rights),
                "victims": _names(v.victims, names),
                "details": paragraphs(v.details or ""),
            }
            for v in case.violations
        ],
        "domestic_steps": [
            {
                "date": fmt.date(step.date),
                "authority": clean(step.authority),
                "action": clean(step.action),
                "outcome": _text(step.outcome),
            }
            for step in case.domestic_steps
        ],
        "other_bodies": [
            {
                "body": clean(body.body),
                "reference": _text(body.reference),
                "date": fmt.date(body.date),
                "status": _text(body.status),
            }
            for body in case.other_bodies
        ],
        "risk": None
        if case.risk is None
        else {
            "ongoing": case.risk.ongoing,
            "imminent": case.risk.imminent,
            "paragraphs": paragraphs(case.risk.description),
        },
        "action_requested": _texts(case.action_requested),
        "sources": [
            {
                "title": clean(s.title),
                "publisher": _text(s.publisher),
                "date": fmt.date(s.date),
                "url": _text(s.url),
            }
            for s in case.sources
            if not s.confidential
        ],
        "annexes": [
            {"title": clean(a.title), "file": _text(a.file), "confidential": a.confidential}
            for a in case.annexes
        ],
    }


def words(texts: Iterable[str]) -> int:
    return sum(len(text.split()) for text in texts)


def speaking_rate(case: OralStatement) -> int:
    if case.words_per_minute is not None:
        return case.words_per_minute
    rates = vocabulary.read_data("speaking_rates.json")
    return int(rates["default"]["words_per_minute"])


def _clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def oral_statement(case: OralStatement, fmt: Formatter) -> dict[str, Any]:
    dialogue = case.dialogue
    kind = "Interactive Dialogue" if dialogue.type == "interactive-dialogue" else "General Debate"
    body = [clean(p) for p in case.paragraphs]
    question = _text(case.question)
    count = words([*body, question])
    rate = speaking_rate(case)
    seconds = round(count * 60 / rate)
    mandate = registry().get(dialogue.mandate or "")
    return {
        "heading": DASH.join(
            (f"HRC{case.session}", f"Item {case.agenda_item}", kind, clean(dialogue.title))
        ),
        "session": case.session,
        "agenda_item": case.agenda_item,
        "dialogue_type": dialogue.type,
        "dialogue_title": clean(dialogue.title),
        "mandate": mandate.title(fmt.language) if mandate else "",
        "date": fmt.date(case.date),
        "organisation": organisation(case.organisation, fmt),
        "on_behalf_of": [organisation(org, fmt) for org in case.on_behalf_of],
        "speaker": {"name": clean(case.speaker.name), "function": _text(case.speaker.function)},
        "president": case.president,
        "paragraphs": body,
        "question": question,
        "words": count,
        "words_per_minute": rate,
        "seconds": seconds,
        "duration": _clock(seconds),
        "limit_seconds": case.time_limit_seconds,
        "limit": _clock(case.time_limit_seconds),
        "fits": seconds <= case.time_limit_seconds,
    }


_STATUS_ORDER = {"general": 0, "special": 1, "roster": 2, None: 3}


def joint_statement(case: JointStatement, fmt: Formatter) -> dict[str, Any]:
    """Signatories in the conventional order: lead, then General, Special, Roster, then others."""
    ordered = sorted(case.signatories, key=lambda org: _STATUS_ORDER[org.ecosoc_status])
    return {
        "title": clean(case.title),
        "date": fmt.date(case.date),
        "place": _text(case.place),
        "lead": organisation(case.lead, fmt),
        "signatories": [organisation(org, fmt) for org in ordered],
        "supporters": [organisation(org, fmt) for org in case.supporters],
        "paragraphs": [paragraph for text in case.paragraphs for paragraph in paragraphs(text)],
        "demands": _texts(case.demands),
        "count": 1 + len(case.signatories) + len(case.supporters),
    }


def build_context(case: CaseModel, language: str | None = None) -> dict[str, Any]:
    """The whole context for one case in one language (the case's own by default)."""
    fmt = Formatter(language or case.language)
    case, _ = localize(case, fmt.language)  # texts in several languages: this one's (a build
    # reports where it fell back); everything below sees plain strings only
    if isinstance(case, Communication):
        body = communication(case, fmt)
    elif isinstance(case, OralStatement):
        body = oral_statement(case, fmt)
    else:
        body = joint_statement(case, fmt)
    return {"kind": case.kind, "language": fmt.language, "case": body}
