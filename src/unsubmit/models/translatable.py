"""The marker for text that documents show and translators translate, outside the templates.

``N_("Urgent appeal")`` returns its argument unchanged: it only marks the string so that
``pybabel extract`` (and ``unsubmit i18n extract``) put it in the message catalog. The text is
translated where a document is made, in the document's locale
(:mod:`unsubmit.i18n.translations`). This module imports nothing of unsubmit, so the models
may use it.
"""

from __future__ import annotations

from collections.abc import Callable

#: A gettext function: a message in, its translation out.
Translate = Callable[[str], str]


def N_(message: str) -> str:
    """``message`` itself, marked for extraction into the catalog."""
    return message
