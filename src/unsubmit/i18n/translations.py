"""The compiled catalog of one locale, as one document uses it, noting what it cannot translate.

Templates are compiled once (:mod:`unsubmit.render.engine`); a document gets its locale's
``_``, ``gettext`` and ``ngettext`` in its render context instead, so one compiled template
renders every locale. Labels that the code builds into the context (a status, a violation, a
council heading) go through the same catalog.

A text with no translation shows in English, so that a document is never left with a hole,
but never silently: the :class:`Translator` notes it, and the build turns what was noted into
a warning listing it (an error with ``--strict``). English is the source language: nothing is
missing from an English document.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from unsubmit.languages import DOMAIN
from unsubmit.resources import catalogs_dir

#: The source language of every message.
SOURCE = "en"

#: The context of the catalogs' translations of mandate titles (msgctxt), whose msgid is the
#: official English title: documents show them as translations, never as official titles.
MANDATE_TITLE = "mandate title"


def compiled_catalog(language: str) -> bytes | None:
    """The compiled catalog of ``language`` (the installed one, or the one in the folder chosen
    with ``--catalogs``: :mod:`unsubmit.i18n.location`), or None when there is none."""
    return _compiled(catalogs_dir(), language)


@cache
def _compiled(folder: Path, language: str) -> bytes | None:
    try:
        return (folder / language / "LC_MESSAGES" / f"{DOMAIN}.mo").read_bytes()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


def catalog_messages() -> frozenset[str]:
    """Every message of the project's catalogs: the text of its templates, the labels its code
    marks with ``N_`` and those of its data files.

    The source language's catalog holds every message (the catalogs' tests make sure of it).
    """
    return _messages(catalogs_dir())


@cache
def _messages(folder: Path) -> frozenset[str]:
    data = _compiled(folder, SOURCE)
    if data is None:
        return frozenset()
    catalog = gettext.GNUTranslations(io.BytesIO(data))
    return frozenset(
        key[0] if isinstance(key, tuple) else key
        for key in catalog._catalog  # type: ignore[attr-defined]  # the one index of its ids
        if key
    )


def marked_up(message: str, translation: str) -> Markup:
    """A translation as a template shows it: left as it is when ``message`` is the project's
    own (the catalogs hold no markup, and templates rely on them), escaped otherwise.

    ``{{ _(case.title) }}`` must not switch escaping off: a case's text handed to gettext comes
    back unchanged, and marked safe it could carry Word markup (a field that runs a program)
    into the letter.
    """
    return Markup(translation) if message in catalog_messages() else escape(translation)


class _Untranslated(gettext.NullTranslations):
    """The last fallback: the English text, noted as missing."""

    def __init__(self, note: Callable[[str], None]) -> None:
        super().__init__()
        self._note = note

    def gettext(self, message: str) -> str:
        self._note(message)
        return message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        self._note(msgid1)
        return msgid1 if n == 1 else msgid2


class Translator:
    """Translations into one language for one document, noting every text left in English."""

    def __init__(self, language: str) -> None:
        self.language = language
        #: Catalog messages with no translation in this language, in the order met.
        self.missing_messages: dict[str, None] = {}
        #: Mandates whose title the registry does not give in this language.
        self.missing_titles: dict[str, None] = {}
        data = compiled_catalog(language)
        catalog = (
            gettext.NullTranslations()
            if data is None
            else gettext.GNUTranslations(io.BytesIO(data))
        )
        catalog.add_fallback(_Untranslated(self._note))
        self._catalog = catalog

    def _note(self, message: str) -> None:
        if self.language != SOURCE:
            self.missing_messages.setdefault(message)

    def gettext(self, message: str) -> str:
        return self._catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._catalog.ngettext(singular, plural, n)

    def translated_title(self, english: str) -> str | None:
        """The catalog's own translation of a mandate's official English title, or None."""
        translated = self._catalog.pgettext(MANDATE_TITLE, english)
        return translated if translated != english else None

    def pgettext(self, context: str, message: str) -> str:
        """``message`` in ``context`` ("female"); its translation without a context (noted as
        missing when there is none) where the context has none."""
        translated = self._catalog.pgettext(context, message)
        return translated if translated != message else self.gettext(message)

    def note_missing_title(self, mandate: str) -> None:
        if self.language != SOURCE:
            self.missing_titles.setdefault(mandate)


def template_functions(
    translator: Translator, finish: Callable[[str], str] | None = None
) -> dict[str, Any]:
    """``_``, ``gettext`` and ``ngettext`` for a render context, as Jinja's "newstyle" ones.

    They behave as ``jinja2.ext.i18n`` with ``newstyle=True`` does, with one difference: only
    the project's own messages are marked safe when autoescaping (:func:`marked_up`); any other
    text, a case's title handed to ``_`` included, is escaped like every other value.
    ``%(name)s`` placeholders are filled (and escaped) after translation, with ``num`` set to
    the count for ngettext; a text that is not the project's own is not a format unless it is
    given values to fill in, so a title with a ``%`` in it shows as it is. ``finish`` sets a
    translation in the document's typography before its placeholders are filled.
    """
    done = finish or (lambda text: text)

    @pass_context
    def gettext(context: Context, message: str, /, **variables: Any) -> str:
        text: str = done(translator.gettext(message))
        if not context.eval_ctx.autoescape:
            return text % variables
        shown = marked_up(message, text)
        return shown % variables if variables or message in catalog_messages() else shown

    @pass_context
    def ngettext(
        context: Context, singular: str, plural: str, num: int, /, **variables: Any
    ) -> str:
        variables.setdefault("num", num)
        text: str = done(translator.ngettext(singular, plural, num))
        if context.eval_ctx.autoescape:
            text = marked_up(singular, text)
        return text % variables

    return {"_": gettext, "gettext": gettext, "ngettext": ngettext}
