"""Faults around a build: the output directory, a full disk, LibreOffice, a kill, a second build.

``tests/unit/test_output.py`` and ``test_pdf.py`` test the writer and the converter on their own;
these tests drive whole ``unsubmit build`` runs, because what matters to the user is what a
build leaves on disk: every file with a final name complete and right, a message that says what
to do, exit 1, and a second run that finishes the job.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, run
from tests.hostile.conftest import listing, unsubmit_command, unsubmit_env
from tests.unit.test_output import hang_on_fsync, kill_when_it_hangs
from unsubmit import write as output

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX signals and permissions")
COPIES = 4  # copies of each sample in the batch: 20 documents


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Twenty case files, each with its own output name."""
    directory = tmp_path_factory.mktemp("cases")
    cases = []
    for copy in range(COPIES):
        for sample in SAMPLES:
            case = directory / f"{copy}-{sample.name}"
            shutil.copyfile(sample, case)
            cases.append(case)
    return cases


@pytest.fixture(scope="module")
def reference(batch: list[Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """What an undisturbed build of the batch writes: name → bytes."""
    out = tmp_path_factory.mktemp("reference")
    result = run(["build", "-q", "-o", str(out), *map(str, batch)])
    assert result.exit_code == 0, result.output
    return {name: (out / name).read_bytes() for name in listing(out)}


def _build(out: Path, cases: list[Path], *extra: str) -> tuple[int, str]:
    result = run(["build", "-o", str(out), *extra, *map(str, cases)])
    return result.exit_code, result.output


def _finals(directory: Path) -> dict[str, bytes]:
    return {
        name: (directory / name).read_bytes()
        for name in listing(directory)
        if not name.endswith(".part")
    }


# --- The output directory ----------------------------------------------------------------------


def test_a_missing_output_directory_is_created(tmp_path: Path) -> None:
    out = tmp_path / "not" / "yet" / "there"
    code, text = _build(out, SAMPLES[:1])
    assert code == 0, text
    assert len(listing(out)) == 1


def test_an_output_directory_that_is_a_file_writes_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_bytes(b"a file, not a directory")
    code, text = _build(blocker, SAMPLES)
    assert code == 1
    assert f"error: {blocker}: is not a directory: choose another output directory with -o" in text
    assert blocker.read_bytes() == b"a file, not a directory"
    code, text = _build(blocker / "below", SAMPLES)
    assert code == 1
    assert "is not a directory" in text
    assert listing(tmp_path) == ["out"]


@posix_only
def test_an_output_directory_that_is_not_writable_writes_nothing(
    tmp_path: Path, unprivileged: list[str]
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        result = subprocess.run(
            [*unprivileged, *unsubmit_command("build", "-o", str(locked), str(SAMPLES[0]))],
            capture_output=True,
            text=True,
            timeout=120,
            env=unsubmit_env(),
            check=False,
        )
    finally:
        locked.chmod(0o755)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr == (
        f"error: {locked}: permission denied: choose another output directory with -o\n"
    )
    assert listing(locked) == []


# --- A full disk -------------------------------------------------------------------------------


def test_a_full_disk_leaves_complete_files_only_and_a_rerun_finishes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills up while the third document of five is flushed.

    Every document is written and flushed under a temporary name before any gets its final
    name, so a full disk leaves no final name at all, and no ``.part`` file either.
    """
    real_fsync = os.fsync
    flushed: list[int] = []

    def filling_up(fd: int) -> None:
        flushed.append(fd)
        if len(flushed) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(output, "_FLUSHES_AT_ONCE", 1)  # one at a time: the third is the third
    monkeypatch.setattr(os, "fsync", filling_up)
    out = tmp_path / "out"
    code, text = _build(out, SAMPLES)
    assert code == 1
    assert "no space left on the device: free some space and build again" in text
    assert _finals(out) == {}
    assert not [name for name in listing(out) if name.endswith(".part")]

    monkeypatch.setattr(os, "fsync", real_fsync)  # space was freed
    code, text = _build(out, SAMPLES)
    assert code == 0, text
    assert text.count("wrote ") == len(SAMPLES)
    assert len(_finals(out)) == len(SAMPLES)


# --- LibreOffice missing or crashing -----------------------------------------------------------


@posix_only
@pytest.mark.parametrize(
    ("script", "message"),
    [
        ("kill -SEGV $$", "LibreOffice crashed (SIGSEGV)"),
        ("kill -KILL $$", "LibreOffice crashed (SIGKILL)"),
        ("echo 'Error: source file could not be loaded' >&2; exit 3", "exit status 3"),
    ],
)
def test_a_crashing_libreoffice_on_path_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str, message: str
) -> None:
    """A broken ``soffice`` found on PATH: no DOCX either, since every output is made first."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "soffice"
    fake.write_text(f"#!/bin/sh\n{script}\n")
    fake.chmod(0o755)
    monkeypatch.delenv("UNSUBMIT_SOFFICE", raising=False)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    out = tmp_path / "out"
    code, text = _build(out, SAMPLES[:2], "--format", "docx,pdf")
    assert code == 1
    assert message in text
    assert not out.exists()


def test_a_missing_libreoffice_is_named_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("UNSUBMIT_SOFFICE", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setattr("unsubmit.render.pdf._KNOWN_LOCATIONS", {})
    out = tmp_path / "out"
    code, text = _build(out, SAMPLES, "--format", "pdf")
    assert code == 1
    assert "LibreOffice is not installed" in text
    assert not out.exists()


# --- Killed in the middle of a batch -----------------------------------------------------------

#: Runs unsubmit with fsync hanging on the fifth output file, so the test can kill it there.
HANGING_BUILD = hang_on_fsync(5) + "from unsubmit.cli import main\nmain(sys.argv[2:])\n"


@posix_only
def test_sigkill_mid_batch_then_a_rerun_completes_it(
    tmp_path: Path, batch: list[Path], reference: dict[str, bytes]
) -> None:
    out = tmp_path / "out"
    args = ["build", "-o", str(out), *map(str, batch)]
    kill_when_it_hangs(HANGING_BUILD, args, tmp_path / "hanging", unsubmit_env())

    # Every document is flushed under a temporary name before any gets its final name: a
    # build killed while flushing leaves no final name at all, only hidden .part files.
    assert _finals(out) == {}
    assert [name for name in listing(out) if name.endswith(".part")]

    code, text = _build(out, batch)
    assert code == 0, text
    assert text.count("wrote ") == len(batch)
    assert _finals(out) == reference
    # the killed build's .part files held documents: the rerun removed them
    assert not [name for name in listing(out) if name.endswith(".part")]


# --- Two builds into the same directory at once ------------------------------------------------


def test_two_builds_into_the_same_directory_at_once_both_succeed(
    tmp_path: Path, batch: list[Path], reference: dict[str, bytes]
) -> None:
    out = tmp_path / "shared"
    args = ["build", "-q", "-o", str(out), *map(str, batch)]
    builds = [
        subprocess.Popen(
            unsubmit_command(*args),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=unsubmit_env(),
        )
        for _ in range(2)
    ]
    for build in builds:
        stdout, stderr = build.communicate(timeout=120)
        assert build.returncode == 0, (stdout + stderr).decode()
    assert listing(out) == sorted(reference)  # no temporary file left behind
    assert _finals(out) == reference
