"""What the command line prints cannot drive the terminal: a case's text may hold escape
sequences, and a victim's name reaches the screen in findings, suggestions and previews."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import run, sample_data
from unsubmit.report import visible

#: Clears the screen, retitles the window, rings the bell, and reverses the rest of the line.
NAME = "Maria \x1b[2J\x1b]0;pwned\x07\x9b31m\u202eKalesnikava"
#: Every byte or character above that a terminal would act on.
ACTIVE = ("\x1b", "\x07", "\x9b", "\u202e")


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _case(tmp_path: Path, *, consent: bool) -> Path:
    data = sample_data("kalesnikava-urgent-appeal")
    victim = data["victims"][0]
    victim["name"] = NAME
    victim["consent"]["submission"] = consent
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


@pytest.mark.parametrize(
    ("args", "consent"),
    [
        (["validate", "CASE"], False),  # "<name> (or the family) has not consented"
        (["validate", "-o", "json", "CASE"], False),
        (["mandates", "--suggest", "CASE"], True),  # "role of <name>: ..."
        (["mandates", "-o", "json", "--suggest", "CASE"], True),
        (["preview", "CASE"], True),
        (["preview", "--context", "CASE"], True),
        (["build", "-o", "OUT", "CASE"], False),
    ],
)
def test_a_name_with_escape_sequences_prints_none(
    tmp_path: Path, args: list[str], consent: bool
) -> None:
    places = {"CASE": str(_case(tmp_path, consent=consent)), "OUT": str(tmp_path / "out")}
    result = run([places.get(arg, arg) for arg in args])
    output = result.output
    assert "Maria" in output, output
    for char in ACTIVE:
        assert char not in output
    if args[0] == "preview":
        return  # a document drops what XML cannot hold: "Maria [2J]0;pwned..."
    if "json" in args:  # the same JSON, with the name exactly as the case has it
        assert any(NAME in text for text in _strings(json.loads(result.stdout)))
    else:
        assert "Maria \\x1b[2J\\x1b]0;pwned\\x07\\x9b31m\\u202eKalesnikava" in output


def test_tabs_and_line_breaks_stay_and_everything_active_is_shown_escaped() -> None:
    assert visible("a\tb\nc") == "a\tb\nc"
    assert visible("\r\x00\x7f\x85\u2028\u2066") == "\\x0d\\x00\\x7f\\x85\\u2028\\u2066"
