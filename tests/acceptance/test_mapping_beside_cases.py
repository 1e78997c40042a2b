"""An import's mapping file kept in the folder of the cases it made: validated as a mapping (the
pre-commit hook and `validate DIR` check it too), and left out of a build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, run


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    cases = tmp_path / "cases"
    cases.mkdir()
    shutil.copy(REPO / "samples" / "import" / "uwazi-mapping.yaml", cases / "mapping.yaml")
    shutil.copy(REPO / "samples" / "klimovich-allegation-letter.yaml", cases / "klimovich.yaml")
    return cases


def test_a_mapping_among_the_cases_is_valid_and_not_built(folder: Path, tmp_path: Path) -> None:
    validated = run(["validate", str(folder)])
    assert validated.exit_code == 0, validated.output
    assert validated.output.strip().endswith("2 files valid")
    built = run(["build", "-o", str(tmp_path / "out"), str(folder)])
    assert built.exit_code == 0, built.output
    assert [p.name for p in (tmp_path / "out").glob("*.docx")] == [
        "2023-05-15_communication_klimovich_en.docx"
    ]


def test_a_mistake_in_the_mapping_is_told_at_its_line(folder: Path) -> None:
    mapping = folder / "mapping.yaml"
    text = mapping.read_text("utf-8").replace("\nname_column: Title\n", "\nname_colum: Title\n")
    mapping.write_text(text, "utf-8")
    line = text.splitlines().index("name_colum: Title") + 1
    validated = run(["validate", str(folder)])
    assert validated.exit_code == 1
    assert (
        f"{mapping}:{line}:1: $.name_colum: unknown field 'name_colum'; did you mean 'name_column'?"
    ) in validated.output.splitlines()
