"""``unsubmit import``: one commented case file per row of an organisation's table.

Each file is what ``unsubmit new`` writes, with every value the row gives in place: the
editor's schema line, each field's description, placeholders for what the table does not
hold, and a comment naming the table and row it comes from. Every problem in the table is a
finding at ``table:row:column`` (the column's header in the message), all of them in one run;
with any finding nothing is written.

Importing again must never lose a reviewer's work. A manifest in the folder
(``.unsubmit-import.json``) records, for each file written, the row's cells and a hash of the
text written; a file whose text no longer has that hash has been edited, and is left alone. What
changed in the table since is reported, column by column, so it can be copied by hand.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from anyascii import anyascii
from jsonschema import Draft202012Validator

from unsubmit.caseload.dates import DateFormError, parse_date
from unsubmit.caseload.tables import Row, Table, read_table
from unsubmit.check.mapping import case_kind, field_steps, load_mapping
from unsubmit.check.schema_errors import explain, short
from unsubmit.errors import InputError, InvalidCaseError, Location
from unsubmit.findings import Finding
from unsubmit.load.source import JsonPath
from unsubmit.models.mapping import ColumnRule, TableMapping
from unsubmit.models.schema import shared_kind_schema
from unsubmit.scaffold import default_schema_ref, filled
from unsubmit.write import ensure_output_dir, write_all

__all__ = ["MANIFEST", "ImportResult", "import_table", "plan_import"]

#: The record of what ``unsubmit import`` wrote into a folder.
MANIFEST = ".unsubmit-import.json"


@dataclass
class ImportResult:
    """What an import wrote or would write, and what it left alone."""

    #: Files written for rows seen for the first time.
    created: list[Path] = field(default_factory=list)
    #: Files written again, unedited since the last import, with the columns that changed.
    updated: list[tuple[Path, list[str]]] = field(default_factory=list)
    #: Files edited since they were imported (or not made by an import), whose row changed:
    #: left alone, with the columns that changed.
    kept: list[tuple[Path, list[str]]] = field(default_factory=list)
    #: How many rows gave the same file as last time.
    unchanged: int = 0
    #: Files the last import wrote whose rows are no longer in the table.
    gone: list[Path] = field(default_factory=list)
    outputs: list[tuple[Path, bytes]] = field(default_factory=list, repr=False)


def _slug(text: str) -> str:
    ascii_text = anyascii(text).lower()
    words = "".join(c if c.isascii() and c.isalnum() else " " for c in ascii_text).split()
    return "-".join(words)


def _cell_text(value: Any) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value).strip()


class _RowReader:
    """Turns the rows of one table into case data, gathering findings at ``table:row:col``."""

    def __init__(self, table: Table, mapping: TableMapping, mapping_name: str) -> None:
        self.table = table
        self.mapping = mapping
        self.mapping_name = mapping_name
        self.findings: list[Finding] = []
        self.kind = case_kind(mapping)

    def at(self, row: Row, rule: ColumnRule, message: str) -> None:
        location = Location(
            self.table.name, row.number, self.table.column(rule.column), f"$.{rule.field}"
        )
        self.findings.append(Finding(location, f"column {rule.column!r}: {message}", code="import"))

    def convert(self, row: Row, rule: ColumnRule, piece: Any) -> Any:
        text = _cell_text(piece)
        if rule.values is not None:
            codes = {k.strip().casefold(): v for k, v in rule.values.items()}
            if text.casefold() not in codes:
                self.at(
                    row,
                    rule,
                    f"{short(text)} has no code in the mapping: add it to the column's values "
                    "(unsubmit codes lists ours), or map it to null to leave it out",
                )
                return None
            return codes[text.casefold()]
        if rule.convert == "date":
            try:
                return parse_date(piece, day_first=self.mapping.day_first)
            except DateFormError as exc:
                self.at(row, rule, f"{short(text)} {exc}")
                return None
        if rule.convert == "integer":
            if not text.isdigit():
                self.at(row, rule, f"{short(text)} is not a whole number")
                return None
            return int(text)
        if rule.convert == "slug":
            slug = _slug(text)
            if not slug:
                self.at(row, rule, f"{short(text)} has no letters or digits to make an id of")
                return None
            return slug
        return text

    def values(self, row: Row) -> tuple[dict[str, Any], dict[JsonPath, ColumnRule]]:
        """The row's case data (the mapping's defaults, then its cells) and which column gave
        each value."""
        data: dict[str, Any] = copy.deepcopy(dict(self.mapping.defaults))
        data.setdefault("kind", self.kind)
        sources: dict[JsonPath, ColumnRule] = {}
        for rule in self.mapping.columns:
            cell = row.cells.get(rule.column, "")
            pieces: Sequence[Any] = (
                [cell]
                if rule.split is None or not isinstance(cell, str)
                else cell.split(rule.split)
            )
            converted = [
                value
                for piece in pieces
                if _cell_text(piece)
                for value in [self.convert(row, rule, piece)]
                if value is not None
            ]
            if not converted:
                if rule.required and not _cell_text(cell):
                    self.at(row, rule, "is empty, and the mapping requires it")
                continue
            steps = field_steps(rule.field)
            if any(each for _, _, each in steps):
                for index, value in enumerate(converted):
                    sources[_put(data, steps, value, index)] = rule
            elif rule.split is not None:
                sources[_put(data, steps, converted, None)] = rule
            else:
                sources[_put(data, steps, converted[0], None)] = rule
        return data, sources

    def check(self, row: Row, data: dict[str, Any], sources: dict[JsonPath, ColumnRule]) -> None:
        """Findings for values the row gives that no case file accepts (an unknown country, a
        code outside our lists); what the row leaves out stays a placeholder to fill."""
        for error in _validator(self.kind).iter_errors(data):
            if error.validator in ("required", "minItems"):
                continue
            for path, message, _ in explain(error):
                source = _source(path, sources)
                if source is not None:  # the mapping's defaults were checked with the mapping
                    self.at(row, source, message)


@cache
def _validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(shared_kind_schema(kind))


def _source(path: JsonPath, sources: dict[JsonPath, ColumnRule]) -> ColumnRule | None:
    for length in range(len(path), 0, -1):
        if path[:length] in sources:
            return sources[path[:length]]
    return None


def _put(
    data: dict[str, Any], steps: list[tuple[str, int | None, bool]], value: Any, each: int | None
) -> JsonPath:
    """Put ``value`` at ``steps`` in ``data`` (``[]`` being item ``each``); its JSON path."""
    here: Any = data
    path: list[str | int] = []
    for number, (name, index, is_each) in enumerate(steps):
        last = number == len(steps) - 1
        position = each if is_each else index
        path.append(name)
        if position is None:
            if last:
                here[name] = value
            else:
                here = here.setdefault(name, {})
            continue
        items = here.setdefault(name, [])
        while len(items) <= position:
            items.append({} if not last else None)
        path.append(position)
        if last:
            items[position] = value
        else:
            here = items[position]
    return tuple(path)


def _one_line(name: str) -> str:
    """A file name as a comment may hold it: a line break in it would start a line of YAML."""
    return " ".join("".join(c if c.isprintable() else " " for c in name).split())


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_manifest(out_dir: Path) -> dict[str, Any]:
    path = out_dir / MANIFEST
    if not path.is_file():
        return {}
    try:
        files = json.loads(path.read_text("utf-8")).get("files", {})
    except (OSError, ValueError, AttributeError) as exc:
        raise InputError(
            "is not the record unsubmit import keeps: remove it only if no file in the folder "
            "was edited since the import (they would be overwritten)",
            Location(str(path)),
        ) from exc
    return files if isinstance(files, dict) else {}


def _changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return [header for header in after if before.get(header) != after[header]] + [
        header for header in before if header not in after
    ]


def plan_import(
    table: Table,
    mapping: TableMapping,
    mapping_name: str,
    out_dir: Path,
    schema_ref: str | None = None,
) -> ImportResult:
    """What importing ``table`` into ``out_dir`` writes; :class:`InvalidCaseError` with every
    finding at ``table:row:column`` when the table does not fit the mapping. ``schema_ref`` is
    the editor's schema line (by default a ``schemas/`` folder found above ``out_dir``)."""
    reader = _RowReader(table, mapping, mapping_name)
    missing = [rule.column for rule in mapping.columns if rule.column not in table.headers]
    if mapping.name_column not in table.headers:
        missing.append(mapping.name_column)
    if missing:
        columns = ", ".join(repr(h) for h in table.headers if h)
        raise InvalidCaseError(
            table.name,
            [
                Finding(
                    Location(table.name, 1),
                    f"no column {header!r}, which the mapping {mapping_name} names: "
                    f"the table's columns are {columns}",
                    code="import",
                )
                for header in dict.fromkeys(missing)
            ],
        )
    schema_ref = schema_ref or default_schema_ref(reader.kind, out_dir / "case.yaml")
    manifest = _read_manifest(out_dir)
    result = ImportResult()
    record: dict[str, Any] = {}
    names: dict[str, int] = {}
    mapped = list(dict.fromkeys([mapping.name_column, *(rule.column for rule in mapping.columns)]))
    for row in table.rows:
        slug = _slug(_cell_text(row.cells.get(mapping.name_column, "")))
        where = Location(table.name, row.number, table.column(mapping.name_column))
        if not slug:
            message = f"column {mapping.name_column!r}: is empty, and names the case's file"
            reader.findings.append(Finding(where, message, code="import"))
            continue
        if slug in names:
            message = (
                f"column {mapping.name_column!r}: gives the file name {slug}.yaml, as row "
                f"{names[slug]} does: make the names differ"
            )
            reader.findings.append(Finding(where, message, code="import"))
            continue
        names[slug] = row.number
        data, sources = reader.values(row)
        reader.check(row, data, sources)
        intro = [
            f"# Imported from {_one_line(Path(table.name).name)}, row {row.number}, with the "
            f"mapping {_one_line(Path(mapping_name).name)}.",
            "# Replace every <placeholder> with what the table does not hold, then run:",
            "#   unsubmit validate THIS_FILE",
            "# Once you edit this file, importing the table again leaves it alone.",
        ]
        text = filled(reader.kind, schema_ref, data, intro).encode("utf-8")
        cells = {header: _cell_text(row.cells.get(header, "")) for header in mapped}
        path = out_dir / f"{slug}.yaml"
        record[path.name] = {"row": row.number, "sha256": _digest(text), "cells": cells}
        _plan_file(path, text, cells, manifest.get(path.name), result)
    if reader.findings:
        raise InvalidCaseError(table.name, reader.findings)
    for name, before in manifest.items():
        if name not in record:
            result.gone.append(out_dir / name)
            record[name] = before  # still ours: a row put back later is recognised
    document = {"version": 1, "table": Path(table.name).name, "files": record}
    manifest_text = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    result.outputs.append((out_dir / MANIFEST, manifest_text.encode("utf-8")))
    return result


