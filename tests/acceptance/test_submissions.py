"""The ``submissions`` history of a communication: what was sent and what came of it, checked
like the rest of the case file, every problem at its line and column."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.conftest import run, sample_data

#: A history made for the tests: the reference, dates and Opinion are not those of the case.
HISTORY = """\
submissions:
  - sent: 2023-06-01
    recipient: urgent-action@ohchr.org
    message_id: 20230601.test@example.org
    reference: JUA BLR 3/2023
    reply:
      status: replied
      date: 2023-08-01
    published: 2023-08-15
    wgad_opinion:
      number: 12/2023
      symbol: A/HRC/WGAD/2023/12
    follow_ups:
      - due: 2023-09-01
        action: Send the new facts on her health
"""


def _case(tmp_path: Path, history: str) -> Path:
    path = tmp_path / "case.yaml"
    text = yaml.safe_dump(sample_data("kalesnikava-urgent-appeal"), allow_unicode=True)
    path.write_text(text + history, "utf-8")
    return path


def _line(path: Path, text: str) -> int:
    return path.read_text("utf-8").splitlines().index(text) + 1


def test_a_history_validates_and_does_not_change_the_documents(tmp_path: Path) -> None:
    path = _case(tmp_path, HISTORY)
    assert run(["validate", str(path)]).exit_code == 0
    (tmp_path / "none").mkdir()
    without = _case(tmp_path / "none", "")
    built = run(["build", "--format", "docx", str(path), "-o", str(tmp_path / "a")])
    plain = run(["build", "--format", "docx", str(without), "-o", str(tmp_path / "b")])
    assert built.exit_code == plain.exit_code == 0
    (first,) = (tmp_path / "a").glob("*.docx")
    (second,) = (tmp_path / "b").glob("*.docx")
    assert first.read_bytes() == second.read_bytes()


def test_a_malformed_reference_is_told_with_its_form(tmp_path: Path) -> None:
    path = _case(tmp_path, HISTORY.replace("JUA BLR 3/2023", "UA-BLR-3-2023"))
    result = run(["validate", str(path)])
    assert result.exit_code == 1
    line = _line(path, "    reference: UA-BLR-3-2023")
    assert (
        f"{path}:{line}:16: $.submissions[0].reference: 'UA-BLR-3-2023' is not in the expected "
        "form: write an OHCHR reference: UA, AL or OL (JUA, JAL, JOL when joint), the State's "
        "code, number/year, e.g. UA BLR 3/2023"
    ) in result.output


def test_dates_and_opinion_that_contradict_each_other_are_errors(tmp_path: Path) -> None:
    history = HISTORY.replace("date: 2023-08-01", "date: 2023-05-01").replace(
        "WGAD/2023/12", "WGAD/2023/13"
    )
    path = _case(tmp_path, history)
    result = run(["validate", str(path)])
    assert result.exit_code == 1
    reply = _line(path, "      date: 2023-05-01")
    symbol = _line(path, "      symbol: A/HRC/WGAD/2023/13")
    assert (
        f"{path}:{reply}:13: $.submissions[0].reply.date: the reply (2023-05-01) comes before "
        "the submission was sent (2023-06-01): check both dates"
    ) in result.output
    assert (
        f"{path}:{symbol}:15: $.submissions[0].wgad_opinion.symbol: Opinion No. 12/2023 has the "
        "symbol A/HRC/WGAD/2023/12, not A/HRC/WGAD/2023/13"
    ) in result.output


def test_a_reference_to_another_state_is_a_warning(tmp_path: Path) -> None:
    path = _case(tmp_path, HISTORY.replace("JUA BLR 3/2023", "JUA RUS 3/2023"))
    result = run(["validate", "--strict", str(path)])
    assert result.exit_code == 1
    assert "warning: the reference 'JUA RUS 3/2023' names RUS, and the case is about BLR" in (
        result.output
    )
