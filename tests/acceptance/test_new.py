"""``unsubmit new``: a commented case file that editors check and validation guides to done."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import run
from unsubmit.load.source import load_file
from unsubmit.models.common import PLACEHOLDER
from unsubmit.models.schema import kind_schema

KINDS = ["communication", "oral-statement", "joint-statement"]


def _resolve(schema: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema or "anyOf" in schema:
        if "$ref" in schema:
            schema = defs[schema["$ref"].rsplit("/", 1)[-1]]
        else:
            schema = next(b for b in schema["anyOf"] if b.get("type") != "null")
    return schema


def _example_at(schema: dict[str, Any], path: tuple[str | int, ...]) -> Any:
    defs = schema["$defs"]
    node = schema
    examples: list[Any] = []
    for step in path:
        node = _resolve(node, defs)
        if isinstance(step, int):
            raw = node["items"]
            lists = [e for e in examples if isinstance(e, list) and e]
            examples = raw.get("examples") or ([lists[0][0]] if lists else [])
        else:
            raw = node["properties"][step]
            examples = raw.get("examples", [])
        node = raw
    node = _resolve(node, defs)
    if "const" in node:
        return node["const"]
    examples = examples or node.get("examples", [])
    if examples:
        return examples[0]
    if "enum" in node:
        return node["enum"][0]
    return node["oneOf"][0]["const"]


def _fill(data: Any, schema: dict[str, Any], path: tuple[str | int, ...] = ()) -> Any:
    if isinstance(data, dict):
        return {k: _fill(v, schema, (*path, k)) for k, v in data.items()}
    if isinstance(data, list):
        return [_fill(v, schema, (*path, i)) for i, v in enumerate(data)]
    if isinstance(data, str) and PLACEHOLDER.match(data):
        return _example_at(schema, path)
    return data


@pytest.mark.parametrize("kind", KINDS)
def test_new_file_points_editors_at_the_schema(kind: str, tmp_path: Path) -> None:
    schemas = tmp_path / "schemas"
    run(["schema", "--out", str(schemas)])
    target = tmp_path / "cases" / "2023" / "case.yaml"
    target.parent.mkdir(parents=True)
    result = run(["new", kind, str(target)])
    assert result.exit_code == 0, result.output
    first = target.read_text("utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json"


@pytest.mark.parametrize("kind", KINDS)
def test_new_file_fails_validation_until_placeholders_are_filled(kind: str, tmp_path: Path) -> None:
    target = tmp_path / "case.yaml"
    assert run(["new", kind, str(target)]).exit_code == 0
    unfilled = run(["validate", str(target)])
    assert unfilled.exit_code == 1
    assert "placeholder" in unfilled.output
    assert "is still here: replace it" in unfilled.output

    data = load_file(target).data
    filled = tmp_path / "filled.yaml"
    filled.write_text(yaml.safe_dump(_fill(data, kind_schema(kind)), allow_unicode=True), "utf-8")
    result = run(["validate", str(filled)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("type_", ["urgent-appeal", "allegation-letter", "other-letter"])
def test_new_communication_of_a_type_asks_for_what_that_type_needs(
    type_: str, tmp_path: Path
) -> None:
    target = tmp_path / "case.yaml"
    assert run(["new", "communication", "--type", type_, str(target)]).exit_code == 0
    data = load_file(target).data
    assert data["type"] == type_
    about_people = type_ != "other-letter"
    assert ("victims" in data, "incidents" in data) == (about_people, about_people)
    assert ("laws_and_policies" in data) is not about_people
    filled = tmp_path / "filled.yaml"
    filled.write_text(
        yaml.safe_dump(_fill(data, kind_schema("communication")), allow_unicode=True), "utf-8"
    )
    result = run(["validate", str(filled)])
    assert "error" not in result.output.replace("0 errors", ""), result.output


def test_new_type_is_only_for_communications() -> None:
    result = run(["new", "oral-statement", "--type", "other-letter"])
    assert result.exit_code == 2
    assert "--type is for a communication, not for a oral-statement" in result.output


def test_cli_knows_the_communication_types_of_the_model() -> None:
    from unsubmit.cli import COMMUNICATION_TYPE_NAMES
    from unsubmit.models.communication import COMMUNICATION_TYPES

    assert tuple(COMMUNICATION_TYPES) == COMMUNICATION_TYPE_NAMES


def test_new_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "case.yaml"
    target.write_text("mine\n", encoding="utf-8")
    result = run(["new", "communication", str(target)])
    assert result.exit_code == 1
    assert "already exists: pass --force to overwrite it" in result.output
    assert target.read_text("utf-8") == "mine\n"
    assert run(["new", "communication", "--force", str(target)]).exit_code == 0
    assert target.read_text("utf-8").startswith("# To have your editor check this file")


def test_new_without_path_prints_the_file() -> None:
    result = run(["new", "joint-statement"])
    assert result.exit_code == 0
    assert 'kind: "joint-statement"' in result.output


def test_cli_knows_the_kinds_and_documents_of_the_model() -> None:
    from unsubmit.cli import DOCUMENT_NAMES, KIND_NAMES
    from unsubmit.models import KINDS
    from unsubmit.models.petition import DOCUMENTS

    assert tuple(KINDS) == KIND_NAMES
    assert tuple(DOCUMENTS) == DOCUMENT_NAMES
