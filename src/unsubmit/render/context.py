"""From a case model to the context a template sees: plain data, shaped for one language.

Templates get dictionaries, lists and strings only, never model objects, so the sandboxed
template language has nothing to reach into. Everything a template would otherwise compute is
done here, where it can be tested: dates are formatted for the language, incidents sorted,
labels looked up and translated, text split into paragraphs and cleaned of characters a DOCX
cannot hold.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any, TypeVar

from babel import Locale
from babel.dates import format_date, format_skeleton

from unsubmit.i18n.translations import Translator
from unsubmit.i18n.typography import dash, punctuation, typeset
from unsubmit.languages import languages
from unsubmit.models import CaseModel, Communication, JointStatement, OralStatement, vocabulary
from unsubmit.models.common import Organisation
from unsubmit.models.communication import (
    ACCESS,
    AGREEING_SEXES,
    COMMUNICATION_TYPES,
    CONSENT_ASKED,
    CONSENT_BASES,
    CONSENT_NOT_OBTAINED_REASONS,
    LAW_TYPES,
    PUBLIC_NAMES,
    ROLES,
    SEXES,
    STATUSES,
    Detention,
    Victim,
)
from unsubmit.models.dates import date_span
from unsubmit.models.localize import InLanguage, TextValue, localize, plain
from unsubmit.models.translatable import N_
from unsubmit.render.language import WordLanguage
from unsubmit.render.text import clean as _clean
from unsubmit.render.text import paragraphs as _paragraphs
from unsubmit.un import speaking
from unsubmit.un.mandates import registry
from unsubmit.un.public import public_name
from unsubmit.un.signatories import unique

C = TypeVar("C", bound=CaseModel)

#: Council headings join their parts with the language's dash: "HRC53 – Item 3 – Interactive
#: Dialogue" in English, an em dash in Russian (:func:`unsubmit.i18n.typography.dash`).
DASH = dash("en")

#: A mandate title that is not official in the document's language: the catalog's own
#: translation, then the official English title (in each language's own brackets).
TRANSLATED_TITLE = N_("%(translation)s (%(official)s)")

#: What a document says under a list of mandates when a title in it is a translation.
UNOFFICIAL_TITLES = N_(
    "A title followed by the official English title in parentheses is our own translation, "
    "not an official UN title."
)

#: Languages written in an East Asian script (Han), which Word keeps apart from Latin text.
EAST_ASIAN = frozenset({"zh"})


#: The languages of the other scripts when a document's own language is not written in them.
_OTHER_SCRIPTS = WordLanguage(latin="en-GB", east_asian="zh-CN", complex_script="ar-SA")


def word_language(language: str) -> WordLanguage:
    """The ``w:lang`` attributes of a document in ``language``: its tag in its own script's."""
    tag = languages()[language].word
    if language in EAST_ASIAN:
        return replace(_OTHER_SCRIPTS, east_asian=tag, script="east_asian")
    if right_to_left(language):
        return replace(_OTHER_SCRIPTS, complex_script=tag, script="complex_script")
    return replace(_OTHER_SCRIPTS, latin=tag)


def right_to_left(language: str) -> bool:
    """Whether CLDR writes ``language`` right to left (Arabic)."""
    return bool(Locale.parse(languages()[language].cldr).character_order == "right-to-left")


