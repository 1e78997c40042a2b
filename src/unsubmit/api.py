"""The library API: what ``import unsubmit`` offers to a script or a notebook.

The command line is a thin layer over the same calls, so a script gets exactly what
``unsubmit validate`` and ``unsubmit build`` do, without parsing their output.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from unsubmit.check import check_file, check_files
from unsubmit.errors import InvalidCaseError
from unsubmit.findings import Report
from unsubmit.models import CaseModel
from unsubmit.pipeline import BuildOptions, BuildOutcome
from unsubmit.pipeline import build as _build

__all__ = ["BuildOptions", "BuildOutcome", "build", "load_case", "validate"]


def load_case(path: str | Path) -> CaseModel:
    """The validated case in ``path``.

    Raises :class:`unsubmit.errors.InvalidCaseError` (with every finding) when the file does not
    validate; warnings do not stop it.
    """
    result = check_file(Path(path))
    if result.failed() or result.case is None:
        raise InvalidCaseError(result.file, result.findings)
    return result.case


def validate(paths: Iterable[str | Path]) -> Report:
    """Every finding for every file, as ``unsubmit validate`` reports them."""
    return check_files([Path(path) for path in paths])


def build(paths: Iterable[str | Path], options: BuildOptions | None = None) -> BuildOutcome:
    """Validate, render and write as ``unsubmit build`` does (into ``./out`` by default)."""
    return _build([Path(path) for path in paths], options or BuildOptions())
