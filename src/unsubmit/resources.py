"""Where the files that ship with unsubmit are: DOCX templates and published schemas.

In a wheel they sit inside the package (``unsubmit/templates``, ``unsubmit/schemas``); in a
source checkout they sit at the repository's top level, where people edit them.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    inside = _PACKAGE / name
    if inside.is_dir():
        return inside
    return _PACKAGE.parents[1] / name


def templates_dir() -> Path:
    return _shipped("templates")


def schemas_dir() -> Path:
    return _shipped("schemas")
