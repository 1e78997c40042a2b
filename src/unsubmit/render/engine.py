"""The template engine: a DOCX template prepared once, rendered for many cases.

Plain docxtpl re-reads the template, re-patches its XML and re-compiles its Jinja code for every
document. Here a :class:`PreparedTemplate` does that once: the package is cleaned of everything
identifying (so each output needs no cleaning of its own), the parts that hold template tags
(document, headers, footers, footnotes, endnotes) are patched with docxtpl's own tag rules and
compiled, and the other parts are kept as bytes to copy.

Templates run in Jinja's sandbox with autoescape and ``StrictUndefined``: a template cannot
reach Python internals or files, every case string is escaped for XML, and a misspelt variable
is an error that names the template and the variable rather than a silent blank in a letter.
Each render is bounded in time, loop iterations and size (:mod:`unsubmit.render.limits`).

Templates are compiled once for every locale: the environment's gettext is the English one, and
a render gets its locale's ``_``, ``gettext`` and ``ngettext`` in its context
(:func:`unsubmit.i18n.translations.template_functions`). Escaping cannot be switched off through
them: only the project's own catalog messages come back marked safe, so ``{{ _(case.title) }}``
is escaped like ``{{ case.title }}``. A right-to-left locale gets its paragraphs, runs and
tables turned right to left after rendering (:mod:`unsubmit.render.rtl`), a Chinese one its
runs set as East Asian text (:mod:`unsubmit.render.east_asian`).
"""

from __future__ import annotations

import hashlib
import itertools
import re
import traceback
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate
from jinja2.exceptions import SecurityError
from lxml import etree

from unsubmit.errors import Location, TemplateError
from unsubmit.i18n.translations import SOURCE, Translator, template_functions
from unsubmit.i18n.typography import typeset
from unsubmit.render.draft import mark_every_page
from unsubmit.render.east_asian import east_asian
from unsubmit.render.keep import keep_headings_after_tables
from unsubmit.render.language import WordLanguage, document_styles, parse_static, right_to_left_part
from unsubmit.render.letterhead import Removal
from unsubmit.render.limits import (
    GuardedEnvironment,
    LimitExceeded,
    RenderLimits,
    interruptible,
    render_budget,
)
from unsubmit.render.look import apply_look
from unsubmit.render.package import DocumentProperties, assemble, clean_letterhead
from unsubmit.render.rtl import aligned_styles, right_to_left
from unsubmit.render.zipwrite import Deflated, deflate
from unsubmit.safexml import parse

#: The parts of a WordprocessingML package that may carry template tags.
_TEMPLATED = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")
_DOCPR_ID = re.compile(r'(<wp:docPr\b[^>]*?\bid=")(\d+)(")')
_XML_TAGS = re.compile(r"<[^>]+>")
_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)
_LISTING = re.compile("[\t\a\n\f]")

# docxtpl's tag patching and listing rules, used as they are so templates written for docxtpl
# (``{%p ... %}``, ``{%tr ... %}``, ``{{r ... }}``, ``\n`` as a line break) work unchanged.
_DOCXTPL = DocxTemplate.__new__(DocxTemplate)


def environment(limits: RenderLimits | None = None) -> GuardedEnvironment:
    """The Jinja environment every template renders in: sandboxed, bounded, escaping, strict."""
    env = GuardedEnvironment(
        limits,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        keep_trailing_newline=True,
    )
    env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
    # Jinja's own null translations mark whatever they are given safe, a case's text included:
    # the project's functions escape all but its own messages (``_`` stays Jinja's alias of
    # whichever ``gettext`` is in force). No message has a context.
    for name in ("pgettext", "npgettext"):
        env.globals.pop(name, None)
    functions = template_functions(Translator(SOURCE))
    env.globals.update(gettext=functions["gettext"], ngettext=functions["ngettext"])
    return env


@dataclass(frozen=True)
class _Part:
    name: str
    source: str
    template: jinja2.Template


def _snippet(source: str, line: int | None) -> str:
    """The document text around a line of patched XML, for error messages."""
    if line is None:
        return ""
    lines = source.splitlines()[max(line - 2, 0) : line + 1]
    text = " ".join(_XML_TAGS.sub("", chunk).strip() for chunk in lines).strip()
    return f' near "{text[:80]}"' if text else ""