class Formatter:
    """Dates, lists and labels for one language, labels through its message catalog."""

    def __init__(self, language: str, translator: Translator | None = None) -> None:
        self.language = language
        self.locale = Locale.parse(languages()[language].cldr)
        self.translator = translator or Translator(language)

    def text(self, message: str, **variables: object) -> str:
        """A label of the code or the data files, translated, placeholders filled."""
        translated = self.translator.gettext(message)
        return translated % variables if variables else translated

    def label(self, table: dict[str, tuple[str, str]], value: str | None) -> str:
        """The translated label of a value of a closed list, or nothing."""
        return self.text(table[value][0]) if value else ""

    def agreeing(
        self, table: dict[str, tuple[str, str]], value: str | None, sex: str | None
    ) -> str:
        """A label that agrees with a person's sex ("Décédée" for a woman); its neutral form
        ("Décédé(e)") when the sex is not known or is neither."""
        if not value:
            return ""
        if sex not in AGREEING_SEXES:
            return self.label(table, value)
        return self.translator.pgettext(str(sex), table[value][0])

    def language_name(self, code: str) -> str:
        """A language's name in this language, from CLDR ("anglais" in French)."""
        return str(self.locale.languages.get(code) or code)

    def mandate(self, mandate_id: str) -> dict[str, Any]:
        """How a document names a mandate.

        Its official title in this language where the registry gives one; otherwise the
        catalog's own translation followed by the official English title, marked as not
        official (``official`` false: the document says such titles are the organisation's
        translations); failing that, the English title alone, noted as missing.
        """
        mandate = registry().get(mandate_id)
        if mandate is None:
            return {"id": mandate_id, "title": mandate_id, "official": True, "english": ""}
        english = mandate.titles["en"]
        shown = {"id": mandate_id, "official": True, "english": english}
        if self.language in mandate.titles:
            return {**shown, "title": mandate.titles[self.language]}
        translated = self.translator.translated_title(english)
        if translated is None:
            self.translator.note_missing_title(mandate_id)
            return {**shown, "title": english}
        title = self.text(TRANSLATED_TITLE, translation=translated, official=english)
        return {**shown, "title": title, "official": False}

    def _day(self, value: datetime.date) -> str:
        """A full date; French writes the first of the month as an ordinal ("1er juin 2023")."""
        text = str(format_date(value, "long", locale=self.locale))
        if self.language == "fr" and value.day == 1 and text.startswith("1 "):
            return "1er" + text[1:]
        return text

    def date(
        self, value: datetime.date | str | None, *, standalone: bool = False, governed: bool = False
    ) -> str:
        """A full or partial date (YYYY, YYYY-MM, YYYY-MM-DD) in words.

        A month and year take the month's stand-alone form ("ноябрь 2022 г."), capitalised
        when the date stands alone (a heading, a table cell: "Ноябрь 2022 г."). ``governed``:
        the date follows a word that governs its case, such as "Around", so the month takes
        its format form, which Russian, Belarusian and Ukrainian decline ("Около ноября
        2022 г.").
        """
        if value is None:
            return ""
        if isinstance(value, datetime.date):
            return self._day(value)
        parts = value.split("-")
        first, _ = date_span(value)
        if len(parts) == 3:
            return self._day(first)
        if len(parts) == 2 and governed:
            skeleton = self.locale.datetime_skeletons.get("yMMMM")
            if skeleton is not None:
                pattern = str(skeleton.pattern).replace("LLLL", "MMMM")
                return str(format_date(first, pattern, locale=self.locale))
        if len(parts) == 2:
            month = str(format_skeleton("yMMMM", first, locale=self.locale))
            return month[:1].upper() + month[1:] if standalone else month
        return parts[0]

    def country(self, code: str | None) -> str:
        if code is None:
            return ""
        un_name = vocabulary.un_country_names().get(code, {}).get(self.language)
        if un_name is not None:
            return un_name
        alpha2 = vocabulary.country_alpha2()[code]
        return str(self.locale.territories.get(alpha2) or vocabulary.countries()[code])


def clean(value: TextValue) -> str:
    """Case text as a document shows it: unwritable characters out, outer white space trimmed.

    Texts arrive localized (``unsubmit.models.localize``): one language's plain string each.
    """
    return _clean(plain(value)).strip()


def paragraphs(value: TextValue) -> list[str]:
    return _paragraphs(plain(value))


def _text(value: TextValue | None) -> str:
    return clean(value) if value else ""


def _texts(values: Iterable[TextValue]) -> list[str]:
    return [clean(value) for value in values]


def continuing(labels: list[str]) -> list[str]:
    """Labels listed one after the other in a sentence: capitalised only where the list starts
    ("Политический заключенный, лицо с инвалидностью"); an acronym keeps its capitals."""
    return labels[:1] + [
        label[:1].lower() + label[1:] if label[1:2].islower() else label for label in labels[1:]
    ]


