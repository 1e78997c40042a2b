"""Reporters: how a validation report is shown, as text for people or JSON for tools.

The core never prints; the command line picks a reporter and hands it a stream.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from unsubmit.findings import Report


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
            self.stream.write(f"{finding}\n")
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
        json.dump(document, self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")


REPORTERS: dict[str, type[Reporter]] = {"text": TextReporter, "json": JsonReporter}
