"""Checks no schema can express: the order of dates, consent, urgency, references, status.

Each rule is a function of one case model that yields ``Violation``s (a JSON path, a message,
a severity and a code). Rules run only on files that passed the schema, so they may trust types.
The code (``date-order``, ``consent``...) appears in JSON reports, so tools can filter on it.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from unsubmit.check.schema_errors import suggest
from unsubmit.findings import Severity
from unsubmit.load.invisible import invisible_in_names
from unsubmit.load.source import JsonPath, format_path
from unsubmit.models import CaseModel, Communication, JointStatement, OralStatement, vocabulary
from unsubmit.models.common import LANGUAGES, Organisation
from unsubmit.models.communication import COMMUNICATION_TYPES, Victim
from unsubmit.models.dates import date_span, surely_before
from unsubmit.models.localize import localize, plain
from unsubmit.models.submissions import OHCHR_REFERENCE, OPINION_NUMBER, OPINION_SYMBOL
from unsubmit.models.translatable import Translate
from unsubmit.un import speaking
from unsubmit.un.addresses import (
    OHCHR_ADDRESS,
    UN_DOMAINS,
    AddressError,
    at_the_un,
    check_address,
    mixed_scripts,
)
from unsubmit.un.mandates import registry
from unsubmit.un.public import near_misses, overlaps
from unsubmit.un.routing import missing
from unsubmit.un.signatories import first_listings, mentions, unique

ERROR, WARNING = Severity.ERROR, Severity.WARNING

#: Languages the OHCHR prefers for submissions (ISHR Academy, "Requesting a communication").
SUBMISSION_LANGUAGES = ("en", "fr", "es")


@dataclass(frozen=True)
class RuleViolation:
    path: JsonPath
    message: str
    severity: Severity
    code: str


Rule = Callable[[Any], Iterator[RuleViolation]]
M = TypeVar("M")
_RULES: dict[type[Any], list[Rule]] = {}


def rule(model: type[M]) -> Callable[[Callable[[M], Iterator[RuleViolation]]], Rule]:
    def register(function: Callable[[M], Iterator[RuleViolation]]) -> Rule:
        _RULES.setdefault(model, []).append(function)
        return function

    return register


def run_rules(case: CaseModel) -> list[RuleViolation]:
    """Every rule that applies to the case's kind, in registration order.

    Rules read the case's text in its own language: translations are the translator's, and
    a count or a name is checked where the author wrote it.
    """
    original, _ = localize(case, case.language)
    return [found for check in _RULES.get(type(case), []) for found in check(original)]


# --- communications -------------------------------------------------------------------------


def duplicate_ids(
    field: str, ids: Iterable[str | None], seen: dict[str, int]
) -> Iterator[RuleViolation]:
    """An error for each id of the list ``field`` that an earlier item already has; ``seen``
    gets each id's first index."""
    noun = field.removesuffix("s")
    for index, value in enumerate(ids):
        if value is None:
            continue
        if value in seen:
            yield RuleViolation(
                (field, index, "id"),
                f"{noun} id {value!r} is already used by {field}[{seen[value]}]: "
                f"give each {noun} its own id",
                ERROR,
                "reference",
            )
        seen.setdefault(value, index)


@rule(Communication)
def victim_ids(case: Communication) -> Iterator[RuleViolation]:
    seen: dict[str, int] = {}
    yield from duplicate_ids("victims", (victim.id for victim in case.victims), seen)
    ids = list(seen)
    for field in ("incidents", "violations"):
        for index, item in enumerate(getattr(case, field)):
            for position, ref in enumerate(item.victims):
                if ref not in seen:
                    yield RuleViolation(
                        (field, index, "victims", position),
                        f"no victim has the id {ref!r}{suggest(ref, ids)}",
                        ERROR,
                        "reference",
                    )


