"""``unsubmit new``: a commented case file to fill in, generated from the published schema.

Generating it from the schema keeps it in step with the models: every field appears with its
description as a comment. Required fields hold placeholders in angle brackets, which
validation reports until they are replaced; optional fields are shown commented out with an
example. Placeholders, never real-looking example data, so that nothing from a sample can slip
unnoticed into a real case.
"""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path
from typing import Any

from unsubmit.models.common import PARTIAL_DATE
from unsubmit.models.schema import (
    MAPPING_SCHEMA,
    kind_schema,
    mapping_schema,
    resolved,
    shared_kind_schema,
)

_WIDTH = 96


def _choices(schema: dict[str, Any]) -> list[str] | None:
    if "enum" in schema:
        return [str(c) for c in schema["enum"]]
    if "oneOf" in schema and all("const" in b for b in schema["oneOf"]):
        return [str(b["const"]) for b in schema["oneOf"]]
    return None


def _scalar(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _placeholder(schema: dict[str, Any]) -> str:
    if "const" in schema:
        return _scalar(schema["const"])
    examples = schema.get("examples") or []
    choices = _choices(schema)
    if choices is not None and len(choices) <= 8:
        return _scalar(f"<{' | '.join(choices)}>")
    if choices is not None:
        return _scalar(f"<a code, e.g. {examples[0] if examples else choices[0]}>")
    if schema.get("format") == "date":
        return _scalar("<YYYY-MM-DD>")
    if schema.get("pattern") == PARTIAL_DATE.pattern:
        return _scalar("<YYYY-MM-DD, or YYYY-MM or YYYY when that is all that is known>")
    kind = schema.get("type")
    if kind == "boolean":
        return _scalar("<true | false>")
    if kind == "integer":
        return _scalar("<a whole number>")
    title = str(schema.get("title") or "text").lower()
    if examples and isinstance(examples[0], str):
        return _scalar(f"<{title}, e.g. {examples[0]}>")
    return _scalar(f"<{title}>")


def _comment(text: str, indent: str) -> list[str]:
    return [f"{indent}# {line}" for line in textwrap.wrap(text, _WIDTH - len(indent) - 2) or [""]]


def _is_mapping(schema: dict[str, Any]) -> bool:
    return schema.get("type") == "object" and "properties" in schema


def _conditionally_required(schema: dict[str, Any], fixed: dict[str, str]) -> set[str]:
    """The fields the ``if``/``then``/``else`` conditions of ``schema`` require, for the values
    already chosen in ``fixed``, or else for each tested field's first example.

    A communication's type decides what it needs: victims and incidents, or the laws and
    policies of an other letter, and a risk for an urgent appeal. Without a chosen type, the
    fields of the example type (an allegation letter) are shown to be filled in.
    """
    required: set[str] = set()
    for condition in [schema, *schema.get("allOf", ())]:
        tests = condition.get("if", {}).get("properties", {})
        if not tests:
            continue
        holds = True
        for name, test in tests.items():
            examples = schema.get("properties", {}).get(name, {}).get("examples", [None])
            value = fixed.get(name, examples[0])
            holds = holds and value in test.get("enum", [test.get("const")])
        required |= set(condition.get("then" if holds else "else", {}).get("required", ()))
    return required


class _Writer:
    """Writes the fields of a schema as commented YAML lines.

    Required fields get placeholders; optional ones are written commented out with their
    examples (nested objects and lists of objects included), so a block can be uncommented
    as a whole. ``base`` is the column where the ``#`` of a commented-out block stands.
    """

    def __init__(self, defs: dict[str, Any]) -> None:
        self.defs = defs
        self.lines: list[str] = []

    def emit(self, indent: str, text: str, base: str | None) -> None:
        if base is None:
            self.lines.append(indent + text)
        else:
            self.lines.append(f"{base}# {indent[len(base) :]}{text}")

    def mapping(
        self,
        schema: dict[str, Any],
        indent: str,
        first: str | None = None,
        base: str | None = None,
        fixed: dict[str, Any] | None = None,
    ) -> None:
        """Write the fields of ``schema``; ``fixed`` holds values already chosen (``type``, or
        every value an imported row gives), written in place of placeholders."""
        fixed = fixed or {}
        # Fields required under a condition (``if``/``then``) are shown to be filled in too.
        chosen = {k: v for k, v in fixed.items() if isinstance(v, str)}
        required = set(schema.get("required", ())) | _conditionally_required(schema, chosen)
        for name, raw in schema.get("properties", {}).items():
            sub = resolved(raw, self.defs)
            lead = first if first is not None else indent
            if name in fixed:
                self.lines.extend(_comment(raw.get("description", ""), indent))
                self.value(name, sub, fixed[name], lead, indent)
                first = None
                continue
            if "description" in raw and base is None:
                self.lines.extend(_comment(raw["description"], indent))
            field_base = base if base is not None or name in required else indent
            self.field(name=name, raw=raw, schema=sub, lead=lead, indent=indent, base=field_base)
            first = None

    def value(self, name: str, schema: dict[str, Any], value: Any, lead: str, indent: str) -> None:
        """Write ``name`` with a value given for it; what the value leaves out of an object
        is written as for a new file: placeholders for what is required."""
        if isinstance(value, dict) and _is_mapping(schema):
            self.lines.append(f"{lead}{name}:")
            self.mapping(schema, indent + "  ", fixed=value)
        elif isinstance(value, list) and value:
            item = resolved(schema.get("items", {}), self.defs)
            self.lines.append(f"{lead}{name}:")
            for entry in value:
                if isinstance(entry, dict) and _is_mapping(item):
                    self.mapping(item, indent + "    ", first=indent + "  - ", fixed=entry)
                else:
                    self.lines.append(f"{indent}  - {_scalar(entry)}")
        else:
            self.lines.append(f"{lead}{name}: {_scalar(value)}")

    def field(
        self,
        *,
        name: str,
        raw: dict[str, Any],
        schema: dict[str, Any],
        lead: str,
        indent: str,
        base: str | None,
    ) -> None:
        examples = raw.get("examples") or schema.get("examples") or []
        if _is_mapping(schema):
            self.emit(lead, f"{name}:", base)
            self.mapping(schema, indent + "  ", base=base)
        elif schema.get("type") == "array":
            item = resolved(schema.get("items", {}), self.defs)
            listed = examples[0] if examples and isinstance(examples[0], list) else []
            item = item | {"examples": listed[:1]}
            self.emit(lead, f"{name}:", base)
            if _is_mapping(item):
                self.mapping(item, indent + "    ", first=indent + "  - ", base=base)
            elif base is not None and examples and isinstance(examples[0], list) and examples[0]:
                for value in examples[0]:
                    self.emit(indent + "  ", f"- {_scalar(value)}", base)
            else:
                self.emit(indent + "  ", f"- {_placeholder(item)}", base)
        elif base is not None:
            if examples:
                self.emit(lead, f"{name}: {_scalar(examples[0])}", base)
        else:
            titled = {"title": name.replace("_", " ")} | schema
            self.emit(lead, f"{name}: {_placeholder(titled)}", base)


def _editor_line(kind: str, schema_ref: str | None) -> list[str]:
    """The line that tells an editor (VS Code's YAML extension and others using the YAML language
    server) which schema checks the file; without a schema to refer to, how to give one."""
    if schema_ref is not None:
        return [f"# yaml-language-server: $schema={schema_ref}"]
    return [
        "# To have your editor check this file as you type, write the schemas into your folder",
        "# of cases (unsubmit schema --out schemas) and put this line first in the file, with",
        f"# the path from this file to {kind}.schema.json:",
        f"#   # yaml-language-server: $schema=schemas/{kind}.schema.json",
    ]


def scaffold(kind: str, schema_ref: str | None, type_: str | None = None) -> str:
    """The text of a new case file of ``kind`` whose editor schema is ``schema_ref`` (none: a
    comment says how to give one); ``kind`` may also be ``mapping``, a mapping file for
    ``unsubmit import``.

    ``type_`` chooses the type of a communication, and with it the lists to fill in: victims
    and incidents for urgent appeals and allegation letters, laws and policies for other
    letters.
    """
    if kind == MAPPING_SCHEMA:
        intro = [
            "# A new mapping for unsubmit import: which column of your table fills which field",
            "# of a case file. Replace every <placeholder>, uncomment what applies, then run:",
            "#   unsubmit import TABLE --mapping THIS_FILE -o FOLDER",
        ]
        return _text(mapping_schema(), kind, schema_ref, intro, {"kind": kind})
    what = kind if type_ is None else f"{kind} ({type_})"
    intro = [
        f"# A new {what} for unsubmit. Replace every <placeholder>, uncomment what applies,",
        "# then run: unsubmit validate THIS_FILE",
        "# A text may also be given in several languages, one per code, the case's own among",
        "# them: {en: ..., ru: ...}; unsubmit i18n case-export writes a PO file for translators.",
    ]
    return _text(kind_schema(kind), kind, schema_ref, intro, {"type": type_} if type_ else {})


def filled(kind: str, schema_ref: str | None, values: dict[str, Any], intro: list[str]) -> str:
    """A case file of ``kind`` with ``values`` in place, commented as :func:`scaffold` comments
    a new one: placeholders for the required fields ``values`` lacks, the optional ones
    commented out. ``intro`` is the comment under the editor line (each line a comment)."""
    return _text(shared_kind_schema(kind), kind, schema_ref, intro, values)


def _text(
    schema: dict[str, Any],
    kind: str,
    schema_ref: str | None,
    intro: list[str],
    values: dict[str, Any],
) -> str:
    writer = _Writer(schema.get("$defs", {}))
    writer.lines += [*_editor_line(kind, schema_ref), "#", *intro, ""]
    writer.mapping(schema, "", fixed=values)
    return "\n".join(writer.lines) + "\n"


def default_schema_ref(kind: str, path: Path | None) -> str | None:
    """Where the editor finds the schema for a new file at ``path``, if anywhere.

    A repository of case files usually keeps the schemas in a ``schemas/`` folder (``unsubmit
    schema --out schemas``): the first one found above the new file is referred to by a
    relative path, which works for everyone who clones it. Otherwise there is nothing to refer
    to that survives sharing the file: the installed schema's path is on one computer only, and
    the schemas' ``$id`` is a URN, a name no editor can fetch.
    """
    name = f"{kind}.schema.json"
    if path is not None:
        start = path.resolve().parent
        for folder in (start, *start.parents):
            candidate = folder / "schemas" / name
            if candidate.is_file():
                return os.path.relpath(candidate, start).replace(os.sep, "/")
    return None
