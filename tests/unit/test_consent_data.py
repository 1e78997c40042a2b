"""``data/consent.json``: the sources behind consent that could not be obtained, one entry for
each reason and basis a case may give, and the public name that follows from it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import sample_case, sample_data
from unsubmit.models import Communication
from unsubmit.models.communication import CONSENT_BASES, CONSENT_NOT_OBTAINED_REASONS
from unsubmit.resources import read_data
from unsubmit.un.public import public_name


def _entries(data: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [
        (f"{part}.{code}", entry)
        for part in ("questions", "reasons", "bases")
        for code, entry in data[part].items()
    ]


def test_every_reason_and_basis_a_case_may_give_has_its_facts() -> None:
    data = read_data("consent.json")
    assert list(data["reasons"]) == list(CONSENT_NOT_OBTAINED_REASONS)
    assert list(data["bases"]) == list(CONSENT_BASES)


def test_every_fact_names_public_sources_that_exist() -> None:
    data = read_data("consent.json")
    used: set[str] = set()
    for where, entry in _entries(data):
        assert entry["sources"], f"{where} names no source"
        assert set(entry["sources"]) <= set(data["sources"]), where
        used |= set(entry["sources"])
    assert used == set(data["sources"]), "a source nothing cites"


@pytest.mark.parametrize("public", ["full", "initials", "withheld"])
def test_a_victim_whose_consent_could_not_be_obtained_is_withheld(public: str) -> None:
    victims = sample_data("kalesnikava-urgent-appeal")["victims"]
    victims[0]["consent"] = {
        "given_by": None,
        "submission": False,
        "informed_government_letter": False,
        "informed_publication": False,
        "public_name": public,
        "not_obtained": {"reason": "held-incommunicado", "basis": "urgent-interest"},
    }
    case = sample_case("kalesnikava-urgent-appeal", Communication, victims=victims)
    assert public_name(case.victims[0]) == "withheld"
    # Even a record that also (wrongly) says consent was given withholds the name.
    given = case.victims[0].consent.model_copy(
        update={"submission": True, "informed_publication": True}
    )
    assert public_name(case.victims[0].model_copy(update={"consent": given})) == "withheld"
