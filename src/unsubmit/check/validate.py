"""Validation: a case file in, every finding about it out.

The stages run in order and each adds what the one before cannot see: reading and YAML
(``source``), the JSON Schema of the file's kind (the same schema reviewers use), the pydantic
model, then the rules no schema can express. A stage that fails stops the later ones for that
file, because their findings would only repeat it; every file is checked regardless of others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from pydantic import ValidationError as PydanticError

import unsubmit.check.document_rules  # noqa: F401  (registers the rules of petitions and WGEID forms)
from unsubmit.check.mapping import mapping_findings
from unsubmit.check.quick_schema import lean_schema
from unsubmit.check.results import FileResult, Report
from unsubmit.check.rules import run_rules
from unsubmit.check.schema_errors import explain, short, suggest
from unsubmit.errors import InputError, Location, YamlError
from unsubmit.findings import Finding, Severity, sort_key
from unsubmit.load.source import JsonPath, Limits, SourceDocument, format_path, load_file
from unsubmit.models import CASE_ADAPTER, KINDS, SCHEMA_VERSION
from unsubmit.models.common import PLACEHOLDER
from unsubmit.models.localize import missing_originals
from unsubmit.models.schema import kind_schema
from unsubmit.parallel import map_in_order


@cache
def _validator(kind: str) -> Draft202012Validator:
    schema = kind_schema(kind)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@cache
def _lean_validator(kind: str) -> Draft202012Validator | None:
    """The quick yes/no of :mod:`unsubmit.check.quick_schema`; findings from the full schema."""
    lean = lean_schema(kind_schema(kind))
    if lean is None:
        return None
    return Draft202012Validator(lean, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _schema_errors(kind: str, data: dict[str, Any]) -> list[Any]:
    lean = _lean_validator(kind)
    if lean is not None and lean.is_valid(data):
        return []
    return sorted(_validator(kind).iter_errors(data), key=lambda e: list(map(str, e.path)))


class _Collector:
    """Turns JSON paths into locations in one document and gathers the findings."""

    def __init__(self, document: SourceDocument, result: FileResult) -> None:
        self.document = document
        self.result = result

    def add(
        self,
        path: Sequence[str | int],
        message: str,
        severity: Severity = Severity.ERROR,
        code: str = "schema",
        *,
        at_key: bool = False,
    ) -> None:
        where = self.document.locate_key(path) if at_key else self.document.locate(path)
        location = Location(self.document.name, where.line, where.column, format_path(path))
        self.result.findings.append(Finding(location, message, severity, code))


def _check_header(data: dict[str, Any], out: _Collector) -> str | None:
    """The file's ``schema_version`` and ``kind``; the kind when both are usable."""
    version = data.get("schema_version")
    if "schema_version" not in data:
        out.add((), f"missing 'schema_version': add 'schema_version: {SCHEMA_VERSION}'")
    elif isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        out.add(
            ("schema_version",),
            f"schema_version {version} is newer than this unsubmit understands "
            f"({SCHEMA_VERSION}): upgrade unsubmit",
        )
        return None
    elif version != SCHEMA_VERSION:
        out.add(
            ("schema_version",), f"schema_version must be {SCHEMA_VERSION}, not {short(version)}"
        )
    kinds = list(KINDS)
    kind = data.get("kind")
    if "kind" not in data:
        out.add((), f"missing 'kind': one of {', '.join(kinds)}")
        return None
    if not isinstance(kind, str) or kind not in KINDS:  # a list or mapping is unhashable
        hint = suggest(kind, kinds) if isinstance(kind, str) else ""
        out.add(("kind",), f"unknown kind {short(kind)}: use one of {', '.join(kinds)}{hint}")
        return None
    return str(kind)


def _placeholders(data: Any) -> list[tuple[JsonPath, str]]:
    """Every ``<placeholder>`` left from ``unsubmit new``, with its path."""
    found: list[tuple[JsonPath, str]] = []
    stack: list[tuple[JsonPath, Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if PLACEHOLDER.match(value):
                found.append((path, value))
        elif isinstance(value, dict):
            stack.extend(((*path, key), item) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend(((*path, index), item) for index, item in enumerate(value))
    return found


def _check_schema(kind: str, data: dict[str, Any], out: _Collector) -> bool:
    waiting = _placeholders(data)
    for path, text in waiting:
        out.add(path, f"placeholder {short(text)} is still here: replace it", code="placeholder")
    skip = {path for path, _ in waiting}
    errors = _schema_errors(kind, data)
    for error in errors:
        for path, message, at_key in explain(error):
            if path in skip or (path[:1] == ("schema_version",) and error.validator == "const"):
                continue  # reported as a placeholder, or by _check_header
            out.add(path, message, at_key=at_key)
    return not errors and not waiting


def _check_model(data: dict[str, Any], out: _Collector) -> Any:
    try:
        return CASE_ADAPTER.validate_python(data)
    except PydanticError as exc:
        for error in exc.errors(include_url=False):
            path: JsonPath = tuple(error["loc"])[1:]  # drop the union tag
            message = str(error["msg"]).removeprefix("Value error, ")
            out.add(path, message)
        return None


def check_document(document: SourceDocument) -> FileResult:
    """Every finding about one loaded document, with the model when it is valid."""
    result = FileResult(document.name, document=document)
    out = _Collector(document, result)
    data = document.data
    if not isinstance(data, dict):
        what = "a list" if isinstance(data, list) else short(data)
        out.add((), f"a case file is a mapping of fields (key: value), not {what}")
        return result
    for path, where, lost in document.swallowed:
        location = Location(document.name, where.line, where.column, format_path(path))
        shown = lost if len(lost) <= 40 else lost[:39] + "…"
        message = (
            f"{shown!r} is read as a comment and left out of this text: put the whole text in "
            'double quotes ("...") to keep it'
        )
        result.findings.append(Finding(location, message, Severity.WARNING, "yaml"))
    if data.get("kind") == "mapping":  # an import's mapping file, kept beside the cases
        result.findings.extend(sorted(mapping_findings(document), key=sort_key))
        return result
    kind = _check_header(data, out)
    if kind is not None and _check_schema(kind, data, out) and not result.errors:
        case = _check_model(data, out)
        if case is not None:
            for path, message in missing_originals(case):
                out.add(path, message, code="language")
            for found in run_rules(case):
                out.add(found.path, found.message, found.severity, found.code)
            result.case = case
    result.findings.sort(key=sort_key)
    return result


def check_file(path: Path, name: str | None = None, limits: Limits = Limits()) -> FileResult:
    """Load and check one file; reading and YAML problems become findings too."""
    display = name if name is not None else str(path)
    try:
        document = load_file(path, display, limits)
    except InputError as exc:
        code = "yaml" if isinstance(exc, YamlError) else "read"
        return FileResult(display, [exc.finding(display, code)])
    return check_document(document)


def source_document(result: FileResult, path: Path | None = None) -> SourceDocument:
    """The loaded file of ``result``: the one checked in this process, or, when the check ran
    in a worker process, ``path`` (by default the file's name) loaded again."""
    if result.document is None:
        result.document = load_file(Path(result.file) if path is None else path, result.file)
    return result.document


def check_files(paths: Iterable[Path], done: Callable[[int], None] | None = None) -> Report:
    """Check every file; one file's problems never stop the others from being checked.

    Many files are checked on every core (see :mod:`unsubmit.parallel`); ``done`` is told how
    many are checked so far.
    """
    return Report(map_in_order(check_file, list(paths), done))
