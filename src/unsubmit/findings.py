"""Findings: what validation says about a file, collected rather than raised.

A reviewer fixing a case file wants every problem in one run, so checks append
``Finding`` objects to a ``FileResult`` instead of stopping at the first one.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from unsubmit.errors import Location, UnsubmitError

if TYPE_CHECKING:
    from unsubmit.models import Case
    from unsubmit.source import SourceDocument


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

    @classmethod
    def from_error(cls, error: UnsubmitError, file: str, code: str) -> Finding:
        """A finding for an error that stopped a file from being read at all."""
        return cls(error.location or Location(file), error.message, Severity.ERROR, code)


def sort_key(finding: Finding) -> tuple[int, int, str]:
    return (finding.location.line or 0, finding.location.column or 0, finding.location.path)


@dataclass
class FileResult:
    """Everything validation found in one file, and the case model when the file is valid."""

    file: str
    findings: list[Finding] = field(default_factory=list)
    case: Case | None = None
    #: The loaded file, kept so that later stages (a build) can place their findings in it. It
    #: stays in the process that loaded it: a result sent back by a worker process comes without
    #: it (sending it would cost a quarter of the time the check takes), and
    #: :func:`unsubmit.check.source_document` loads the file again where it is needed.
    document: SourceDocument | None = field(default=None, repr=False, compare=False)

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "document": None}

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]

    def failed(self, *, strict: bool = False) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))


@dataclass
class Report:
    """The results of one run over many files, in the order the files were given."""

    results: list[FileResult] = field(default_factory=list)

    def failed(self, *, strict: bool = False) -> bool:
        return any(result.failed(strict=strict) for result in self.results)

    @property
    def findings(self) -> list[Finding]:
        return [finding for result in self.results for finding in result.findings]
