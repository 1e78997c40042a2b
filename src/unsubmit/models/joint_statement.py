"""A joint statement signed by many organisations, in one of two forms.

A public joint statement is published by its signatories (on their sites, to the press): any
organisation may sign, and they are listed as they agreed, the lead first. A joint written
statement to the Human Rights Council is submitted by an NGO in ECOSOC consultative status: by
convention the lead comes first, then co-sponsors with status grouped General, Special,
Roster, and organisations without status close it in a note ("X and Y also share the views
expressed in this statement"). (NGO Alliance guide; OHCHR guidelines for NGOs)
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
    form: Literal["public", "hrc-written-statement"] = Field(
        "public",
        description="A public statement published by its signatories (the default), or a "
        "joint written statement submitted to the Human Rights Council by an NGO with "
        "ECOSOC status, which groups co-sponsors by status and names supporters without "
        "status in a closing note.",
        examples=["public", "hrc-written-statement"],
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
    lead: Organisation = Field(
        description="The main sponsor, listed first (for an HRC written statement, the NGO "
        "with ECOSOC status that submits it)."
    )
    signatories: list[Organisation] = Field(
        default_factory=list,
        description="Co-signatories (for an HRC written statement, co-sponsors with ECOSOC "
        "status, grouped by it).",
    )
    supporters: list[Organisation] = Field(
        default_factory=list,
        description="Organisations without ECOSOC status that share the views expressed: an "
        "HRC written statement names them in a closing note; a public statement lists them "
        "after the signatories.",
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
