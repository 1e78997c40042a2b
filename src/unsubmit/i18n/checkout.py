"""Telling a translator when the catalogs they edit are not the ones the commands read.

Someone who followed the Quick start (``pip install .``) has two copies of the catalogs: the
checkout's, which they edit, and the installed package's, which every command reads. Editing
``ru/unsubmit.po`` and compiling then changes nothing in the documents, with no word of why.
When a command runs inside a checkout of unsubmit whose catalogs are not those it reads (the
install is not editable, and no ``--catalogs`` points at them) and differ from them, this says
so, with the two ways out.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from unsubmit.resources import CATALOGS_ENV, CHECKOUT_CATALOGS, catalogs_dir

__all__ = ["checkout_of", "unread_checkout"]

_PROJECT_NAME = re.compile(r'^name\s*=\s*["\']unsubmit["\']\s*$', re.MULTILINE)


def checkout_of(start: Path) -> Path | None:
    """The top folder of the checkout of unsubmit that ``start`` is in, or None."""
    for folder in (start, *start.parents):
        project = folder / "pyproject.toml"
        if not (folder / CHECKOUT_CATALOGS).is_dir() or not project.is_file():
            continue
        try:
            if _PROJECT_NAME.search(project.read_text("utf-8")):
                return folder
        except (OSError, UnicodeDecodeError):
            continue
    return None


def unread_checkout(start: Path) -> str | None:
    """What to tell someone working in a checkout (at or above ``start``) whose catalogs the
    commands do not read, or None when they read them (or have the same)."""
    checkout = checkout_of(start.absolute())
    if checkout is None:
        return None
    edited = (checkout / CHECKOUT_CATALOGS).resolve()
    read = catalogs_dir().resolve()
    if edited == read or _same_catalogs(edited, read):
        return None
    shown = _shown(checkout / CHECKOUT_CATALOGS, start)
    return (
        f"the catalogs in this checkout ({shown}) are not the ones unsubmit reads and writes "
        f"({read}), and they differ: what you change in {shown} does not reach the "
        f"documents. Install the checkout so that unsubmit reads it (pip install -e . in the "
        f"checkout), or give the checkout's catalogs to each command (--catalogs {shown}, or "
        f"{CATALOGS_ENV}={shown})"
    )


def _same_catalogs(one: Path, other: Path) -> bool:
    """Whether two folders hold the same catalogs: .pot, .po and .mo files, byte for byte."""
    names = {
        path.relative_to(folder).as_posix()
        for folder in (one, other)
        for pattern in ("*.pot", "*/LC_MESSAGES/*.po", "*/LC_MESSAGES/*.mo")
        for path in folder.glob(pattern)
    }
    try:
        return all((one / name).read_bytes() == (other / name).read_bytes() for name in names)
    except OSError:
        return False


def _shown(path: Path, start: Path) -> str:
    """``path`` as the person typing at ``start`` would write it."""
    try:
        return Path(os.path.relpath(path.absolute(), start.absolute())).as_posix()
    except ValueError:  # another drive, on Windows
        return str(path)