def organisation(org: Organisation, fmt: Formatter) -> dict[str, Any]:
    contact = org.contact
    return {
        "name": clean(org.name),
        "acronym": _text(org.acronym),
        "country": fmt.country(org.country),
        "ecosoc_status": org.ecosoc_status or "",
        "contact": {
            "name": _text(contact.name if contact else None),
            "function": _text(contact.function if contact else None),
            "email": _text(contact.email if contact else None),
            "phone": _text(contact.phone if contact else None),
            "address": _text(contact.address if contact else None),
            "website": _text(contact.website if contact else None),
        },
    }


def _victim(victim: Victim, fmt: Formatter) -> dict[str, Any]:
    status = fmt.agreeing(STATUSES, victim.status, victim.sex)
    roles = [fmt.agreeing(ROLES, role, victim.sex) for role in victim.roles]
    return {
        "id": victim.id,
        "name": clean(victim.name),
        "name_original": _text(victim.name_original),
        "aliases": _texts(victim.aliases),
        "sex": fmt.label(SEXES, victim.sex),
        "age": "" if victim.age is None else str(victim.age),
        "date_of_birth": fmt.date(victim.date_of_birth, standalone=True),
        "nationality": fmt.country(victim.nationality),
        "residence": _text(victim.residence),
        "occupation": _text(victim.occupation),
        "roles": continuing(roles),
        "status": status,
        # "who" on page one: "Maria Kalesnikava, political prisoner, imprisoned"
        "described": continuing(["", *roles, status])[1:],
        "date_of_death": fmt.date(victim.date_of_death, standalone=True),
        "year_of_death": _year_only(victim.date_of_death),
        "place_of_death": _text(victim.place_of_death),
        "whereabouts": _text(victim.whereabouts),
        "detention": None if victim.detention is None else _detention(victim.detention, fmt),
        "consent": _consent(victim, fmt),
    }


def _year_only(value: str | None) -> bool:
    """Whether a partial date is a year alone, which a table labels "Year of death"."""
    return value is not None and "-" not in value


def _access(value: str, fmt: Formatter) -> str:
    """Access to a lawyer or the family as a row shows it: nothing when it is not known, since
    "Access to a lawyer: Unknown" tells the reader nothing."""
    return "" if value == "unknown" else fmt.label(ACCESS, value)


def _detention(detention: Detention, fmt: Formatter) -> dict[str, Any]:
    return {
        "arrest_date": fmt.date(detention.arrest_date, standalone=True),
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
            "date": fmt.date(detention.sentence.date, standalone=True),
            "court": _text(detention.sentence.court),
            "term": clean(detention.sentence.term),
        },
        "access_to_lawyer": _access(detention.access_to_lawyer, fmt),
        "family_contact": _access(detention.family_contact, fmt),
        "health": paragraphs(detention.health or ""),
    }


def _consent(victim: Victim, fmt: Formatter) -> dict[str, Any]:
    """The consent record; the name in public reports is what a public version will do
    (:func:`unsubmit.un.public.public_name`), which is "withheld" when consent could not be
    obtained, whatever the case's ``public_name`` says."""
    consent = victim.consent
    missing = consent.not_obtained
    return {
        "given_by": consent.given_by or "",
        "submission": consent.submission,
        "informed_government_letter": consent.informed_government_letter,
        "informed_publication": consent.informed_publication,
        "public_name": fmt.label(PUBLIC_NAMES, public_name(victim)),
        "not_obtained": None
        if missing is None
        else {
            "asked": [fmt.label(CONSENT_ASKED, who) for who in missing.asked],
            "reason": fmt.label(CONSENT_NOT_OBTAINED_REASONS, missing.reason),
            "basis": fmt.label(CONSENT_BASES, missing.basis),
            "details": _text(missing.details),
        },
        "notes": _text(consent.notes),
    }


def _names(ids: list[str], names: dict[str, str]) -> list[str]:
    return [names[i] for i in ids] if ids else []


#: What only the UN may see of a submitter: left out of a public version's context, so that no
#: template (a letterhead of one's own included) can print it.
_PRIVATE_CONTACT = ("name", "function", "email", "phone", "address")


