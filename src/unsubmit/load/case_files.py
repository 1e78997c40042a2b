"""Which case files a command line names: files as given, folders searched for case files.

``unsubmit validate cases/`` and ``unsubmit build cases/`` take a folder as a shell would take
``cases/**/*.yaml``: every ``*.yaml`` and ``*.yml`` file in it and its subfolders, in sorted
order, leaving out hidden files and folders (``.git``, ``.venv``) and the folder documents are
built into. A folder that holds no case file is a finding of its own, so that a mistyped folder
never passes as "all valid".
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from unsubmit.errors import Location
from unsubmit.findings import Finding

#: The endings of the files a folder is searched for.
CASE_SUFFIXES = (".yaml", ".yml")


@dataclass
class CaseFiles:
    """The files to check, and one error finding for each folder without case files."""

    files: list[Path] = field(default_factory=list)
    empty: list[Finding] = field(default_factory=list)


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _in_folder(folder: Path, skip: Path | None) -> list[Path]:
    found: list[Path] = []
    skipped = None if skip is None else skip.resolve()
    for top, folders, files in os.walk(folder):
        folders[:] = [
            name for name in folders if not _hidden(name) and Path(top, name).resolve() != skipped
        ]
        found.extend(
            Path(top, name)
            for name in files
            if not _hidden(name) and name.lower().endswith(CASE_SUFFIXES)
        )
    return sorted(found)


def case_files(paths: Iterable[Path], *, skip: Path | None = None) -> CaseFiles:
    """The files named by ``paths``: a folder stands for the case files under it (see the
    module docstring), leaving out the folder ``skip``; anything else is taken as given, so that
    a missing or unreadable file is reported where it is checked."""
    out = CaseFiles()
    for path in paths:
        if not path.is_dir():
            out.files.append(path)
            continue
        inside = _in_folder(path, skip)
        if inside:
            out.files.extend(inside)
            continue
        message = (
            "this folder holds no case files (*.yaml or *.yml), neither in it nor in its "
            "subfolders: check the folder's name, or give the case files themselves"
        )
        finding = Finding(Location(str(path)), message, code="read")
        out.empty.append(finding)
    out.files = list(dict.fromkeys(out.files))
    return out
