"""Joint and oral statements: each organisation once, and counts in the text that match.

An organisation repeated under the same name or acronym (any case, any spacing, the lead
included) is a warning and appears once in the document; a count of organisations in the text
must match the list: an error when it surely counts the signatories, a warning when it may not.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import sample_case, sample_data
from unsubmit.check.rules import run_rules
from unsubmit.models import JointStatement, OralStatement
from unsubmit.models.common import Organisation
from unsubmit.render.context import build_context
from unsubmit.un.signatories import mentions, unique

JOINT = sample_data("prosecutor-srhr-joint-statement")
ORAL = sample_data("hrc53-judges-lawyers-oral-statement")


def _joint(**changes: Any) -> JointStatement:
    return sample_case("prosecutor-srhr-joint-statement", JointStatement, **changes)


def _oral(**changes: Any) -> OralStatement:
    return sample_case("hrc53-judges-lawyers-oral-statement", OralStatement, **changes)


def _findings(case: JointStatement | OralStatement, code: str) -> list[tuple[str, str, str]]:
    return [
        (".".join(map(str, v.path)), v.severity.value, v.message)
        for v in run_rules(case)
        if v.code == code
    ]


def test_the_same_name_or_acronym_in_any_case_or_spacing_is_one_organisation() -> None:
    orgs = [
        Organisation.model_validate({"name": "Example  Human Rights Group", "acronym": "EHRG"}),
        Organisation.model_validate({"name": "example human rights group"}),
        Organisation.model_validate({"name": "Another Name", "acronym": "ehrg"}),
        Organisation.model_validate({"name": "E H R G"}),
        Organisation.model_validate({"name": "Example Lawyers' Network"}),
    ]
    assert [org.name for org in unique(orgs)] == [
        "Example  Human Rights Group",
        "Example Lawyers' Network",
    ]


def test_an_organisation_listed_twice_is_a_warning_naming_the_first_listing() -> None:
    signatories = [*JOINT["signatories"], {"name": "EXAMPLE YOUTH HEALTH  NETWORK"}]
    supporters = [*JOINT["supporters"], {"name": "example human rights group"}]
    case = _joint(signatories=signatories, supporters=supporters)
    assert _findings(case, "duplicate") == [
        (
            "signatories.3.name",
            "warning",
            "'EXAMPLE YOUTH HEALTH  NETWORK' is already listed at $.signatories[2] as "
            "'Example Youth Health Network': list it once",
        ),
        (
            "supporters.2.name",
            "warning",
            "'example human rights group' is already listed at $.lead as "
            "'Example Human Rights Group': list it once",
        ),
    ]


def test_the_document_lists_each_organisation_once_in_conventional_order() -> None:
    signatories = [{"name": "Example Human Rights Group"}, *JOINT["signatories"]]
    supporters = [{"name": "Example  International Federation"}, *JOINT["supporters"]]
    case = _joint(signatories=signatories, supporters=supporters, form="hrc-written-statement")
    context = build_context(case)["case"]
    assert context["lead"]["name"] == "Example Human Rights Group"
    assert [o["name"] for o in context["signatories"]] == [
        "Example International Federation",
        "Example Youth Health Network",
        "Example Centre for Women\u2019s Rights",  # as the document sets the apostrophe
    ]
    assert [o["name"] for o in context["supporters"]] == [
        "Example LGBTQ Initiative",
        "Example Students\u2019 Union",
    ]
    assert context["count"] == 6
    # a public statement: the same organisations once each, as listed, supporters among them
    public = build_context(case.model_copy(update={"form": "public"}))["case"]
    assert [o["name"] for o in public["signatories"]] == [
        "Example Centre for Women\u2019s Rights",
        "Example International Federation",
        "Example Youth Health Network",
        "Example LGBTQ Initiative",
        "Example Students\u2019 Union",
    ]
    assert public["supporters"] == [] and public["count"] == 6


@pytest.mark.parametrize(
    ("text", "number", "cued"),
    [
        ("On behalf of 24 organisations, we call", 24, True),
        ("We, the 24 undersigned organizations, call", 24, True),
        ("This statement is signed by 12 human rights organisations.", 12, True),
        ("Мы, 24 нижеподписавшиеся организации, призываем", 24, True),
        ("от имени 24 организаций", 24, True),
        ("Les 24 organisations signataires", 24, True),
        ("En nombre de 5 organizaciones", 5, True),
        ("24 organisations call on Belarus", 24, False),
        ("The authorities closed 1,500 NGOs.", 1500, False),
        ("24 правозащитные организации", 24, False),
    ],
)
def test_counts_are_read_in_several_languages(text: str, number: int, cued: bool) -> None:
    [mention] = mentions(text)
    assert (mention.number, mention.cued) == (number, cued)


@pytest.mark.parametrize("text", ["a statement of 12 June", "In 2023 organisations closed"])
def test_dates_and_other_numbers_are_not_counts(text: str) -> None:
    assert mentions(text) == []


def test_a_joint_statement_count_must_match_the_list() -> None:
    # the lead, 3 signatories and 2 supporters: 6
    assert _findings(_joint(paragraphs=["On behalf of 6 organisations, we write."]), "count") == []
    wrong = _joint(paragraphs=["On behalf of 24 organisations, we write.", "5 NGOs agree."])
    assert _findings(wrong, "count") == [
        (
            "paragraphs.0",
            "error",
            "the text says 'On behalf of 24 organisations' but the statement lists 6 (the lead, "
            "signatories and supporters, each once): write 6",
        ),
        (
            "paragraphs.1",
            "warning",
            "the text says '5 NGOs' but the statement lists 6 (the lead, signatories and "
            "supporters, each once): if this counts the organisations behind the statement, "
            "write 6",
        ),
    ]


def test_a_repeated_organisation_is_counted_once() -> None:
    signatories = [*JOINT["signatories"], {"name": "EXAMPLE international federation"}]
    case = _joint(signatories=signatories, title="A statement by 6 NGOs")
    assert _findings(case, "count") == []


def test_an_oral_statement_counts_the_speaker_and_on_behalf_of() -> None:
    # Example Human Rights Group speaks on behalf of itself and Example Lawyers' Network: 2
    assert (
        _findings(_oral(question="On behalf of 2 organisations: what can States do?"), "count")
        == []
    )
    on_behalf_of = [*ORAL["on_behalf_of"], {"name": "Example Human Rights Group"}]
    case = _oral(on_behalf_of=on_behalf_of, paragraphs=["On behalf of 3 organisations, thank you."])
    [(path, severity, message)] = _findings(case, "count")
    assert (path, severity) == ("paragraphs.0", "error")
    assert "lists 2 (the speaking organisation and on_behalf_of, each once): write 2" in message
    assert _findings(case, "duplicate")[0][:2] == ("on_behalf_of.1.name", "warning")
    context = build_context(case)["case"]
    assert [o["name"] for o in context["on_behalf_of"]] == ["Example Lawyers\u2019 Network"]


def test_an_hrc_written_statement_is_led_and_co_sponsored_by_ngos_with_status() -> None:
    lead = {"name": "Example Human Rights Group"}
    signatories = [{"name": "Example Local Group"}, *JOINT["signatories"]]
    case = _joint(form="hrc-written-statement", lead=lead, signatories=signatories, language="ru")
    assert _findings(case, "ecosoc") == [
        (
            "lead.ecosoc_status",
            "error",
            "only an NGO in ECOSOC consultative status can submit a written statement to the "
            "Human Rights Council: give the lead's status, or lead with an organisation that "
            "has it",
        ),
        (
            "signatories.0",
            "warning",
            "'Example Local Group' has no ECOSOC status, so it cannot co-sponsor an HRC written "
            "statement: list it under supporters, which the closing note names",
        ),
    ]
    assert _findings(case, "language") == [
        (
            "language",
            "warning",
            "written statements to the Human Rights Council are submitted in English, French or "
            "Spanish, not Russian",
        )
    ]
    public = _joint(lead=lead, signatories=signatories, language="ru")  # the default form
    assert _findings(public, "ecosoc") == [] and _findings(public, "language") == []
