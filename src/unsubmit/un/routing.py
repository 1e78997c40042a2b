"""Which mandates a communication should address, and why (``unsubmit mandates --suggest``).

A mandate is suggested for a reason a reader can check: the country concerned (its country
mandate), a violation the case alleges (the mandate's ``violations`` in ``data/mandates.json``),
a victim's role (the mandate's ``roles``), or a victim's situation read from the case (died in
custody, deprived of liberty...; ``data/routing.json``). A suggestion is *obvious* when leaving
the mandate out is most likely an oversight: it is the country mandate, a violation alleged is at
the core of the mandate, or reasons of two different kinds (violation, role, situation) lead to
it. Validation warns only about obvious mandates that the case does not address and does not
decline (``mandates_declined``, each with the reason the submitter leaves it out).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from unsubmit.models import Communication, vocabulary
from unsubmit.models.communication import ROLES, Victim
from unsubmit.models.localize import plain
from unsubmit.resources import read_data
from unsubmit.un.mandates import Mandate, registry
from unsubmit.un.working_groups import DOCUMENT_OF, working_groups

if TYPE_CHECKING:
    pass

#: Kinds of reason, in the order suggestions list them.
COUNTRY, VIOLATION, ROLE, SITUATION = "country", "violation", "role", "situation"


@dataclass(frozen=True)
class Reason:
    """Why a mandate is suggested: its kind and a sentence a reviewer can check in the case."""

    kind: str
    text: str
    core: bool = False


@dataclass
class Suggestion:
    """A mandate the case may address, every reason for it, and whether the case does."""

    mandate: Mandate
    addressed: bool
    reasons: list[Reason] = field(default_factory=list)
    #: Why the case leaves the mandate out on purpose (its ``mandates_declined``), if it does.
    declined: str | None = None
    #: For a Working Group that takes a document of its own (a WGAD petition, a WGEID form):
    #: when it fits beside the communication, and how to build it from the same file.
    petition: str | None = None

    @property
    def obvious(self) -> bool:
        """The country mandate, a core violation, or reasons of two kinds."""
        kinds = {reason.kind for reason in self.reasons}
        return COUNTRY in kinds or any(r.core for r in self.reasons) or len(kinds) >= 2

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.mandate.id,
            "title": self.mandate.title("en"),
            "type": self.mandate.type,
            "reasons": [reason.text for reason in self.reasons],
            "addressed": self.addressed,
            "declined": self.declined,
            "obvious": self.obvious,
            "cases_only_from": self.mandate.cases_only_from,
            "petition": self.petition,
        }


def _in_custody(victim: Victim, alleged: set[str]) -> bool:
    return victim.detention is not None or "death-in-custody" in alleged


def _dead(victim: Victim) -> bool:
    return victim.status == "deceased" or victim.date_of_death is not None


#: Each situation of ``data/routing.json``: does it apply to this victim (given the codes of
#: the violations alleged about them)?
SITUATIONS: dict[str, Callable[[Victim, set[str]], bool]] = {
    "died-in-custody": lambda v, alleged: _dead(v) and _in_custody(v, alleged),
    "died": lambda v, alleged: _dead(v) and not _in_custody(v, alleged),
    "deprived-of-liberty": lambda v, _: v.status in ("detained", "imprisoned"),
    "disappeared": lambda v, _: v.status == "disappeared",
    "health-in-detention": lambda v, _: v.detention is not None and bool(v.detention.health),
}


@cache
def _rules() -> dict[str, Any]:
    data: dict[str, Any] = read_data("routing.json")
    return data


def core_violations(mandate_id: str) -> tuple[str, ...]:
    return tuple(_rules()["core_violations"].get(mandate_id, ()))


def _alleged_about(case: Communication, victim: Victim) -> set[str]:
    """Codes of the violations alleged about ``victim`` (those naming no victim concern all)."""
    return {v.code for v in case.violations if not v.victims or victim.id in v.victims}


def suggest(case: Communication) -> list[Suggestion]:
    """Every mandate the case gives a reason for, the country mandate first, then by weight;
    then the mandates the case addresses for no reason found in it, so a reviewer sees them.

    ``case`` is localized (:func:`unsubmit.models.localize.localize`) to its own language.
    """
    mandates = registry()
    found: dict[str, Suggestion] = {}
    for mandate_id, reason in _reasons(case, mandates):
        suggestion = found.get(mandate_id)
        if suggestion is None:
            suggestion = Suggestion(mandates[mandate_id], mandate_id in case.mandates)
            found[mandate_id] = suggestion
        if reason not in suggestion.reasons:
            suggestion.reasons.append(reason)
    for mandate_id in case.mandates:
        if mandate_id in mandates and mandate_id not in found:
            found[mandate_id] = Suggestion(mandates[mandate_id], addressed=True)
    for declined in case.mandates_declined:
        if declined.id in found:
            found[declined.id].declined = plain(declined.reason)
    for mandate_id, group in working_groups().items():
        if mandate_id in found:
            document = DOCUMENT_OF[mandate_id]
            found[mandate_id].petition = (
                f"the file lists {document}: unsubmit build --as {document} builds it"
                if document in case.documents
                else group.routing
            )
    order = list(mandates)
    return sorted(
        found.values(),
        key=lambda s: (
            s.mandate.type != "country",
            not s.obvious,
            -len(s.reasons),
            order.index(s.mandate.id),
        ),
    )


def _reasons(case: Communication, mandates: Mapping[str, Mandate]) -> Iterator[tuple[str, Reason]]:
    """Each mandate the case gives a reason for, with the reason: the country, then the
    violations, then each victim's roles and situations."""
    country = vocabulary.countries()[case.country]
    for mandate in mandates.values():
        if mandate.type == "country" and mandate.country == case.country:
            yield mandate.id, Reason(COUNTRY, f"country concerned: {country} ({case.country})")
    labels = vocabulary.violations()
    for code in dict.fromkeys(v.code for v in case.violations):
        for mandate in mandates.values():
            if code in mandate.violations:
                text = f"violation alleged: {labels[code].label} ({code})"
                yield mandate.id, Reason(VIOLATION, text, code in core_violations(mandate.id))
    for victim in case.victims:
        yield from _role_reasons(victim, mandates)
        yield from _situation_reasons(victim, _alleged_about(case, victim))


def _role_reasons(victim: Victim, mandates: Mapping[str, Mandate]) -> Iterator[tuple[str, Reason]]:
    for role in victim.roles:
        for mandate in mandates.values():
            if role in mandate.roles:
                yield mandate.id, Reason(ROLE, f"role of {victim.name}: {ROLES[role][0]} ({role})")


def _situation_reasons(victim: Victim, alleged: set[str]) -> Iterator[tuple[str, Reason]]:
    situations = _rules()["situations"]
    for situation, applies in SITUATIONS.items():
        if applies(victim, alleged):
            text = f"{victim.name}: {situations[situation]['label']}"
            for mandate_id in situations[situation]["mandates"]:
                yield mandate_id, Reason(SITUATION, text)


def missing(case: Communication) -> list[Suggestion]:
    """The obvious suggestions the case neither addresses nor declines: what validation warns
    about."""
    return [s for s in suggest(case) if s.obvious and not s.addressed and s.declined is None]
