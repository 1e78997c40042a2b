"""The record a build keeps of the files it wrote into an output folder.

An advocate edits a case and builds again: the documents of the first build must be replaced
without ``--force``, since unsubmit wrote them, but a letter that someone edited by hand after
the build, or a file that unsubmit never wrote, must never be. The record tells them apart:
``.unsubmit-manifest.json`` in the output folder names each output with its case file, kind,
locale, variant, format, the SHA-256 of the bytes written, the SHA-256 of the DOCX it was made
from (a PDF or an e-mail is derived from one) and when it was built.

It is written atomically after the outputs, as JSON with sorted keys; the same build run again
leaves it byte for byte as it was (an entry's time changes only when its file is written).
Deleting it is harmless: outputs already in the folder are then treated as files of unknown
origin, as before there was a record. A record that cannot be read is reported, and treated
the same way.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, fields
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path
from typing import Any

from unsubmit.write import digest, holds, write_atomic

__all__ = [
    "MANIFEST_NAME",
    "Manifest",
    "Origin",
    "Record",
    "build_time",
    "read_manifest",
    "sha256",
    "write_manifest",
]

MANIFEST_NAME = ".unsubmit-manifest.json"
#: The form of the record; a record of another form is read as no record.
_VERSION = 1


@dataclass(frozen=True)
class Record:
    """One output of a build, as the record keeps it."""

    #: The case file, relative to the output folder where it can be (POSIX separators).
    case: str
    kind: str
    locale: str
    #: "document", "public" (a communication's public version) or "upload" (an oral
    #: statement's copy for the interpreters).
    variant: str
    #: "docx", "pdf" or "eml".
    format: str
    sha256: str
    #: The DOCX this output was made from: itself for a DOCX, the one converted or attached
    #: for a PDF or an e-mail.
    docx_sha256: str
    #: When these bytes were built (UTC, ISO 8601, to the second).
    built: str

    def same_document(self, other: Record) -> bool:
        """Whether both come from the same case, in the same locale and variant."""
        return (self.case, self.locale, self.variant) == (other.case, other.locale, other.variant)

    def built_at(self) -> str:
        """When it was built, as people read it: ``2024-03-14 09:30 UTC``."""
        try:
            when = datetime.fromisoformat(self.built.replace("Z", "+00:00"))
        except ValueError:
            return self.built
        return when.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


class Origin(Enum):
    """Who is behind a file in the output folder, as far as the record tells."""

    #: No file there.
    ABSENT = "absent"
    #: Written by a build, and unchanged since.
    BUILT = "built"
    #: Written by a build, and changed since (its bytes are not those recorded).
    EDITED = "edited"
    #: Not in the record: someone else's file, or one built before the record was lost.
    UNKNOWN = "unknown"


@dataclass
class Manifest:
    """The record of one output folder, as read at the start of a build."""

    folder: Path
    records: dict[str, Record]
    #: Why the record could not be read (it is then taken as empty), or "" when it could.
    problem: str = ""

    @property
    def path(self) -> Path:
        return self.folder / MANIFEST_NAME

    def origin(self, path: Path) -> tuple[Origin, Record | None]:
        """Whether the file at ``path`` (in the folder) was built, edited since, or unknown."""
        if not os.path.lexists(path):
            return Origin.ABSENT, None
        record = self.records.get(path.name)
        current = digest(path)
        if record is None or current is None:
            return Origin.UNKNOWN, record
        return (Origin.BUILT if current == record.sha256 else Origin.EDITED), record


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build_time() -> str:
    """Now, as the record keeps it."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def case_reference(case_file: Path, folder: Path) -> str:
    """How the record names a case file: relative to the output folder, so that the same case
    is recognised whichever folder the build is run from."""
    try:
        return Path(os.path.relpath(case_file.resolve(), folder.resolve())).as_posix()
    except ValueError:  # another drive, on Windows
        return case_file.resolve().as_posix()


def read_manifest(folder: Path) -> Manifest:
    """The record of ``folder``; an empty one when there is none or it cannot be read."""
    path = folder / MANIFEST_NAME
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return Manifest(folder, {})
    except (OSError, UnicodeDecodeError) as exc:
        return Manifest(folder, {}, f"cannot be read ({_reason(exc)})")
    try:
        return Manifest(folder, _records(json.loads(text)))
    except (ValueError, TypeError, KeyError) as exc:
        return Manifest(folder, {}, f"is damaged ({_reason(exc)})")


def _reason(exc: Exception) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or type(exc).__name__
    return str(exc) or type(exc).__name__


def _records(document: Any) -> dict[str, Record]:
    if not isinstance(document, dict) or document.get("version") != _VERSION:
        raise ValueError(f"not a record of unsubmit's form {_VERSION}")
    outputs = document["outputs"]
    if not isinstance(outputs, dict):
        raise TypeError("its outputs are not a mapping")
    names = {field.name for field in fields(Record)}
    records = {}
    for name, entry in outputs.items():
        if (
            not isinstance(entry, dict)
            or set(entry) != names
            or not all(isinstance(value, str) for value in entry.values())
            or Path(name).name != name
        ):
            raise ValueError(f"the entry of {name!r} is not as unsubmit writes it")
        records[name] = Record(**entry)
    return records


def manifest_bytes(records: dict[str, Record]) -> bytes:
    """The record as written: the same records give the same bytes."""
    document = {
        "version": _VERSION,
        "outputs": {name: asdict(records[name]) for name in sorted(records)},
    }
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def write_manifest(folder: Path, records: dict[str, Record]) -> None:
    """Write the record of ``folder`` atomically (left alone when nothing in it changed)."""
    data = manifest_bytes(records)
    path = folder / MANIFEST_NAME
    if not holds(path, data):
        write_atomic(path, data, overwrite=True)
