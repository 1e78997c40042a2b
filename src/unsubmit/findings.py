"""Findings: what validation says about a place in a file, collected rather than raised.

A reviewer fixing a case file wants every problem in one run, so checks append ``Finding``
objects to a result (:mod:`unsubmit.check.results`) instead of stopping at the first one. This
module is the bottom of the package: it imports nothing of unsubmit.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Location:
    """Where a finding or an error points: a file, a line and column (1-based), a JSON path."""

    file: str
    line: int | None = None
    column: int | None = None
    path: str = "$"

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where


class Severity(str, enum.Enum):
    """How much a finding matters: errors always fail, warnings fail only with ``--strict``."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One problem in one place: ``file:line:col: $.path: message``."""

    location: Location
    message: str
    severity: Severity = Severity.ERROR
    code: str = "schema"

    def __str__(self) -> str:
        prefix = "" if self.severity is Severity.ERROR else "warning: "
        return f"{self.location}: {self.location.path}: {prefix}{self.message}"

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.location.file,
            "line": self.location.line,
            "column": self.location.column,
            "path": self.location.path,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
        }


def sort_key(finding: Finding) -> tuple[int, int, str]:
    return (finding.location.line or 0, finding.location.column or 0, finding.location.path)
