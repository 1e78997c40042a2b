"""A lean copy of a JSON Schema that answers "valid or not?" in less than half the time.

Most case files are valid, and for a valid file the JSON Schema stage has nothing to say; yet
the published schemas are written for people and editors: every property documented with a
description and examples, shared parts behind ``$ref``, each vocabulary code a ``oneOf`` branch
of its own with a title and a description. The validator walks all of that for every file.

:func:`lean_schema` rewrites a schema into one that accepts exactly the same documents and is
quicker to check: ``$ref`` to ``$defs`` replaced by what they point at, annotations dropped, and a
``oneOf`` of distinct string constants turned into the ``enum`` it amounts to. The checker asks
the lean schema first and runs the full schema only for files it rejects, so every finding still
comes from the published schema. A schema the rewrite does not understand (a remote or recursive
``$ref``, dynamic references, ``unevaluated*``) gets no lean copy, and only the full schema is used.
"""

from __future__ import annotations

from typing import Any

__all__ = ["lean_schema"]

#: Keywords that only describe; they never change whether a document is valid.
_ANNOTATIONS = frozenset(
    {"title", "description", "examples", "default", "$comment", "deprecated", "readOnly",
     "writeOnly", "$schema", "contentMediaType", "contentEncoding"}
)  # fmt: skip
#: Keywords whose values are names mapped to subschemas.
_SCHEMA_MAPS = frozenset({"properties", "patternProperties", "dependentSchemas"})
#: Keywords whose values are data, not schemas: left exactly as they are.
_LITERALS = frozenset({"const", "enum", "required", "dependentRequired", "type", "pattern"})
#: Keywords the rewrite cannot keep equivalent.
_UNSUPPORTED = frozenset(
    {"$dynamicRef", "$dynamicAnchor", "$recursiveRef", "$recursiveAnchor", "$anchor",
     "unevaluatedProperties", "unevaluatedItems"}
)  # fmt: skip
_LOCAL = "#/$defs/"


class _Unsupported(Exception):
    pass


def lean_schema(schema: dict[str, Any]) -> dict[str, Any] | None:
    """A schema equivalent to ``schema`` for validation, or None when it cannot be made."""
    defs = schema.get("$defs", {})
    inner = {key: value for key, value in schema.items() if key != "$id"}
    try:
        lean = _rewrite(inner, defs, ())
    except _Unsupported:
        return None
    assert isinstance(lean, dict)
    return lean


def _rewrite(node: Any, defs: dict[str, Any], seen: tuple[str, ...]) -> Any:
    if isinstance(node, list):
        return [_rewrite(item, defs, seen) for item in node]
    if not isinstance(node, dict):
        return node
    if _UNSUPPORTED & node.keys() or "$id" in node:  # an inner $id moves what "#" means
        raise _Unsupported
    lean: dict[str, Any] = {}
    for key, value in node.items():
        if key in _ANNOTATIONS or key in ("$defs", "$ref"):
            continue
        if key in _LITERALS:
            lean[key] = value
        elif key in _SCHEMA_MAPS:
            lean[key] = {name: _rewrite(sub, defs, seen) for name, sub in value.items()}
        else:
            lean[key] = _rewrite(value, defs, seen)
    if "$ref" in node:
        lean = _with_reference(lean, node["$ref"], defs, seen)
    return _constants_as_enum(lean)


def _with_reference(
    lean: dict[str, Any], ref: Any, defs: dict[str, Any], seen: tuple[str, ...]
) -> dict[str, Any]:
    """``$ref`` applies beside its siblings (draft 2020-12): as one more ``allOf`` branch."""
    if not isinstance(ref, str) or not ref.startswith(_LOCAL):
        raise _Unsupported
    name = ref.removeprefix(_LOCAL)
    if name in seen or name not in defs or "/" in name or "~" in name:
        raise _Unsupported
    target = _rewrite(defs[name], defs, (*seen, name))
    if not lean:
        return target if isinstance(target, dict) else {"allOf": [target]}
    return {**lean, "allOf": [*lean.get("allOf", []), target]}


def _constants_as_enum(lean: dict[str, Any]) -> dict[str, Any]:
    """``oneOf: [{const: a}, {const: b}]`` with distinct strings is ``enum: [a, b]``."""
    branches = lean.get("oneOf")
    if not isinstance(branches, list) or not branches:
        return lean
    if not all(isinstance(b, dict) and b.keys() == {"const"} for b in branches):
        return lean
    values = [branch["const"] for branch in branches]
    if not all(isinstance(value, str) for value in values) or len(set(values)) != len(values):
        return lean
    rest = {key: value for key, value in lean.items() if key != "oneOf"}
    if "enum" in rest:
        return lean
    return {**rest, "enum": values}
