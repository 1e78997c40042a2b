"""Reading an organisation's table: a CSV file or a spreadsheet (.xlsx), first row the headers.

A row becomes a :class:`Row`: its number as a spreadsheet shows it (the header is row 1) and
each header with its cell. A spreadsheet's date cells stay dates; everything else is text, as
the table shows it, so that a finding can quote what the reader sees.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from unsubmit.errors import InputError, Location, ReadError

__all__ = ["Row", "Table", "read_table"]

#: More rows than any organisation's list holds; a bigger file is most likely not a case list.
MAX_ROWS = 100_000

Cell = str | datetime.date


@dataclass(frozen=True)
class Row:
    """One row: its number in the table (the header is row 1) and its cells by header."""

    number: int
    cells: dict[str, Cell]


@dataclass(frozen=True)
class Table:
    """A table's name (as findings show it), its headers in order, and its rows."""

    name: str
    headers: list[str]
    rows: list[Row]

    def column(self, header: str) -> int:
        """The column's number, counted from 1 as findings give it."""
        return self.headers.index(header) + 1


def read_table(path: Path, *, delimiter: str = ",", sheet: str | None = None) -> Table:
    """The table in ``path``, a ``.csv`` or ``.xlsx`` file."""
    name = str(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InputError(
            "not a table unsubmit reads: give a .csv file or an .xlsx spreadsheet "
            "(save other formats as one of these)",
            Location(name),
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read it: {exc.strerror or exc}", Location(name)) from exc
    if suffix == ".csv":
        return _from_lists(name, _csv_rows(data, name, delimiter))
    return _from_lists(name, _xlsx_rows(data, name, sheet))


def _csv_rows(data: bytes, name: str, delimiter: str) -> list[list[Cell]]:
    try:
        text = data.decode("utf-8-sig")  # spreadsheets save UTF-8 CSV with a byte order mark
    except UnicodeDecodeError as exc:
        raise ReadError(
            "is not UTF-8 text: save it again as CSV UTF-8 (comma delimited)", Location(name)
        ) from exc
    try:
        return [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as exc:
        raise ReadError(f"is not a well-formed CSV file: {exc}", Location(name)) from exc


def _xlsx_rows(data: bytes, name: str, sheet: str | None) -> list[list[Cell]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ReadError(
            f"is not a spreadsheet unsubmit can read ({exc}): save it again as .xlsx",
            Location(name),
        ) from exc
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise InputError(
                f"has no sheet {sheet!r}: its sheets are {', '.join(book.sheetnames)}; "
                "name one of them in the mapping's sheet",
                Location(name),
            )
        worksheet = book[sheet] if sheet is not None else book.worksheets[0]
        rows = [[_cell(value) for value in row] for row in worksheet.iter_rows(values_only=True)]
        if len(book.sheetnames) > 1 and not any(str(c).strip() for c in (rows or [[]])[0]):
            raise InputError(
                f"its sheet {worksheet.title!r} has no headers in its first row: name the "
                f"sheet that holds the table in the mapping's sheet (its sheets are "
                f"{', '.join(book.sheetnames)})",
                Location(name, 1),
            )
        return rows
    finally:
        book.close()


def _cell(value: Any) -> Cell:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _from_lists(name: str, rows: list[list[Cell]]) -> Table:
    if not rows or not any(str(cell).strip() for cell in rows[0]):
        raise InputError("is empty: its first row should name the columns", Location(name, 1))
    if len(rows) > MAX_ROWS + 1:
        raise InputError(
            f"has {len(rows) - 1} rows, more than {MAX_ROWS}: split it into several tables",
            Location(name),
        )
    headers = [str(cell).strip() for cell in rows[0]]
    seen: set[str] = set()
    for index, header in enumerate(headers, start=1):
        if header and header in seen:
            raise InputError(
                f"two columns are named {header!r}: rename one so that the mapping can tell "
                "them apart",
                Location(name, 1, index),
            )
        seen.add(header)
    body = []
    for number, cells in enumerate(rows[1:], start=2):
        if not any(str(cell).strip() for cell in cells):
            continue  # an empty line, often at the end of an export
        body.append(
            Row(number, {h: cells[i] if i < len(cells) else "" for i, h in enumerate(headers) if h})
        )
    return Table(name, headers, body)