@rule(Communication)
def date_order(case: Communication) -> Iterator[RuleViolation]:
    for index, victim in enumerate(case.victims):
        yield from _victim_order(_victim_steps(("victims", index), victim))
    for path, name, value in _events(case):
        if surely_before(case.date, value):
            yield RuleViolation(
                path,
                f"the {name} ({value}) is dated after the submission ({case.date})",
                ERROR,
                "date-order",
            )


def _victim_steps(where: JsonPath, victim: Victim) -> list[tuple[JsonPath, str, str]]:
    """A victim's dates in the order they must come: birth, arrest, sentence, death."""
    steps: list[tuple[JsonPath, str, str]] = []
    if victim.date_of_birth:
        steps.append(((*where, "date_of_birth"), "birth", victim.date_of_birth))
    detention = victim.detention
    if detention and detention.arrest_date:
        steps.append(((*where, "detention", "arrest_date"), "arrest", detention.arrest_date))
    if detention and detention.sentence and detention.sentence.date:
        steps.append(
            ((*where, "detention", "sentence", "date"), "sentence", detention.sentence.date)
        )
    if victim.date_of_death:
        steps.append(((*where, "date_of_death"), "death", victim.date_of_death))
    return steps


def _victim_order(steps: list[tuple[JsonPath, str, str]]) -> Iterator[RuleViolation]:
    for (_, first_name, first), (path, name, value) in itertools.pairwise(steps):
        if surely_before(value, first):
            yield RuleViolation(
                path,
                f"the {name} ({value}) comes before the {first_name} ({first}): "
                f"the order must be {' → '.join(step[1] for step in steps)}",
                ERROR,
                "date-order",
            )


def _events(case: Communication) -> Iterator[tuple[JsonPath, str, str]]:
    """Every dated event a communication tells of, none of which can come after it is sent:
    (path, what it is, its date)."""
    for index, victim in enumerate(case.victims):
        yield from _victim_steps(("victims", index), victim)
    for index, incident in enumerate(case.incidents):
        yield ("incidents", index, "date"), "incident", incident.date
    for index, step in enumerate(case.domestic_steps):
        if step.date:
            yield ("domestic_steps", index, "date"), "step taken at home", step.date
    for index, body in enumerate(case.other_bodies):
        if body.date:
            yield ("other_bodies", index, "date"), "referral to another body", body.date


#: Before the UN was founded: no date of an event a case tells of can be that early.
_EARLIEST_YEAR = 1945


@rule(JointStatement)
@rule(OralStatement)
@rule(Communication)
def unlikely_dates(case: CaseModel) -> Iterator[RuleViolation]:
    """Dates of events in the future or before 1945: most likely a mistyped year (2204 for
    2024). A birth may come before 1945; a statement may be prepared a year ahead; an event
    dated after the submission is already an error of :func:`date_order`."""
    today = datetime.date.today()
    own = "submission" if isinstance(case, Communication) else "statement"
    ahead = today if isinstance(case, Communication) else today + datetime.timedelta(days=366)
    dated: list[tuple[JsonPath, str, str | datetime.date]] = [(("date",), own, case.date)]
    if isinstance(case, Communication):
        out_of_order = {
            found.path
            for index, victim in enumerate(case.victims)
            for found in _victim_order(_victim_steps(("victims", index), victim))
        }
        dated += [
            event
            for event in _events(case)
            if event[0] not in out_of_order and not surely_before(case.date, event[2])
        ]
    for path, name, value in dated:
        first, last = date_span(value)
        if first > ahead:
            yield RuleViolation(
                path,
                f"the {name} ({value}) is dated in the future: check the year",
                WARNING,
                "date",
            )
        elif last.year < _EARLIEST_YEAR and name != "birth":
            yield RuleViolation(
                path,
                f"the {name} ({value}) is dated before {_EARLIEST_YEAR}, before the UN was "
                "founded: check the year",
                WARNING,
                "date",
            )


