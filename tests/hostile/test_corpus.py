"""Every hostile input, through ``unsubmit validate`` and ``unsubmit build``.

Each input either is refused with exit 1 and exactly its expected errors (place, JSON path,
message) and nothing written, or builds into a DOCX that python-docx opens and that shows the
hostile text literally. Never a traceback, and never a hang: every run has a timeout.

The commands run in this process, through click's test runner; a few inputs, one of each sort,
run as real ``python -m unsubmit`` processes, so that exit codes and stderr are the ones a shell
sees, and an unreadable file is unreadable to a process without root's rights.
"""

from __future__ import annotations

import fnmatch
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.conftest import REPO
from tests.hostile.conftest import unsubmit_command, unsubmit_env
from tests.hostile.expectations import EXPECTED, Expectation, Refused, Valid
from tests.hostile.generate import CORPUS, GENERATED
from unsubmit.cli import cli
from unsubmit.i18n.typography import folded
from unsubmit.load.source import format_path, load_file
from unsubmit.render.package import docx_leaks
from unsubmit.render.reader import document_lines
from unsubmit.render.text import clean

TIMEOUT = 60
#: Inputs run as real processes: malformed YAML, a rejected type, binary, too big, a pipe that a
#: careless reader would wait on for ever, a file without read permission, and one that builds.
AS_PROCESSES = frozenset(
    {
        "syntax-unclosed-quote.yaml",
        "type-age-text.yaml",
        "binary-noise.yaml",
        "huge-50-megabytes.yaml",
        "named-pipe.yaml",
        "unreadable.yaml",
        "jinja-in-every-field-communication.yaml",
    }
)


def test_the_corpus_is_large_and_every_file_has_an_expectation() -> None:
    committed = sorted(path.name for path in CORPUS.iterdir())
    assert committed == sorted(EXPECTED)
    assert not set(EXPECTED) & set(GENERATED)
    assert len(EXPECTED) + len(GENERATED) >= 60
    assert set(EXPECTED) | set(GENERATED) >= AS_PROCESSES


@dataclass(frozen=True)
class _Run:
    """What one command did: its exit code and what it printed on each stream."""

    returncode: int
    stdout: str
    stderr: str

    def check_no_crash(self) -> None:
        output = self.stdout + self.stderr
        assert "Traceback" not in output, output
        assert "internal error" not in output, output


def _commands(name: str, out: Path, documents: tuple[str, ...] = ()) -> list[list[str]]:
    """``unsubmit validate NAME`` and ``unsubmit build -o OUT [--as DOCUMENT...] NAME``."""
    chosen = [option for document in documents for option in ("--as", document)]
    return [["validate", name], ["build", "-o", str(out), *chosen, name]]


