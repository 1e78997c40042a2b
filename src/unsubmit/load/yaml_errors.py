"""YAML syntax errors in plain words, at the place to fix, with the fix for the common ones.

The parser says what it expected where it stopped ("mapping values are not allowed in this
context", "could not find expected ':'"), often lines after the mistake. The mistakes people
make in their first case files are few: a tab to indent, a quote opened and never closed, no
space after a field's colon, a colon inside unquoted text. Each is recognised here from the
parser's error and the line it points at, and told in words with the line to write instead.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import yaml

#: ``key: text: more text``: a field whose unquoted text holds ``: ``.
_FIELD = re.compile(r"^(?P<lead>\s*(?:-\s+)?)(?P<key>[^\s:#'\"][^:#]*?):\s+(?P<value>.*\S)\s*$")
#: ``key:value``: a field's name and its value with no space between.
_NO_SPACE = re.compile(r"^(?P<lead>\s*(?:-\s+)?)(?P<key>[A-Za-z_][\w-]*):(?P<value>[^\s:].*?)\s*$")


@dataclass(frozen=True)
class Explained:
    """A syntax error told for people: the message, and the line and column (1-based)."""

    message: str
    line: int | None
    column: int | None


def _line(text: str, index: int) -> str:
    lines = text.splitlines()
    return lines[index] if 0 <= index < len(lines) else ""


def _tab(text: str, around: int) -> Explained | None:
    """The tab nearest before line ``around`` (0-based) used in a line's indentation."""
    lines = text.splitlines()
    for index in range(min(around, len(lines) - 1), -1, -1):
        indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
        if "\t" in indent:
            return Explained(
                "this line is indented with a tab: YAML indents with spaces only; replace the "
                "tab with spaces, as many as the lines around it use",
                index + 1,
                indent.index("\t") + 1,
            )
    return None


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _unclosed_quote(exc: yaml.MarkedYAMLError, text: str) -> Explained | None:
    start = exc.context_mark
    unclosed = "end of stream" in (exc.problem or "") and "quoted scalar" in (exc.context or "")
    if not unclosed or start is None:
        return None
    quote = _line(text, start.line)[start.column : start.column + 1] or '"'
    inside = "''" if quote == "'" else '\\"'
    return Explained(
        f"the text that starts here with {quote} has no closing {quote}: end it with {quote} "
        f"on the same line (a {quote} inside the text is written {inside})",
        start.line + 1,
        start.column + 1,
    )


def _not_a_field(exc: yaml.MarkedYAMLError, text: str) -> Explained | None:
    start = exc.context_mark
    if "could not find expected ':'" not in (exc.problem or "") or start is None:
        return None
    joined = _NO_SPACE.match(_line(text, start.line))
    if joined is not None:
        key, value = joined["key"], joined["value"]
        return Explained(
            f"{key}:{value} needs a space after the colon: write {key}: {value}",
            start.line + 1,
            joined.end("key") + 2,
        )
    return Explained(
        "this line is not a field (name: value) nor a list item (- ...): add a colon and a "
        "space after the field's name, or indent the line as the text it continues",
        start.line + 1,
        start.column + 1,
    )


def _colon_in_text(exc: yaml.MarkedYAMLError, text: str) -> Explained | None:
    mark = exc.problem_mark
    if "mapping values are not allowed" not in (exc.problem or "") or mark is None:
        return None
    field = _FIELD.match(_line(text, mark.line))
    if field is None or field.end("key") >= mark.column:
        return None
    key, value = field["key"], field["value"]
    return Explained(
        f"the text of {key} holds a colon and a space, which YAML reads as the start of "
        f"another field: put the whole text in quotes, {key}: {_quoted(value)}",
        mark.line + 1,
        mark.column + 1,
    )


def _indentation(exc: yaml.MarkedYAMLError, text: str) -> Explained | None:
    mark = exc.problem_mark
    if mark is None:
        return None
    if (
        "tab" in (exc.problem or "")
        or _line(text, mark.line)[mark.column : mark.column + 1] == "\t"
    ):
        return _tab(text, mark.line)
    if any(
        words in (exc.problem or "")
        for words in ("did not find expected key", "did not find expected '-'")
    ):
        return Explained(
            "this line is indented differently from the fields above it: indent it as the "
            "other fields of its group (a field under another, two spaces further)",
            mark.line + 1,
            mark.column + 1,
        )
    return None


def explain_syntax(exc: yaml.MarkedYAMLError, text: str) -> Explained | None:
    """The plain words for a common mistake behind ``exc``, or None for another error."""
    for explain in (_indentation, _unclosed_quote, _not_a_field, _colon_in_text):
        found = explain(exc, text)
        if found is not None:
            return found
    return None
