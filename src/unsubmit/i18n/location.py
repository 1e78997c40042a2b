"""Reading the message catalogs of a folder of one's own instead of the installed package's.

A translator who installed unsubmit with ``pip install .`` edits ``ru/unsubmit.po`` in the
checkout, but the commands read the catalogs of the installed copy. ``--catalogs DIR`` (or the
environment variable ``UNSUBMIT_CATALOGS``) points them at another folder: the documents are
then written with the compiled catalogs in DIR, and ``unsubmit i18n`` works on DIR's catalogs.
DIR is laid out as the package's own folder (``<language>/LC_MESSAGES/unsubmit.po`` and
``.mo``, and ``unsubmit.pot``); a checkout's top folder stands for its
``src/unsubmit/locale``.

The choice lives in the environment, where :func:`unsubmit.resources.catalogs_dir` reads it, so
that the worker processes of a large build, forked or spawned, read the same catalogs as the
process that started them.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from unsubmit.errors import Location, UsageError
from unsubmit.resources import CATALOGS_ENV, CHECKOUT_CATALOGS, catalog_folder

__all__ = ["catalogs_from", "require_compiled", "sources_beside"]

_DOMAIN = "unsubmit"


@contextlib.contextmanager
def catalogs_from(path: Path) -> Iterator[Path]:
    """Read and write the catalogs in ``path`` (a folder of catalogs, or a checkout) until the
    end of the block, in this process and the ones it starts; yields the folder."""
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
