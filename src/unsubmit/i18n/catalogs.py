"""The translator's workflow over the message catalogs: extract, init, update, compile, stats.

The catalogs live in the package, so that they ship in the wheel::

    unsubmit/locale/unsubmit.pot                        every message, from the sources
    unsubmit/locale/<language>/LC_MESSAGES/unsubmit.po  one language's translations
    unsubmit/locale/<language>/LC_MESSAGES/unsubmit.mo  the same, compiled (what builds read)

These are the catalogs of the installed copy; ``--catalogs DIR`` (``UNSUBMIT_CATALOGS``)
works on those of another folder laid out the same way, a checkout's among them, whose templates
and code the messages are then extracted from (:mod:`unsubmit.i18n.location`).

The messages come from four kinds of source, as ``babel.cfg`` lists them for ``pybabel``:
the DOCX templates (``{{ _("...") }}`` and ngettext), the Python code (labels marked with
``N_``), the violations vocabulary (labels and rights), the labels of roles and statuses
again in a "female" and a "male" context, for the languages whose words agree with the sex,
and the mandate registry (titles, in the context ``mandate title``). The compiled ``.mo``
files are kept in the repository beside their ``.po``, so that a checkout, an editable install
and a wheel all read the same files with no build step; a test fails when one is not what
:func:`compile_catalogs` makes of its ``.po``.

Nothing here prints; every function returns what it did.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract, extract_python
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from unsubmit import __version__
from unsubmit.errors import Location, UnsubmitError, UsageError
from unsubmit.i18n.extract import ExtractionError, extract_data, extract_docx, extract_gendered
from unsubmit.i18n.location import sources_beside
from unsubmit.languages import DOMAIN, codes, known
from unsubmit.resources import catalogs_dir, templates_dir
from unsubmit.write import write_atomic

#: How wide the .po files are wrapped (Babel's default is 76; long legal sentences read better
#: when wrapped less often).
WIDTH = 100


#: The comment at the top of the .pot file (Babel names the language in each catalog's).
HEADER = """\
# Translations template for the fixed text of unsubmit's documents.
# This file is distributed under the same license as the unsubmit project.
#"""


class CatalogError(UnsubmitError):
    """A catalog or a source of messages cannot be read or written."""


@dataclass(frozen=True)
class Written:
    """A file the workflow wrote, or left as it was because nothing in it would change."""

    path: Path
    changed: bool
    detail: str = ""


@dataclass(frozen=True)
class Stats:
    """How much of one catalog is translated: plural messages count once."""

    language: str
    translated: int
    fuzzy: int
    total: int

    @property
    def complete(self) -> bool:
        return self.translated == self.total and self.fuzzy == 0

    def as_json(self) -> dict[str, int]:
        return {"translated": self.translated, "fuzzy": self.fuzzy, "total": self.total}


def _package() -> Path:
    """The package whose sources the messages are extracted from: the checkout's, when the
    catalogs are a checkout's (``--catalogs``), else the installed one."""
    return sources_beside(locale_dir()) or Path(str(resources.files("unsubmit")))


def locale_dir() -> Path:
    """The catalogs worked on: the installed ones, or those chosen with ``--catalogs``."""
    return catalogs_dir()


def template_path() -> Path:
    """The ``.pot`` file: every message, untranslated."""
    return locale_dir() / f"{DOMAIN}.pot"


def po_path(language: str) -> Path:
    return locale_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(language: str) -> Path:
    return po_path(language).with_suffix(".mo")


def _check_language(language: str) -> None:
    if not known(language):
        raise UsageError(
            f"{language!r} is not a language CLDR knows: give its ISO 639 code, such as 'pl' "
            "for Polish (the catalogs kept now: " + ", ".join(codes()) + ")"
        )


def existing_languages() -> list[str]:
    """The languages that have a ``.po`` catalog: in the order of :func:`codes`, then others."""
    found = sorted(path.parents[1].name for path in locale_dir().glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return [code for code in codes() if code in found] + [
        code for code in found if code not in codes()
    ]


# --- Extraction ---------------------------------------------------------------------------------


def _sources() -> Iterator[tuple[Path, Any]]:
    """Every file messages are extracted from, with its extractor, in a stable order."""
    package = _package()
    labels = package / "models" / "communication.py"
    for path in sorted(package.rglob("*.py")):
        yield path, extract_gendered if path == labels else extract_python
    yield package / "data" / "violations.json", extract_data
    yield package / "data" / "mandates.json", extract_data
    for path in sorted(templates_dir(package).glob("*.docx")):
        yield path, extract_docx


def extracted_catalog() -> Catalog:
    """A template catalog of every message in the sources, with locations and comments."""
    package = _package()
    base = Path(os.path.commonpath([package.parent, templates_dir(package)]))
    catalog = Catalog(
        project="unsubmit",
        version=__version__,
        header_comment=HEADER,
        charset="utf-8",
        fuzzy=False,
    )
    # No placeholders ("EMAIL@ADDRESS") in the headers: translators are named per catalog.
    catalog.msgid_bugs_address = catalog.last_translator = catalog.language_team = ""
    for path, method in _sources():
        location = path.relative_to(base).as_posix()
        try:
            with path.open("rb") as fileobj:
                found = list(extract(method, fileobj, DEFAULT_KEYWORDS, (), {}))
        except (OSError, ExtractionError, SyntaxError) as exc:
            raise CatalogError(f"cannot extract messages: {exc}", Location(str(path))) from exc
        for lineno, message, comments, context in found:
            catalog.add(
                message,
                None,
                [(location, lineno)],
                auto_comments=comments,
                context=context,
                flags=_flags(message),
            )
    return catalog


def _flags(message: str | tuple[str, ...]) -> tuple[str, ...]:
    first = message if isinstance(message, str) else message[0]
    return ("python-format",) if "%(" in first else ()


def _po_bytes(catalog: Catalog, *, template: bool = False) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=WIDTH, ignore_obsolete=template, include_previous=True)
    return out.getvalue()