def _place(source: str, exc: BaseException) -> str:
    """Where in a part's patched XML a render stopped: its line and the text near it, when known."""
    lines = [
        frame.lineno
        for frame in traceback.extract_tb(exc.__traceback__)
        if frame.filename == "<template>" and frame.lineno is not None
    ]
    if not lines:
        return ""
    return f", line {lines[-1]}{_snippet(source, lines[-1])}"


def _resolve_listing(xml: str) -> str:
    """docxtpl's ``resolve_listing`` (tabs, line and page breaks in text), paragraph by paragraph.

    Only paragraphs holding one of those characters are handed to docxtpl; the others would come
    back unchanged, and skipping them saves most of the time a document takes to render.
    """

    def resolve(match: re.Match[str]) -> str:
        paragraph = match.group(0)
        return str(_DOCXTPL.resolve_listing(paragraph)) if _LISTING.search(paragraph) else paragraph

    return _PARAGRAPH.sub(resolve, xml)


#: Templates prepared in this process, by path and content; the oldest goes when it is full.
_PREPARED: dict[tuple[str, str, bytes], PreparedTemplate] = {}
_PREPARED_KEPT = 16


def _read_template(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise TemplateError(
            f"cannot read the template: {exc.strerror or exc}", Location(str(path))
        ) from exc


class PreparedTemplate:
    """A DOCX template, cleaned, patched and compiled: ready to render many contexts."""

    def __init__(self, data: bytes, name: str, env: GuardedEnvironment | None = None) -> None:
        self.name = name
        self.env = env or environment()
        try:
            members, removals = clean_letterhead(data)
        except TemplateError as exc:  # the package's errors do not know the template's name
            raise TemplateError(exc.message, exc.location or Location(name)) from exc
        #: What the letterhead allow-list removed (:mod:`unsubmit.render.letterhead`).
        self.removals: list[Removal] = removals
        self._parts: list[_Part] = []
        for part_name in sorted(members):
            if not _TEMPLATED.match(part_name):
                continue
            source = _DOCXTPL.patch_xml(members[part_name].decode("utf-8"))
            source = re.sub(r"<w:p([ >])", r"\n<w:p\1", source)
            try:
                template = self.env.from_string(source)
            except jinja2.TemplateSyntaxError as exc:
                raise TemplateError(
                    f"template syntax error in {part_name}{_snippet(source, exc.lineno)}: "
                    f"{exc.message}: fix the tag in the template",
                    Location(name),
                ) from exc
            except (RecursionError, SyntaxError, MemoryError) as exc:
                # Python's own compiler refuses what Jinja accepts: tags nested too deep.
                raise TemplateError(
                    f"{part_name}: the template's tags are nested too deeply to compile "
                    f"({type(exc).__name__}): nest fewer loops and conditions",
                    Location(name),
                ) from exc
            self._parts.append(_Part(part_name, source, template))
        self._static = {k: v for k, v in members.items() if not _TEMPLATED.match(k)}
        self._deflated = {name: deflate(data) for name, data in self._static.items()}
        self._localized: dict[tuple[WordLanguage | None, str], dict[str, Deflated]] = {}
        styles = self._static.get("word/styles.xml")
        self._aligned = aligned_styles(parse_static(styles)) if styles else frozenset()

    @classmethod
    def load(cls, path: Path, letterhead: Path | None = None) -> PreparedTemplate:
        """The template at ``path`` (in the look of ``letterhead``, :mod:`.look`), prepared
        once per process for as long as the bytes of both stay."""
        data = _read_template(path)
        look = _read_template(letterhead) if letterhead is not None else b""
        key = (str(path), str(letterhead), hashlib.sha256(data + look).digest())
        prepared = _PREPARED.get(key)
        if prepared is None:
            if letterhead is None:
                prepared = cls(data, str(path))
            else:
                prepared = cls._with_look(data, letterhead, look)
            if len(_PREPARED) >= _PREPARED_KEPT:
                del _PREPARED[next(iter(_PREPARED))]
            _PREPARED[key] = prepared
        return prepared

    @classmethod
    def _with_look(cls, data: bytes, letterhead: Path, look: bytes) -> PreparedTemplate:
        try:
            merged, removals = apply_look(data, look)
        except TemplateError as exc:
            raise TemplateError(exc.message, exc.location or Location(str(letterhead))) from exc
        prepared = cls(merged, str(letterhead))
        prepared.removals = removals
        return prepared

    def _parts_in(self, language: WordLanguage | None, script: str) -> dict[str, Deflated]:
        """The template's styles and numbering for a document in ``language``, written in
        ``script`` (made and compressed once per language)."""
        key = (language, script)
        if key not in self._localized:
            parts = {}
            styles = self._static.get("word/styles.xml")
            if styles is not None:
                parts["word/styles.xml"] = deflate(document_styles(styles, language, script))
            numbering = self._static.get("word/numbering.xml")
            if numbering is not None and script == "complex_script":
                parts["word/numbering.xml"] = deflate(right_to_left_part(numbering))
            self._localized[key] = parts
        return self._localized[key]

    def _render_part(
        self, part: _Part, context: Mapping[str, Any], ids: Iterator[int], script: str
    ) -> bytes:
        try:
            with interruptible():
                xml = part.template.render(context)
        except LimitExceeded as exc:
            raise TemplateError(
                f"{part.name}{_place(part.source, exc)}: {exc}: the template was stopped and "
                "nothing was written",
                Location(self.name),
            ) from exc
        except SecurityError as exc:
            raise TemplateError(
                f"the template tried something unsafe in {part.name}: {exc}; templates may "
                "only show the case's data",
                Location(self.name),
            ) from exc
        except jinja2.UndefinedError as exc:
            raise TemplateError(
                f"{part.name}: {exc.message}: the template uses a variable the case does not "
                f"provide (top-level names: {', '.join(sorted(context))})",
                Location(self.name),
            ) from exc
        except jinja2.TemplateError as exc:
            raise TemplateError(
                f"{part.name}: {exc.message or type(exc).__name__}", Location(self.name)
            ) from exc
        except (
            TypeError,
            ValueError,
            ArithmeticError,
            RecursionError,
            MemoryError,
            LookupError,
        ) as exc:
            raise TemplateError(
                f"{part.name}: the template failed: {type(exc).__name__}: {exc}",
                Location(self.name),
            ) from exc
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
        xml = _resolve_listing(xml)
        xml = _DOCPR_ID.sub(lambda m: f"{m.group(1)}{next(ids)}{m.group(3)}", xml)
        data = xml.encode("utf-8")
        try:
            root = parse(data)
        except etree.XMLSyntaxError as exc:
            raise TemplateError(
                f"{part.name}: the template produced a broken document ({exc}): check that "
                "its {%p %} and {%tr %} tags open and close in the same kind of place",
                Location(self.name),
            ) from exc
        kept = keep_headings_after_tables(root)
        if script == "complex_script":
            right_to_left(root, self._aligned)
        elif script == "east_asian":
            east_asian(root)
        elif not kept:
            return data
        return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))

    def render(
        self,
        context: Mapping[str, Any],
        props: DocumentProperties,
        translator: Translator | None = None,
        *,
        rtl: bool = False,
        language: WordLanguage | None = None,
        draft: str | None = None,
    ) -> bytes:
        """A finished DOCX: rendered parts, copied parts, core properties from ``props``.

        ``translator`` translates the template's fixed text (English when not given); ``rtl``
        lays the document out right to left; ``language`` (the tags of its Latin, East Asian
        and complex-script text) becomes the styles' default language, which spelling,
        hyphenation, line breaking and fonts follow; ``draft`` is a mark to put at the top of
        every page (:mod:`unsubmit.render.draft`).
        """
        if translator is not None:
            finish = partial(typeset, language=translator.language)
            context = {**context, **template_functions(translator, finish)}
        script = "complex_script" if rtl else language.script if language else "latin"
        members: dict[str, bytes | Deflated] = {
            **self._deflated,
            **self._parts_in(language, script),
        }
        ids = itertools.count(1)
        with render_budget(self.env.limits):
            for part in self._parts:
                members[part.name] = self._render_part(part, context, ids, script)
        if draft is not None:
            rendered = {name: data for name, data in members.items() if isinstance(data, bytes)}

            def read(name: str) -> bytes:
                return rendered[name] if name in rendered else self._static[name]

            members.update(mark_every_page(read, draft, right_to_left if rtl else None))
        return assemble(members, props)