def _plan_file(
    path: Path,
    text: bytes,
    cells: dict[str, str],
    before: dict[str, Any] | None,
    result: ImportResult,
) -> None:
    if not path.exists():
        result.created.append(path)
        result.outputs.append((path, text))
        return
    old_cells = before.get("cells", {}) if isinstance(before, dict) else {}
    changed = _changed(old_cells, cells) if before is not None else list(cells)
    try:
        current = path.read_bytes()
    except OSError:
        current = b""
    untouched = before is not None and _digest(current) == before.get("sha256")
    if current == text:
        result.unchanged += 1
    elif untouched:
        result.updated.append((path, changed))
        result.outputs.append((path, text))
    elif changed:
        result.kept.append((path, changed))
    else:
        result.unchanged += 1  # edited by hand; the row gives what it gave before


def import_table(
    table_path: Path, mapping_path: Path, out_dir: Path, schema_ref: str | None = None
) -> ImportResult:
    """Import the table at ``table_path`` into ``out_dir`` with the mapping at
    ``mapping_path``: every file written completely, or, with any finding, none."""
    mapping = load_mapping(mapping_path)
    table = read_table(table_path, delimiter=mapping.delimiter, sheet=mapping.sheet)
    ensure_output_dir(out_dir)
    result = plan_import(table, mapping, str(mapping_path), out_dir, schema_ref)
    write_all(result.outputs, overwrite=True)
    return result
