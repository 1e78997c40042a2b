"""Where the files that ship with unsubmit are: DOCX templates and published schemas.

In a wheel they sit inside the package (``unsubmit/templates``, ``unsubmit/schemas``); in a
source checkout they sit at the repository's top level, where people edit them.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str, package: Path = _PACKAGE) -> Path:
    inside = package / name
    if inside.is_dir():
        return inside
    return package.parents[1] / name


def templates_dir(package: Path | None = None) -> Path:
    """The DOCX templates of this package, or of ``package``, another copy of unsubmit's
    sources (a checkout whose catalogs are worked on)."""
    return _shipped("templates", package or _PACKAGE)


def schemas_dir() -> Path:
    return _shipped("schemas")
