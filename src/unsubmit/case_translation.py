"""A case's own text for translators: out to a PO file, and translations back into the YAML.

Translators work in PO editors (Poedit, Lokalize, Weblate), not in YAML. ``export_po`` writes
one entry per text of the case: ``msgid`` is the text in the case's language, ``msgctxt`` its
JSON path (so that the same words in two fields are translated separately), ``msgstr`` the
translation the case already holds, a reference to the line in the case file and the field's
description for the translator. ``import_po`` writes the translations back: a plain text
becomes a mapping ``{case language: original, locale: translation}``, comments, key order and
layout are kept (``yamledit``), and the file is validated again before it is replaced, in one
atomic step. Entries that are fuzzy, empty, or no longer match the case are skipped, each with
its place in the PO file and the reason.
"""

from __future__ import annotations

import copy
import io
import stat
from dataclasses import astuple, dataclass, field
from pathlib import Path
from typing import Any

from babel.core import UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, read_po, write_po
from pydantic import BaseModel

from unsubmit.check.results import FileResult
from unsubmit.check.validate import check_document, check_file
from unsubmit.errors import InputError, Location, ReadError, UsageError
from unsubmit.findings import Finding, Severity
from unsubmit.load.source import JsonPath, Limits, format_path, load_text
from unsubmit.load.yamledit import set_texts
from unsubmit.models import CaseModel
from unsubmit.models.common import LANGUAGES
from unsubmit.models.localize import TextValue, by_language, confidential, texts
from unsubmit.write import write_atomic

__all__ = ["ImportOutcome", "export_po", "import_po"]


def _language(code: str, case: CaseModel) -> str:
    if code not in LANGUAGES:
        raise UsageError(f"unknown language {code!r}: use one of {', '.join(LANGUAGES)}")
    if code == case.language:
        raise UsageError(
            f"the case is written in {LANGUAGES[code]} ({code}): choose the language to "
            "translate it into"
        )
    return code


def _original(value: TextValue, own: str) -> str:
    return by_language(value, own).get(own, "")


def _description(case: BaseModel, path: JsonPath) -> str | None:
    """The description of the field a path ends in, as the schema gives it."""
    node: Any = case
    about = None
    for step in path:
        if isinstance(node, BaseModel) and isinstance(step, str):
            about = type(node).model_fields[step].description
            node = getattr(node, step)
        elif isinstance(node, list) and isinstance(step, int):
            node = node[step]
    return about


def _valid_case(path: Path) -> tuple[FileResult, CaseModel | None]:
    result = check_file(path)
    return result, None if result.failed() else result.case


def export_po(
    path: Path, language: str, *, include_confidential: bool = False
) -> tuple[bytes | None, FileResult, int]:
    """The PO file of a case's texts for a translator into ``language``, and how many
    confidential texts it leaves out (none with ``include_confidential``).

    A translator is often outside the organisation: the confidentiality notes, the consent
    record and confidential sources and annexes are left out unless asked for. None (with the
    validation result) when the case is not valid: a translator should not start on text that
    is about to change.
    """
    result, case = _valid_case(path)
    if case is None or result.document is None:
        return None, result, 0
    language = _language(language, case)
    own, name = case.language, result.file
    catalog = Catalog(
        locale=language,
        project=Path(name).name,
        version=case.date.isoformat(),
        fuzzy=False,
        header_comment=(
            f"# {LANGUAGES[language]} translation of the texts of {Path(name).name}.\n"
            "# Translate each msgstr and leave msgid as it is; then run:\n"
            f"# unsubmit i18n case-import {name} THIS_FILE"
        ),
    )
    document = result.document
    shared = [t for t in texts(case) if include_confidential or not confidential(case, t[0])]
    left_out = len(texts(case)) - len(shared)
    if left_out:
        catalog.header_comment += (
            f"\n# {left_out} confidential texts (confidentiality notes, consent record, "
            "confidential sources and annexes) are left out."
        )
    in_file_order = sorted(shared, key=lambda text: astuple(document.locate(text[0])))
    for json_path, value in in_file_order:
        about = _description(case, json_path)
        catalog.add(
            _original(value, own),
            by_language(value, own).get(language, ""),
            locations=[(name, document.locate(json_path).line)],
            context=format_path(json_path),
            auto_comments=[about] if about else [],
        )
    out = io.BytesIO()
    write_po(out, catalog, width=76, include_lineno=True)
    return out.getvalue(), result, left_out


@dataclass
class ImportOutcome:
    """What an import did: the case's validation, the entries skipped, the texts written."""

    result: FileResult
    language: str = ""
    written: list[JsonPath] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[Finding] = field(default_factory=list)
    #: Findings about the file as it would have been after the import (then nothing is written).
    refused: list[Finding] = field(default_factory=list)


