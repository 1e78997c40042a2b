"""The library API: what ``import unsubmit`` offers to a script or a notebook.

The command line is a thin layer over the same calls, so a script gets exactly what
``unsubmit validate`` and ``unsubmit build`` do, without parsing their output. The API checks
what it is given before any work, as the command line does: a misspelt format, an unknown
locale, an output folder given as something other than a path, or one case file given where
a list is expected is a :class:`unsubmit.errors.UsageError` that says what is accepted.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from unsubmit.check.results import Report
from unsubmit.check.validate import check_file, check_files
from unsubmit.errors import InvalidCaseError, UsageError
from unsubmit.models import CaseModel
from unsubmit.pipeline import FORMATS, BuildOptions, BuildOutcome
from unsubmit.pipeline import build as _build

__all__ = ["BuildOptions", "BuildOutcome", "build", "load_case", "validate"]

Paths = str | Path | Iterable[str | Path]


def _paths(paths: object) -> list[Path]:
    """One case file or several, as paths."""
    if isinstance(paths, (str, Path)):
        return [Path(paths)]
    if isinstance(paths, (bytes, bytearray)) or not isinstance(paths, Iterable):
        raise UsageError(
            f"give one case file or several as str or pathlib.Path, not {type(paths).__name__}"
        )
    found = []
    for path in paths:
        if not isinstance(path, (str, Path)):
            raise UsageError(
                f"a case file must be a str or pathlib.Path, not {type(path).__name__}: {path!r}"
            )
        found.append(Path(path))
    return found


def load_case(path: str | Path) -> CaseModel:
    """The validated case in ``path``.

    Raises :class:`unsubmit.errors.InvalidCaseError` (with every finding) when the file does not
    validate; warnings do not stop it.
    """
    result = check_file(_paths(path)[0])
    if result.failed() or result.case is None:
        raise InvalidCaseError(result.file, result.findings)
    return result.case


def validate(paths: Paths) -> Report:
    """Every finding for every file (one path or several), as ``unsubmit validate`` reports."""
    return check_files(_paths(paths))


def checked_options(options: BuildOptions) -> BuildOptions:
    """``options`` as the pipeline expects them, or a :class:`UsageError` saying what is wrong.

    Formats are read as the command line reads them (``"docx,pdf"``, any letter case); paths
    may be given as strings.
    """
    from unsubmit.models.common import LANGUAGES
    from unsubmit.models.petition import DOCUMENTS

    changes: dict[str, Any] = {}
    for name in ("out_dir", "template", "letterhead"):
        value = getattr(options, name)
        if value is None and name != "out_dir":
            continue
        if not isinstance(value, (str, Path)):
            raise UsageError(
                f"BuildOptions.{name} must be a str or pathlib.Path, not {type(value).__name__}"
            )
        changes[name] = Path(value)
    for name in ("template", "letterhead"):
        if changes.get(name) is not None and not changes[name].is_file():
            raise UsageError(f"BuildOptions.{name}: no such file: {changes[name]}")
    parts = (part.strip().lower() for item in _items(options.formats) for part in item.split(","))
    chosen = tuple(dict.fromkeys(part for part in parts if part))
    unknown = [item for item in chosen if item not in FORMATS]
    if unknown or not chosen:
        raise UsageError(
            f"BuildOptions.formats: {', '.join(map(repr, unknown)) or 'nothing'} is not a "
            f"format; use one or more of {', '.join(FORMATS)}"
        )
    changes["formats"] = chosen
    changes["locales"] = _among(options.locales, "locales", LANGUAGES, "a language of the project")
    changes["documents"] = _among(options.documents, "documents", DOCUMENTS, "a document")
    return dataclasses.replace(options, **changes)


def _among(value: object, name: str, accepted: Iterable[str], what: str) -> tuple[str, ...]:
    """The strings of option ``name`` once each, or a UsageError naming those not accepted."""
    items = _items(value)
    known = tuple(accepted)
    wrong = [item for item in items if item not in known]
    if wrong:
        raise UsageError(
            f"BuildOptions.{name}: {', '.join(map(repr, wrong))} is not {what}; use "
            f"{', '.join(known)}"
        )
    return tuple(dict.fromkeys(items))


def _items(value: object) -> tuple[str, ...]:
    """A tuple option given as one string ("docx,pdf", "ru") or as a sequence of strings."""
    items = (value,) if isinstance(value, str) else value
    if not isinstance(items, Iterable) or not all(isinstance(item, str) for item in items):
        raise UsageError(f"expected a string or a sequence of strings, not {value!r}")
    return tuple(items)


def build(
    paths: Paths, options: BuildOptions | None = None, *, raise_on_invalid: bool = True
) -> BuildOutcome:
    """Validate, render and write as ``unsubmit build`` does (into ``./out`` by default).

    ``paths`` is one case file or several. PDFs are made with LibreOffice, as on the command
    line. A case that does not validate raises :class:`unsubmit.errors.InvalidCaseError` with
    its findings, unless ``raise_on_invalid`` is false: then nothing is written and the
    outcome's ``report`` says why.
    """
    chosen = checked_options(options or BuildOptions())
    convert = None
    if "pdf" in chosen.formats:
        from unsubmit.render.pdf import docx_to_pdf, require_soffice

        require_soffice()
        convert = docx_to_pdf
    outcome = _build(_paths(paths), chosen, convert=convert)
    if raise_on_invalid and outcome.report.failed(strict=chosen.strict):
        failed = next(r for r in outcome.report.results if r.failed(strict=chosen.strict))
        raise InvalidCaseError(failed.file, failed.findings)
    return outcome
