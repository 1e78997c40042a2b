"""The published schemas: generated, committed, complete, and accepted by an outside judge."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from tests.conftest import INVALID, REPO, SAMPLES, run
from unsubmit.models.schema import all_schemas

SCHEMAS = REPO / "schemas"
NAMES = sorted(all_schemas())


def check_jsonschema(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_committed_schemas_equal_what_unsubmit_generates(tmp_path: Path) -> None:
    result = run(["schema", "--out", str(tmp_path)])
    assert result.exit_code == 0
    published = sorted(p.name for p in SCHEMAS.iterdir() if p.is_file())
    assert sorted(p.name for p in tmp_path.iterdir()) == published
    for path in tmp_path.iterdir():
        assert path.read_text("utf-8") == (SCHEMAS / path.name).read_text("utf-8"), (
            f"schemas/{path.name} is stale: run `unsubmit schema --out schemas`"
        )
    assert run(["schema", "--check", str(SCHEMAS)]).exit_code == 0


def test_schema_check_reports_a_stale_schema(tmp_path: Path) -> None:
    run(["schema", "--out", str(tmp_path)])
    (tmp_path / "case.schema.json").write_text("{}", encoding="utf-8")
    result = run(["schema", "--check", str(tmp_path)])
    assert result.exit_code == 1
    assert "case.schema.json: differs from the generated schema" in result.output


@pytest.mark.parametrize("name", NAMES)
def test_schema_is_draft_2020_12_with_an_id(name: str) -> None:
    schema = json.loads((SCHEMAS / name).read_text("utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].startswith("urn:unsubmit:schema:1:")
    Draft202012Validator.check_schema(schema)


def _properties(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for owner in [schema, *schema.get("$defs", {}).values()]:
        for name, prop in owner.get("properties", {}).items():
            yield f"{owner.get('title', 'root')}.{name}", prop


@pytest.mark.parametrize("name", NAMES)
def test_every_field_has_a_description_and_examples(name: str) -> None:
    schema = json.loads((SCHEMAS / name).read_text("utf-8"))
    bare = [where for where, prop in _properties(schema) if not prop.get("description")]
    unexampled = [
        where
        for where, prop in _properties(schema)
        if not prop.get("examples") or prop["examples"][0] in ([], {}, None, "")
    ]
    assert bare == []
    assert unexampled == []


def test_every_violation_code_is_documented() -> None:
    schema = json.loads((SCHEMAS / "communication.schema.json").read_text("utf-8"))
    codes = schema["$defs"]["AllegedViolation"]["properties"]["code"]["oneOf"]
    assert len(codes) > 25
    for choice in codes:
        assert choice["title"] and "Rights:" in choice["description"]
    assert {"const": "death-in-custody"}.items() <= next(
        c for c in codes if c["const"] == "death-in-custody"
    ).items()


def test_check_jsonschema_accepts_every_sample() -> None:
    result = check_jsonschema("--schemafile", str(SCHEMAS / "case.schema.json"), *map(str, SAMPLES))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "name", ["misspelt-fields-and-codes", "yes-no-instead-of-true-false", "misspelt-kind"]
)
def test_check_jsonschema_rejects_schema_mistakes(name: str) -> None:
    path = next(p for p in INVALID if p.stem == name)
    result = check_jsonschema("--schemafile", str(SCHEMAS / "case.schema.json"), str(path))
    assert result.returncode == 1, result.stdout


def test_case_schema_reports_against_the_kind_of_the_file() -> None:
    schema = json.loads((SCHEMAS / "case.schema.json").read_text("utf-8"))
    validator = Draft202012Validator(schema)
    errors = list(validator.iter_errors({"schema_version": 1, "kind": "joint-statement"}))
    missing = sorted(e.message for e in errors if e.validator == "required")
    assert "'demands' is a required property" in missing
    assert "'lead' is a required property" in missing


def test_the_context_schemas_are_what_the_samples_give() -> None:
    """schemas/context/ is made by scripts/make_context_schemas.py from every sample's contexts."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_context_schemas", REPO / "scripts" / "make_context_schemas.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    made = module.made()
    assert sorted(made) == sorted(p.name for p in (SCHEMAS / "context").iterdir())
    for name, text in made.items():
        assert (SCHEMAS / "context" / name).read_text("utf-8") == text, (
            f"schemas/context/{name} is stale: run python scripts/make_context_schemas.py"
        )


def test_a_templates_context_follows_its_schema(tmp_path: Path) -> None:
    """What preview --context prints for a case is valid against schema --context's schema."""
    from jsonschema import Draft202012Validator

    printed = run(["schema", "--context", "communication"])
    assert printed.exit_code == 0
    schema = json.loads(printed.stdout)
    Draft202012Validator.check_schema(schema)
    case = REPO / "samples" / "klimovich-allegation-letter.yaml"
    context = json.loads(run(["preview", "--context", "--public", "-l", "fr", str(case)]).stdout)
    assert list(Draft202012Validator(schema).iter_errors(context)) == []
    assert {"victims", "facts", "submitters"} & set(schema["properties"]["case"]["properties"])
    refused = run(["schema", "--context", "case"])
    assert refused.exit_code == 2


def test_check_jsonschema_judges_a_printed_context_by_its_schema(tmp_path: Path) -> None:
    """An outside validator reads the context schema as a template author's editor would."""
    context = tmp_path / "context.json"
    case = REPO / "samples" / "hrc53-judges-lawyers-oral-statement.yaml"
    context.write_text(run(["preview", "--context", "--upload", str(case)]).stdout, "utf-8")
    schema = SCHEMAS / "context" / "oral-statement.schema.json"
    accepted = check_jsonschema("--schemafile", str(schema), str(context))
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    broken = json.loads(context.read_text("utf-8"))
    del broken["case"]
    context.write_text(json.dumps(broken), "utf-8")
    refused = check_jsonschema("--schemafile", str(schema), str(context))
    assert refused.returncode == 1
    assert "'case' is a required property" in refused.stdout
