"""The exceptions of unsubmit, in one tree.

::

    UnsubmitError              exit 1; carries a Location when one is known
    ├── UsageError             exit 2: the command line asks for something impossible
    ├── InputError             a case file cannot be turned into data
    │   ├── InvalidCaseError   a case file that does not validate (library use: load_case)
    │   ├── ReadError          missing, a directory, unreadable, too large, binary, not UTF-8
    │   └── YamlError          malformed YAML, tags, aliases, duplicate keys, nesting too deep
    ├── TemplateError          a template is broken, unsafe, or names a missing variable
    ├── OutputError            an output cannot be written (exists, not a directory, disk full)
    ├── PublicationError       a public version would show what consent does not allow
    └── ConversionError        LibreOffice is missing or fails to convert

Third-party exceptions (YAML, Jinja, lxml, zipfile, OS) are wrapped where they enter,
``raise ReadError(...) from exc``, so that users never see a traceback: the command line
catches ``UnsubmitError`` once, prints ``str(error)`` and exits with ``error.exit_code``.
"""

from __future__ import annotations

from collections.abc import Sequence

from unsubmit.findings import Finding, Location, Severity

__all__ = [
    "ConversionError",
    "InputError",
    "InvalidCaseError",
    "Location",
    "OutputError",
    "PublicationError",
    "ReadError",
    "TemplateError",
    "UnsubmitError",
    "UsageError",
    "YamlError",
]


class UnsubmitError(Exception):
    """The root of every error unsubmit raises on purpose."""

    exit_code = 1

    def __init__(self, message: str, location: Location | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        if self.location is None:
            return self.message
        if self.location.path != "$":
            return f"{self.location}: {self.location.path}: {self.message}"
        return f"{self.location}: {self.message}"

    def finding(self, file: str, code: str) -> Finding:
        """This error as the one finding about a file it stopped from being read at all."""
        return Finding(self.location or Location(file), self.message, Severity.ERROR, code)


class UsageError(UnsubmitError):
    """The command line asks for something that cannot be done."""

    exit_code = 2


class InputError(UnsubmitError):
    """A case file cannot be turned into data."""


class InvalidCaseError(InputError):
    """A case file was read but does not validate; ``findings`` holds its errors and warnings."""

    def __init__(self, file: str, findings: Sequence[Finding]) -> None:
        errors = [finding for finding in findings if finding.severity is Severity.ERROR]
        first = errors[0] if errors else None
        more = len(errors) - 1
        message = (first.message if first else "the case is not valid") + (
            f" (and {more} more error{'s' * (more > 1)})" if more else ""
        )
        super().__init__(message, first.location if first else Location(file))
        self.file = file
        self.findings = list(findings)


class ReadError(InputError):
    """A file is missing, a directory, unreadable, too large, binary or not UTF-8."""


class YamlError(InputError):
    """A file is not YAML that unsubmit accepts (syntax, tags, aliases, duplicates, depth)."""


class TemplateError(UnsubmitError):
    """A template is broken, tries something unsafe, or names a variable that does not exist."""


class OutputError(UnsubmitError):
    """An output cannot be written where it was asked for."""


class PublicationError(UnsubmitError):
    """A public version would name someone, or show something, that may not be published."""


class ConversionError(UnsubmitError):
    """A conversion through LibreOffice is impossible or failed."""
