"""Babel extractors: the fixed text of DOCX templates, and the labels of the data files.

Both are registered under the ``babel.extractors`` entry point (``docx`` and
``unsubmit_data``), so ``pybabel extract -F babel.cfg`` finds them as it finds Python's.

A DOCX template keeps its Jinja tags in the text of its paragraphs, and Word may split one tag
over several runs (``{{ _("Fa`` in one run, ``cts") }}`` in the next). The DOCX extractor
therefore joins the text of each paragraph first, then reads the parts that may carry tags
(document, headers, footers, footnotes, endnotes) as one Jinja source each, a paragraph to a
line, with docxtpl's paragraph, row, cell and run tags (``{%p ... %}``) as plain Jinja tags.
A message's line number counts paragraphs through the whole template, and its extracted
comment names the part, the paragraph and its style, which is where a translator finds it
in Word.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Collection, Iterator, Mapping, Sequence
from typing import IO, Any, cast

import jinja2
import jinja2.ext
from lxml import etree

from unsubmit.i18n.translations import MANDATE_TITLE
from unsubmit.safexml import parse

#: What an extractor yields: line, function name, message (a tuple for plurals), comments.
Extracted = tuple[int, str, str | tuple[str | None, ...], list[str]]

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_P, _T, _TAB, _BR = (f"{{{_W}}}{name}" for name in ("p", "t", "tab", "br"))
_PSTYLE = f"{{{_W}}}pStyle"
_VAL = f"{{{_W}}}val"
_PART_ORDER = ("document", "header", "footer", "footnotes", "endnotes")
_TEMPLATED = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")

# docxtpl's own tags, made plain Jinja: {%p if x %} -> {% if x %}, {{r x }} -> {{ x }}; and
# its cell tags ({% vm %}, {% colspan n %}) dropped, since Jinja does not know them.
_DOCXTPL_TAG = re.compile(r"([{][%{#])(?:tr|tc|p|r)\s")
_DOCXTPL_ONLY = re.compile(r"[{]%\s*(?:vm|hm|colspan\s[^%]*|cellbg\s[^%]*)\s*%[}]")
_TAG = re.compile(r"[{][%{#].*?[%}#][}]")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


#: What a translator of a mandate title is told (one line of a PO file each).
_TITLE_NOTE = "an official title in data/mandates.json is copied unchanged; others: translate"


class ExtractionError(Exception):
    """A template or data file from which no message can be read."""


def _part_key(name: str) -> tuple[int, str]:
    stem = name.removeprefix("word/").removesuffix(".xml")
    kind = re.sub(r"\d+$", "", stem)
    return (_PART_ORDER.index(kind), name)


def _owner(element: Any) -> Any:
    """The paragraph a text element belongs to (the nearest one, for nested paragraphs)."""
    parent = element.getparent()
    while parent is not None and parent.tag != _P:
        parent = parent.getparent()
    return parent


def _paragraph_text(paragraph: Any) -> str:
    pieces = []
    for element in paragraph.iter(_T, _TAB, _BR):
        if _owner(element) is not paragraph:
            continue
        pieces.append(element.text or "" if element.tag == _T else " ")
    return "".join(pieces)


def _jinja_line(text: str) -> str:
    text = _DOCXTPL_ONLY.sub("", text)
    text = _DOCXTPL_TAG.sub(r"\1 ", text)
    return _TAG.sub(lambda match: match.group(0).translate(_QUOTES), text)


def _style(paragraph: Any) -> str:
    style = paragraph.find(f"{{{_W}}}pPr/{_PSTYLE}")
    return "" if style is None else str(style.get(_VAL))


def template_paragraphs(data: bytes) -> Iterator[tuple[str, int, str, str]]:
    """(part, paragraph number in the part, style id, Jinja text) for every paragraph."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = sorted((n for n in package.namelist() if _TEMPLATED.match(n)), key=_part_key)
            parts = [(name, package.read(name)) for name in names]
    except (zipfile.BadZipFile, OSError, KeyError) as exc:
        raise ExtractionError(f"not a DOCX file: {exc}") from exc
    for name, xml in parts:
        try:
            root = parse(xml)
        except etree.XMLSyntaxError as exc:
            raise ExtractionError(f"{name} is not well-formed XML: {exc}") from exc
        for number, paragraph in enumerate(root.iter(_P), start=1):
            yield name, number, _style(paragraph), _jinja_line(_paragraph_text(paragraph))


