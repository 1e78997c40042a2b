"""``build --keep-going``: in a folder of many cases, one that fails does not hold up the rest."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, run

SAMPLES = REPO / "samples"


@pytest.fixture
def caseload(tmp_path: Path) -> Path:
    """Two good cases, one that does not validate, and one without Russian text."""
    folder = tmp_path / "cases"
    folder.mkdir()
    shutil.copy(SAMPLES / "klimovich-allegation-letter.yaml", folder / "klimovich.yaml")
    shutil.copy(SAMPLES / "kalesnikava-urgent-appeal.yaml", folder / "kalesnikava.yaml")
    shutil.copy(SAMPLES / "invalid" / "dates-mistyped-years.yaml", folder / "broken.yaml")
    shutil.copy(SAMPLES / "article-368-other-letter.yaml", folder / "article-368.yaml")
    return folder


def test_every_case_that_passes_is_built_and_each_failure_is_listed(
    caseload: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = run(["build", "--keep-going", "-l", "ru", "-o", str(out), str(caseload)])
    assert result.exit_code == 1
    built = sorted(path.name for path in out.glob("*.docx"))
    assert built == [
        "2023-05-15_communication_klimovich_ru.docx",
        "2023-06-01_communication_kalesnikava_ru.docx",
    ]
    assert "2 of 4 cases failed, each with its first finding:" in result.stderr
    failed = [line.strip() for line in result.stderr.splitlines() if line.startswith("  ")]
    assert [line.split(":", 1)[0] for line in failed] == [
        str(caseload / "broken.yaml"),
        str(caseload / "article-368.yaml"),
    ]
    assert failed[1].endswith("$.title: no Russian translation of this text")
    assert "the failed cases were left out: fix them and build again" in result.stderr
    assert "nothing was written" not in result.stderr


def test_without_it_one_failure_stops_the_build(caseload: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(["build", "-l", "ru", "-o", str(out), str(caseload)])
    assert result.exit_code == 1
    assert "nothing was written" in result.stderr
    assert not out.exists() or not list(out.glob("*.docx"))


def test_when_every_case_passes_it_changes_nothing(caseload: Path, tmp_path: Path) -> None:
    for name in ("broken.yaml", "article-368.yaml"):
        (caseload / name).unlink()
    out = tmp_path / "out"
    result = run(["build", "--keep-going", "-o", str(out), str(caseload)])
    assert result.exit_code == 0, result.output
    assert len(list(out.glob("*.docx"))) == 2
