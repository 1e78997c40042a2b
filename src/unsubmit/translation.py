"""Fixed text that code (not a template) writes, marked for translators.

Templates pass their fixed words through ``_()`` in Jinja; code that writes words of its own
(the replacement for a withheld name, the body of an email) marks each message with :func:`N_`
where it is defined, so that ``pybabel extract`` (whose default keywords include ``N_``) finds
it, and translates it with the function :func:`translator` returns when it is used.

English is the source language. Until compiled catalogs ship with unsubmit, every language
gets the English messages, as the templates do (the render engine installs null translations).
"""

from __future__ import annotations

import gettext
from collections.abc import Callable

Translate = Callable[[str], str]


def N_(message: str) -> str:
    """Mark ``message`` for extraction; it is translated later, where it is used."""
    return message


def translator(language: str) -> Translate:
    """The gettext function for ``language`` (a code of ``unsubmit.models.LANGUAGES``)."""
    del language  # every language falls back to the English source for now
    return gettext.NullTranslations().gettext