def _run_as_processes(
    name: str, out: Path, *, cwd: Path, prefix: list[str], documents: tuple[str, ...] = ()
) -> tuple[_Run, _Run]:
    """Both commands as processes, side by side."""
    commands = _commands(name, out, documents)
    processes = [
        subprocess.Popen(
            [*prefix, *unsubmit_command(*command)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
            env=unsubmit_env(),
        )
        for command in commands
    ]
    results = []
    for command, process in zip(commands, processes, strict=True):
        try:
            stdout, stderr = process.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            for other in processes:
                other.kill()
                other.communicate()
            pytest.fail(f"unsubmit {' '.join(command)} did not finish within {TIMEOUT} s")
        results.append(
            _Run(
                process.returncode,
                stdout.decode("utf-8", "replace"),
                stderr.decode("utf-8", "replace"),
            )
        )
    return results[0], results[1]


def _run_in_process(name: str, out: Path, documents: tuple[str, ...] = ()) -> tuple[_Run, _Run]:
    """Both commands in this process, one after the other, from the current directory.

    An exception that escapes the command fails the test with its traceback."""
    runs = []
    for command in _commands(name, out, documents):
        result = CliRunner().invoke(cli, command, catch_exceptions=False)
        runs.append(_Run(result.exit_code, result.stdout, result.stderr))
    return runs[0], runs[1]


def _assert_findings(output: str, name: str, expected: Expectation) -> None:
    """Each expected finding on a line of its own (and no other error), as ``file:line:col:
    $.path: message``; warnings carry ``warning:`` before the message."""
    findings = expected.findings if isinstance(expected, Refused) else ()
    warnings = expected.warnings if isinstance(expected, Valid) else ()
    for finding, prefix in [(f, "") for f in findings] + [(f, "warning: ") for f in warnings]:
        where = f"{name}:{finding.where}" if finding.where else name
        start = f"{where}: {finding.path}: {prefix}"
        assert any(
            line.startswith(start) and finding.fragment in line for line in output.splitlines()
        ), f"{start}...{finding.fragment!r} not in:\n{output}"
    if findings or warnings:
        summary = f"{len(findings)} error{'s' * (len(findings) != 1)}, {len(warnings)} warning"
    else:
        summary = "1 file valid"
    assert summary in output, output


def _free_text(path: Path, not_shown: tuple[str, ...]) -> Iterator[str]:
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), load_file(path).data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, dict):
            stack.extend(((*where, key), item) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend(((*where, index), item) for index, item in enumerate(value))
        elif isinstance(value, str) and " " in value and format_path(where) not in not_shown:
            yield value


@pytest.mark.timeout(TIMEOUT)
@pytest.mark.parametrize("name", sorted(EXPECTED) + sorted(GENERATED))
def test_validate_and_build_a_hostile_input(
    name: str, tmp_path: Path, unprivileged: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    if name in GENERATED:
        entry = GENERATED[name]
        cwd = tmp_path / "in"
        cwd.mkdir()
        entry.make(cwd / name)
        expected = entry.expected
        prefix = unprivileged if entry.unreadable else []
    else:
        cwd, expected, prefix = CORPUS, EXPECTED[name], []
    out = tmp_path / "out"

    documents = expected.documents if isinstance(expected, Valid) else ()
    if name in AS_PROCESSES:
        validated, built = _run_as_processes(name, out, cwd=cwd, prefix=prefix, documents=documents)
    else:
        monkeypatch.chdir(cwd)
        validated, built = _run_in_process(name, out, documents)
    validated.check_no_crash()
    built.check_no_crash()

    if isinstance(expected, Refused):
        assert validated.returncode == 1, validated.stdout + validated.stderr
        _assert_findings(validated.stdout, name, expected)
        assert built.returncode == 1, built.stdout + built.stderr
        _assert_findings(built.stdout, name, expected)
        assert "nothing was written" in built.stderr
        assert not out.exists()
        return

    assert validated.returncode == 0, validated.stdout + validated.stderr
    _assert_findings(validated.stdout, name, expected)
    assert built.returncode == 0, built.stdout + built.stderr
    built_documents = sorted(out.glob("[!.]*"))
    assert len(built_documents) == max(1, len(documents))
    texts = []
    for document in built_documents:
        assert document.suffix == ".docx"
        data = document.read_bytes()
        assert docx_leaks(data) == []
        # python-docx opens it; the typography the document sets (curly quotes) folded back
        texts.append(folded("\n".join(document_lines(data))))
    text = "\n".join(texts)
    shown = list(expected.shown)
    if expected.every_text:
        shown += [clean(value) for value in _free_text(cwd / name, expected.not_shown)]
    for literal in shown:
        assert literal in text, f"{literal!r} is not shown literally"
    assert "49" not in text  # no {{ 7*7 }} was ever evaluated


def test_security_md_points_only_at_tests_and_inputs_that_exist() -> None:
    """SECURITY.md says which tests prove what: each pointer must lead somewhere."""
    text = (REPO / "SECURITY.md").read_text("utf-8")
    pointers = re.findall(r"`([^`\s]+\.(?:py|yaml))`", text)
    inputs = [*EXPECTED, *GENERATED]
    assert len(pointers) > 20
    for pointer in pointers:
        if "/" in pointer:
            assert (REPO / pointer).is_file(), pointer
        else:
            assert fnmatch.filter(inputs, pointer), pointer
