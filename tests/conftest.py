"""Shared fixtures: where the repository's samples are, and a way to run the command line."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from unsubmit.cli import cli

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
