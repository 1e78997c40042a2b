"""The languages a WordprocessingML run carries, one per script class."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lxml import etree

from unsubmit.render.east_asian import upright
from unsubmit.render.rtl import right_to_left_numbering, right_to_left_styles
from unsubmit.safexml import parse


@dataclass(frozen=True)
class WordLanguage:
    """The languages of a document, as ``w:lang`` writes them.

    Word and LibreOffice pick a character's language by its script: ``latin`` (``w:val``) for
    Latin, Greek and Cyrillic letters, ``east_asian`` (``w:eastAsia``) for Han, ``complex_script``
    (``w:bidi``) for Arabic. A Chinese document's language belongs in ``east_asian``: written into
    ``latin``, it makes LibreOffice break the Latin words of a Chinese document (names, titles in
    English) anywhere in the word, as it may break Chinese.
    """

    latin: str
    east_asian: str
    complex_script: str
    #: The script class of the document's own language: "latin", "east_asian", "complex_script".
    script: str = "latin"

    def element(self) -> str:
        """The ``w:lang`` element, as the styles' document defaults hold it."""
        return (
            f'<w:lang w:val="{self.latin}" w:eastAsia="{self.east_asian}" '
            f'w:bidi="{self.complex_script}"/>'
        )


#: The ``w:lang`` of the styles' document defaults, which :meth:`WordLanguage.element` replaces.
_DEFAULT_LANGUAGE = re.compile(rb"(<w:docDefaults>.*?)<w:lang\b[^>]*/>", re.DOTALL)


def parse_static(data: bytes) -> Any:
    """A styles or numbering part of a template, as an element tree."""
    return parse(data)


def _serialize(root: Any) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def document_styles(styles: bytes, language: WordLanguage | None, script: str) -> bytes:
    """A template's styles part for a document in ``language``, written in ``script``: its
    languages as the defaults; in a Chinese document no italic
    (:mod:`unsubmit.render.east_asian`); in an Arabic one, borders mirrored
    (:mod:`unsubmit.render.rtl`)."""
    if language is not None:
        styles = _DEFAULT_LANGUAGE.sub(
            lambda m: m.group(1) + language.element().encode("ascii"), styles, count=1
        )
    if script == "latin":
        return styles
    root = parse_static(styles)
    if script == "east_asian":
        upright(root)
    else:
        right_to_left_styles(root)
    return _serialize(root)


def right_to_left_part(numbering: bytes) -> bytes:
    """A template's numbering part with every list level right to left."""
    root = parse_static(numbering)
    right_to_left_numbering(root)
    return _serialize(root)