@rule(Communication)
def victim_status(case: Communication) -> Iterator[RuleViolation]:
    for index, victim in enumerate(case.victims):
        where: JsonPath = ("victims", index)
        if victim.date_of_death and victim.status != "deceased":
            yield RuleViolation(
                (*where, "status"),
                f"a date of death is given but the status is {victim.status!r}: "
                "set status: deceased, or remove date_of_death",
                ERROR,
                "status",
            )
        if victim.status == "deceased" and not victim.date_of_death:
            yield RuleViolation(
                (*where, "status"),
                "the victim is deceased: give date_of_death (a year or month will do)",
                WARNING,
                "status",
            )
        if victim.status in ("detained", "imprisoned") and victim.detention is None:
            yield RuleViolation(
                (*where, "status"),
                f"the victim is {victim.status}: add detention details (arrest, place, "
                "charges, access to a lawyer and family)",
                WARNING,
                "status",
            )
        if victim.age is not None and victim.date_of_birth:
            born = date_span(victim.date_of_birth)
            low, high = (case.date.year - born[1].year - 1), (case.date.year - born[0].year)
            if not low <= victim.age <= high:
                yield RuleViolation(
                    (*where, "age"),
                    f"age {victim.age} does not match the date of birth {victim.date_of_birth}",
                    WARNING,
                    "status",
                )


@rule(Communication)
def consent(case: Communication) -> Iterator[RuleViolation]:
    for index, victim in enumerate(case.victims):
        where: JsonPath = ("victims", index, "consent")
        if victim.consent.not_obtained is None:
            yield from _consent_given(where, victim)
        else:
            yield from _consent_not_obtained(where, victim, case.type)


def _consent_given(where: JsonPath, victim: Victim) -> Iterator[RuleViolation]:
    given = victim.consent
    if not given.submission:
        yield RuleViolation(
            (*where, "submission"),
            f"{victim.name} (or the family) has not consented to this submission: do not send "
            "it; if consent could not be obtained (held incommunicado, a family that cannot "
            "be reached), say who was asked, why and on what basis you act under "
            "consent.not_obtained",
            ERROR,
            "consent",
        )
    elif given.given_by is None:
        yield RuleViolation(
            (*where, "given_by"),
            "consent to the submission is recorded but not who gave it: "
            "set given_by to victim, family or representative",
            ERROR,
            "consent",
        )
    if given.public_name != "withheld" and not given.informed_publication:
        yield RuleViolation(
            (*where, "public_name"),
            f"public_name is {given.public_name!r} but the victim or family has not been "
            "told that a summary will be published: use 'withheld' or inform them first",
            ERROR,
            "consent",
        )
    if not given.informed_government_letter:
        yield RuleViolation(
            (*where, "informed_government_letter"),
            "the victim or family does not know that a letter will go to the government: "
            "tell them before sending",
            WARNING,
            "consent",
        )


def _consent_not_obtained(where: JsonPath, victim: Victim, kind: str) -> Iterator[RuleViolation]:
    """Consent that could not be obtained: nothing may say it was given, and the name stays
    out of public versions (:func:`unsubmit.un.public.public_name`)."""
    given = victim.consent
    assert given.not_obtained is not None
    if given.given_by is not None:
        yield RuleViolation(
            (*where, "given_by"),
            f"consent is recorded as given by the {given.given_by} and as not obtained "
            "(not_obtained): keep the one that is true",
            ERROR,
            "consent",
        )
    if given.submission:
        yield RuleViolation(
            (*where, "submission"),
            "consent to the submission is recorded (submission: true) but also as not "
            "obtained (not_obtained): set submission to false, or remove not_obtained",
            ERROR,
            "consent",
        )
    if given.public_name != "withheld":
        yield RuleViolation(
            (*where, "public_name"),
            f"public_name is {given.public_name!r}, but consent could not be obtained, so "
            "public versions withhold the name: set public_name to withheld",
            WARNING,
            "consent",
        )
    if given.not_obtained.basis == "urgent-interest" and kind != "urgent-appeal":
        yield RuleViolation(
            (*where, "not_obtained", "basis"),
            "acting without consent because the situation is urgent fits an urgent appeal, "
            f"not an {COMMUNICATION_TYPES[kind][0].lower()}: send an urgent appeal, or give the "
            "basis you rely on",
            WARNING,
            "consent",
        )