def _withhold(body: dict[str, Any]) -> dict[str, Any]:
    """A public version's context: no submitter contact and no consent record at all.

    The case is made public beforehand (:func:`unsubmit.un.public.public_version`), but these two
    stay in its model, where validation needs them; here they go.
    """
    for org in body["submitters"]:
        org["contact"] = {**org["contact"], **dict.fromkeys(_PRIVATE_CONTACT, "")}
    for victim in body["victims"]:
        victim["consent"] = None
    return body


def communication(case: Communication, fmt: Formatter, *, public: bool = False) -> dict[str, Any]:
    body = _communication(case, fmt)
    return _withhold(body) if public else body


def _communication(case: Communication, fmt: Formatter) -> dict[str, Any]:
    """The letter's context, section by section (each part below gives some of its keys)."""
    return {
        **_particulars(case, fmt),
        **_people(case, fmt),
        **_facts(case, fmt),
        **_remedies(case, fmt),
        **_requests(case, fmt),
        **_references(case, fmt),
    }


def _particulars(case: Communication, fmt: Formatter) -> dict[str, Any]:
    """Page one and the signature: what it is, to whom, from whom, where and when."""
    mandates = [fmt.mandate(m) for m in case.mandates]
    notes = case.confidentiality.notes if case.confidentiality else None
    return {
        "type": case.type,
        "type_label": fmt.label(COMMUNICATION_TYPES, case.type),
        "urgent": case.type == "urgent-appeal",
        "title": clean(case.title),
        "date": fmt.date(case.date),
        "place": _text(case.place),
        "country": fmt.country(case.country),
        "language": fmt.language_name(fmt.language),
        "mandates": mandates,
        "unofficial_titles": not all(m["official"] for m in mandates),
        "submitters": [organisation(org, fmt) for org in case.submitters],
        "confidentiality": paragraphs(notes or ""),
    }


def _people(case: Communication, fmt: Formatter) -> dict[str, Any]:
    """Whom the letter is about (people, or laws and policies) and where they are held."""
    victims = [_victim(victim, fmt) for victim in case.victims]
    held = [v["place_of_death"] or (v["detention"] or {}).get("place", "") for v in victims]
    return {
        "laws_and_policies": [
            {
                "type": fmt.label(LAW_TYPES, law.type),
                "title": clean(law.title),
                "date": fmt.date(law.date, standalone=True),
                "status": _text(law.status),
                "provisions": _texts(law.provisions),
                "paragraphs": paragraphs(law.description),
            }
            for law in case.laws_and_policies
        ],
        "victims": victims,
        # where the alleged victims are held (or died), for page one
        "places": list(dict.fromkeys(place for place in held if place)),
    }


def _facts(case: Communication, fmt: Formatter) -> dict[str, Any]:
    """What happened, by whom, and which rights it violates."""
    names = {victim.id: clean(victim.name) for victim in case.victims}
    incidents = sorted(case.incidents, key=lambda incident: date_span(incident.date)[0])
    violations = vocabulary.violations()
    return {
        "incidents": [
            {
                "date": fmt.date(
                    incident.date,
                    standalone=not incident.approximate,
                    governed=incident.approximate,
                ),
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
                "label": fmt.text(violations[v.code].label),
                "rights": [fmt.text(right) for right in violations[v.code].rights],
                "victims": _names(v.victims, names),
                "details": paragraphs(v.details or ""),
            }
            for v in case.violations
        ],
        # what happened, in a line for page one: "Incommunicado detention; denial of ..."
        "violation_labels": continuing(
            [fmt.text(violations[v.code].label) for v in case.violations]
        ),
    }


def _remedies(case: Communication, fmt: Formatter) -> dict[str, Any]:
    """Steps taken at home and other bodies seized: only what the case reports."""
    return {
        "domestic_steps": [
            {
                "date": fmt.date(step.date, standalone=True),
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
                "date": fmt.date(body.date, standalone=True),
                "status": _text(body.status),
            }
            for body in case.other_bodies
        ],
    }