def _messages(catalog: Catalog) -> list[tuple[Any, ...]]:
    """What matters of a catalog's messages, ignoring dates: to tell a real change."""
    return [
        (m.id, m.string or "", m.context, sorted(m.locations), m.auto_comments, sorted(m.flags))
        for m in catalog
        if m.id
    ]


def _read(path: Path, language: str | None = None) -> Catalog:
    try:
        with path.open("rb") as fileobj:
            return read_po(fileobj, locale=language, abort_invalid=True)
    except FileNotFoundError as exc:
        raise CatalogError(
            "no such catalog: run unsubmit i18n extract (and init for a new language)",
            Location(str(path)),
        ) from exc
    except Exception as exc:  # babel's PoFileError and friends, OSError, ValueError
        raise CatalogError(f"cannot read the catalog: {exc}", Location(str(path))) from exc


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, data, overwrite=True)


def extract_messages() -> Written:
    """Write the ``.pot`` file from the sources (left alone when no message changed)."""
    catalog = extracted_catalog()
    path = template_path()
    if path.is_file() and _messages(_read(path)) == _messages(catalog):
        return Written(path, False, f"{len(_messages(catalog))} messages")
    _write(path, _po_bytes(catalog, template=True))
    return Written(path, True, f"{len(_messages(catalog))} messages")


# --- Catalogs -----------------------------------------------------------------------------------


def init_catalog(language: str, *, force: bool = False) -> Written:
    """Start the catalog of ``language`` from the ``.pot`` file, every message untranslated."""
    _check_language(language)
    path = po_path(language)
    if path.exists() and not force:
        raise UsageError(
            f"{path} exists: run unsubmit i18n update to bring it up to date "
            "(or init --force to start it again, losing its translations)"
        )
    catalog = _read(template_path())
    catalog.locale = Locale.parse(language)
    catalog.language_team = f"{catalog.locale.english_name} translators of unsubmit"
    catalog.last_translator = catalog.language_team
    catalog.revision_date = catalog.creation_date
    catalog.fuzzy = False
    _write(path, _po_bytes(catalog))
    return Written(path, True, f"{len(_messages(catalog))} messages to translate")


def update_catalogs(languages: Sequence[str] = ()) -> list[Written]:
    """Bring catalogs up to date with the ``.pot`` file: new messages in, old ones obsolete,
    changed ones marked fuzzy for a translator to check."""
    template = _read(template_path())
    written = []
    for language in languages or existing_languages():
        _check_language(language)
        path = po_path(language)
        catalog = _read(path, language)
        before = _po_bytes(catalog)
        catalog.update(template, update_header_comment=False)
        after = _po_bytes(catalog)
        if after != before:
            _write(path, after)
        written.append(Written(path, after != before, _summary(stats_of(language, catalog))))
    return written


def compiled(catalog: Catalog) -> bytes:
    """The ``.mo`` bytes of a catalog: translated, non-fuzzy messages only."""
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def check_catalog(language: str, catalog: Catalog) -> list[str]:
    """Placeholders that a translation loses or adds, and plural forms left out."""
    problems = []
    for message, errors in catalog.check():
        for error in errors:
            problems.append(f"{language}: {message.id!r}: {error}")
    return problems


def compile_catalogs(languages: Sequence[str] = ()) -> list[Written]:
    """Compile each ``.po`` to its ``.mo``; refuse a catalog whose placeholders do not match."""
    written = []
    for language in languages or existing_languages():
        _check_language(language)
        catalog = _read(po_path(language), language)
        problems = check_catalog(language, catalog)
        if problems:
            raise CatalogError(
                "; ".join(problems) + ": fix these translations, then compile again",
                Location(str(po_path(language))),
            )
        data = compiled(catalog)
        path = mo_path(language)
        changed = not (path.is_file() and path.read_bytes() == data)
        if changed:
            _write(path, data)
        written.append(Written(path, changed, _summary(stats_of(language, catalog))))
    return written


# --- Statistics ---------------------------------------------------------------------------------


def _translated(message: Message) -> bool:
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return bool(strings) and all(strings)


def stats_of(language: str, catalog: Iterable[Message]) -> Stats:
    messages = [m for m in catalog if m.id]
    fuzzy = sum(1 for m in messages if m.fuzzy)
    translated = sum(1 for m in messages if not m.fuzzy and _translated(m))
    return Stats(language, translated, fuzzy, len(messages))


def _summary(stats: Stats) -> str:
    return f"{stats.translated} of {stats.total} translated, {stats.fuzzy} fuzzy"


def catalog_stats(languages: Sequence[str] = ()) -> list[Stats]:
    """How far each catalog is translated, in the order of :data:`LANGUAGES`."""
    result = []
    for language in languages or existing_languages():
        _check_language(language)
        result.append(stats_of(language, _read(po_path(language), language)))
    return result