@rule(Communication)
def public_names(case: Communication) -> Iterator[RuleViolation]:
    for index, name, shown, shared in overlaps(case):
        yield RuleViolation(
            ("victims", index, "name"),
            f"{name!r} may be published in full, but public versions will show it as "
            f"{shown!r}: it shares {', '.join(map(repr, shared))} with a name they must hide "
            "(another victim's, or one under redact)",
            WARNING,
            "consent",
        )


@rule(Communication)
def hidden_name_spellings(case: Communication) -> Iterator[RuleViolation]:
    for path, word, name in near_misses(case):
        yield RuleViolation(
            path,
            f"{word!r} looks like the hidden name {name!r}, but public versions would show it: "
            "if it is the same person, add this spelling to the victim's aliases or list it "
            "under redact",
            WARNING,
            "consent",
        )


@rule(Communication)
def urgency(case: Communication) -> Iterator[RuleViolation]:
    risk = case.risk
    if case.type == "urgent-appeal" and (risk is None or not (risk.ongoing or risk.imminent)):
        yield RuleViolation(
            ("risk",) if risk else ("type",),
            "an urgent appeal needs a risk that is ongoing or imminent: describe it under "
            "risk (ongoing: true or imminent: true), or send an allegation letter",
            ERROR,
            "urgency",
        )
    if case.type == "allegation-letter" and risk is not None and (risk.ongoing or risk.imminent):
        yield RuleViolation(
            ("type",),
            "the risk is ongoing or imminent: consider an urgent appeal instead",
            WARNING,
            "urgency",
        )


@rule(Communication)
def language_and_mandates(case: Communication) -> Iterator[RuleViolation]:
    if case.language not in SUBMISSION_LANGUAGES:
        yield RuleViolation(
            ("language",),
            f"the OHCHR prefers submissions in English, French or Spanish, not "
            f"{case.language!r}: consider a translation",
            WARNING,
            "language",
        )
    for index, mandate in enumerate(case.mandates):
        if mandate in case.mandates[:index]:
            yield RuleViolation(
                ("mandates", index), f"{mandate!r} is listed twice", WARNING, "mandate"
            )
        else:
            yield from _known_mandate(("mandates", index), mandate)


@rule(Communication)
def relevant_mandates(case: Communication) -> Iterator[RuleViolation]:
    """An obvious mandate left out (the country's, or one the case's facts point to twice),
    unless the case declines it on purpose.

    Silent while an id in the list is unknown: a misspelt id is reported, and is most likely
    the mandate this rule would name.
    """
    if not set(case.mandates) <= set(registry()):
        return
    for suggestion in missing(case):
        mandate = suggestion.mandate
        yield RuleViolation(
            ("mandates",),
            f"{mandate.id} ({mandate.title('en')}) is not addressed, yet the case points to it "
            f"({'; '.join(reason.text for reason in suggestion.reasons)}): add it to mandates, "
            "or leave it out on purpose under mandates_declined with the id and a reason "
            "(see unsubmit mandates --suggest)",
            WARNING,
            "mandate",
        )


@rule(Communication)
def declined_mandates(case: Communication) -> Iterator[RuleViolation]:
    """A mandate left out on purpose: known, listed once, and not addressed as well."""
    seen: set[str] = set()
    for index, declined in enumerate(case.mandates_declined):
        where: JsonPath = ("mandates_declined", index, "id")
        if declined.id in case.mandates:
            yield RuleViolation(
                where,
                f"{declined.id!r} is both addressed (under mandates) and declined: remove it "
                "from one of the two lists",
                ERROR,
                "mandate",
            )
        elif declined.id in seen:
            yield RuleViolation(where, f"{declined.id!r} is declined twice", WARNING, "mandate")
        else:
            yield from _known_mandate(where, declined.id)
        seen.add(declined.id)


