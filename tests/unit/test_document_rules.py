"""What a WGAD petition and a WGEID form need (``unsubmit.check.document_rules``): asked for at the
place to fix it, and only when the case file lists the document."""

from __future__ import annotations

import copy
import datetime
from typing import Any

import pytest

import unsubmit.check.document_rules  # noqa: F401  (registers the rules)
from tests.conftest import sample_case, sample_data
from unsubmit.check.document_rules import urgent_procedure
from unsubmit.check.rules import run_rules
from unsubmit.models import Communication

KALESNIKAVA = sample_data("kalesnikava-urgent-appeal")


def _case(**changes: Any) -> Communication:
    return sample_case("kalesnikava-urgent-appeal", Communication, **changes)


def _errors(case: Communication) -> list[tuple[tuple[str | int, ...], str]]:
    return [(v.path, v.message) for v in run_rules(case) if v.severity == "error"]


def _victim(**changes: Any) -> list[dict[str, Any]]:
    victim = copy.deepcopy(KALESNIKAVA["victims"][0])
    victim.update(changes)
    return [victim]


def test_the_sample_yields_its_three_documents_without_error() -> None:
    assert _errors(_case()) == []


def test_nothing_a_petition_needs_is_asked_for_when_it_is_not_listed() -> None:
    bare = _victim(date_of_birth=None, disappearance=None)
    case = _case(documents=["communication"], wgad=None, victims=bare, no_domestic_steps=None)
    assert _errors(case) == []


def test_a_petition_without_an_argued_category_fails_at_its_documents_entry() -> None:
    (error,) = _errors(_case(documents=["communication", "wgad-petition"], wgad=None))
    assert error[0] == ("documents", 1)
    assert "argues why the deprivation of liberty is arbitrary" in error[1]


def test_an_argument_without_facts_fails_at_the_argument() -> None:
    wgad = {"arguments": [{"category": "III", "argument": "A closed trial."}]}
    assert _errors(_case(wgad=wgad)) == [
        (
            ("wgad", "arguments", 0),
            "category III is argued without the facts it relies on: list the ids of those "
            "incidents under facts",
        )
    ]


def test_an_argument_names_only_incidents_that_exist() -> None:
    wgad = {"arguments": [{"category": "II", "facts": ["arest"], "argument": "Politics."}]}
    ((path, message),) = _errors(_case(wgad=wgad))
    assert path == ("wgad", "arguments", 0, "facts", 0)
    assert message.startswith("no incident has the id 'arest'; did you mean 'arrest'?")


def test_a_petition_identifies_the_person_and_says_what_was_done_at_home() -> None:
    case = _case(victims=_victim(date_of_birth=None, nationality=None), no_domestic_steps=None)
    errors = _errors(case)
    assert [path for path, _ in errors] == [
        ("victims", 0),
        ("victims", 0),
        ("documents", 1),
        ("documents", 2),
    ]
    assert "date of birth or age" in errors[0][1]
    assert "nationality" in errors[1][1]
    assert "add domestic_steps, or no_domestic_steps" in errors[2][1]


def test_a_wgeid_form_needs_the_familys_consent() -> None:
    consent = {**KALESNIKAVA["victims"][0]["consent"], "given_by": "representative"}
    ((path, message),) = _errors(_case(victims=_victim(consent=consent)))
    assert path == ("victims", 0, "consent", "given_by")
    assert "with the family's prior consent" in message


def test_a_wgeid_form_needs_a_disappeared_person() -> None:
    ((path, message),) = _errors(_case(victims=_victim(disappearance=None)))
    assert path == ("documents", 2)
    assert "victims[].disappearance" in message


@pytest.mark.parametrize(
    ("disappeared", "urgent"),
    [("2023-05-20", True), ("2023-03-01", True), ("2023-02-28", False), ("2023-02", False)],
)
def test_the_urgent_procedure_covers_the_three_months_before_the_report(
    disappeared: str, urgent: bool
) -> None:
    assert urgent_procedure(disappeared, datetime.date(2023, 6, 1)) is urgent


def test_incident_ids_are_unique() -> None:
    incidents = copy.deepcopy(KALESNIKAVA["incidents"])
    incidents[1]["id"] = "arrest"
    assert (
        ("incidents", 1, "id"),
        "incident id 'arrest' is already used by incidents[0]: give each incident its own id",
    ) in _errors(_case(incidents=incidents))
