"""Case text in several languages: one language's text for a document, and where it fell back.

Any free-text field of a case (``models.common.Text``) holds either a plain string, written in
the case's ``language``, or a mapping from language code to the same text in each language.
Documents and rules see plain strings only: ``localize`` turns a case into a copy whose every
text is the one for the language asked for, falling back to the case's own language where no
translation exists, and lists the JSON paths of those fallbacks so that a build can say which
fields a translator still has to do.

Which fields are text is read from the models' annotations (a field typed ``Text``, ``Text |
None`` or ``list[Text]``), never guessed from values, so identifiers, codes, dates, addresses
and personal names are never offered for translation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any, TypeVar, get_args

from pydantic import BaseModel

from unsubmit.errors import Location
from unsubmit.findings import Finding, Severity
from unsubmit.load.source import JsonPath, SourceDocument, format_path
from unsubmit.models import CaseModel
from unsubmit.models.common import LANGUAGES, Text, Translations

__all__ = [
    "InLanguage",
    "TextValue",
    "by_language",
    "confidential",
    "fallback_findings",
    "in_languages_of",
    "localize",
    "missing_originals",
    "plain",
    "texts",
]

#: What a text field holds once validated: the text, or language code → text.
TextValue = str | Translations

C = TypeVar("C", bound=CaseModel)


class InLanguage(str):
    """A localized text that knows the language it is written in: the document's, or the
    case's where it fell back (which then keeps its own typography)."""

    language: str

    def __new__(cls, text: str, language: str) -> InLanguage:
        made = super().__new__(cls, text)
        made.language = language
        return made

    def __reduce__(self) -> tuple[type[InLanguage], tuple[str, str]]:
        return InLanguage, (str(self), self.language)


def _holds_text(annotation: Any) -> bool:
    return annotation is Text or any(_holds_text(arg) for arg in get_args(annotation))


@cache
def _text_fields(model: type[BaseModel]) -> frozenset[str]:
    return frozenset(
        name for name, info in model.model_fields.items() if _holds_text(info.annotation)
    )


def _rebuild(
    value: Any, path: JsonPath, is_text: bool, change: Callable[[JsonPath, TextValue], Any]
) -> Any:
    """``value`` with each text under it replaced by ``change(path, text)``; shared if unchanged."""
    if isinstance(value, BaseModel):
        fields = _text_fields(type(value))
        update = {}
        for name in type(value).model_fields:
            old = getattr(value, name)
            new = _rebuild(old, (*path, name), name in fields, change)
            if new is not old:
                update[name] = new
        return value.model_copy(update=update) if update else value
    if isinstance(value, list):
        items = [_rebuild(item, (*path, i), is_text, change) for i, item in enumerate(value)]
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    if is_text and isinstance(value, (str, dict)):
        return change(path, value)
    return value


def texts(case: CaseModel) -> list[tuple[JsonPath, TextValue]]:
    """Every text of a case with its JSON path, in the order of the model's fields."""
    found: list[tuple[JsonPath, TextValue]] = []

    def keep(path: JsonPath, value: TextValue) -> TextValue:
        found.append((path, value))
        return value

    _rebuild(case, (), False, keep)
    return found


def by_language(value: TextValue, own: str) -> dict[str, str]:
    """Language code → text, for a plain text (in ``own``, the case's language) or a mapping."""
    if isinstance(value, str):
        return {value.language if isinstance(value, InLanguage) else own: value}
    return {str(code): InLanguage(text, str(code)) for code, text in value.items()}


def localize(
    case: C, language: str, finish: Callable[[str, str], str] | None = None
) -> tuple[C, list[JsonPath]]:
    """The case with each text in ``language``, and the paths whose text fell back.

    A plain string is in the case's language, so it falls back whenever another language is
    asked for. A mapping without ``language`` falls back to the case's language (which a valid
    case always has; ``missing_originals`` reports the cases that do not). ``finish(text,
    code)`` is applied to each chosen text with the language it is written in: a text that fell
    back keeps its own language's typography. Each text comes back as an :class:`InLanguage`.
    """
    own = case.language
    missing: list[JsonPath] = []
    done = finish or (lambda text, _code: text)

    def pick(path: JsonPath, value: TextValue) -> str:
        by_code = by_language(value, own)
        if language in by_code:
            code = language
        else:
            missing.append(path)
            code = own if by_code.get(own) else next(iter(by_code))
        return InLanguage(done(by_code[code], code), code)

    return _rebuild(case, (), False, pick), missing


