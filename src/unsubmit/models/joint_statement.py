"""A joint statement signed by many organisations.

By convention the lead organisation comes first, then co-sponsors with ECOSOC status grouped
General, Special, Roster, and supporters without status close the statement in a note.
"""

from __future__ import annotations

import datetime
from typing import Literal

from pydantic import Field

from unsubmit.models.common import (
    CaseModel,
    Language,
    Organisation,
    Text,
    schema_version_field,
)


class JointStatement(CaseModel):
    """A statement signed by many organisations."""

    schema_version: Literal[1] = schema_version_field()
    kind: Literal["joint-statement"] = Field(
        description="The kind of case file.", examples=["joint-statement"]
    )
    title: Text = Field(
        description="The statement's title.",
        examples=["Belarus: stop forcing law students to record 'repentance videos'"],
    )
    date: datetime.date = Field(
        description="The date of the statement (YYYY-MM-DD).", examples=["2023-11-20"]
    )
    place: Text | None = Field(None, description="Where it is issued.", examples=["Geneva"])
    language: Language = Field(description="The language the statement is written in.")
    lead: Organisation = Field(description="The main sponsor, listed first.")
    signatories: list[Organisation] = Field(
        default_factory=list,
        description="Co-signatories (with ECOSOC status where they have it).",
    )
    supporters: list[Organisation] = Field(
        default_factory=list,
        description="Organisations without ECOSOC status that share the views expressed; "
        "named in a closing note.",
    )
    paragraphs: list[Text] = Field(
        min_length=1,
        description="The body of the statement, one paragraph per item.",
        examples=[["We, the undersigned organisations, condemn the 'repentance videos'."]],
    )
    demands: list[Text] = Field(
        min_length=1,
        description="Demands or recommendations, one per item.",
        examples=[["Stop recording and broadcasting forced 'repentance videos'."]],
    )
