"""write_atomic never leaves a half-written file under a final name, whatever goes wrong."""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from unsubmit.errors import OutputError
from unsubmit.write import ensure_output_dir, write_atomic

SRC = Path(__file__).resolve().parents[2] / "src"


def _listing(directory: Path) -> list[str]:
    return sorted(entry.name for entry in directory.iterdir())


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


# --- Success -------------------------------------------------------------------------------


def test_writes_the_file_and_nothing_else(tmp_path: Path, umask_022: None) -> None:
    target = tmp_path / "2023-05-07_letter.docx"
    write_atomic(target, b"content", overwrite=False)
    assert target.read_bytes() == b"content"
    assert _listing(tmp_path) == [target.name]
    assert stat.S_IMODE(target.stat().st_mode) == 0o644  # like any file the user creates


def test_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "letter.docx"
    target.write_bytes(b"old")
    with pytest.raises(OutputError, match="already exists: pass --force to overwrite it") as info:
        write_atomic(target, b"new", overwrite=False)
    assert info.value.location is not None
    assert info.value.location.file == str(target)
    assert target.read_bytes() == b"old"
    assert _listing(tmp_path) == [target.name]


def test_overwrite_replaces(tmp_path: Path) -> None:
    target = tmp_path / "letter.docx"
    target.write_bytes(b"old")
    write_atomic(target, b"new", overwrite=True)
    assert target.read_bytes() == b"new"
    assert _listing(tmp_path) == [target.name]


def test_overwrite_of_a_missing_file_writes_it(tmp_path: Path) -> None:
    target = tmp_path / "letter.docx"
    write_atomic(target, b"new", overwrite=True)
    assert target.read_bytes() == b"new"


def test_temporary_name_is_hidden_and_ends_with_part(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    real_fsync = os.fsync

    def spying_fsync(fd: int) -> None:
        seen.extend(_listing(tmp_path))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", spying_fsync)
    write_atomic(tmp_path / "letter.docx", b"x", overwrite=False)
    parts = [name for name in seen if name != "letter.docx"]
    assert parts
    assert all(name.startswith(".letter.docx.") and name.endswith(".part") for name in parts)


# --- Failures ------------------------------------------------------------------------------


def test_disk_full_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    target = tmp_path / "letter.docx"
    with pytest.raises(OutputError, match="no space left on the device: free some space"):
        write_atomic(target, b"x" * 100_000, overwrite=False)
    assert _listing(tmp_path) == []


def test_interrupt_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "letter.docx", b"x", overwrite=True)
    assert _listing(tmp_path) == []


@pytest.mark.parametrize(("theirs", "refused"), [(b"theirs", True), (b"ours", False)])
def test_concurrent_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, theirs: bytes, refused: bool
) -> None:
    """Another build creates the file between our check and our rename: os.link refuses, and
    that is an error unless the other build wrote exactly our bytes (builds are deterministic)."""
    target = tmp_path / "letter.docx"
    real_fsync = os.fsync

    def racing_fsync(fd: int) -> None:
        real_fsync(fd)
        if not target.exists():
            target.write_bytes(theirs)

    monkeypatch.setattr(os, "fsync", racing_fsync)
    if refused:
        with pytest.raises(OutputError, match="already exists"):
            write_atomic(target, b"ours", overwrite=False)
    else:
        write_atomic(target, b"ours", overwrite=False)
        write_atomic(target, b"ours", overwrite=False)  # and again, with no race at all
    assert target.read_bytes() == theirs
    assert _listing(tmp_path) == [target.name]


@pytest.mark.parametrize("code", [errno.EPERM, errno.EXDEV, errno.EOPNOTSUPP])
def test_file_systems_without_hard_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    def no_links(source: object, destination: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "letter.docx"
    write_atomic(target, b"ours", overwrite=False)
    assert target.read_bytes() == b"ours"
    assert _listing(tmp_path) == [target.name]


def test_without_hard_links_a_concurrent_file_is_still_respected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "letter.docx"

    def racing_no_links(source: object, destination: object) -> None:
        target.write_bytes(b"theirs")
        raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))

    monkeypatch.setattr(os, "link", racing_no_links)
    with pytest.raises(OutputError, match="already exists"):
        write_atomic(target, b"ours", overwrite=False)
    assert target.read_bytes() == b"theirs"
    assert _listing(tmp_path) == [target.name]


def test_parent_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "report.docx"
    blocker.write_bytes(b"")
    with pytest.raises(OutputError, match="is not a directory") as info:
        write_atomic(blocker / "letter.docx", b"x", overwrite=False)
    assert str(blocker) in info.value.message


