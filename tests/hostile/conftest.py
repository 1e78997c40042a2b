"""Fixtures for the hostile-input tests: running unsubmit as a real, unprivileged process."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from unsubmit.write.manifest import MANIFEST_NAME

#: Root reads and writes every file: drop the capabilities that let it, so that a file or a
#: directory without permissions is as closed to the process as it is to anyone else.
UNPRIVILEGED = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]


def unsubmit_command(*args: str) -> list[str]:
    """The command line that runs this checkout's unsubmit in a new process."""
    return [sys.executable, "-m", "unsubmit", *args]


def unsubmit_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO / "src")}


@pytest.fixture
def unprivileged() -> list[str]:
    """A prefix for a command that must not be able to read or write what it has no rights to."""
    if not (hasattr(os, "geteuid") and os.geteuid() == 0):
        return []
    if shutil.which("setpriv") is None:
        pytest.fail("running as root, permission tests need setpriv (util-linux)")
    return UNPRIVILEGED


def listing(directory: Path) -> list[str]:
    """The names in ``directory``, but for the record a build keeps there of its outputs."""
    return sorted(entry.name for entry in directory.iterdir() if entry.name != MANIFEST_NAME)
