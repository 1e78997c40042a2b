"""Years typed wrong: dates in the future or before 1945 are warned about where they cannot be."""

from __future__ import annotations

import datetime
from pathlib import Path

import yaml

from tests.conftest import run, sample_data


def _validate(tmp_path: Path, stem: str, **changes: object) -> tuple[int, list[str], str]:
    data = sample_data(stem) | changes
    case = tmp_path / "case.yaml"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    case.write_text(text, "utf-8")
    result = run(["validate", str(case)])
    return result.exit_code, result.output.splitlines(), text


def _line(text: str, key: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(f"{key}:"))


def test_a_statement_a_month_ahead_is_fine_two_years_ahead_is_a_typo(tmp_path: Path) -> None:
    soon = datetime.date.today() + datetime.timedelta(days=30)
    code, lines, _ = _validate(tmp_path, "hrc53-judges-lawyers-oral-statement", date=soon)
    assert (code, lines) == (0, ["1 file valid"])
    later = soon.replace(year=soon.year + 2)
    code, lines, text = _validate(tmp_path, "hrc53-judges-lawyers-oral-statement", date=later)
    assert lines[0] == (
        f"{tmp_path / 'case.yaml'}:{_line(text, 'date')}:7: $.date: warning: the statement "
        f"({later}) is dated in the future: check the year"
    )
    assert code == 0
    assert run(["validate", "--strict", str(tmp_path / "case.yaml")]).exit_code == 1


def test_a_joint_statement_before_1945_is_a_typo(tmp_path: Path) -> None:
    code, lines, text = _validate(
        tmp_path, "prosecutor-srhr-joint-statement", date=datetime.date(1924, 11, 20)
    )
    assert lines[0] == (
        f"{tmp_path / 'case.yaml'}:{_line(text, 'date')}:7: $.date: warning: the statement "
        "(1924-11-20) is dated before 1945, before the UN was founded: check the year"
    )
    assert code == 0  # a warning: --strict refuses it


def test_a_communication_dated_tomorrow_is_warned_about(tmp_path: Path) -> None:
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    code, lines, text = _validate(tmp_path, "klimovich-allegation-letter", date=tomorrow)
    assert lines[0] == (
        f"{tmp_path / 'case.yaml'}:{_line(text, 'date')}:7: $.date: warning: the submission "
        f"({tomorrow}) is dated in the future: check the year"
    )
    assert code == 0


def test_a_birth_before_1945_is_no_mistake(tmp_path: Path) -> None:
    data = sample_data("klimovich-allegation-letter")
    data["victims"][0]["date_of_birth"] = "1940"
    data["victims"][0].pop("age", None)
    code, lines, _ = _validate(tmp_path, "klimovich-allegation-letter", victims=data["victims"])
    assert (code, lines) == (0, ["1 file valid"])
