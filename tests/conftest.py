"""Shared fixtures: where the repository's samples are, and a way to run the command line."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

import pytest
from click.testing import CliRunner, Result

from unsubmit.cli import cli
from unsubmit.load.source import load_file
from unsubmit.models import CASE_ADAPTER

REPO = Path(__file__).resolve().parents[1]
SAMPLES = sorted((REPO / "samples").glob("*.yaml"))
INVALID = sorted((REPO / "samples" / "invalid").glob("*.yaml"))


def run(args: Sequence[str]) -> Result:
    """Run ``unsubmit ARGS`` in-process, as a user would from the shell."""
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the repository's top, so paths in messages read as users type them."""
    monkeypatch.chdir(REPO)
    return REPO


T = TypeVar("T")


def sample_data(stem: str) -> dict[str, Any]:
    """A sample's data as loaded from YAML, for tests to change before validating it."""
    data: dict[str, Any] = load_file(REPO / "samples" / f"{stem}.yaml").data
    return data


def sample_case(stem: str, kind: type[T], **changes: Any) -> T:
    """The model of a sample with some top-level fields changed (each value copied)."""
    data = sample_data(stem)
    data.update(copy.deepcopy(changes))
    case = CASE_ADAPTER.validate_python(data)
    assert isinstance(case, kind)
    return case


def require_pdf_tools() -> None:
    """Fail, saying what to install, where LibreOffice or pdftotext is missing: tests that read
    PDFs back must not pass by skipping."""
    import shutil

    from unsubmit.render.pdf import find_soffice

    if find_soffice() is None or shutil.which("pdftotext") is None:
        pytest.fail(
            "these tests read PDFs back: install LibreOffice and poppler-utils "
            "(apt-get install libreoffice-writer-nogui poppler-utils)",
            pytrace=False,
        )
