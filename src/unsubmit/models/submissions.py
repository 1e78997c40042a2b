"""What happened to a case after it was sent: the ``submissions`` history of a communication.

Organisations track by hand which letter went where, the reference the OHCHR gave it ("UA BLR
3/2023"), whether the government replied, when the letter appeared in the communications
database, which Opinion of the Working Group on Arbitrary Detention followed, and when to
follow up. Kept in the case file, the history is checked like the rest of it and ``unsubmit
status`` lists what is sent, due and overdue across a folder of cases.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from unsubmit.models.common import CaseModel, PlainText

#: An OHCHR communication reference: the type (UA urgent appeal, AL allegation letter, OL other
#: letter; J for a joint one), the State's three letters, the number and the year.
OHCHR_REFERENCE = re.compile(r"^(J?(?:UA|AL|OL)) ([A-Z]{3}) (\d{1,4})/(\d{4})$")
#: The number of a WGAD Opinion, "12/2023", and its document symbol, "A/HRC/WGAD/2023/12".
OPINION_NUMBER = re.compile(r"^(\d{1,3})/(\d{4})$")
OPINION_SYMBOL = re.compile(r"^A/HRC/WGAD/(\d{4})/(\d{1,3})$")
#: A Message-ID as an e-mail carries it (RFC 5322), without its angle brackets, which would
#: read as a placeholder: left@right.
MESSAGE_ID = re.compile(r"^[^<>\s@]+@[^<>\s@]+$")

Reference = Annotated[str, StringConstraints(pattern=OHCHR_REFERENCE.pattern)]


class Reply(CaseModel):
    """The government's answer, as far as the organisation knows it."""

    status: Literal["replied", "no-reply", "confidential"] = Field(
        description="replied: the government replied (give the date); no-reply: none came "
        "within the reply window; confidential: a reply was received and published as "
        "confidential.",
        examples=["replied"],
    )
    date: datetime.date | None = Field(
        None, description="When the reply was sent or published.", examples=["2023-08-01"]
    )


class WgadOpinion(CaseModel):
    """An Opinion the Working Group on Arbitrary Detention adopted on the case."""

    number: Annotated[str, StringConstraints(pattern=OPINION_NUMBER.pattern)] = Field(
        description="Its number as the Working Group gives it, without 'Opinion No.'.",
        examples=["12/2023"],
    )
    symbol: Annotated[str, StringConstraints(pattern=OPINION_SYMBOL.pattern)] | None = Field(
        None,
        description="The document symbol of the Opinion.",
        examples=["A/HRC/WGAD/2023/12"],
    )
    date: datetime.date | None = Field(
        None, description="When it was adopted.", examples=["2023-11-20"]
    )


class FollowUp(CaseModel):
    """A follow-up the organisation set itself: what to do by when, and whether it is done."""

    due: datetime.date = Field(description="When it is due.", examples=["2023-09-01"])
    action: PlainText = Field(
        description="What to do.", examples=["Send the new facts on her health"]
    )
    done: datetime.date | None = Field(
        None,
        description="When it was done; left out while it is still to do.",
        examples=["2023-08-30"],
    )


class Submission(CaseModel):
    """One document sent to the UN about the case, and what came of it."""

    document: PlainText = Field(
        "communication",
        description="What was sent: communication for this case file's letter, or a short "
        "name of another document (a follow-up letter, a petition).",
        examples=["communication"],
    )
    sent: datetime.date = Field(description="When it was sent.", examples=["2023-06-01"])
    recipient: PlainText = Field(
        description="To whom: the address or the body it went to.",
        examples=["urgent-action@ohchr.org"],
    )
    message_id: Annotated[str, StringConstraints(pattern=MESSAGE_ID.pattern)] | None = Field(
        None,
        description="The Message-ID of the e-mail that carried it, as in the .eml file, "
        "without the angle brackets.",
        examples=["20230601.kalesnikava@example.org"],
    )
    reference: Reference | None = Field(
        None,
        description="The reference the OHCHR gave the communication that followed: UA, AL or "
        "OL (JUA, JAL, JOL for joint ones), the State's code, number/year.",
        examples=["UA BLR 3/2023"],
    )
    reply: Reply | None = Field(None, description="The government's reply, once known.")
    published: datetime.date | None = Field(
        None,
        description="When the letter (and any reply) appeared in the OHCHR communications "
        "database.",
        examples=["2023-08-01"],
    )
    wgad_opinion: WgadOpinion | None = Field(
        None, description="The WGAD Opinion that followed, if any."
    )
    follow_ups: list[FollowUp] = Field(
        default_factory=list, description="Follow-ups the organisation set itself."
    )
