"""Codes outside a long closed list: the codes close to what was written, and the command that
lists them all, which lists them."""

from __future__ import annotations

import json
from pathlib import Path

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


def test_a_misspelt_code_gets_a_suggestion_and_the_command(tmp_path: Path) -> None:
    code, first, where = _validate_violation(tmp_path, "freedom-of-speech")
    assert code == 1
    assert first == (
        f"{where}: 'freedom-of-speech' is not one of the 31 codes allowed here; did you mean "
        "'freedom-of-movement', 'freedom-of-religion' or 'freedom-of-expression'? Other codes "
        "close to it: freedom-of-association, freedom-of-peaceful-assembly, academic-freedom "
        "(unsubmit codes violations lists them all)"
    )


def test_codes_sharing_a_word_are_listed_after_the_suggestion(tmp_path: Path) -> None:
    code, first, where = _validate_violation(tmp_path, "detention")
    assert code == 1
    assert first == (
        f"{where}: 'detention' is not one of the 31 codes allowed here; did you mean "
        "'arbitrary-detention'? Other codes close to it: incommunicado-detention, "
        "discrimination, inhumane-detention-conditions (unsubmit codes violations lists them all)"
    )


def test_a_code_like_none_points_at_the_command(tmp_path: Path) -> None:
    code, first, where = _validate_violation(tmp_path, "censorship")
    assert code == 1
    assert first == (
        f"{where}: 'censorship' is not one of the 31 codes allowed here "
        "(unsubmit codes violations lists them all)"
    )


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
