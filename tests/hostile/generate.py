"""The hostile inputs that are made at test time rather than committed.

Some inputs do not belong in a repository: a 50 MB file, binary files, files in other encodings
(which editors and diff tools would mangle), and things that are not readable regular files at
all (a directory, a pipe, a device, a symbolic-link loop, a file without read permission). Each
entry of ``GENERATED`` makes its input at a given path and says what unsubmit must do with it.

Run ``python -m tests.hostile.generate DIR`` to write them all into DIR and look at them.
"""

from __future__ import annotations

import os
import random
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from tests.hostile.expectations import Expectation, Valid, refused

CORPUS = Path(__file__).resolve().parent / "corpus"
_JOINT = """schema_version: 1
kind: joint-statement
title: {title}
date: 2023-10-02
language: en
lead:
  name: {lead}
paragraphs:
  - We are alarmed.
demands:
  - Stop it.
"""


@dataclass(frozen=True)
class Generated:
    make: Callable[[Path], None]
    expected: Expectation
    #: The file must be unreadable to the process that checks it (root reads everything).
    unreadable: bool = False


def _write(data: bytes) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        path.write_bytes(data)

    return write


def _joint(title: str = "A statement", lead: str = "Example Human Rights Group") -> str:
    return _JOINT.format(title=title, lead=lead)


def _fifty_megabytes(path: Path) -> None:
    line = b"  - We are alarmed, and we say so at length, again and again and again.\n"
    with path.open("wb") as stream:
        stream.write(_joint().encode("utf-8"))
        stream.write(b"extra:\n")
        chunk = line * (1024 * 1024 // len(line))
        for _ in range(50):
            stream.write(chunk)


def _docx() -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _unreadable(path: Path) -> None:
    path.write_text(_joint(), "utf-8")
    path.chmod(0)


def _symlink_loop(path: Path) -> None:
    other = path.with_name(path.name + ".other")
    other.symlink_to(path.name)
    path.symlink_to(other.name)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _noise(size: int) -> bytes:
    generator = random.Random(7)
    return bytes(generator.randrange(256) for _ in range(size))


GENERATED: dict[str, Generated] = {
    "huge-50-megabytes.yaml": Generated(
        _fifty_megabytes,
        refused("", "$", "file is 52.4 MB; case files may be at most 8 MB"),
    ),
    "value-of-3-million-characters.yaml": Generated(
        _write(_joint(title="x" * 3_000_000).encode()),
        refused("3:8", "$.title", "a value longer than 2097152 characters (3000000)"),
    ),
    "six-hundred-thousand-values.yaml": Generated(
        _write(_joint().encode() + b"extra:\n" + b"  - 1\n" * 600_000),
        refused("499990:5", "$.extra[499977]", "more than 500000 values in one file"),
    ),
    "binary-noise.yaml": Generated(
        _write(b"\x00" + _noise(4096)),
        refused("1:1", "$", "looks like a binary file, not YAML text"),
    ),
    "binary-docx.yaml": Generated(
        _write(_docx()), refused("1:6", "$", "looks like a binary file, not YAML text")
    ),
    "binary-png.yaml": Generated(
        _write(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(32)),
        refused("3:1", "$", "looks like a binary file, not YAML text"),
    ),
    "nul-byte-in-title.yaml": Generated(
        _write(_joint(title="A\x00statement").encode()),
        refused("3:9", "$", "looks like a binary file, not YAML text"),
    ),
    "utf16-with-bom.yaml": Generated(
        _write(_joint().encode("utf-16")), refused("", "$", "the file is UTF-16; save it as UTF-8")
    ),
    "utf16-without-bom.yaml": Generated(
        _write(_joint().encode("utf-16-le")),
        refused("1:2", "$", "looks like a binary file, not YAML text"),
    ),
    "utf32-with-bom.yaml": Generated(
        _write(_joint().encode("utf-32")), refused("", "$", "the file is UTF-32; save it as UTF-8")
    ),
    "latin1.yaml": Generated(
        _write(_joint(lead="Zoë Human Rights Group").encode("latin-1")),
        refused("7:11", "$", "not valid UTF-8 (byte 0xeb): save the file as UTF-8"),
    ),
    "windows-1251.yaml": Generated(
        _write(_joint(title="Заява").encode("cp1251")),
        refused("3:8", "$", "not valid UTF-8 (byte 0xc7): save the file as UTF-8"),
    ),
    "utf8-with-bom.yaml": Generated(
        _write(b"\xef\xbb\xbf" + _joint(title="A statement with a byte-order mark").encode()),
        Valid(shown=("A statement with a byte-order mark",)),
    ),
    "utf8-bom-twice.yaml": Generated(
        _write(b"\xef\xbb\xbf\xef\xbb\xbf" + _joint(title="Two byte-order marks").encode()),
        Valid(shown=("Two byte-order marks",)),
    ),
    "empty.yaml": Generated(_write(b""), refused("", "$", "the file is empty")),
    "a-directory.yaml": Generated(
        lambda path: path.mkdir(),
        refused("", "$", "this folder holds no case files (*.yaml or *.yml)"),
    ),
    "missing.yaml": Generated(lambda path: None, refused("", "$", "no such file")),
    "named-pipe.yaml": Generated(_fifo, refused("", "$", "is a named pipe (FIFO), not a case")),
    "device.yaml": Generated(
        lambda path: path.symlink_to("/dev/zero"), refused("", "$", "is a device, not a case file")
    ),
    "symlink-loop.yaml": Generated(
        _symlink_loop, refused("", "$", "cannot be read (too many levels of symbolic links)")
    ),
    "unreadable.yaml": Generated(
        _unreadable, refused("", "$", "cannot be read (permission denied)"), unreadable=True
    ),
}


def main(argv: list[str]) -> None:
    """Write every generated input into the directory given."""
    directory = Path(argv[0])
    directory.mkdir(parents=True, exist_ok=True)
    for name, entry in GENERATED.items():
        entry.make(directory / name)
        print(directory / name)


if __name__ == "__main__":
    main(sys.argv[1:])