def _read_catalog(path: Path, limits: Limits) -> Catalog:
    name = str(path)
    try:
        if path.stat().st_size > limits.max_bytes:
            raise ReadError(f"larger than {limits.max_bytes} bytes", Location(name))
        with path.open("rb") as handle:
            return read_po(handle, abort_invalid=True)
    except OSError as exc:
        raise ReadError(f"cannot read the PO file: {exc.strerror or exc}", Location(name)) from exc
    except (PoFileError, UnknownLocaleError, UnicodeDecodeError, ValueError) as exc:
        raise InputError(f"not a PO file unsubmit can read: {exc}", Location(name)) from exc


def _catalog_language(catalog: Catalog, path: Path, case: CaseModel) -> str:
    if catalog.locale is None:
        raise InputError(
            "the PO file does not say its language (the Language: line of its header): "
            "export it again with unsubmit i18n case-export -l LOCALE",
            Location(str(path)),
        )
    code = str(catalog.locale.language)
    if code == case.language:
        raise InputError(
            f"the PO file is in {LANGUAGES[code]} ({code}), the case's own language: import a "
            "translation into another language",
            Location(str(path)),
        )
    try:
        return _language(code, case)
    except UsageError as exc:
        raise InputError(exc.message, Location(str(path))) from exc


def _skip(path: Path, message: Message, reason: str) -> Finding:
    location = Location(str(path), message.lineno, path=message.context or "$")
    return Finding(location, f"skipped: {reason}", Severity.WARNING, "translation")


def _translations(
    catalog: Catalog, po_path: Path, case: CaseModel, language: str, outcome: ImportOutcome
) -> dict[JsonPath, str]:
    """The translations to write, by path; skipped entries go into the outcome."""
    current = {format_path(path): (path, value) for path, value in texts(case)}
    chosen: dict[JsonPath, str] = {}
    for message in catalog:
        if not message.id:
            continue  # the header
        found = current.get(message.context or "")
        if found is None:
            reason = "the case has no such text: export the PO file again"
            outcome.skipped.append(_skip(po_path, message, reason))
            continue
        path, value = found
        translation = message.string
        if message.id != _original(value, case.language):
            reason = "the original text has changed since the export: export again"
        elif message.fuzzy:
            reason = "the translation is marked fuzzy: review it and remove the mark"
        elif not isinstance(translation, str) or not translation.strip():
            reason = "not translated"
        else:
            if by_language(value, case.language).get(language) == translation:
                outcome.unchanged += 1
            else:
                chosen[path] = translation
            continue
        outcome.skipped.append(_skip(po_path, message, reason))
    return chosen


def _expected(data: Any, own: str, language: str, chosen: dict[JsonPath, str]) -> Any:
    """The case's data as it must read after the import."""
    expected = copy.deepcopy(data)
    for path, translation in chosen.items():
        parent = expected
        for step in path[:-1]:
            parent = parent[step]
        value = parent[path[-1]]
        base = {own: value} if isinstance(value, str) else value
        parent[path[-1]] = {**base, language: translation}
    return expected


def import_po(case_path: Path, po_path: Path, limits: Limits = Limits()) -> ImportOutcome:
    """Write the translations of a PO file into a case file; see the module docstring."""
    result, case = _valid_case(case_path)
    outcome = ImportOutcome(result)
    if case is None:
        return outcome
    catalog = _read_catalog(po_path, limits)
    outcome.language = _catalog_language(catalog, po_path, case)
    chosen = _translations(catalog, po_path, case, outcome.language, outcome)
    if not chosen:
        return outcome
    name = result.file
    try:
        before = case_path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReadError(f"cannot read the case file again: {exc}", Location(name)) from exc
    after = set_texts(before, name, case.language, outcome.language, chosen)
    try:
        document = load_text(after, name, limits)
    except InputError as exc:
        outcome.refused = [exc.finding(name, "yaml")]
        return outcome
    check = check_document(document)
    if check.failed():
        outcome.refused = check.findings
        return outcome
    assert result.document is not None
    if document.data != _expected(result.document.data, case.language, outcome.language, chosen):
        raise InputError(  # a safety net: ruamel.yaml must only add the translations
            "writing the translations would change other values; nothing was written",
            Location(name),
        )
    mode = stat.S_IMODE(case_path.stat().st_mode)
    write_atomic(case_path, after.encode("utf-8"), overwrite=True)
    case_path.chmod(mode)  # an edit in place keeps the file's permissions
    outcome.written = list(chosen)
    return outcome
