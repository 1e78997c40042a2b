"""The library API: ``import unsubmit`` gives scripts what the command line does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import unsubmit
from tests.conftest import REPO, SAMPLES

INVALID = REPO / "samples" / "invalid"


def test_load_case_gives_the_validated_model() -> None:
    case = unsubmit.load_case(REPO / "samples" / "kalesnikava-urgent-appeal.yaml")
    assert case.kind == "communication"
    assert case.victims[0].name == "Maria Kalesnikava"


def test_load_case_refuses_an_invalid_file_with_every_finding() -> None:
    path = INVALID / "urgent-appeal-without-risk.yaml"
    with pytest.raises(unsubmit.InvalidCaseError) as raised:
        unsubmit.load_case(path)
    error = raised.value
    assert isinstance(error, unsubmit.UnsubmitError)
    assert error.exit_code == 1
    assert error.findings
    expected = path.with_suffix(".expected").read_text("utf-8")
    assert str(error.findings[0]).removeprefix(f"{REPO}/") in expected
    assert error.location is not None and error.location.line is not None


def test_validate_and_build_do_what_the_commands_do(tmp_path: Path) -> None:
    samples = SAMPLES
    assert not unsubmit.validate(samples).failed()
    outcome = unsubmit.build(
        samples[:1],
        unsubmit.BuildOptions(out_dir=tmp_path, locales=("en", "fr"), allow_untranslated=True),
    )
    assert sorted(output.path.name[-8:] for output in outcome.outputs) == [
        "_en.docx",
        "_fr.docx",
    ]
    assert all(output.path.is_file() for output in outcome.outputs)


def test_import_unsubmit_stays_light() -> None:
    heavy = ["docxtpl", "docx", "lxml", "jsonschema", "babel", "pydantic"]
    code = f"import sys, unsubmit; print([m for m in {heavy!r} if m in sys.modules])"
    result = subprocess.run(
        [sys.executable, "-c", code], check=False, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
