"""Mandate suggestions (``unsubmit.un.routing``): each for a reason a reviewer can check.

A death in custody in Belarus points to the country mandate, executions, torture, health and
arbitrary detention; roles point to their mandates; validation warns only when an obvious
mandate (the country's, a core violation's, or one with reasons of two kinds) is left out.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from tests.conftest import sample_case, sample_data
from unsubmit.check.rules import run_rules
from unsubmit.models import Communication
from unsubmit.resources import read_data
from unsubmit.un.mandates import registry
from unsubmit.un.routing import SITUATIONS, suggest

KLIMOVICH = sample_data("klimovich-allegation-letter")


def _case(**changes: Any) -> Communication:
    return sample_case("klimovich-allegation-letter", Communication, **changes)


def _by_id(case: Communication) -> dict[str, list[str]]:
    return {s.mandate.id: [r.text for r in s.reasons] for s in suggest(case)}


def _warnings(case: Communication) -> list[str]:
    return [v.message for v in run_rules(case) if v.path == ("mandates",)]


def test_a_death_in_custody_in_belarus_points_to_the_five_mandates() -> None:
    case = _case(mandates=["sr-belarus"], violations=[{"code": "death-in-custody"}])
    found = _by_id(case)
    assert next(iter(found)) == "sr-belarus"
    assert found["sr-belarus"] == ["country concerned: Belarus (BLR)"]
    assert {"sr-executions", "sr-torture", "sr-health", "wgad"} <= set(found)
    assert found["sr-torture"] == ["Mikalai Klimovich: died in custody"]
    assert found["sr-executions"] == [
        "violation alleged: Death in custody (death-in-custody)",
        "Mikalai Klimovich: died in custody",
    ]
    assert "role of Mikalai Klimovich: Political prisoner (political-prisoner)" in found["wgad"]


def test_each_suggestion_says_whether_the_case_addresses_it() -> None:
    suggestions = {s.mandate.id: s for s in suggest(_case())}
    assert suggestions["sr-executions"].addressed
    assert not suggestions["sr-torture"].addressed
    wgad = suggestions["wgad"].as_json()
    assert wgad["cases_only_from"].startswith(
        "the persons concerned, their families, their representatives or NGOs"
    )
    assert "add wgad-petition to documents" in wgad["petition"]
    assert set(wgad) >= {"id", "title", "type", "reasons", "addressed"}


@pytest.mark.parametrize(
    ("role", "mandate"),
    [
        ("lawyer", "sr-judges-lawyers"),
        ("human-rights-defender", "sr-defenders"),
        ("journalist", "sr-expression"),
    ],
)
def test_a_role_points_to_its_mandate(role: str, mandate: str) -> None:
    victims = copy.deepcopy(KLIMOVICH["victims"])
    victims[0]["roles"] = [role]
    found = _by_id(_case(victims=victims))
    assert f"({role})" in found[mandate][-1]


def test_a_status_points_to_the_working_groups() -> None:
    victims = copy.deepcopy(KLIMOVICH["victims"])
    victims[0].update(status="disappeared", roles=[])
    del victims[0]["date_of_death"]
    found = _by_id(_case(victims=victims))
    assert found["wgeid"] == ["Mikalai Klimovich: disappeared"]
    victims[0]["status"] = "imprisoned"
    assert "Mikalai Klimovich: deprived of liberty" in _by_id(_case(victims=victims))["wgad"]


def test_a_mandate_addressed_for_no_reason_is_listed_last() -> None:
    suggestions = suggest(_case(mandates=["sr-belarus", "sr-religion"]))
    assert suggestions[-1].mandate.id == "sr-religion" and suggestions[-1].reasons == []


def test_validation_warns_about_the_country_mandate_left_out() -> None:
    case = _case(mandates=[m for m in KLIMOVICH["mandates"] if m != "sr-belarus"])
    [warning] = _warnings(case)
    assert warning.startswith(
        "sr-belarus (Special Rapporteur on the situation of human rights in Belarus) is not "
        "addressed, yet the case points to it (country concerned: Belarus (BLR))"
    )


def test_validation_warns_about_a_core_violation_left_out() -> None:
    case = _case(mandates=[m for m in KLIMOVICH["mandates"] if m != "sr-executions"])
    [warning] = _warnings(case)
    assert warning.startswith("sr-executions (")


def test_two_kinds_of_reason_make_a_mandate_obvious_one_does_not() -> None:
    without = [m for m in KLIMOVICH["mandates"] if m != "sr-disabilities"]
    violations = [v for v in KLIMOVICH["violations"] if v["code"] != "disability-rights"]
    # the role alone (one kind of reason): suggested, no warning
    assert _warnings(_case(mandates=without, violations=violations)) == []
    # with disability-rights alleged as well (a core violation and a role): warned
    [warning] = _warnings(_case(mandates=without))
    assert "role of Mikalai Klimovich: Person with a disability" in warning
    # torture rests on one situation only (died in custody): suggested, never warned
    assert "sr-torture" in _by_id(_case()) and _warnings(_case()) == []


def test_no_warning_while_a_listed_mandate_id_is_unknown() -> None:
    case = _case(mandates=["sr-belarus", "sr-execution"])
    assert _warnings(case) == []


def test_the_situations_in_the_data_are_the_ones_the_code_reads() -> None:
    data = read_data("routing.json")
    assert set(data["situations"]) == set(SITUATIONS)
    known = registry()
    for situation in data["situations"].values():
        assert set(situation["mandates"]) <= set(known)
    for mandate_id, codes in data["core_violations"].items():
        assert set(codes) <= set(known[mandate_id].violations), mandate_id
