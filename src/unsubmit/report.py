"""Reporters: how a validation report is shown, as text for people or JSON for tools.

The core never prints; the command line picks a reporter and hands it a stream. Whatever is
printed goes through :func:`visible` (text) or :func:`visible_json` (JSON) first: a case's text
reaches the terminal in findings, suggestions and previews, and an escape sequence in a name
could clear the screen, rewrite what was printed above it or retitle the window.
"""

from __future__ import annotations

import json
import re
from typing import Any, TextIO

from unsubmit.check.results import Report

#: What a terminal acts on or reorders instead of showing: C0 controls but tab and line feed
#: (ESC and CR among them), DEL and C1 controls (CSI among them), bidirectional controls, and
#: the line and paragraph separators.
_ACTIVE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` safe to print: each character a terminal would act on shown as its escape
    (``\\x1b``, ``\\u202e``), so that it is seen rather than obeyed; tabs and line breaks kept."""
    return _ACTIVE.sub(_escape, text)


def visible_json(document: str) -> str:
    """JSON text with the same characters written as ``\\u`` escapes: the same JSON for a tool,
    nothing active for a terminal (``json.dumps`` escapes C0 controls, not C1 or bidi ones)."""
    return _ACTIVE.sub(lambda match: f"\\u{ord(match.group()):04x}", document)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary(report: Report, *, strict: bool = False) -> dict[str, Any]:
    findings = report.findings
    errors = sum(1 for f in findings if f.severity.value == "error")
    return {
        "files": len(report.results),
        "failed_files": [r.file for r in report.results if r.failed(strict=strict)],
        "errors": errors,
        "warnings": len(findings) - errors,
        "strict": strict,
        "ok": not report.failed(strict=strict),
    }


def failed_cases(report: Report, *, strict: bool = False) -> list[str]:
    """Each failed file's first finding (an error, or with ``strict`` a warning), so that a
    build of a folder of hundreds of cases ends with the list of those to fix."""
    lines = []
    for result in report.results:
        if result.failed(strict=strict):
            first = (result.errors or result.warnings)[0]
            lines.append(str(first))
    return lines


class Reporter:
    """Shows a report on a stream."""

    def __init__(self, stream: TextIO, *, strict: bool = False, quiet: bool = False) -> None:
        self.stream = stream
        self.strict = strict
        self.quiet = quiet

    def report(self, report: Report) -> None:
        raise NotImplementedError


class TextReporter(Reporter):
    """``file:line:col: $.path: message``, one finding a line, then a one-line summary."""

    def report(self, report: Report) -> None:
        for finding in report.findings:
            self.stream.write(visible(f"{finding}\n"))
        if self.quiet and not report.failed(strict=self.strict):
            return
        facts = summary(report, strict=self.strict)
        files = _plural(facts["files"], "file")
        if facts["ok"] and not report.findings:
            self.stream.write(f"{files} valid\n")
            return
        counts = f"{_plural(facts['errors'], 'error')}, {_plural(facts['warnings'], 'warning')}"
        failed = len(facts["failed_files"])
        verdict = f"{failed} of {files} failed" if failed else f"{files} valid"
        self.stream.write(f"{counts}; {verdict}\n")


class JsonReporter(Reporter):
    """``{"findings": [...], "summary": {...}}``, for editors, CI and scripts."""

    def report(self, report: Report) -> None:
        document = {
            "findings": [finding.as_json() for finding in report.findings],
            "summary": summary(report, strict=self.strict),
        }
        self.stream.write(visible_json(json.dumps(document, ensure_ascii=False, indent=2)) + "\n")


REPORTERS: dict[str, type[Reporter]] = {"text": TextReporter, "json": JsonReporter}
