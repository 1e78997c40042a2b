"""Where the files that ship with unsubmit are: templates, schemas, catalogs and data files.

In a wheel they sit inside the package (``unsubmit/templates``, ``unsubmit/schemas``); in a
source checkout they sit at the repository's top level, where people edit them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

#: The environment variable that names the folder of message catalogs to read.
CATALOGS_ENV = "UNSUBMIT_CATALOGS"
#: Where a checkout of unsubmit keeps its catalogs, from its top folder.
CHECKOUT_CATALOGS = Path("src", "unsubmit", "locale")

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


def installed_catalogs() -> Path:
    """The catalogs of the installed package (in an editable install, the checkout's)."""
    return _PACKAGE / "locale"


def catalog_folder(path: Path) -> Path:
    """The folder of catalogs that ``path`` names: itself, or a checkout's own."""
    inside = path / CHECKOUT_CATALOGS
    return inside if inside.is_dir() else path


def catalogs_dir() -> Path:
    """The message catalogs (``<code>/LC_MESSAGES/unsubmit.po`` and ``.mo``): the package's,
    or those of the folder the ``UNSUBMIT_CATALOGS`` environment variable names (a checkout's
    top folder standing for its ``src/unsubmit/locale``)."""
    chosen = os.environ.get(CATALOGS_ENV, "").strip()
    return catalog_folder(Path(chosen)) if chosen else installed_catalogs()


def read_data(name: str) -> Any:
    """The parsed JSON data file ``name`` shipped in ``unsubmit/data``."""
    return json.loads((_PACKAGE / "data" / name).read_text("utf-8"))