def docx_messages(data: bytes, keywords: Collection[str]) -> Iterator[Extracted]:
    """The gettext calls of a DOCX template, numbered by paragraph across its parts."""
    paragraphs = list(template_paragraphs(data))
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    places: dict[int, tuple[str, int, str]] = {}
    lines: list[str] = []
    current = ""
    sources: list[tuple[str, list[str], int]] = []
    for line, (part, number, style, text) in enumerate(paragraphs, start=1):
        if part != current:
            sources.append((part, [], line))
            current = part
        sources[-1][1].append(text)
        places[line] = (part, number, style)
        lines.append(text)
    for part, texts, first_line in sources:
        try:
            ast = env.parse("\n".join(texts))
        except jinja2.TemplateSyntaxError as exc:
            line = first_line + (exc.lineno or 1) - 1
            raise ExtractionError(
                f"{part}, paragraph {places[line][1]}: {exc.message}: {lines[line - 1][:80]!r}"
            ) from exc
        for lineno, funcname, message in jinja2.ext.extract_from_ast(ast, tuple(keywords)):
            if message is None:
                continue
            line = first_line + lineno - 1
            where, number, style = places[line]
            comment = f"{where}, paragraph {number}" + (f" ({style})" if style else "")
            yield line, funcname, message, [comment]


def extract_docx(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Sequence[str],
    options: Mapping[str, Any],
) -> Iterator[Extracted]:
    """Babel's extractor interface over :func:`docx_messages`."""
    yield from docx_messages(fileobj.read(), keywords)


def _line_of(text: str, needle: str) -> int:
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else 1


def extract_data(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Sequence[str],
    options: Mapping[str, Any],
) -> Iterator[Extracted]:
    """The labels and rights of ``data/violations.json``, and the mandate titles of
    ``data/mandates.json``, which documents show.

    Descriptions are left out: they explain each code to the person writing a case (in the
    schema and in ``unsubmit new``), and documents never show them. A mandate's official
    English title is the msgid of a message in the context ``mandate title``: a document in
    a language the registry gives no official title in shows the catalog's translation, as a
    translation, followed by the English title.
    """
    text = fileobj.read().decode("utf-8")
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ExtractionError(f"not JSON: {exc}") from exc
    for mandate in data.get("mandates", ()):
        line = _line_of(text, f'"id": {json.dumps(mandate["id"])}')
        comments = [f"title of the mandate {mandate['id']}", _TITLE_NOTE]
        yield line, "pgettext", (MANDATE_TITLE, mandate["title"]["en"]), comments
    for code, entry in data.get("violations", {}).items():
        line = _line_of(text, json.dumps(code) + ":")
        yield line, "N_", entry["label"], [f"label of the violation {code}"]
        for right in entry.get("rights", ()):
            yield line, "N_", right, [f"a right concerned by the violation {code}"]


def extract_gendered(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Sequence[str],
    options: Mapping[str, Any],
) -> Iterator[Extracted]:
    """The messages of the module that defines the labels of roles and statuses (as Python's
    extractor finds them), then those labels again in the contexts of the sexes they agree
    with.

    A translator gives each label its feminine and masculine form ("Décédée", "Décédé"); the
    label without a context keeps the neutral form, for a person whose sex is not known.
    """
    from babel.messages.extract import extract_python

    from unsubmit.models.communication import AGREEING_LABELS, AGREEING_SEXES

    data = fileobj.read()
    # Babel's annotations give an extractor's results in the order of extract()'s.
    found = extract_python(io.BytesIO(data), keywords, comment_tags, cast(Any, options))
    yield from cast(Iterator[Extracted], found)
    text = data.decode("utf-8")
    for kind, table in AGREEING_LABELS.items():
        for code, (label, _) in table.items():
            line = _line_of(text, json.dumps(code) + ":")
            for sex in AGREEING_SEXES:
                comment = f"the {kind} {code} of a {'woman' if sex == 'female' else 'man'}"
                yield line, "pgettext", (sex, label), [comment]
