"""The published JSON Schemas, generated from the case models.

One schema per kind, plus ``case.schema.json`` that accepts any kind. They are what reviewers'
editors, check-jsonschema and pre-commit use, so they must say everything the models say:
every property carries a description and examples (synthesised from its parts for objects and
lists), and ``case.schema.json`` dispatches on ``kind`` with ``if``/``then`` so that an error in a
communication is reported against the communication schema, not as "not valid under any of".
Each schema is self-contained (no cross-file ``$ref``), so any validator can use it offline.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from unsubmit.models import CASE_ADAPTER, KINDS, SCHEMA_VERSION
from unsubmit.models.mapping import TableMapping

DIALECT = "https://json-schema.org/draft/2020-12/schema"
CASE_SCHEMA = "case"
#: The schema of the mapping files of ``unsubmit import`` (not a case file).
MAPPING_SCHEMA = "mapping"


def schema_id(name: str) -> str:
    """The ``$id`` of a published schema: a URN, so no validator tries to fetch it."""
    return f"urn:unsubmit:schema:{SCHEMA_VERSION}:{name}"


def file_name(name: str) -> str:
    return f"{name}.schema.json"


def dereferenced(schema: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with its ``$ref`` (to one of ``defs``, as pydantic writes them) replaced by what
    it points at, followed to the end; what the referring schema says itself (a field's
    description, examples, default) stays over what the definition says."""
    if "$ref" not in schema:
        return schema
    found = dereferenced(defs[schema["$ref"].rsplit("/", 1)[-1]], defs)
    return found | {key: value for key, value in schema.items() if key != "$ref"}


def resolved(schema: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """What a field's schema says a value is: its ``$ref`` followed (:func:`dereferenced`), and
    of an optional field's ``anyOf`` the branch that is not ``null``; what the field says itself
    (description, examples) stays over what the type says."""
    if "$ref" in schema:
        return resolved(dereferenced(schema, defs), defs)
    for branch in schema.get("anyOf", ()):
        if branch.get("type") != "null":
            own = {k: v for k, v in schema.items() if k not in ("anyOf", "default")}
            return resolved(branch, defs) | own
    return schema


def _example(schema: dict[str, Any], defs: dict[str, Any], depth: int = 0) -> Any:
    """An example value for a subschema, built from the examples of its parts."""
    if depth > 8:
        return None
    if schema.get("examples"):
        return schema["examples"][0]
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    if "$ref" in schema:
        return _example(dereferenced(schema, defs), defs, depth + 1)
    for key in ("oneOf", "anyOf"):
        if key in schema:
            for branch in schema[key]:
                if branch.get("type") != "null":
                    return _example(branch, defs, depth + 1)
    return _example_of_type(schema, defs, depth)


def _example_of_type(schema: dict[str, Any], defs: dict[str, Any], depth: int) -> Any:
    """An example value for a subschema from its ``type`` alone."""
    kind = schema.get("type")
    if kind == "object":
        example = {}
        for name, sub in schema.get("properties", {}).items():
            value = _example(sub, defs, depth + 1)
            if value is not None:
                example[name] = value
        return example or None
    if kind == "array":
        item = _example(schema.get("items", {}), defs, depth + 1)
        return None if item is None else [item]
    if kind == "boolean":
        return schema.get("default", False)
    if kind == "integer":
        return schema.get("default", schema.get("minimum", 1))
    return None


def _properties(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    yield from schema.get("properties", {}).items()
    for sub in schema.get("$defs", {}).values():
        yield from sub.get("properties", {}).items()


def _add_examples(schema: dict[str, Any]) -> None:
    defs = schema.get("$defs", {})
    for _, prop in _properties(schema):
        if not prop.get("examples"):
            example = _example({k: v for k, v in prop.items() if k != "examples"}, defs)
            if example is not None:
                prop["examples"] = [example]


def _finish(schema: dict[str, Any], name: str, title: str) -> dict[str, Any]:
    _add_examples(schema)
    head = {"$schema": DIALECT, "$id": schema_id(name), "title": title}
    return head | {k: v for k, v in schema.items() if k not in head}


def kind_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind of case file."""
    model = KINDS[kind]
    return _finish(model.model_json_schema(), kind, f"unsubmit {kind} (schema version 1)")


@cache
def shared_kind_schema(kind: str) -> dict[str, Any]:
    """:func:`kind_schema`, generated once per process for code that only reads it (a table
    of a thousand rows imported, each written from the schema); never change what it returns."""
    return kind_schema(kind)


def mapping_schema() -> dict[str, Any]:
    """The JSON Schema of a mapping file, which says how ``unsubmit import`` reads a table."""
    return _finish(
        TableMapping.model_json_schema(), MAPPING_SCHEMA, "unsubmit mapping (schema version 1)"
    )


def case_schema() -> dict[str, Any]:
    """The JSON Schema that accepts a case file of any kind, dispatching on ``kind``."""
    union = CASE_ADAPTER.json_schema()
    defs = union["$defs"]
    kinds = list(KINDS)
    schema = {
        "description": "A case file for unsubmit: a communication to the UN Special Procedures, "
        "speaking notes for a Human Rights Council debate, or a joint statement. "
        "The `kind` property decides which.",
        "type": "object",
        "required": ["schema_version", "kind"],
        "properties": {
            "schema_version": {
                "const": SCHEMA_VERSION,
                "description": "The version of the case-file format. This is version 1.",
                "examples": [SCHEMA_VERSION],
            },
            "kind": {
                "enum": kinds,
                "description": "The kind of case file.",
                "examples": kinds,
            },
        },
        "allOf": [
            {
                "if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
                "then": {"$ref": f"#/$defs/{KINDS[kind].__name__}"},
            }
            for kind in kinds
        ],
        "$defs": defs,
    }
    return _finish(schema, CASE_SCHEMA, "unsubmit case file (schema version 1)")


def all_schemas() -> dict[str, dict[str, Any]]:
    """File name → schema, for every published schema."""
    schemas = {file_name(kind): kind_schema(kind) for kind in KINDS}
    schemas[file_name(CASE_SCHEMA)] = case_schema()
    schemas[file_name(MAPPING_SCHEMA)] = mapping_schema()
    return schemas


def dumps(schema: dict[str, Any]) -> str:
    """The canonical text of a schema: stable key order, two-space indent, final newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(directory: Path) -> list[Path]:
    """Write every published schema into ``directory``; return the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in all_schemas().items():
        path = directory / name
        path.write_text(dumps(schema), encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(directory: Path) -> list[str]:
    """Names of the published schemas that are missing from ``directory`` or differ there."""
    stale = []
    for name, schema in all_schemas().items():
        path = directory / name
        if not path.is_file() or path.read_text(encoding="utf-8") != dumps(schema):
            stale.append(name)
    return stale
