"""Where the files that ship with unsubmit are: templates, schemas, catalogs and data files.

In a wheel they sit inside the package (``unsubmit/templates``, ``unsubmit/schemas``); in a
source checkout they sit at the repository's top level, where people edit them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

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


def catalogs_dir() -> Path:
    """The message catalogs (``<code>/LC_MESSAGES/unsubmit.po`` and ``.mo``): the package's,
    or those of the folder the ``UNSUBMIT_CATALOGS`` environment variable names."""
    chosen = os.environ.get("UNSUBMIT_CATALOGS")
    return Path(chosen) if chosen else _PACKAGE / "locale"


def read_data(name: str) -> Any:
    """The parsed JSON data file ``name`` shipped in ``unsubmit/data``."""
    return json.loads((_PACKAGE / "data" / name).read_text("utf-8"))
