"""A follow-up letter: it cites the reference and date of the communication it follows up and
says what has changed; the reference must be one the case's history records."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tests.conftest import run, sample_data
from unsubmit.render.reader import document_lines


def _follow_up(tmp_path: Path, **changes: Any) -> Path:
    """The Kalesnikava sample as a follow-up; the reference and dates are made for the test."""
    data = sample_data("kalesnikava-urgent-appeal")
    data |= {
        "type": "follow-up",
        "date": "2023-09-15",
        "follows_up": {
            "reference": "UA BLR 3/2023",
            "date": "2023-06-14",
            "changes": "Her family has still had no news of her.",
        },
        "submissions": [
            {
                "sent": "2023-06-01",
                "recipient": "urgent-action@ohchr.org",
                "reference": "UA BLR 3/2023",
            }
        ],
    } | changes
    path = tmp_path / "follow-up.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def _line(path: Path, text: str) -> int:
    return path.read_text("utf-8").splitlines().index(text) + 1


def test_a_follow_up_cites_its_reference_and_says_what_changed(tmp_path: Path) -> None:
    path = _follow_up(tmp_path)
    result = run(["build", "--email", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    (document,) = (tmp_path / "out").glob("*.docx")
    lines = document_lines(document.read_bytes())
    assert "Type of communication | Follow-up" in lines
    start = lines.index("Follow-up to an earlier communication")
    assert lines[start + 1 : start + 5] == [
        "Reference | UA BLR 3/2023",
        "Date of the earlier communication | 14 June 2023",
        "What has changed",
        "Her family has still had no news of her.",
    ]
    (mail,) = (tmp_path / "out").glob("*.eml")
    assert "Please find attached a follow-up to an earlier communication" in (
        mail.read_text("utf-8").replace("=\n", "")
    )


def test_a_follow_up_is_built_in_russian_with_its_headings(tmp_path: Path) -> None:
    path = _follow_up(tmp_path)
    result = run(
        ["build", "-l", "ru", "--allow-untranslated", str(path), "-o", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output
    (document,) = (tmp_path / "out").glob("*.docx")
    lines = document_lines(document.read_bytes())
    assert "Вид сообщения | Дополнительное письмо" in lines
    assert "В продолжение предыдущего сообщения" in lines
    assert "Дата предыдущего сообщения | 14 июня 2023\u202fг." in lines  # a narrow space


def test_the_reference_must_be_in_the_history(tmp_path: Path) -> None:
    path = _follow_up(tmp_path, submissions=[])
    result = run(["validate", str(path)])
    assert result.exit_code == 1
    line = _line(path, "  reference: UA BLR 3/2023")
    assert (
        f"{path}:{line}:14: $.follows_up.reference: no submission of this case has the "
        "reference 'UA BLR 3/2023'; record the communication it follows up under submissions"
    ) in result.output


def test_a_follow_up_without_what_it_follows_up_is_told(tmp_path: Path) -> None:
    path = _follow_up(tmp_path)
    text = path.read_text("utf-8").split("follows_up:")[0] + "submissions: []\n"
    path.write_text(text, "utf-8")
    result = run(["validate", str(path)])
    assert result.exit_code == 1
    assert ":1:1: $: missing required field 'follows_up'" in result.output
    assert "A follow-up cites the communication it follows up" in result.output
