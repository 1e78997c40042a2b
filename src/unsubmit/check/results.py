"""The results of validation: per file, and for a whole run over many files."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from unsubmit.findings import Finding, Severity

if TYPE_CHECKING:
    from unsubmit.load.source import SourceDocument
    from unsubmit.models import Case


@dataclass
class FileResult:
    """Everything validation found in one file, and the case model when the file is valid."""

    file: str
    findings: list[Finding] = field(default_factory=list)
    case: Case | None = None
    #: The loaded file, kept so that later stages (a build) can place their findings in it. It
    #: stays in the process that loaded it: a result sent back by a worker process comes without
    #: it (sending it would cost a quarter of the time the check takes), and
    #: :func:`unsubmit.check.validate.source_document` loads the file again where it is needed.
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
