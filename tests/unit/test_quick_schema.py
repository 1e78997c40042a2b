"""The lean schema accepts exactly what the published schema accepts."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from tests.conftest import INVALID, SAMPLES
from unsubmit.check.quick_schema import lean_schema
from unsubmit.errors import UnsubmitError
from unsubmit.load.source import load_file
from unsubmit.models import KINDS
from unsubmit.models.schema import kind_schema

FORMATS = Draft202012Validator.FORMAT_CHECKER
FULL = {kind: Draft202012Validator(kind_schema(kind), format_checker=FORMATS) for kind in KINDS}
LEAN = {
    kind: Draft202012Validator(lean_schema(kind_schema(kind)) or {}, format_checker=FORMATS)
    for kind in KINDS
}
DOCUMENTS = [load_file(path, path.name).data for path in SAMPLES]
CODES = ["death-in-custody", "BLR", "sr-belarus", "urgent-appeal", "full", "family", "en"]

VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(["", "x", "2023-02-30", "2023-05-07", "2023-05", "2023", *CODES])
    | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


def _places(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _places(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _places(value, (*path, index))
    return found


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    """A sample with a few of its values replaced, removed or joined by unknown ones."""
    document: dict[str, Any] = copy.deepcopy(draw(st.sampled_from(DOCUMENTS)))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_places(document)[1:]))
        parent: Any = document
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "remove", "add"]))
        if action == "remove":
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["nmae", "notes", "extra", "id"]))] = draw(VALUES)
        else:
            parent[path[-1]] = draw(VALUES)
    return document


@pytest.mark.parametrize("kind", KINDS)
def test_every_published_schema_has_a_lean_copy(kind: str) -> None:
    lean = lean_schema(kind_schema(kind))
    assert lean is not None
    assert "'$ref'" not in str(lean) and "'examples'" not in str(lean)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_the_lean_schema_accepts_exactly_what_the_full_one_accepts(
    document: dict[str, Any],
) -> None:
    kind = document.get("kind")
    for name in [kind] if isinstance(kind, str) and kind in KINDS else KINDS:
        assert LEAN[name].is_valid(document) == FULL[name].is_valid(document)


def test_invalid_samples_are_rejected_by_both() -> None:
    for path in [*SAMPLES, *INVALID]:
        try:
            data = load_file(path, path.name).data
        except UnsubmitError:  # files that cannot be read never reach the schema
            continue
        for kind in KINDS:
            assert LEAN[kind].is_valid(data) == FULL[kind].is_valid(data), (path.name, kind)


@pytest.mark.parametrize(
    ("schema", "lean"),
    [
        ({"$ref": "#/$defs/A", "$defs": {"A": {"$ref": "#/$defs/A"}}}, None),
        ({"$ref": "https://example.org/s.json"}, None),
        ({"properties": {"a": {"$dynamicRef": "#x"}}}, None),
        ({"unevaluatedProperties": False}, None),
        (
            {"oneOf": [{"const": "a", "title": "A"}, {"const": "a"}]},
            {"oneOf": [{"const": "a"}, {"const": "a"}]},
        ),
        (
            {"properties": {"title": {"oneOf": [{"const": "a"}, {"const": "b"}]}}},
            {"properties": {"title": {"enum": ["a", "b"]}}},
        ),
        (
            {"$defs": {"A": {"type": "string"}}, "$ref": "#/$defs/A", "minLength": 2},
            {"minLength": 2, "allOf": [{"type": "string"}]},
        ),
        (
            {"const": {"description": "kept: it is data"}},
            {"const": {"description": "kept: it is data"}},
        ),
    ],
)
def test_what_the_rewrite_keeps_changes_and_refuses(
    schema: dict[str, Any], lean: dict[str, Any] | None
) -> None:
    assert lean_schema(schema) == lean