def test_target_is_a_directory(tmp_path: Path) -> None:
    (tmp_path / "letter.docx").mkdir()
    with pytest.raises(OutputError, match="is a directory"):
        write_atomic(tmp_path / "letter.docx", b"x", overwrite=True)
    assert _listing(tmp_path) == ["letter.docx"]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (errno.EACCES, "permission denied: choose another output directory with -o"),
        (errno.EPERM, "permission denied: choose another output directory with -o"),
        (errno.EROFS, "read-only file system"),
        (errno.EIO, "cannot write: Input/output error"),
    ],
)
def test_os_errors_say_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, expected: str
) -> None:
    def failing(fd: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", failing)
    with pytest.raises(OutputError, match=expected):
        write_atomic(tmp_path / "letter.docx", b"x", overwrite=False)
    assert _listing(tmp_path) == []


# --- Output directory ----------------------------------------------------------------------


def test_missing_directory_is_created(tmp_path: Path) -> None:
    directory = tmp_path / "out" / "2023"
    ensure_output_dir(directory)
    assert directory.is_dir()
    assert _listing(directory) == []  # the writability probe cleans up after itself
    ensure_output_dir(directory)  # existing is fine


def test_directory_that_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_bytes(b"")
    with pytest.raises(OutputError, match="is not a directory: choose another"):
        ensure_output_dir(blocker)
    with pytest.raises(OutputError, match="is not a directory"):
        ensure_output_dir(blocker / "sub")


def test_unwritable_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    directory = tmp_path / "locked"
    directory.mkdir()
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # root may write anywhere; pretend the permission bits apply
        monkeypatch.setattr(os, "access", lambda *args, **kwargs: False)
    else:
        directory.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="permission denied"):
            ensure_output_dir(directory)
    finally:
        directory.chmod(0o700)


def test_root_probe_catches_what_access_does_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As root os.access says yes even on a read-only mount; creating a file tells the truth."""
    real_open = os.open

    def read_only_open(path: object, flags: int, mode: int = 0o777, **kwargs: object) -> int:
        if str(path).endswith(".part"):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, flags, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "geteuid", lambda: 0, raising=False)
    monkeypatch.setattr(os, "access", lambda *args, **kwargs: True)
    monkeypatch.setattr(os, "open", read_only_open)
    with pytest.raises(OutputError, match="read-only file system") as info:
        ensure_output_dir(tmp_path)
    assert info.value.location is not None
    assert info.value.location.file == str(tmp_path)


# --- Killed mid-batch ----------------------------------------------------------------------


def hang_on_fsync(number: int) -> str:
    """Python source that makes ``os.fsync`` of the NUMBERth regular file hang for ten minutes,
    after creating the file named by ``sys.argv[1]``, so that a test knows when to kill."""
    return rf"""
import os, stat, sys, time
from pathlib import Path

marker = Path(sys.argv[1])
real_fsync = os.fsync
calls = 0

def fsync_that_hangs(fd):
    global calls
    if stat.S_ISREG(os.fstat(fd).st_mode):
        calls += 1
        if calls == {number}:
            marker.write_text("")
            time.sleep(600)
    real_fsync(fd)

os.fsync = fsync_that_hangs
"""


CHILD = (
    hang_on_fsync(4)
    + r"""
from unsubmit.write import write_atomic

directory = Path(sys.argv[2])
for index in range(10):
    write_atomic(directory / f"out-{index}.bin", payload(index), overwrite=False)
"""
)

PAYLOAD = "def payload(index):\n    return (b'%05d' % index) * 200_000 + b'END'\n"


def kill_when_it_hangs(script: str, args: list[str], marker: Path, env: dict[str, str]) -> None:
    """Run a ``hang_on_fsync`` script and kill it with SIGKILL once it hangs."""
    child = subprocess.Popen([sys.executable, "-c", script, str(marker), *args], env=env)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert child.poll() is None, "the child exited before it was killed"
            assert time.monotonic() < deadline, "the child never reached the file to hang on"
            time.sleep(0.02)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert child.returncode == -signal.SIGKILL


def _payload(index: int) -> bytes:
    return (b"%05d" % index) * 200_000 + b"END"


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_sigkill_mid_batch_leaves_no_partial_file_under_a_final_name(tmp_path: Path) -> None:
    directory = tmp_path / "out"
    directory.mkdir()
    script = PAYLOAD + CHILD
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    kill_when_it_hangs(script, [str(directory)], tmp_path / "hanging", env)

    names = _listing(directory)
    finals = [name for name in names if not name.endswith(".part")]
    parts = [name for name in names if name.endswith(".part")]
    assert finals == ["out-0.bin", "out-1.bin", "out-2.bin"]
    for name in finals:
        assert (directory / name).read_bytes() == _payload(int(name[4]))
    assert len(parts) == 1  # the file that was being written, under its temporary name only
    assert parts[0].startswith(".out-3.bin.")


@pytest.mark.skipif(os.name != "posix", reason="process numbers are checked on POSIX")
def test_part_files_of_ended_processes_are_removed_by_the_next_write(tmp_path: Path) -> None:
    """A killed build's ``.part`` files may hold whole documents; a running one's are kept."""
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead = int(ended.stdout)
    abandoned = tmp_path / f".a.docx.{dead}-0123456789ab.part"
    running = tmp_path / f".b.docx.{os.getppid()}-0123456789ab.part"
    ours = tmp_path / f".c.docx.{os.getpid()}-0123456789ab.part"
    unrelated = tmp_path / ".notes.part"
    for path in (abandoned, running, ours, unrelated):
        path.write_bytes(b"a document, half written")

    write_atomic(tmp_path / "d.docx", b"new", overwrite=False)

    assert not abandoned.exists()
    assert running.exists() and ours.exists() and unrelated.exists()
    assert (tmp_path / "d.docx").read_bytes() == b"new"
