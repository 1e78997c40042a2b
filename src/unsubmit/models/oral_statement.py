"""Speaking notes for a Human Rights Council interactive dialogue or general debate.

Only NGOs with ECOSOC status register speakers; others speak through one (``on_behalf_of``).
Time limits vary by debate and session, so the limit is a setting of each statement.
"""

from __future__ import annotations

import datetime
from typing import Literal

from pydantic import ConfigDict, Field

from unsubmit.models.common import (
    CaseModel,
    EcosocStatus,
    Language,
    MandateId,
    Organisation,
    PlainText,
    Text,
    schema_version_field,
)


class Dialogue(CaseModel):
    """The debate the statement is delivered in."""

    model_config = ConfigDict(
        json_schema_extra={
            "if": {"properties": {"type": {"const": "interactive-dialogue"}}},
            "then": {
                "required": ["mandate"],
                "properties": {
                    "mandate": {
                        "description": "An interactive dialogue is held with a mandate "
                        "holder: give the mandate's id"
                    }
                },
            },
        }
    )

    type: Literal["interactive-dialogue", "general-debate"] = Field(
        description="An interactive dialogue with a mandate holder, or a general debate.",
        examples=["interactive-dialogue"],
    )
    mandate: MandateId | None = Field(
        None,
        description="The mandate whose holder the interactive dialogue is with, by id "
        "(required for an interactive dialogue).",
    )
    title: Text = Field(
        description="The short name used in the heading, as in the Council's programme.",
        examples=["Independence of judges & lawyers"],
    )


class SpeakingOrganisation(Organisation):
    """The organisation that takes the floor: it must have ECOSOC status."""

    ecosoc_status: EcosocStatus = Field(
        description="Only organisations with ECOSOC status register speakers: deliver the "
        "statement through one that has it, and list yours under on_behalf_of.",
        examples=["special"],
    )


class Speaker(CaseModel):
    """The person who delivers the statement (registered online in advance)."""

    name: PlainText = Field(description="The speaker's name.", examples=["Jane Doe"])
    function: Text | None = Field(
        None, description="The speaker's function.", examples=["Advocacy officer"]
    )


class OralStatement(CaseModel):
    """Speaking notes for a Human Rights Council debate."""

    schema_version: Literal[1] = schema_version_field()
    kind: Literal["oral-statement"] = Field(
        description="The kind of case file.", examples=["oral-statement"]
    )
    session: int = Field(ge=1, le=999, description="The Council's session number.", examples=[53])
    agenda_item: int = Field(ge=1, le=10, description="The agenda item (1 to 10).", examples=[3])
    dialogue: Dialogue = Field(description="The interactive dialogue or general debate.")
    date: datetime.date = Field(
        description="The date of delivery (YYYY-MM-DD).", examples=["2023-06-26"]
    )
    language: Language = Field(description="The language the statement is delivered in.")
    organisation: SpeakingOrganisation = Field(
        description="The organisation that takes the floor; it needs ECOSOC status."
    )
    on_behalf_of: list[Organisation] = Field(
        default_factory=list, description="Organisations the statement is delivered for."
    )
    speaker: Speaker = Field(description="Who delivers it.")
    time_limit_seconds: int = Field(
        120,
        ge=30,
        le=600,
        description="The speaking time allowed, in seconds (ISHR: 120 in interactive "
        "dialogues, 90 in general debates; check the session's modalities).",
        examples=[120, 90],
    )
    president: Literal["mr", "madam"] = Field(
        "mr",
        description="How the President of the Council is addressed: Mr. or Madam President.",
        examples=["mr"],
    )
    paragraphs: list[Text] = Field(
        min_length=1,
        description='The text, one paragraph per item, without the salutation ("Thank you, '
        'Mr. President."), which the document prints before it in its language.',
        examples=[["Thank you for your report on reimagining justice."]],
    )
    question: Text | None = Field(
        None,
        description="The question to the mandate holder that closes the statement.",
        examples=["How can States protect lawyers who defend political prisoners?"],
    )
    words_per_minute: int | None = Field(
        None,
        ge=40,
        le=400,
        description="The speaker's own pace in words per minute, to override the rate of the "
        "language (every language but Chinese is timed in words).",
        examples=[110],
    )
    characters_per_minute: int | None = Field(
        None,
        ge=60,
        le=600,
        description="The speaker's own pace in characters per minute, for a statement in "
        "Chinese (timed in characters), to override the rate of the language.",
        examples=[160],
    )
