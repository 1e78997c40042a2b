"""What a Working Group petition needs beyond a communication: one case file, several documents.

A person's identity, arrest, detention and the steps taken at home are the same facts for a
Special Procedures communication, a petition to the Working Group on Arbitrary Detention
(regular procedure, its model questionnaire) and a case form of the Working Group on Enforced
or Involuntary Disappearances. So a communication file lists the documents it yields
(``documents``) and holds, beside its facts, the few fields only a petition needs: the WGAD
arguments per category of arbitrary detention, the detention's legal basis and transfers, the
disappearance a WGEID form is about. Every such field is optional here; the rules of
:mod:`unsubmit.check.document_rules` ask for them only when the file asks for the document.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from unsubmit.models.common import (
    CaseModel,
    PartialDate,
    Slug,
    Text,
    documented_choice,
)
from unsubmit.models.translatable import N_

#: The documents one case file can yield (``documents``).
DOCUMENTS: dict[str, tuple[str, str]] = {
    "communication": (
        N_("Communication to the Special Procedures"),
        "The urgent appeal, allegation letter or other letter the file's type says.",
    ),
    "wgad-petition": (
        N_("Petition to the Working Group on Arbitrary Detention"),
        "The Working Group's regular procedure, in the order of its model questionnaire.",
    ),
    "wgeid-form": (
        N_("Case form of the Working Group on Enforced or Involuntary Disappearances"),
        "One form per disappeared person, submitted with the family's consent.",
    ),
}

DocumentName = Annotated[
    Literal["communication", "wgad-petition", "wgeid-form"],
    documented_choice(DOCUMENTS, "A document the case file yields."),
]

#: The categories of arbitrary deprivation of liberty in the Working Group's methods of work
#: (A/HRC/36/38, para. 8), as its Opinions name them ("category I"...).
WGAD_CATEGORIES: dict[str, tuple[str, str]] = {
    "I": (
        N_("No legal basis justifies the deprivation of liberty"),
        "Clearly impossible to invoke any legal basis (held after the sentence, despite an "
        "amnesty).",
    ),
    "II": (
        N_("The deprivation of liberty results from the exercise of rights"),
        "The exercise of rights guaranteed by the UDHR (articles 7, 13, 14, 18-21) and the "
        "ICCPR (articles 12, 18, 19, 21, 22, 25-27).",
    ),
    "III": (
        N_("The norms of a fair trial were not observed"),
        "Total or partial non-observance of the international norms of a fair trial, grave "
        "enough to make the deprivation of liberty arbitrary.",
    ),
    "IV": (
        N_("Prolonged administrative custody of asylum seekers or migrants"),
        "Asylum seekers, immigrants or refugees held without administrative or judicial "
        "review or remedy.",
    ),
    "V": (
        N_("Discrimination"),
        "Discrimination on grounds such as birth, origin, language, religion, economic "
        "condition, political or other opinion, gender, sexual orientation or disability.",
    ),
}

WARRANT: dict[str, tuple[str, str]] = {
    "yes": (N_("A warrant or decision was shown"), "Shown at the arrest."),
    "no": (N_("No warrant or decision was shown"), "None was shown."),
    "unknown": (N_("Not known to the source"), "The source does not know."),
}


#: How a document names a category: "Category II: The deprivation of liberty results...".
CATEGORY_HEADING = N_("Category %(number)s: %(label)s")


class Custody(CaseModel):
    """One place where the person was held, and from when: the list gives every transfer."""

    place: Text = Field(
        description="The place of detention.", examples=["Pre-trial detention centre No. 1, Minsk"]
    )
    since: PartialDate | None = Field(None, description="When the person was brought there.")
    held_by: Text | None = Field(
        None,
        description="The authority holding the person there.",
        examples=["Department of Corrections of the Ministry of Internal Affairs"],
    )


class Arrest(CaseModel):
    """What the WGAD questionnaire asks about an arrest beyond its date and authority."""

    place: Text | None = Field(None, description="Where the arrest took place.", examples=["Minsk"])
    warrant: Annotated[
        Literal["yes", "no", "unknown"],
        documented_choice(WARRANT, "Whether a warrant or decision was shown."),
    ] = Field("unknown", description="Whether a warrant or decision was shown.")
    warrant_authority: Text | None = Field(
        None,
        description="The authority that issued the warrant or decision.",
        examples=["Investigative Committee"],
    )
    reasons_given: Text | None = Field(
        None,
        description="The reasons the authorities gave for the arrest.",
        examples=["Suspected of calls to actions damaging national security"],
    )
    legal_basis: Text | None = Field(
        None,
        description="The legislation applied, as the authorities cited it.",
        examples=["Criminal Code, article 361 part 3"],
    )


class DetentionOrder(CaseModel):
    """What the WGAD questionnaire asks about the detention itself."""

    ordered_by: Text | None = Field(
        None,
        description="The authorities that ordered the detention.",
        examples=["Minsk Regional Court"],
    )
    reasons_given: Text | None = Field(
        None, description="The reasons the authorities gave for the detention."
    )
    legal_basis: Text | None = Field(
        None, description="The legislation applied to the detention, as cited."
    )
    places: list[Custody] = Field(
        default_factory=list,
        description="Every place of detention, in order, with the transfers between them.",
    )


class CategoryArgument(CaseModel):
    """Why the deprivation of liberty is arbitrary under one category, tied to its facts."""

    category: Annotated[
        Literal["I", "II", "III", "IV", "V"],
        documented_choice(WGAD_CATEGORIES, "The Working Group's category."),
    ] = Field(description="The category argued.", examples=["II"])
    victims: list[Slug] = Field(
        default_factory=list,
        description="Ids of the victims concerned (all victims when empty).",
        examples=[["kalesnikava"]],
    )
    facts: list[Slug] = Field(
        default_factory=list,
        description="Ids of the incidents this argument relies on (incidents[].id).",
        examples=[["arrest", "trial"]],
    )
    provisions: list[Text] = Field(
        default_factory=list,
        description="The articles or guarantees relied on: for category II the UDHR and ICCPR "
        "articles, for category III the fair-trial guarantees.",
        examples=[["ICCPR, article 19", "UDHR, article 19"]],
    )
    argument: Text = Field(
        description="The argument, in plain words. Blank lines separate paragraphs.",
        examples=["She was detained for leading a peaceful political campaign."],
    )


class WgadPetition(CaseModel):
    """What a petition to the Working Group on Arbitrary Detention adds to the facts."""

    arguments: list[CategoryArgument] = Field(
        default_factory=list,
        description="Why the deprivation of liberty is arbitrary, argued per category, each "
        "tied to the facts it relies on (at least one for a petition).",
    )
    source_confidential: bool = Field(
        True,
        description="Whether the source asks that its identity be kept confidential.",
        examples=[True],
    )


class Disappearance(CaseModel):
    """What a WGEID case form needs about one disappeared person."""

    date: PartialDate = Field(description="When the person disappeared or was last seen.")
    place: Text = Field(
        description="Where the person was arrested or abducted, or last seen.",
        examples=["Penal colony No. 4, Homiel"],
    )
    forces: Text | None = Field(
        None,
        description="Who is believed responsible (State agents or persons acting with their "
        "support); by default the case's perpetrators.",
        examples=["Officers of the penal colony administration"],
    )
    description: Text | None = Field(
        None,
        description="What is known of the disappearance, in plain words.",
    )
