"""Codes outside a long closed list: the codes close to what was written, and the command that
lists them all, which lists them; values of the wrong form, told with the form and an
example."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.conftest import run, sample_data


def _validate_violation(tmp_path: Path, code: str) -> tuple[int, str, str]:
    data = sample_data("klimovich-allegation-letter")
    data["violations"] = [{"code": code}]
    case = tmp_path / "case.yaml"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    case.write_text(text, "utf-8")
    result = run(["validate", str(case)])
    line = text.splitlines().index("violations:") + 2
    return result.exit_code, result.output.splitlines()[0], f"{case}:{line}:9: $.violations[0].code"


@pytest.mark.parametrize(
    ("written", "told"),
    [
        (  # misspelt: a suggestion, the other codes sharing a word, and the command
            "freedom-of-speech",
            "'freedom-of-speech' is not one of the 31 codes allowed here; did you mean "
            "'freedom-of-movement', 'freedom-of-religion' or 'freedom-of-expression'? Other codes "
            "close to it: freedom-of-association, freedom-of-peaceful-assembly, academic-freedom "
            "(unsubmit codes violations lists them all)",
        ),
        (
            "detention",
            "'detention' is not one of the 31 codes allowed here; did you mean "
            "'arbitrary-detention'? Other codes close to it: incommunicado-detention, "
            "discrimination, inhumane-detention-conditions (unsubmit codes violations lists them "
            "all)",
        ),
        (  # like no code: the command alone
            "censorship",
            "'censorship' is not one of the 31 codes allowed here "
            "(unsubmit codes violations lists them all)",
        ),
    ],
)
def test_a_code_outside_the_list_names_close_codes_and_the_command(
    written: str, told: str, tmp_path: Path
) -> None:
    code, first, where = _validate_violation(tmp_path, written)
    assert code == 1
    assert first == f"{where}: {told}"


def test_codes_lists_every_list_and_every_code() -> None:
    names = run(["codes"])
    assert names.output.splitlines() == [
        "violations  31 codes: unsubmit codes violations",
        "roles       16 codes: unsubmit codes roles",
        "countries   249 codes: unsubmit codes countries",
    ]
    violations = run(["codes", "violations"]).output.splitlines()
    assert len(violations) == 31
    assert violations[0] == "arbitrary-detention             Arbitrary arrest or detention"
    countries = json.loads(run(["codes", "countries", "-o", "json"]).output)
    assert countries["BLR"] == "Belarus" and len(countries) == 249


def test_every_form_a_schema_asks_for_is_told_with_an_example() -> None:
    from unsubmit.check.schema_errors import FORMS
    from unsubmit.models.schema import case_schema

    asked: set[str] = set()
    stack: list[object] = [case_schema()]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            asked |= {node["pattern"]} if isinstance(node.get("pattern"), str) else set()
            asked |= {f"format:{node['format']}"} if "format" in node else set()
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    assert asked == set(FORMS)
    assert all(", e.g. " in form for form in FORMS.values())
