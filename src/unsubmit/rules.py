"""Checks no schema can express: the order of dates, consent, urgency, references, status.

Each rule is a function of one case model that yields ``Violation``s (a JSON path, a message,
a severity and a code). Rules run only on files that passed the schema, so they may trust types.
The code (``date-order``, ``consent``...) appears in JSON reports, so tools can filter on it.
"""

from __future__ import annotations

import datetime
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from unsubmit.findings import Severity
from unsubmit.invisible import invisible_in_names
from unsubmit.mandates import registry
from unsubmit.models import Communication, JointStatement, OralStatement
from unsubmit.models.communication import Victim
from unsubmit.schema_errors import suggest
from unsubmit.source import JsonPath, format_path

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


def run_rules(case: Communication | OralStatement | JointStatement) -> list[RuleViolation]:
    """Every rule that applies to the case's kind, in registration order."""
    return [found for check in _RULES.get(type(case), []) for found in check(case)]


def date_span(value: str | datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last day a possibly partial date (YYYY, YYYY-MM, YYYY-MM-DD) can mean."""
    if isinstance(value, datetime.date):
        return value, value
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        day = datetime.date(*parts)
        return day, day
    if len(parts) == 2:
        first = datetime.date(parts[0], parts[1], 1)
        after = datetime.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return first, after - datetime.timedelta(days=1)
    return datetime.date(parts[0], 1, 1), datetime.date(parts[0], 12, 31)


def surely_before(later: str | datetime.date, earlier: str | datetime.date) -> bool:
    """True when ``later`` certainly comes before ``earlier``: their order is wrong."""
    return date_span(later)[1] < date_span(earlier)[0]


# --- communications -------------------------------------------------------------------------


@rule(Communication)
def victim_ids(case: Communication) -> Iterator[RuleViolation]:
    seen: dict[str, int] = {}
    for index, victim in enumerate(case.victims):
        if victim.id in seen:
            yield RuleViolation(
                ("victims", index, "id"),
                f"victim id {victim.id!r} is already used by victims[{seen[victim.id]}]: "
                "give each victim its own id",
                ERROR,
                "reference",
            )
        seen.setdefault(victim.id, index)
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
        yield from _victim_dates(("victims", index), victim, case.date)
    for index, incident in enumerate(case.incidents):
        if surely_before(case.date, incident.date):
            yield RuleViolation(
                ("incidents", index, "date"),
                f"the incident ({incident.date}) is dated after the submission ({case.date})",
                ERROR,
                "date-order",
            )


def _victim_dates(
    where: JsonPath, victim: Victim, submitted: datetime.date
) -> Iterator[RuleViolation]:
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
    for (_, first_name, first), (path, name, value) in itertools.pairwise(steps):
        if surely_before(value, first):
            yield RuleViolation(
                path,
                f"the {name} ({value}) comes before the {first_name} ({first}): "
                f"the order must be {' → '.join(step[1] for step in steps)}",
                ERROR,
                "date-order",
            )
    for path, name, value in steps:
        if surely_before(submitted, value):
            yield RuleViolation(
                path,
                f"the {name} ({value}) is dated after the submission ({submitted})",
                ERROR,
                "date-order",
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
        where: JsonPath = ("victims", index)
        given = victim.consent
        if not given.submission:
            yield RuleViolation(
                (*where, "consent", "submission"),
                f"{victim.name} (or the family) has not consented to this submission: "
                "do not send it",
                ERROR,
                "consent",
            )
        if given.given_by is None and given.submission:
            yield RuleViolation(
                (*where, "consent", "given_by"),
                "consent to the submission is recorded but not who gave it: "
                "set given_by to victim, family or representative",
                ERROR,
                "consent",
            )
        if given.public_name != "withheld" and not given.informed_publication:
            yield RuleViolation(
                (*where, "consent", "public_name"),
                f"public_name is {given.public_name!r} but the victim or family has not been "
                "told that a summary will be published: use 'withheld' or inform them first",
                ERROR,
                "consent",
            )
        if not given.informed_government_letter:
            yield RuleViolation(
                (*where, "consent", "informed_government_letter"),
                "the victim or family does not know that a letter will go to the government: "
                "tell them before sending",
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


# --- oral statements ------------------------------------------------------------------------


@rule(OralStatement)
def dialogue_mandate(case: OralStatement) -> Iterator[RuleViolation]:
    if case.dialogue.mandate is not None:
        yield from _known_mandate(("dialogue", "mandate"), case.dialogue.mandate)


# --- joint statements -----------------------------------------------------------------------


@rule(JointStatement)
def signatories(case: JointStatement) -> Iterator[RuleViolation]:
    seen: dict[str, JsonPath] = {case.lead.name.casefold(): ("lead",)}
    for field in ("signatories", "supporters"):
        for index, organisation in enumerate(getattr(case, field)):
            key = organisation.name.casefold()
            if key in seen:
                first = format_path(seen[key])
                yield RuleViolation(
                    (field, index, "name"),
                    f"{organisation.name!r} is already listed at {first}: list it once",
                    WARNING,
                    "duplicate",
                )
            seen.setdefault(key, (field, index))
    for index, organisation in enumerate(case.supporters):
        if organisation.ecosoc_status is not None:
            yield RuleViolation(
                ("supporters", index, "ecosoc_status"),
                f"{organisation.name!r} has ECOSOC status: list it under signatories",
                WARNING,
                "ecosoc",
            )


_COUNT = re.compile(r"\b(\d+)\s+(?:organi[sz]ations|NGOs)\b", re.IGNORECASE)


@rule(JointStatement)
def organisation_count(case: JointStatement) -> Iterator[RuleViolation]:
    """A count in the text ("on behalf of 24 organisations") must match the list."""
    total = 1 + len(case.signatories) + len(case.supporters)
    for field in ("paragraphs", "demands"):
        for index, text in enumerate(getattr(case, field)):
            for match in _COUNT.finditer(text):
                if int(match.group(1)) != total:
                    yield RuleViolation(
                        (field, index),
                        f"the text says {match.group(0)!r} but the statement lists {total} "
                        "(the lead, signatories and supporters): correct the number",
                        ERROR,
                        "count",
                    )


# --- every kind -----------------------------------------------------------------------------


@rule(JointStatement)
@rule(OralStatement)
@rule(Communication)
def invisible_characters(
    case: Communication | OralStatement | JointStatement,
) -> Iterator[RuleViolation]:
    """Bidirectional controls and zero-width characters can disguise a name (see invisible)."""
    for path, message in invisible_in_names(case.model_dump()):
        yield RuleViolation(path, message, WARNING, "invisible")