def _known_mandate(path: JsonPath, mandate: str) -> Iterator[RuleViolation]:
    known = registry()
    if mandate not in known:
        yield RuleViolation(
            path,
            f"no mandate has the id {mandate!r}{suggest(mandate, list(known))} "
            "(unsubmit mandates lists them)",
            ERROR,
            "mandate",
        )


@rule(Communication)
def country_mandates(case: Communication) -> Iterator[RuleViolation]:
    """A country mandate (``country`` in ``data/mandates.json``) addressed about another country:
    a mistaken ``country`` or a mandate copied from another case, either way a wrong letter."""
    known, names = registry(), vocabulary.countries()
    for index, mandate_id in enumerate(case.mandates):
        mandate = known.get(mandate_id)
        if mandate is None or mandate.country is None or mandate.country == case.country:
            continue
        own = [m.id for m in known.values() if m.country == case.country]
        instead = f"address {' or '.join(own)} instead" if own else f"remove {mandate_id}"
        yield RuleViolation(
            ("mandates", index),
            f"{mandate_id} is the mandate on {names[mandate.country]} ({mandate.country}), but "
            f"the case's country is {names[case.country]} ({case.country}): correct country, "
            f"or {instead}",
            ERROR,
            "mandate",
        )


# --- oral statements ------------------------------------------------------------------------


@rule(Communication)
def email_addresses(case: Communication) -> Iterator[RuleViolation]:
    """The addresses ``build --email`` writes into the draft: each one valid address; the
    recipient at the UN, or named in a warning (see :mod:`unsubmit.un.addresses`)."""
    for index, submitter in enumerate(case.submitters):
        try:
            check_address(submitter.contact.email)
        except AddressError as exc:
            yield RuleViolation(
                ("submitters", index, "contact", "email"),
                f"{submitter.contact.email!r} is not one valid e-mail address ({exc}): give "
                "the one address where the UN should answer, such as advocacy@example.org",
                ERROR,
                "email",
            )
    if case.send_to is None:
        return
    try:
        recipient = check_address(case.send_to)
    except AddressError as exc:
        yield RuleViolation(
            ("send_to",),
            f"{case.send_to!r} is not one valid e-mail address ({exc}): give exactly one "
            f"address, or leave send_to out to write to {OHCHR_ADDRESS}",
            ERROR,
            "email",
        )
        return
    mixed = mixed_scripts(recipient)
    if mixed:
        yield RuleViolation(
            ("send_to",),
            f"{case.send_to!r} looks like another address: {'; '.join(mixed)}, so the letter "
            "would go to a different domain than it seems to: type the address again in one "
            "script",
            ERROR,
            "email",
        )
    elif not at_the_un(recipient):
        yield RuleViolation(
            ("send_to",),
            f"the confidential letter would be sent to {recipient.normalized}, which is not an "
            f"address of the UN ({', '.join(UN_DOMAINS)}): check that a mandate told you to "
            f"write there, or leave send_to out to write to {OHCHR_ADDRESS}",
            WARNING,
            "email",
        )


@rule(OralStatement)
def dialogue_mandate(case: OralStatement) -> Iterator[RuleViolation]:
    if case.dialogue.mandate is not None:
        yield from _known_mandate(("dialogue", "mandate"), case.dialogue.mandate)


