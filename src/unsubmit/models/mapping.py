"""How the columns of an organisation's table become the fields of case files.

Organisations keep their cases in spreadsheets or export them from HURIDOCS Uwazi: one row per
person, one column per property, several values in one cell separated by a pipe, their own
words for violations and roles, dates written as people write them. A mapping file says, once
per table layout, which column fills which field, how a cell's words become our codes, where a
cell holds several values, and which values every case shares (the type, the language, the
submitting organisation). ``unsubmit import`` applies it to every row.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints

from unsubmit.models.common import CaseModel, schema_version_field

#: A field of a case file as a path: ``title``, ``victims[0].name``, ``violations[].code``.
#: ``[]`` gives each value of a multi-value cell an item of its own.
FIELD_PATH = re.compile(r"^[a-z_]+(?:\[\d*\])?(?:\.[a-z_]+(?:\[\d*\])?)*$")

FieldPath = Annotated[str, StringConstraints(pattern=FIELD_PATH.pattern)]

CONVERSIONS: dict[str, str] = {
    "text": "The cell's text as it is, spaces around it removed.",
    "date": "A date as people write it (07.09.2020, 7 September 2020, September 2020, "
    "2020-09-07, or a date cell of a spreadsheet), written as YYYY-MM-DD, YYYY-MM or YYYY.",
    "slug": "An id made of the text: lower-case Latin letters, digits and hyphens "
    "(Мікалай Клімовіч becomes mikalay-klimovich).",
    "integer": "A whole number, such as an age.",
}


class ColumnRule(CaseModel):
    """One column of the table and the field of the case file it fills."""

    column: str = Field(
        min_length=1,
        description="The column's header, as written in the first row of the table.",
        examples=["Title"],
    )
    field: FieldPath = Field(
        description="The field it fills, as a path: title, victims[0].name, "
        "victims[0].detention.arrest_date. With [] each value of a split cell becomes an item "
        "of its own: violations[].code.",
        examples=["victims[0].name"],
    )
    convert: Literal["text", "date", "slug", "integer"] = Field(
        "text",
        description="How the cell's text becomes the field's value: "
        + " ".join(f"{name}: {about}" for name, about in CONVERSIONS.items()),
        examples=["date"],
    )
    split: str | None = Field(
        None,
        min_length=1,
        description="The separator of a cell that holds several values (Uwazi exports use |); "
        "each value is converted on its own.",
        examples=["|"],
    )
    values: dict[str, str | None] | None = Field(
        None,
        description="The words the table uses, each with the code it stands for (for example "
        "a HURIDOCS vocabulary's terms with our violations or roles; unsubmit codes lists "
        "ours). A value of null leaves the term out. Once given, a word not listed is a "
        "finding, so that nothing is dropped unseen. Case and spaces do not matter.",
        examples=[{"Arbitrary arrest and detention": "arbitrary-detention"}],
    )
    required: bool = Field(
        False,
        description="An empty cell in this column is a finding.",
        examples=[True],
    )


class TableMapping(CaseModel):
    """A mapping file: how ``unsubmit import`` turns each row of a table into a case file."""

    schema_version: Literal[1] = schema_version_field()
    kind: Literal["mapping"] = Field(
        description="What this file is: a mapping from a table to case files.",
        examples=["mapping"],
    )
    name_column: str = Field(
        min_length=1,
        description="The column whose text names each case file (made into an id, such as "
        "mikalai-klimovich.yaml). Importing the table again finds each row's file by it, so "
        "it should not change: an Uwazi export's Title is a good choice.",
        examples=["Title"],
    )
    sheet: str | None = Field(
        None,
        description="For a spreadsheet (.xlsx): the sheet that holds the table; by default "
        "the first.",
        examples=["Cases"],
    )
    delimiter: str = Field(
        ",",
        min_length=1,
        max_length=1,
        description="For a CSV file: the character between cells (a comma; a semicolon where "
        "spreadsheets use a decimal comma; a tab).",
        examples=[","],
    )
    day_first: bool = Field(
        True,
        description="Dates written with numbers only give the day first (07.09.2020 is "
        "7 September); false for the month first (09/07/2020).",
        examples=[True],
    )
    defaults: dict[str, Any] = Field(
        default_factory=dict,
        description="Fields every case shares, written as in a case file (kind, type, "
        "language, country, mandates, submitters). A column that fills the same field wins.",
        examples=[{"kind": "communication", "type": "allegation-letter", "language": "en"}],
    )
    columns: list[ColumnRule] = Field(
        min_length=1,
        description="The columns to import, each with the field it fills. Where the table "
        "gives a name in one script only, map it to the field it is: name for the name as "
        "the case's language writes it (a transliteration, for a case in English), "
        "name_original for the name in its own script; the other stays a placeholder to fill.",
    )