def in_languages_of(case: C, source: CaseModel) -> C:
    """``case``, a copy of the localized ``source`` rewritten text by text (its public version),
    with each text again knowing its language: the one of the text at the same place in
    ``source``."""
    languages = {
        path: value.language for path, value in texts(source) if isinstance(value, InLanguage)
    }

    def mark(path: JsonPath, value: TextValue) -> TextValue:
        code = languages.get(path)
        if code is None or not isinstance(value, str) or isinstance(value, InLanguage):
            return value
        return InLanguage(value, code)

    marked: C = _rebuild(case, (), False, mark)
    return marked


def missing_originals(case: CaseModel) -> Iterator[tuple[JsonPath, str]]:
    """A message for each translated text that lacks the case's own language."""
    own = case.language
    for path, value in texts(case):
        if isinstance(value, dict) and own not in value:
            has = ", ".join(value)
            yield (
                path,
                f"this text is given in {has} but not in {own} ({LANGUAGES[own]}), the case's "
                f"language: add the original under '{own}:'",
            )


def plain(value: TextValue) -> str:
    """A text that has been localized; a mapping here means a caller forgot ``localize``."""
    if isinstance(value, str):
        return value
    raise TypeError("case text was used before localize() chose its language")


def confidential(case: CaseModel, path: JsonPath) -> bool:
    """Whether the text at ``path`` is for the UN only: the confidentiality notes, the consent
    record, and the titles of confidential sources and annexes."""
    if path[:1] == ("confidentiality",) or "consent" in path:
        return True
    if len(path) >= 2 and path[0] in ("sources", "annexes") and isinstance(path[1], int):
        return bool(getattr(getattr(case, str(path[0]))[path[1]], "confidential", False))
    return False


def fallback_findings(
    document: SourceDocument,
    case: CaseModel,
    language: str,
    missing: list[JsonPath],
    *,
    draft: bool = False,
) -> list[Finding]:
    """What to say about texts that have no translation into ``language``.

    By default a document must not mix the case's language into another: each untranslated
    field is an error at its place in the file, and one more error at the case's ``language``
    says how to export them for translation, or how to build a draft anyway. With ``draft``
    (``--allow-untranslated``) they are warnings, and the document is marked as an untranslated
    draft: one warning says so, with one per field unless no text at all is translated.
    """
    if not missing:
        return []
    own = case.language
    name, original = LANGUAGES.get(language, language), LANGUAGES[own]
    total = len(texts(case))
    severity = Severity.WARNING if draft else Severity.ERROR
    source = Path(document.name)
    po = source.with_name(f"{source.stem}.{language}.po")
    # The confidential texts (notes, consent record) are shown to the UN, so they need their
    # translation too; the export leaves them out unless asked.
    asked = " --include-confidential" if any(confidential(case, p) for p in missing) else ""
    export = f"`unsubmit i18n case-export {document.name} -l {language}{asked} -o {po}`"

    def finding(path: JsonPath, message: str) -> Finding:
        where = document.locate(path)
        location = Location(document.name, where.line, where.column, format_path(path))
        return Finding(location, message, severity, "translation")

    everything = len(missing) == total
    if everything:
        untranslated = f"no text of this case is translated into {name}"
        shown = f"its {total} texts"
    else:
        have = "has" if len(missing) == 1 else "have"
        untranslated = f"{len(missing)} of the case's {total} texts {have} no {name} translation"
        shown = "them"
    if draft:
        summary = finding(
            ("language",),
            f"{untranslated}: the {name} document shows {shown} in {original} and is marked "
            f"as an untranslated draft on every page; translate them with {export}",
        )
        if everything:
            return [summary]
        each = f"no {name} translation: the {original} text is shown"
    else:
        summary = finding(
            ("language",),
            f"{untranslated}, so the {name} document would show {shown} in {original} under "
            f"{name} headings: export them for translation with {export}, translate them, "
            f"then `unsubmit i18n case-import {document.name} {po}`; or build an untranslated "
            "draft with --allow-untranslated",
        )
        each = f"no {name} translation of this text"
    return [summary, *(finding(path, each) for path in missing)]
