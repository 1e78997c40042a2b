"""The commands as the README shows them: folders of cases, new files in new folders, output
read by `head`, and new case files that still point at their schema once shared."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import INVALID, REPO, SAMPLES, run


def _cases(tmp_path: Path) -> Path:
    """A folder of cases as people keep them: by year, with a hidden folder and a build folder."""
    cases = tmp_path / "cases"
    (cases / "2023").mkdir(parents=True)
    (cases / ".drafts").mkdir()
    (cases / "out").mkdir()
    shutil.copy(SAMPLES[0], cases / "2023" / "b.yaml")
    shutil.copy(SAMPLES[1], cases / "a.yml")
    shutil.copy(INVALID[0], cases / ".drafts" / "broken.yaml")
    shutil.copy(INVALID[0], cases / "out" / "broken.yaml")
    (cases / "notes.txt").write_text("not a case", "utf-8")
    return cases


def test_validate_a_folder_checks_its_case_files(tmp_path: Path) -> None:
    cases = _cases(tmp_path)
    result = run(["validate", "-o", "json", "--strict", str(cases)])
    assert result.exit_code == 1
    summary = json.loads(result.output)["summary"]
    # validate has no output folder: cases/out is checked, cases/.drafts is not
    assert (summary["files"], summary["failed_files"]) == (3, [str(cases / "out" / "broken.yaml")])
    assert run(["validate", str(cases / "2023"), str(cases / "a.yml")]).output == "2 files valid\n"


def test_build_a_folder_leaves_out_hidden_folders_and_its_output_folder(tmp_path: Path) -> None:
    cases = _cases(tmp_path)
    result = run(["build", "-q", "-o", str(cases / "out"), str(cases)])
    assert result.exit_code == 0, result.output
    built = sorted(p.name for p in (cases / "out").glob("*.docx"))
    assert len(built) == 2


def test_a_folder_without_case_files_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "notes.txt").write_text("x", "utf-8")
    for command in (["validate"], ["build", "-o", str(tmp_path / "out")]):
        result = run([*command, str(tmp_path / "cases")])
        assert result.exit_code == 1
        assert (
            f"{tmp_path / 'cases'}: $: this folder holds no case files (*.yaml or *.yml), "
            "neither in it nor in its subfolders: check the folder's name, or give the case "
            "files themselves"
        ) in result.output.splitlines()
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("how", [["PATH"], ["-o", "PATH"], ["--output", "PATH"]])
def test_new_creates_the_folders_of_its_file(how: list[str], tmp_path: Path) -> None:
    target = tmp_path / "cases" / "2024" / "case.yaml"
    result = run(["new", "communication", *(str(target) if a == "PATH" else a for a in how)])
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"wrote {target}: replace its <placeholders>, then run unsubmit validate {target}\n"
    )
    assert target.read_text("utf-8").startswith("# To have your editor check this file")


def test_new_refuses_two_different_paths(tmp_path: Path) -> None:
    result = run(["new", "communication", str(tmp_path / "a.yaml"), "-o", str(tmp_path / "b.yaml")])
    assert result.exit_code == 2
    assert f"give the new file's path once: {tmp_path / 'a.yaml'} or -o {tmp_path / 'b.yaml'}" in (
        result.output
    )
    assert list(tmp_path.iterdir()) == []


def test_new_outside_a_case_repository_says_how_to_point_an_editor_at_the_schema(
    tmp_path: Path,
) -> None:
    run(["new", "oral-statement", str(tmp_path / "case.yaml")])
    text = (tmp_path / "case.yaml").read_text("utf-8")
    assert str(tmp_path) not in text and "file://" not in text
    assert text.splitlines()[:4] == [
        "# To have your editor check this file as you type, write the schemas into your folder",
        "# of cases (unsubmit schema --out schemas) and put this line first in the file, with",
        "# the path from this file to oral-statement.schema.json:",
        "#   # yaml-language-server: $schema=schemas/oral-statement.schema.json",
    ]


def _closed_pipe_run(args: list[str]) -> subprocess.CompletedProcess[bytes]:
    """Run ``unsubmit ARGS`` with its output going into a pipe nobody reads any more, as
    ``unsubmit ARGS | head`` is once head has its lines."""
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run(
            [sys.executable, "-m", "unsubmit", *args],
            stdout=write,
            stderr=subprocess.PIPE,
            cwd=REPO,
            check=False,
            timeout=120,
        )
    finally:
        os.close(write)


def test_output_read_only_in_part_ends_quietly() -> None:
    listed = _closed_pipe_run(["mandates"])
    assert (listed.returncode, listed.stderr) == (0, b"")
    invalid = [str(p.relative_to(REPO)) for p in INVALID]
    checked = _closed_pipe_run(["validate", *invalid])
    assert (checked.returncode, checked.stderr) == (1, b"")  # the findings still fail the run
    valid = _closed_pipe_run(["validate", str(SAMPLES[0].relative_to(REPO))])
    assert (valid.returncode, valid.stderr) == (0, b"")
