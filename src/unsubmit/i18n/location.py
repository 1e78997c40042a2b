"""Which message catalogs unsubmit reads: the installed package's, or a folder of one's own.

A translator who installed unsubmit with ``pip install .`` edits ``ru/unsubmit.po`` in the
checkout, but the commands read the catalogs of the installed copy. ``--catalogs DIR`` (or the
environment variable ``UNSUBMIT_CATALOGS``) points them at another folder: the documents are
then written with the compiled catalogs in DIR, and ``unsubmit i18n`` works on DIR's catalogs.
DIR is laid out as the package's own folder (``<language>/LC_MESSAGES/unsubmit.po`` and
``.mo``, and ``unsubmit.pot``); a checkout's top folder stands for its
``src/unsubmit/locale``.

The choice lives in the environment, so that the worker processes of a large build, forked or
spawned, read the same catalogs as the process that started them.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from unsubmit.errors import Location, UsageError

__all__ = [
    "CATALOGS_ENV",
    "catalog_folder",
    "catalogs_dir",
    "catalogs_from",
    "installed_catalogs",
    "require_compiled",
    "sources_beside",
]

#: The environment variable that names the folder of catalogs to read.
CATALOGS_ENV = "UNSUBMIT_CATALOGS"
#: Where a checkout of unsubmit keeps its catalogs, from its top folder.
CHECKOUT_CATALOGS = Path("src", "unsubmit", "locale")
_DOMAIN = "unsubmit"


def installed_catalogs() -> Path:
    """The catalogs of the installed package (in an editable install, the checkout's)."""
    return Path(str(resources.files("unsubmit"))) / "locale"


def catalog_folder(path: Path) -> Path:
    """The folder of catalogs that ``path`` names: itself, or a checkout's own."""
    inside = path / CHECKOUT_CATALOGS
    return inside if inside.is_dir() else path


def catalogs_dir() -> Path:
    """The catalogs the commands read and write: the chosen folder, else the installed ones."""
    chosen = os.environ.get(CATALOGS_ENV, "").strip()
    return catalog_folder(Path(chosen)) if chosen else installed_catalogs()


@contextlib.contextmanager
def catalogs_from(path: Path) -> Iterator[Path]:
    """Read and write the catalogs in ``path`` (see :func:`catalog_folder`) until the end of the
    block, in this process and the ones it starts; yields the folder."""
    folder = catalog_folder(path).absolute()
    before = os.environ.get(CATALOGS_ENV)
    os.environ[CATALOGS_ENV] = str(folder)
    try:
        yield folder
    finally:
        if before is None:
            os.environ.pop(CATALOGS_ENV, None)
        else:
            os.environ[CATALOGS_ENV] = before


def require_compiled(folder: Path) -> None:
    """Refuse a folder that holds no compiled catalog: documents would be left in English."""
    if not any(folder.glob(f"*/LC_MESSAGES/{_DOMAIN}.mo")):
        raise UsageError(
            f"holds no compiled catalogs (<language>/LC_MESSAGES/{_DOMAIN}.mo): give the folder "
            f"of the catalogs (in a checkout, {CHECKOUT_CATALOGS.as_posix()}, or the checkout "
            "itself), and compile them first with unsubmit i18n compile --catalogs "
            f"{folder}",
            Location(str(folder)),
        )


def sources_beside(folder: Path) -> Path | None:
    """The package whose sources the catalogs in ``folder`` are made from, when ``folder`` is
    the catalogs' folder of a copy of unsubmit's sources (a checkout); None otherwise."""
    package = folder.parent
    if folder.name == "locale" and package.name == "unsubmit" and (package / "cli.py").is_file():
        return package
    return None
