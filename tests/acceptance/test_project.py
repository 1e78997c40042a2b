"""The project's promises about itself: the README's commands, CI, the pre-commit hook."""

from __future__ import annotations

import re
import subprocess
import sys

import yaml

from tests.conftest import REPO
from unsubmit import __version__


def _readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text("utf-8")
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", quick, re.DOTALL)


def test_readme_gives_exactly_two_commands_and_ci_runs_the_second() -> None:
    commands = _readme_commands()
    assert len(commands) == 2
    install, tests = commands
    assert "pip install ." in install and "unsubmit" in install
    assert "pytest" in tests and "mypy" in tests and "ruff check" in tests
    ci = (REPO / ".ci" / "run").read_text("utf-8").splitlines()
    assert tests in ci


def test_python_dash_m_and_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "unsubmit", "--version"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0
    assert result.stdout == f"unsubmit, version {__version__}\n"


def test_pre_commit_hook_runs_unsubmit_validate_on_yaml() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    main = next(hook for hook in hooks if hook["id"] == "unsubmit-validate")
    assert main["entry"] == "unsubmit validate"
    assert re.search(main["files"], "cases/klimovich.yaml")
    assert not re.search(main["files"], "README.md")
