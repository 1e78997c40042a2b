"""Reading a mapping file: every problem a finding at its line and column, or a valid mapping.

Besides its own schema, a mapping is checked against the case files it makes: each ``field``
must be a field of the kind of case file the mapping makes, so that a typo
(``victim[0].name``) is told here, once, and not as the same finding in every imported file.
"""

from __future__ import annotations

import re
from pathlib import Path

from jsonschema import Draft202012Validator
from pydantic import ValidationError

from unsubmit.check.schema_errors import explain, suggest
from unsubmit.errors import InputError, InvalidCaseError, Location
from unsubmit.findings import Finding, sort_key
from unsubmit.load.source import JsonPath, SourceDocument, format_path, load_file
from unsubmit.models import KINDS
from unsubmit.models.mapping import TableMapping
from unsubmit.models.schema import mapping_schema, resolved, shared_kind_schema

__all__ = ["case_kind", "field_steps", "load_mapping", "mapping_findings"]

_STEP = re.compile(r"^([a-z_]+)(?:\[(\d*)\])?$")


def case_kind(mapping: TableMapping) -> str:
    """The kind of case file the mapping makes: its defaults' ``kind``, or a communication."""
    kind = mapping.defaults.get("kind", "communication")
    return kind if isinstance(kind, str) else "communication"


def field_steps(path: str) -> list[tuple[str, int | None, bool]]:
    """``victims[0].name`` as ``[("victims", 0, False), ("name", None, False)]``; the last
    element of a step is true for ``[]``, one item per value."""
    steps = []
    for part in path.split("."):
        match = _STEP.match(part)
        assert match is not None  # the schema's pattern has been checked
        name, index = match.groups()
        steps.append((name, int(index) if index else None, index == ""))
    return steps


def _field_problem(path: str, kind: str) -> str | None:
    """What is wrong with ``path`` as a field of a case file of ``kind``, if anything."""
    schema = shared_kind_schema(kind)
    defs = schema.get("$defs", {})
    here = schema
    for name, index, each in field_steps(path):
        properties = here.get("properties", {})
        if name not in properties:
            hint = suggest(name, list(properties))
            return f"a {kind} has no field {name!r} here{hint}"
        here = resolved(properties[name], defs)
        if index is not None or each:
            if here.get("type") != "array":
                return f"{name} is not a list: leave out the [...] after it"
            here = resolved(here.get("items", {}), defs)
    return None


def mapping_findings(document: SourceDocument) -> list[Finding]:
    """Every problem of a loaded mapping file, at its line and column."""
    found: list[Finding] = []

    def add(path: JsonPath, message: str, *, at_key: bool = False) -> None:
        where = document.locate_key(path) if at_key else document.locate(path)
        location = Location(document.name, where.line, where.column, format_path(path))
        found.append(Finding(location, message, code="mapping"))

    validator = Draft202012Validator(mapping_schema())
    for error in sorted(validator.iter_errors(document.data), key=lambda e: list(map(str, e.path))):
        for path, message, at_key in explain(error):
            add(path, message, at_key=at_key)
    if found:
        return found
    data = document.data
    kind = data.get("defaults", {}).get("kind", "communication")
    if kind not in KINDS:
        add(("defaults", "kind"), f"unknown kind {kind!r}: use one of {', '.join(KINDS)}")
        return found
    for index, column in enumerate(data["columns"]):
        problem = _field_problem(column["field"], kind)
        if problem is not None:
            add(("columns", index, "field"), problem)
    defaults = data.get("defaults", {})
    checked = Draft202012Validator(shared_kind_schema(kind)).iter_errors(defaults | {"kind": kind})
    for error in checked:
        if error.validator in ("required", "minItems"):
            continue  # the table's columns give the rest
        for path, message, at_key in explain(error):
            if path and path[0] in defaults:
                add(("defaults", *path), message, at_key=at_key)
    return found


def load_mapping(path: Path) -> TableMapping:
    """The mapping in ``path``; :class:`InvalidCaseError` with every finding when it is not
    one (a YAML or reading problem is an :class:`InputError` of its own)."""
    document = load_file(path)
    name = document.name
    if not isinstance(document.data, dict):
        raise InputError("a mapping file is a mapping of fields (key: value)", Location(name, 1))
    found = mapping_findings(document)
    if found:
        raise InvalidCaseError(name, sorted(found, key=sort_key))
    try:
        return TableMapping.model_validate(document.data)
    except ValidationError as exc:  # the schema said yes: a model check the schema cannot make
        raise InvalidCaseError(
            name,
            [
                Finding(Location(name, 1, 1, format_path(tuple(e["loc"]))), str(e["msg"]))
                for e in exc.errors(include_url=False)
            ],
        ) from exc