@rule(OralStatement)
def speaking_time(case: OralStatement) -> Iterator[RuleViolation]:
    """The statement must fit its time limit at the pace of its language (or its own)."""
    found = speaking.estimate(case, speaking.spoken(case, _gettext(case.language)))
    rate, unit = found.rate, found.rate.unit
    pace = f"{found.units} {unit} at {rate.per_minute} {unit} per minute"
    if rate.default:
        pace += (
            f", the default rate: no sourced rate for {LANGUAGES[case.language]}; set "
            "words_per_minute after timing a rehearsal"
        )
    limit = speaking.clock(case.time_limit_seconds)
    if not found.fits:
        yield RuleViolation(
            ("paragraphs",),
            f"the statement takes about {speaking.clock(found.seconds)} ({pace}), over its "
            f"time limit of {limit}: cut about {found.cut} {unit}",
            ERROR,
            "speaking-time",
        )
    elif found.close:
        share = round(100 * found.seconds / case.time_limit_seconds)
        yield RuleViolation(
            ("paragraphs",),
            f"the statement takes about {speaking.clock(found.seconds)} ({pace}), {share}% "
            f"of its time limit of {limit}: leave a margin for the floor's pace",
            WARNING,
            "speaking-time",
        )
    yield from _too_fast(case, rate)
    other = "characters_per_minute" if unit == "words" else "words_per_minute"
    if getattr(case, other) is not None:
        own = "words_per_minute" if unit == "words" else "characters_per_minute"
        yield RuleViolation(
            (other,),
            f"a statement in {LANGUAGES[case.language]} is timed in {unit}: {other} is not "
            f"used; set {own} instead",
            WARNING,
            "speaking-time",
        )


def _gettext(language: str) -> Translate:
    """The catalog of ``language`` (imported here: validating needs it only for statements)."""
    from unsubmit.i18n.translations import Translator

    return Translator(language).gettext


@rule(OralStatement)
def salutation(case: OralStatement) -> Iterator[RuleViolation]:
    """A paragraph that opens with the salutation the document prints before the text."""
    forms = speaking.salutations(_gettext(case.language))
    for index, text in enumerate(case.paragraphs):
        found = speaking.opening_salutation(plain(text), forms)
        if found:
            yield RuleViolation(
                ("paragraphs", index),
                f"the paragraph opens with {found!r}, which the document already prints "
                "before the statement: it is printed and timed once; remove it from the "
                "paragraph",
                WARNING,
                "salutation",
            )


def _too_fast(case: OralStatement, rate: speaking.Rate) -> Iterator[RuleViolation]:
    """A pace of the statement's own that is faster than its language is timed at."""
    language_rate = speaking.language_rate(case.language)
    if rate.source != "statement" or rate.per_minute <= language_rate.per_minute:
        return
    unit = rate.unit
    asked = ""
    if unit == "words":
        asked = (
            f"; UN Geneva asks speakers for no more than "
            f"{speaking.interpretable_words_per_minute()} words per minute"
        )
    yield RuleViolation(
        ("words_per_minute" if unit == "words" else "characters_per_minute",),
        f"{rate.per_minute} {unit} per minute is faster than the {language_rate.per_minute} "
        f"that statements in {LANGUAGES[case.language]} are timed at, and interpreters may "
        f"not follow{asked}: shorten the statement rather than speed up",
        WARNING,
        "speaking-time",
    )


# --- joint statements -----------------------------------------------------------------------


def _listed_twice(
    listed: list[tuple[JsonPath, Organisation]],
) -> Iterator[RuleViolation]:
    names = [org for _, org in listed]
    for index, org, earlier in first_listings(names):
        if earlier is not None:
            first_path, first = listed[earlier]
            same = "" if first.name == org.name else f" as {first.name!r}"
            yield RuleViolation(
                (*listed[index][0], "name"),
                f"{org.name!r} is already listed at {format_path(first_path)}{same}: list it once",
                WARNING,
                "duplicate",
            )


