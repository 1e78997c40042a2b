"""write_all: a batch of outputs, each complete under its final name or absent."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from unsubmit.errors import OutputError
from unsubmit.write import write_all


def _listing(directory: Path) -> list[str]:
    return sorted(entry.name for entry in directory.iterdir())


def test_every_file_is_flushed_before_any_gets_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outputs = [(tmp_path / f"{number}.docx", f"content {number}".encode()) for number in range(5)]
    named_at_each_flush: list[list[str]] = []
    real_fsync = os.fsync

    def spying_fsync(fd: int) -> None:
        named_at_each_flush.append([n for n in _listing(tmp_path) if not n.endswith(".part")])
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", spying_fsync)
    write_all(outputs, overwrite=False)
    assert _listing(tmp_path) == [f"{number}.docx" for number in range(5)]
    assert all(path.read_bytes() == data for path, data in outputs)
    assert named_at_each_flush[:5] == [[]] * 5  # five files flushed while none had its name
    assert len(named_at_each_flush) == 6  # and the directory once, not once per file


def test_a_disk_full_midway_leaves_no_name_and_no_part_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fsync = os.fsync
    calls: list[int] = []

    def full_on_the_third(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full_on_the_third)
    outputs = [(tmp_path / f"{number}.docx", b"x" * 1000) for number in range(5)]
    with pytest.raises(OutputError, match=r"\d\.docx: no space left on the device"):
        write_all(outputs, overwrite=False)
    assert _listing(tmp_path) == []


def test_an_existing_output_stops_the_batch_before_anything_is_named(tmp_path: Path) -> None:
    (tmp_path / "3.docx").write_bytes(b"theirs")
    outputs = [(tmp_path / f"{number}.docx", b"ours") for number in range(5)]
    with pytest.raises(OutputError, match=r"3\.docx: already exists"):
        write_all(outputs, overwrite=False)
    assert _listing(tmp_path) == ["3.docx"]
    assert (tmp_path / "3.docx").read_bytes() == b"theirs"


def test_only_the_files_named_may_be_replaced(tmp_path: Path) -> None:
    """A rebuild replaces its own earlier outputs, and still never someone else's file."""
    (tmp_path / "ours.docx").write_bytes(b"an earlier build")
    (tmp_path / "theirs.docx").write_bytes(b"theirs")
    write_all([(tmp_path / "ours.docx", b"new")], overwrite=False, replace={tmp_path / "ours.docx"})
    assert (tmp_path / "ours.docx").read_bytes() == b"new"
    outputs = [(tmp_path / "ours.docx", b"newer"), (tmp_path / "theirs.docx", b"ours")]
    with pytest.raises(OutputError, match=r"theirs\.docx: already exists"):
        write_all(outputs, overwrite=False, replace={tmp_path / "ours.docx"})
    assert (tmp_path / "ours.docx").read_bytes() == b"new"
    assert _listing(tmp_path) == ["ours.docx", "theirs.docx"]