def _requests(case: Communication, fmt: Formatter) -> dict[str, Any]:
    """The risk (for urgent appeals) and what the mandate holders are asked to do."""
    return {
        "risk": None
        if case.risk is None
        else {
            "ongoing": case.risk.ongoing,
            "imminent": case.risk.imminent,
            "paragraphs": paragraphs(case.risk.description),
        },
        "follows_up": None
        if case.follows_up is None
        else {
            "reference": case.follows_up.reference,
            "date": fmt.date(case.follows_up.date),
            "paragraphs": paragraphs(case.follows_up.changes),
        },
        "action_requested": _texts(case.action_requested),
    }


def _references(case: Communication, fmt: Formatter) -> dict[str, Any]:
    """The sources (those marked confidential are left out of every version) and annexes."""
    return {
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


DIALOGUE_TYPES = {
    "interactive-dialogue": N_("Interactive Dialogue"),
    "general-debate": N_("General Debate"),
}


def council_session(case: OralStatement, fmt: Formatter) -> tuple[str, str]:
    """("HRC53", "Item 3"), as the Council writes them in this language."""
    return (
        fmt.text(N_("HRC%(session)s"), session=case.session),
        fmt.text(N_("Item %(item)s"), item=case.agenda_item),
    )


def oral_statement(case: OralStatement, fmt: Formatter, *, upload: bool = False) -> dict[str, Any]:
    """The statement with its speaking-time estimate and a mark every 30 seconds (none in the
    copy to ``upload`` for the interpreters)."""
    dialogue = case.dialogue
    mandate = fmt.mandate(dialogue.mandate) if dialogue.mandate else None
    kind = fmt.text(DIALOGUE_TYPES[dialogue.type])
    forms = speaking.salutations(fmt.translator.gettext)
    body = [text for p in case.paragraphs if (text := speaking.without_salutation(clean(p), forms))]
    question = _text(case.question)
    salutation = fmt.text(speaking.SALUTATIONS[case.president])
    found = speaking.estimate(case, [salutation, *body, question])
    timed = [
        [{"text": s.text, "mark": "" if upload else s.mark} for s in paragraph]
        for paragraph in speaking.timed([salutation, *body, question], found.rate)
    ]
    return {
        "heading": dash(fmt.language).join(
            (*council_session(case, fmt), kind, clean(dialogue.title))
        ),
        "session": case.session,
        "agenda_item": case.agenda_item,
        "dialogue_type": dialogue.type,
        "dialogue_title": clean(dialogue.title),
        "mandate": mandate["title"] if mandate else "",
        "unofficial_titles": not mandate["official"] if mandate else False,
        "date": fmt.date(case.date),
        "organisation": organisation(case.organisation, fmt),
        "on_behalf_of": [
            organisation(org, fmt) for org in unique([case.organisation, *case.on_behalf_of])[1:]
        ],
        "speaker": {"name": clean(case.speaker.name), "function": _text(case.speaker.function)},
        "president": case.president,
        "salutation": salutation,
        "paragraphs": body,
        "question": question,
        "timed_salutation": timed[0],
        "timed_paragraphs": timed[1 : len(body) + 1],
        "timed_question": timed[-1] if question else [],
        "unit": found.rate.unit,
        "units": found.units,
        "per_minute": found.rate.per_minute,
        "default_rate": found.rate.default,
        "seconds": found.seconds,
        "duration": speaking.clock(found.seconds),
        "limit_seconds": case.time_limit_seconds,
        "limit": speaking.clock(case.time_limit_seconds),
        "fits": found.fits,
        "close": found.close,
        "cut": found.cut,
    }


_STATUS_ORDER = {"general": 0, "special": 1, "roster": 2, None: 3}


def joint_statement(case: JointStatement, fmt: Formatter) -> dict[str, Any]:
    """Signatories as the statement's form lists them (see :mod:`unsubmit.models.joint_statement`).

    A public statement lists everyone who signs, in the order given; an HRC written statement
    lists the lead, then co-sponsors General, Special, Roster, then others, and names its
    supporters in a closing note. Each organisation appears once, where it is first listed (the
    lead before signatories before supporters), whatever the case and spacing of a repeated name
    or acronym.
    """
    listed = unique([case.lead, *case.signatories, *case.supporters])
    signatories = [org for org in listed[1:] if any(org is s for s in case.signatories)]
    supporters = [org for org in listed[1:] if any(org is s for s in case.supporters)]
    if case.form == "hrc-written-statement":
        signatories.sort(key=lambda org: _STATUS_ORDER[org.ecosoc_status])
    else:
        signatories, supporters = signatories + supporters, []
    return {
        "form": case.form,
        "title": clean(case.title),
        "date": fmt.date(case.date),
        "place": _text(case.place),
        "lead": organisation(case.lead, fmt),
        "signatories": [organisation(org, fmt) for org in signatories],
        "supporters": [organisation(org, fmt) for org in supporters],
        "paragraphs": [paragraph for text in case.paragraphs for paragraph in paragraphs(text)],
        "demands": _texts(case.demands),
        "count": len(listed),
    }


def build_context(
    case: CaseModel,
    language: str | None = None,
    translator: Translator | None = None,
    *,
    public: bool = False,
    upload: bool = False,
) -> dict[str, Any]:
    """The whole context for one case in one language (the case's own by default).

    Labels are translated by ``translator`` (a new one for the language when not given), which
    notes what it had to leave in English. ``public`` tells the template to leave out what a
    public version never shows (the case itself is made public beforehand by
    :func:`unsubmit.un.public.public_version`). ``upload`` makes an oral statement the copy
    uploaded for the interpreters: no time marks, no estimate.
    """
    fmt = Formatter(language or case.language, translator)
    case, kept = localized(case, fmt.language)  # texts in several languages: this one's (a
    # build reports where it fell back); everything below sees plain strings only
    if isinstance(case, Communication):
        body = communication(case, fmt, public=public)
    elif isinstance(case, OralStatement):
        body = oral_statement(case, fmt, upload=upload)
    else:
        body = joint_statement(case, fmt)
    return {
        "kind": case.kind,
        "language": fmt.language,
        "public": public,
        "upload": upload,
        "punctuation": punctuation(fmt.language),
        "case": typeset_context(body, fmt.language, kept),
    }


def localized(case: C, language: str) -> tuple[C, list[str]]:
    """The case with its texts in ``language``, and the texts that fell back to another
    language, set in that language's typography (longest first): the document's typography is
    set around them, never on them (:func:`typeset_context`)."""
    kept: set[str] = set()

    def own_typography(text: str, code: str) -> str:
        if code == language or not isinstance(text, InLanguage):
            return text  # in the document's language, or not known to be in another
        shown = typeset(text, code)
        kept.update(piece for piece in (clean(shown), *paragraphs(shown)) if piece)
        return shown

    case, _ = localize(case, language, own_typography)
    return case, sorted(kept, key=len, reverse=True)


#: The values a document never shows as prose: addresses, codes, marks of time.
_NOT_PROSE = frozenset(
    {"id", "code", "url", "email", "phone", "website", "file", "type", "kind", "mark", "unit"}
    | {"ecosoc_status", "dialogue_type", "duration", "limit", "form"}
)


def typeset_context(value: Any, language: str, kept: Sequence[str] = (), key: str = "") -> Any:
    """Every text of a context in ``language``'s typography (:mod:`unsubmit.i18n.typography`),
    addresses and codes left as they are, and the ``kept`` texts (longest first), already set
    in their own language's, left as they are wherever they appear."""
    if isinstance(value, str):
        return value if key in _NOT_PROSE else _around(value, language, kept)
    if isinstance(value, dict):
        return {k: typeset_context(item, language, kept, k) for k, item in value.items()}
    if isinstance(value, list):
        return [typeset_context(item, language, kept, key) for item in value]
    return value


def _around(text: str, language: str, kept: Sequence[str]) -> str:
    """``text`` in ``language``'s typography except where it shows one of the ``kept`` texts
    (or is a part of one: a timed sentence, a paragraph)."""
    if not text or any(text in piece for piece in kept):
        return text
    for piece in kept:
        if piece in text:
            before, _, after = text.partition(piece)
            return _around(before, language, kept) + piece + _around(after, language, kept)
    return typeset(text, language)