def _counts(texts: Iterable[tuple[JsonPath, str]], total: int, who: str) -> Iterator[RuleViolation]:
    """A count of organisations in the text that is not ``total``: an error if it is surely
    about the signatories ("on behalf of 24 organisations"), else a warning."""
    for path, text in texts:
        for mention in mentions(text):
            if mention.number == total:
                continue
            if mention.cued:
                yield RuleViolation(
                    path,
                    f"the text says {mention.text!r} but the statement lists {total} ({who}): "
                    f"write {total}",
                    ERROR,
                    "count",
                )
            else:
                yield RuleViolation(
                    path,
                    f"the text says {mention.text!r} but the statement lists {total} ({who}): "
                    f"if this counts the organisations behind the statement, write {total}",
                    WARNING,
                    "count",
                )


def _joint_listing(case: JointStatement) -> list[tuple[JsonPath, Organisation]]:
    return [
        (("lead",), case.lead),
        *((("signatories", i), org) for i, org in enumerate(case.signatories)),
        *((("supporters", i), org) for i, org in enumerate(case.supporters)),
    ]


@rule(JointStatement)
def signatories(case: JointStatement) -> Iterator[RuleViolation]:
    """Each organisation once (the same name or acronym, whatever the case and spacing)."""
    yield from _listed_twice(_joint_listing(case))
    if case.form != "hrc-written-statement":
        return  # a public statement lists supporters with the signatories
    for index, organisation in enumerate(case.supporters):
        if organisation.ecosoc_status is not None:
            yield RuleViolation(
                ("supporters", index, "ecosoc_status"),
                f"{plain(organisation.name)!r} has ECOSOC status: list it under signatories",
                WARNING,
                "ecosoc",
            )


#: The languages of written statements to the Council (ISHR Academy; OHCHR NGO guidelines).
WRITTEN_STATEMENT_LANGUAGES = ("en", "fr", "es")


@rule(JointStatement)
def written_statement(case: JointStatement) -> Iterator[RuleViolation]:
    """A joint written statement to the Council is submitted by an NGO with ECOSOC status,
    co-sponsored by others with status, in English, French or Spanish."""
    if case.form != "hrc-written-statement":
        return
    if case.lead.ecosoc_status is None:
        yield RuleViolation(
            ("lead", "ecosoc_status"),
            "only an NGO in ECOSOC consultative status can submit a written statement to the "
            "Human Rights Council: give the lead's status, or lead with an organisation that "
            "has it",
            ERROR,
            "ecosoc",
        )
    for index, organisation in enumerate(case.signatories):
        if organisation.ecosoc_status is None:
            yield RuleViolation(
                ("signatories", index),
                f"{plain(organisation.name)!r} has no ECOSOC status, so it cannot co-sponsor "
                "an HRC written statement: list it under supporters, which the closing note "
                "names",
                WARNING,
                "ecosoc",
            )
    if case.language not in WRITTEN_STATEMENT_LANGUAGES:
        yield RuleViolation(
            ("language",),
            f"written statements to the Human Rights Council are submitted in English, French "
            f"or Spanish, not {LANGUAGES[case.language]}",
            WARNING,
            "language",
        )


@rule(JointStatement)
def organisation_count(case: JointStatement) -> Iterator[RuleViolation]:
    """A count in the text ("on behalf of 24 organisations") must match the list."""
    total = len(unique(org for _, org in _joint_listing(case)))
    texts: list[tuple[JsonPath, str]] = [(("title",), plain(case.title))]
    for field in ("paragraphs", "demands"):
        texts.extend(((field, i), plain(text)) for i, text in enumerate(getattr(case, field)))
    yield from _counts(texts, total, "the lead, signatories and supporters, each once")


@rule(OralStatement)
def on_behalf_of(case: OralStatement) -> Iterator[RuleViolation]:
    """The organisations behind an oral statement, once each; a count in the text matches.

    The count is of every organisation the statement speaks for: the speaking organisation
    and those it speaks on behalf of ("on behalf of 3 organisations" = itself and two more).
    """
    listed: list[tuple[JsonPath, Organisation]] = [(("organisation",), case.organisation)]
    listed.extend((("on_behalf_of", i), org) for i, org in enumerate(case.on_behalf_of))
    yield from _listed_twice(listed)
    total = len(unique(org for _, org in listed))
    texts: list[tuple[JsonPath, str]] = [
        (("paragraphs", i), plain(t)) for i, t in enumerate(case.paragraphs)
    ]
    if case.question:
        texts.append((("question",), plain(case.question)))
    yield from _counts(texts, total, "the speaking organisation and on_behalf_of, each once")


# --- every kind -----------------------------------------------------------------------------


@rule(JointStatement)
@rule(OralStatement)
@rule(Communication)
def invisible_characters(
    case: CaseModel,
) -> Iterator[RuleViolation]:
    """Bidirectional controls and zero-width characters can disguise a name (see invisible)."""
    for path, message in invisible_in_names(case.model_dump()):
        yield RuleViolation(path, message, WARNING, "invisible")


# --- the history of what was sent -----------------------------------------------------------


@rule(Communication)
def submission_history(case: Communication) -> Iterator[RuleViolation]:
    """What came of a submission comes after it; a reference and an Opinion agree with the
    case and with themselves."""
    for index, sent in enumerate(case.submissions):
        where: JsonPath = ("submissions", index)
        opinion = sent.wgad_opinion
        later = [
            (("reply", "date"), "the reply", sent.reply.date if sent.reply else None),
            (("published",), "the publication", sent.published),
            (("wgad_opinion", "date"), "the Opinion", opinion.date if opinion else None),
        ]
        # This file's own letter (a follow-up's history records the letters it follows up).
        own = sent.document == "communication" and case.type != "follow-up"
        if own and sent.sent < case.date:
            yield RuleViolation(
                (*where, "sent"),
                f"the communication is dated {case.date} and was sent before, on {sent.sent}: "
                "check both dates",
                ERROR,
                "date-order",
            )
        for path, what, day in later:
            if day is not None and day < sent.sent:
                yield RuleViolation(
                    (*where, *path),
                    f"{what} ({day}) comes before the submission was sent ({sent.sent}): "
                    "check both dates",
                    ERROR,
                    "date-order",
                )
        match = OHCHR_REFERENCE.match(sent.reference or "")
        if match is not None and match[2] != case.country:
            yield RuleViolation(
                (*where, "reference"),
                f"the reference {sent.reference!r} names {match[2]}, and the case is about "
                f"{case.country}: check the reference",
                WARNING,
                "reference",
            )
        if opinion is not None and opinion.symbol is not None:
            number = OPINION_NUMBER.match(opinion.number)
            symbol = OPINION_SYMBOL.match(opinion.symbol)
            if number and symbol and (int(number[1]), number[2]) != (int(symbol[2]), symbol[1]):
                yield RuleViolation(
                    (*where, "wgad_opinion", "symbol"),
                    f"Opinion No. {opinion.number} has the symbol "
                    f"A/HRC/WGAD/{number[2]}/{int(number[1])}, not {opinion.symbol}",
                    ERROR,
                    "reference",
                )


@rule(Communication)
def follow_up_reference(case: Communication) -> Iterator[RuleViolation]:
    """A follow-up cites a communication the case's history records, so that the reference
    in the letter is one the OHCHR gave."""
    if case.follows_up is None:
        return
    known = [sent.reference for sent in case.submissions if sent.reference]
    if case.follows_up.reference not in known:
        listed = f": the history records {', '.join(known)}" if known else ""
        yield RuleViolation(
            ("follows_up", "reference"),
            f"no submission of this case has the reference {case.follows_up.reference!r}"
            f"{listed}; record the communication it follows up under submissions",
            ERROR,
            "reference",
        )
    if case.type != "follow-up":
        yield RuleViolation(
            ("follows_up",),
            f"follows_up is for a follow-up, and this is a {case.type}: make its type "
            "follow-up, or leave follows_up out",
            WARNING,
            "reference",
        )
