"""A communication to the UN Special Procedures: an urgent appeal, an allegation letter or an
other letter.

The fields follow what the OHCHR questionnaire and mandate guides ask for: who the victims are,
who the perpetrators are, who submits, what happened when and where, what was done at home,
which other bodies are seized, and what the victims consented to. An urgent appeal and an
allegation letter are about people, so they need at least one alleged victim and one incident;
an other letter is about a law, bill, policy or practice, so it needs that instead, and may
name no one.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from unsubmit.models.common import (
    Annex,
    CaseModel,
    CountryCode,
    Language,
    MandateId,
    PartialDate,
    PlainText,
    Slug,
    Source,
    Submitter,
    Text,
    ViolationCode,
    documented_choice,
    schema_version_field,
)
from unsubmit.models.petition import (
    Arrest,
    DetentionOrder,
    Disappearance,
    DocumentName,
    WgadPetition,
)
from unsubmit.models.submissions import Reference, Submission
from unsubmit.models.translatable import N_

#: Value → (label, description) for each closed list; the labels appear in documents,
#: marked for the message catalog and translated into the document's locale.
COMMUNICATION_TYPES: dict[str, tuple[str, str]] = {
    "urgent-appeal": (
        N_("Urgent appeal"),
        "A violation that is ongoing or imminent, with a risk of irreparable harm.",
    ),
    "allegation-letter": (N_("Allegation letter"), "A violation that has already happened."),
    "other-letter": (N_("Other letter"), "Concerns about a law, bill, policy or practice."),
    "follow-up": (
        N_("Follow-up"),
        "New information on a communication already sent: cites its reference and date, and "
        "says what has changed.",
    ),
}

#: The communication types about people, which need victims and incidents.
ABOUT_PEOPLE = ("urgent-appeal", "allegation-letter")

LAW_TYPES: dict[str, tuple[str, str]] = {
    "law": (N_("Law"), "A law or code in force, or an article of one."),
    "bill": (N_("Bill"), "A draft law before parliament or announced."),
    "decree": (N_("Decree"), "A decree or order of the executive."),
    "regulation": (N_("Regulation"), "A regulation, instruction or by-law."),
    "policy": (N_("Policy"), "A policy, programme or official initiative."),
    "practice": (N_("Practice"), "A practice of the authorities, written down or not."),
}

ROLES: dict[str, tuple[str, str]] = {
    "political-prisoner": (N_("Political prisoner"), "Deprived of liberty for political reasons."),
    "human-rights-defender": (N_("Human rights defender"), "Defends human rights."),
    "lawyer": (N_("Lawyer"), "A lawyer or advocate."),
    "judge": (N_("Judge"), "A judge or prosecutor."),
    "journalist": (N_("Journalist"), "A journalist or media worker."),
    "blogger": (N_("Blogger"), "Publishes online."),
    "political-activist": (N_("Political activist"), "Takes part in political activity."),
    "opposition-politician": (N_("Opposition politician"), "A leader or member of the opposition."),
    "trade-unionist": (N_("Trade unionist"), "A trade union member or leader."),
    "artist": (N_("Artist"), "A writer, musician or other artist."),
    "academic": (N_("Academic"), "A teacher or researcher."),
    "student": (N_("Student"), "A student."),
    "religious-figure": (N_("Religious figure"), "A religious leader or believer at risk."),
    "medical-worker": (N_("Medical worker"), "A doctor, nurse or other health worker."),
    "person-with-disability": (N_("Person with a disability"), "Has a disability."),
    "child": (N_("Child"), "Under eighteen."),
}

STATUSES: dict[str, tuple[str, str]] = {
    "detained": (N_("Detained"), "Held before or during trial."),
    "imprisoned": (N_("Imprisoned"), "Serving a sentence."),
    "released": (N_("Released"), "Released from detention."),
    "deceased": (N_("Deceased"), "Has died."),
    "disappeared": (N_("Disappeared"), "Fate or whereabouts unknown or concealed."),
    "in-hiding": (N_("In hiding"), "Hiding from the authorities in the country."),
    "in-exile": (N_("In exile"), "Has left the country because of the risk."),
    "at-liberty": (N_("At liberty"), "Free, in the country."),
    "unknown": (N_("Unknown"), "Current status not known to the submitter."),
}

ACCESS: dict[str, tuple[str, str]] = {
    "yes": (N_("Yes"), "Regular and confidential."),
    "restricted": (N_("Restricted"), "Occasional, supervised or delayed."),
    "no": (N_("None"), "None at all."),
    "unknown": (N_("Unknown"), "Not known to the submitter."),
}

SEXES: dict[str, tuple[str, str]] = {
    "female": (N_("Female"), "Female."),
    "male": (N_("Male"), "Male."),
    "other": (N_("Other"), "Another identity."),
    "undisclosed": (N_("Undisclosed"), "Not disclosed."),
}

#: The sexes whose grammatical gender a label agrees with ("Умерла", "Умер"); for any other
#: (or none given) a document uses the label's neutral form ("Умер(ла)").
AGREEING_SEXES = ("female", "male")

#: The closed lists whose labels agree with the person's sex in the languages that mark it:
#: each label is also translated in a "female" and a "male" gettext context.
AGREEING_LABELS = {"role": ROLES, "status": STATUSES}

PUBLIC_NAMES: dict[str, tuple[str, str]] = {
    "full": (N_("Full name"), "The full name may be published."),
    "initials": (N_("Initials only"), "Only the initials may be published."),
    "withheld": (N_("Withheld"), "The person must not be named in public."),
}

#: When consent could not be obtained (``Consent.not_obtained``): who was asked for it, why it
#: could not be obtained, and why the submitter considers it appropriate to act on the alleged
#: victim's behalf all the same, in the words of the UN's forms (``data/consent.json`` gives
#: the sources). Each label is a sentence of the communication's consent section.
CONSENT_ASKED: dict[str, tuple[str, str]] = {
    "victim": (
        N_("Consent was sought from the alleged victim, without result."),
        "The alleged victim was asked.",
    ),
    "family": (
        N_("Consent was sought from the family of the alleged victim, without result."),
        "The family was asked.",
    ),
    "representative": (
        N_("Consent was sought from a representative of the alleged victim, without result."),
        "A lawyer or other representative was asked.",
    ),
}

CONSENT_NOT_OBTAINED_REASONS: dict[str, tuple[str, str]] = {
    "held-incommunicado": (
        N_("The alleged victim is held incommunicado."),
        "Held without contact with the outside world: nobody can ask them.",
    ),
    "disappeared": (
        N_("The fate and whereabouts of the alleged victim are unknown."),
        "Nobody knows where the person is.",
    ),
    "family-unreachable": (
        N_("The family of the alleged victim could not be reached."),
        "No relative could be found or contacted.",
    ),
    "contact-unsafe": (
        N_("Contacting the alleged victim or the family would put them at risk."),
        "Asking would itself expose them to reprisals.",
    ),
}

CONSENT_BASES: dict[str, tuple[str, str]] = {
    "urgent-interest": (
        N_(
            "The submitter acts on behalf of the alleged victim, in their interest, because "
            "the situation is urgent."
        ),
        "Acting in the person's interest, since waiting for consent risks irreparable harm.",
    ),
    "prior-wish": (
        N_(
            "The submitter acts on behalf of the alleged victim, who asked, before contact "
            "was lost, that the case be brought to the United Nations."
        ),
        "The person asked for it before contact was lost (for example before an arrest).",
    ),
}

CommunicationType = Annotated[
    Literal["urgent-appeal", "allegation-letter", "other-letter", "follow-up"],
    documented_choice(
        COMMUNICATION_TYPES,
        "The type of communication, which decides how fast and how the UN acts.",
    ),
]

Role = Annotated[
    Literal[
        "political-prisoner",
        "human-rights-defender",
        "lawyer",
        "judge",
        "journalist",
        "blogger",
        "political-activist",
        "opposition-politician",
        "trade-unionist",
        "artist",
        "academic",
        "student",
        "religious-figure",
        "medical-worker",
        "person-with-disability",
        "child",
    ],
    documented_choice(ROLES, "A role that puts the person at risk or that the UN considers."),
]

Status = Annotated[
    Literal[
        "detained",
        "imprisoned",
        "released",
        "deceased",
        "disappeared",
        "in-hiding",
        "in-exile",
        "at-liberty",
        "unknown",
    ],
    documented_choice(STATUSES, "The person's current status."),
]

Access = Annotated[
    Literal["yes", "restricted", "no", "unknown"],
    documented_choice(ACCESS, "Whether the detainee has access."),
]


class Charge(CaseModel):
    """A criminal or administrative charge, with the law and article."""

    law: Text = Field(
        description="The law or code.", examples=["Criminal Code of the Republic of Belarus"]
    )
    article: str = Field(
        min_length=1,
        max_length=64,
        description="The article, with its part where known.",
        examples=["368", "361-1 part 1"],
    )
    description: Text | None = Field(
        None, description="What the article punishes.", examples=["Insulting the President"]
    )


class Sentence(CaseModel):
    """A court's judgment."""

    date: PartialDate | None = Field(None, description="When the sentence was pronounced.")
    court: Text | None = Field(
        None, description="The court.", examples=["Pinsk District and City Court"]
    )
    term: Text = Field(
        description="The penalty as pronounced.",
        examples=["One year in a general-security penal colony", "11 years' imprisonment"],
    )


class Detention(CaseModel):
    """Detention details, where the person was or is deprived of liberty."""

    arrest_date: PartialDate | None = Field(None, description="When the person was arrested.")
    arresting_authority: Text | None = Field(
        None,
        description="Who arrested the person.",
        examples=["Officers of the State Security Committee (KGB)"],
    )
    place_of_detention: Text | None = Field(
        None,
        description="Where the person is or was held.",
        examples=["Penal colony No. 3, Viciebsk"],
    )
    charges: list[Charge] = Field(
        default_factory=list, description="The charges, with law and article.", examples=[]
    )
    sentence: Sentence | None = Field(None, description="The sentence, if any.")
    access_to_lawyer: Access = Field("unknown", description="Access to a lawyer.")
    family_contact: Access = Field("unknown", description="Contact with the family.")
    health: Text | None = Field(
        None,
        description="Health, and the care received in detention.",
        examples=["Second-degree disability from heart disease"],
    )
    arrest: Arrest | None = Field(
        None,
        description="For a WGAD petition: where the arrest took place, whether a warrant was "
        "shown, the reasons given and the legal basis.",
    )
    order: DetentionOrder | None = Field(
        None,
        description="For a WGAD petition: who ordered the detention, the reasons given, the "
        "legal basis, and every place of detention with the transfers.",
    )


ConsentParty = Literal["victim", "family", "representative"]


class ConsentNotObtained(CaseModel):
    """Why consent could not be obtained and why the submitter acts all the same, as the UN's
    forms ask of someone who is not authorised by the person concerned."""

    asked: list[
        Annotated[ConsentParty, documented_choice(CONSENT_ASKED, "Who was asked for consent.")]
    ] = Field(
        default_factory=list,
        description="Who was asked for consent, without result; an empty list when nobody "
        "who could give it could be reached.",
        examples=[["family"]],
    )
    reason: Annotated[
        Literal["held-incommunicado", "disappeared", "family-unreachable", "contact-unsafe"],
        documented_choice(CONSENT_NOT_OBTAINED_REASONS, "Why consent could not be obtained."),
    ] = Field(description="Why consent could not be obtained.", examples=["held-incommunicado"])
    basis: Annotated[
        Literal["urgent-interest", "prior-wish"],
        documented_choice(
            CONSENT_BASES, "Why the submitter considers it appropriate to act on their behalf."
        ),
    ] = Field(
        description="Why the submitter considers it appropriate to act on the alleged victim's "
        "behalf without their consent.",
        examples=["urgent-interest"],
    )
    details: Text | None = Field(
        None,
        description="What was tried, and when.",
        examples=[
            "Her lawyer has had no access to her since 9 February; her father was "
            "asked on 10 February and could not be reached since."
        ],
    )


class Consent(CaseModel):
    """What the victim (or the family) agreed to, following the mandates' consent questions."""

    given_by: ConsentParty | None = Field(
        description="Who gave consent; null when none could be obtained, and then say why "
        "under not_obtained.",
        examples=["family"],
    )
    not_obtained: ConsentNotObtained | None = Field(
        None,
        description="When consent could not be obtained (a detainee held incommunicado, a "
        "family that cannot be reached): who was asked, why it could not be obtained, and "
        "why the submitter acts all the same. Public versions then withhold the name.",
    )
    submission: bool = Field(description="Consent to this submission to the UN.", examples=[True])
    informed_government_letter: bool = Field(
        description="Knows that a letter will go to the government concerned.", examples=[True]
    )
    informed_publication: bool = Field(
        description="Knows that a summary will appear in a public UN report.", examples=[True]
    )
    public_name: Annotated[
        Literal["full", "initials", "withheld"],
        documented_choice(PUBLIC_NAMES, "How the person may be named in public."),
    ] = Field(
        description="How the person may be named in public: full name, initials, or not at all.",
        examples=["initials"],
    )
    notes: Text | None = Field(
        None,
        description="Anything the UN should know about consent.",
        examples=["Consent given by the victim's sister on 10 May 2023."],
    )


class Victim(CaseModel):
    """An alleged victim: as the OHCHR asks, full name, age, sex, residence or origin."""

    id: Slug = Field(
        description="A short id for this person, used to link incidents and violations.",
        examples=["klimovich"],
    )
    name: PlainText = Field(
        description="The name as written in the case's language.", examples=["Mikalai Klimovich"]
    )
    name_original: PlainText | None = Field(
        None,
        description="The name in its original script.",
        examples=["Мікалай Клімовіч"],
    )
    aliases: list[PlainText] = Field(
        default_factory=list,
        description="Other spellings of the name (transliterations, Russian forms, nicknames).",
        examples=[["Nikolai Klimovich", "Николай Климович"]],
    )
    sex: Annotated[
        Literal["female", "male", "other", "undisclosed"],
        documented_choice(SEXES, "Sex, as the person identifies."),
    ] = Field(description="Sex, as the person identifies.", examples=["male"])
    age: int | None = Field(
        None, ge=0, le=130, description="Age at the time of the events.", examples=[61]
    )
    date_of_birth: PartialDate | None = Field(None, description="Date of birth, if known.")
    nationality: CountryCode | None = Field(None, description="Nationality.")
    residence: Text | None = Field(
        None, description="Place of residence or origin.", examples=["Pinsk, Brest region"]
    )
    identity_document: Text | None = Field(
        None,
        description="For a WGAD petition or a WGEID form: the identity document, with its "
        "number, where known.",
        examples=["Passport of the Republic of Belarus"],
    )
    occupation: Text | None = Field(
        None, description="Occupation.", examples=["Musician", "Pensioner"]
    )
    roles: list[Role] = Field(
        default_factory=list,
        description="Roles that put the person at risk.",
        examples=[["political-prisoner"]],
    )
    status: Status = Field(description="Current status.")
    date_of_death: PartialDate | None = Field(None, description="Date of death, if deceased.")
    place_of_death: Text | None = Field(
        None,
        description="Where the person died, if deceased and known.",
        examples=["Penal colony No. 3, Viciebsk"],
    )
    whereabouts: Text | None = Field(
        None,
        description="Where the person is now, as far as known.",
        examples=["Unknown to the family since February 2023"],
    )
    detention: Detention | None = Field(None, description="Detention details, where relevant.")
    disappearance: Disappearance | None = Field(
        None,
        description="For a WGEID form: when and where the person disappeared or was last "
        "seen, and who is believed responsible.",
    )
    consent: Consent = Field(
        description="What the victim or the family consented to. Ask before submitting."
    )
    public_alias: PlainText | None = Field(
        None,
        description="What public versions (unsubmit build --public) call this person when "
        "consent.public_name is withheld, instead of the default '[name withheld]'. It must "
        "not give the name away.",
        examples=["Ms. A", "the musician's sister"],
    )


class Incident(CaseModel):
    """What happened: date (which may be partial or approximate), place and description."""

    date: PartialDate = Field(description="When it happened.")
    approximate: bool = Field(
        False, description="True when the date is approximate.", examples=[False]
    )
    place: Text | None = Field(None, description="Where it happened.", examples=["Pinsk"])
    victims: list[Slug] = Field(
        default_factory=list,
        description="Ids of the victims concerned (all victims when empty).",
        examples=[["klimovich"]],
    )
    description: Text = Field(
        description="What happened, in plain words. Blank lines separate paragraphs.",
        examples=["The Pinsk District and City Court sentenced him to one year."],
    )
    id: Slug | None = Field(
        None,
        description="A short id, by which a WGAD argument names the facts it relies on.",
        examples=["arrest"],
    )


class LawOrPolicy(CaseModel):
    """The law, bill, policy or practice an other letter is about."""

    type: Annotated[
        Literal["law", "bill", "decree", "regulation", "policy", "practice"],
        documented_choice(LAW_TYPES, "What kind of measure it is."),
    ] = Field(description="What kind of measure it is.", examples=["law"])
    title: Text = Field(
        description="Its name, as officially cited.",
        examples=["Criminal Code of the Republic of Belarus"],
    )
    date: PartialDate | None = Field(
        None, description="When it was adopted, introduced or first applied."
    )
    status: Text | None = Field(
        None,
        description="Where it stands: in force, before parliament, announced...",
        examples=["In force"],
    )
    provisions: list[Text] = Field(
        default_factory=list,
        description="The provisions of concern, each quoted or summarised.",
        examples=[["Article 368: insulting the President"]],
    )
    description: Text = Field(
        description="What it does and why it is of concern, in plain words. Blank lines "
        "separate paragraphs.",
        examples=["It punishes criticism of the head of State with imprisonment."],
    )


class Perpetrator(CaseModel):
    """An alleged perpetrator: a name if known, and/or title, function and institution."""

    name: PlainText | None = Field(None, description="The name, if known.", examples=["Unknown"])
    function: Text | None = Field(
        None, description="Title or function.", examples=["Judge", "Head of the colony"]
    )
    institution: Text = Field(
        description="The institution.", examples=["Pinsk District and City Court"]
    )
    actor: Literal["state", "non-state"] = Field(
        description="A State agent, or a non-State actor.", examples=["state"]
    )


class AllegedViolation(CaseModel):
    """A violation from the vocabulary, and whom it concerns."""

    code: ViolationCode = Field(description="The violation.", examples=["death-in-custody"])
    victims: list[Slug] = Field(
        default_factory=list,
        description="Ids of the victims concerned (all victims when empty).",
        examples=[["klimovich"]],
    )
    details: Text | None = Field(
        None,
        description="Why the facts amount to this violation.",
        examples=["He died in custody nine weeks after his sentence."],
    )


class DomesticStep(CaseModel):
    """A step taken at home: a complaint to the police, a prosecutor, a court."""

    date: PartialDate | None = Field(None, description="When it was taken.")
    authority: Text = Field(
        description="To whom.", examples=["Prosecutor's Office of Viciebsk region"]
    )
    action: Text = Field(description="What was done.", examples=["Complaint about the death"])
    outcome: Text | None = Field(
        None, description="The outcome, if any.", examples=["No answer as of submission"]
    )


class OtherBody(CaseModel):
    """Another international or regional body already seized of the case."""

    body: Text = Field(description="The body.", examples=["Human Rights Committee"])
    reference: str | None = Field(
        None, description="Its reference number.", examples=["CCPR/C/000/D/0000/2023"]
    )
    date: PartialDate | None = Field(None, description="When it was seized.")
    status: Text | None = Field(None, description="Where it stands.", examples=["Registered"])


class Risk(CaseModel):
    """For an urgent appeal: why the harm is ongoing or imminent and may be irreparable."""

    ongoing: bool = Field(description="The violation is still going on.", examples=[True])
    imminent: bool = Field(description="A violation is about to happen.", examples=[False])
    description: Text = Field(
        description="The risk, in plain words.",
        examples=["Held incommunicado after emergency surgery; her health is unknown."],
    )


class Confidentiality(CaseModel):
    """What must stay confidential. The source's identity always does."""

    notes: Text | None = Field(
        None,
        description="Anything else that must not be disclosed, to the government or in public.",
        examples=["Do not disclose the family's place of residence."],
    )


class DeclinedMandate(CaseModel):
    """A mandate that ``unsubmit mandates --suggest`` proposes and the submitter leaves out on
    purpose, with the reason, so that validation stops warning about it."""

    id: MandateId = Field(description="The mandate left out, by id.", examples=["sr-health"])
    reason: Text = Field(
        description="Why it is left out, for the reviewers of the case.",
        examples=["The family asked us to keep the case to the detention itself."],
    )


def _communication_only() -> list[DocumentName]:
    return ["communication"]


class FollowsUp(CaseModel):
    """For a follow-up: the communication it follows up, and what has changed since."""

    reference: Reference = Field(
        description="The OHCHR reference of the earlier communication, as recorded in the "
        "case's submissions.",
        examples=["UA BLR 3/2023"],
    )
    date: datetime.date = Field(
        description="The date of the earlier communication.", examples=["2023-06-14"]
    )
    changes: Text = Field(
        description="What has changed since: new facts, the government's reply, the person's "
        "situation now.",
        examples=["She was transferred to a prison hospital on 1 September 2023."],
    )


class Communication(CaseModel):
    """A communication to UN Special Procedures."""

    # What each type needs: people for urgent appeals and allegation letters, a law, bill,
    # policy or practice for other letters, a risk for urgent appeals, and the communication a
    # follow-up follows up. The conditions are
    # in the schema so that editors and check-jsonschema see them too, and ``unsubmit new
    # --type`` shows the fields a type needs as fields to fill in.
    model_config = ConfigDict(
        json_schema_extra={
            "allOf": [
                {
                    "if": {"properties": {"type": {"enum": list(ABOUT_PEOPLE)}}},
                    "then": {
                        "required": ["victims", "incidents"],
                        "properties": {
                            "victims": {
                                "minItems": 1,
                                "description": "An urgent appeal or an allegation letter is "
                                "about people: give at least one alleged victim",
                            },
                            "incidents": {
                                "minItems": 1,
                                "description": "An urgent appeal or an allegation letter says "
                                "what happened: give at least one incident",
                            },
                        },
                    },
                },
                {
                    "if": {"properties": {"type": {"const": "other-letter"}}},
                    "then": {
                        "required": ["laws_and_policies"],
                        "properties": {
                            "laws_and_policies": {
                                "minItems": 1,
                                "description": "An other letter is about a law, bill, policy "
                                "or practice: describe at least one",
                            }
                        },
                    },
                },
                {
                    "if": {"properties": {"type": {"const": "follow-up"}}},
                    "then": {
                        "required": ["follows_up"],
                        "properties": {
                            "follows_up": {
                                "description": "A follow-up cites the communication it follows "
                                "up: give its reference and date, and what has changed"
                            }
                        },
                    },
                },
                {
                    "if": {"properties": {"type": {"const": "urgent-appeal"}}},
                    "then": {
                        "required": ["risk"],
                        "properties": {
                            "risk": {
                                "description": "An urgent appeal needs a risk that is ongoing "
                                "or imminent: describe it, or send an allegation letter"
                            }
                        },
                    },
                },
            ]
        }
    )

    schema_version: Literal[1] = schema_version_field()
    kind: Literal["communication"] = Field(
        description="The kind of case file.", examples=["communication"]
    )
    type: CommunicationType = Field(
        description="The type of communication.", examples=["allegation-letter"]
    )
    title: Text = Field(
        description="A short subject for the letter.",
        examples=["Death in custody of Mikalai Klimovich"],
    )
    date: datetime.date = Field(
        description="The date of the submission (YYYY-MM-DD).", examples=["2023-05-15"]
    )
    language: Language = Field(description="The language the case is written in.")
    country: CountryCode = Field(description="The State concerned.")
    mandates: list[MandateId] = Field(
        min_length=1,
        description="The mandates addressed, by id.",
        examples=[["sr-belarus", "sr-torture"]],
    )
    mandates_declined: list[DeclinedMandate] = Field(
        default_factory=list,
        description="Mandates the case points to (unsubmit mandates --suggest) that are left "
        "out on purpose, each with the reason: validation no longer warns about them.",
    )
    submitters: list[Submitter] = Field(
        min_length=1,
        description="Who submits; full contact details are required (anonymous submissions "
        "are not considered).",
    )
    confidentiality: Confidentiality | None = Field(
        None, description="What must stay confidential."
    )
    place: Text | None = Field(
        None,
        description="Where the submission is signed (a town or city, such as the submitting "
        "organisation's seat), shown with the date above the signature; left out when not "
        "given.",
        examples=["Vilnius"],
    )
    laws_and_policies: list[LawOrPolicy] = Field(
        default_factory=list,
        description="The laws, bills, policies or practices of concern: what an other letter "
        "is about (required for other letters).",
    )
    victims: list[Victim] = Field(
        default_factory=list,
        description="The alleged victims (required for urgent appeals and allegation letters).",
    )
    incidents: list[Incident] = Field(
        default_factory=list,
        description="What happened, when and where (required for urgent appeals and "
        "allegation letters).",
    )
    perpetrators: list[Perpetrator] = Field(
        default_factory=list, description="The alleged perpetrators."
    )
    violations: list[AllegedViolation] = Field(min_length=1, description="The violations alleged.")
    domestic_steps: list[DomesticStep] = Field(
        default_factory=list, description="Steps taken at national level and their outcome."
    )
    no_domestic_steps: Text | None = Field(
        None,
        description="When no step could be taken at home: why (a WGAD petition and a WGEID "
        "form need the steps taken, or this).",
        examples=[
            "Lawyers who took such cases were disbarred; relatives' complaints go unanswered."
        ],
    )
    other_bodies: list[OtherBody] = Field(
        default_factory=list, description="Other international or regional bodies seized."
    )
    risk: Risk | None = Field(None, description="For urgent appeals: the risk.")
    action_requested: list[Text] = Field(
        min_length=1,
        description="What the mandate holders are asked to do.",
        examples=[["Seek information on the whereabouts and health of Ms. Kalesnikava."]],
    )
    sources: list[Source] = Field(default_factory=list, description="Where the facts come from.")
    follows_up: FollowsUp | None = Field(
        None,
        description="For a follow-up: the reference and date of the communication it follows "
        "up, and what has changed.",
    )
    submissions: list[Submission] = Field(
        default_factory=list,
        description="What was sent about this case and what came of it: the OHCHR reference, "
        "the reply, publication, a WGAD Opinion, follow-ups. unsubmit status lists what is "
        "due and overdue.",
    )
    annexes: list[Annex] = Field(default_factory=list, description="Documents sent with it.")
    redact: list[PlainText] = Field(
        default_factory=list,
        description="More names that public versions (unsubmit build --public) must not show: "
        "relatives, witnesses, lawyers who asked not to be named, places that identify "
        "someone. Each is matched in any letter case, as a whole and, for capitalised words "
        "of three letters or more, word by word (with inflected endings in Cyrillic and other "
        "non-Latin scripts), and replaced by '[redacted]'. The victims' own names and "
        "aliases need not be listed: their consent decides.",
        examples=[["Tatsiana Example", "Татьяна Пример"]],
    )
    send_to: str | None = Field(
        None,
        pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
        description="The address unsubmit build --email writes the message to. By default "
        "urgent-action@ohchr.org, the general address of the OHCHR for individual cases; "
        "give another only when the mandate has told you to use it. Exactly one address; one "
        "outside un.org and ohchr.org gets a warning that names it.",
        examples=["urgent-action@ohchr.org"],
    )
    documents: list[DocumentName] = Field(
        default_factory=_communication_only,
        min_length=1,
        description="The documents this one file yields: the communication its type says, a "
        "petition to the Working Group on Arbitrary Detention, a WGEID case form per "
        "disappeared person. The fields a document needs are asked for only when it is listed.",
        examples=[["communication", "wgad-petition", "wgeid-form"]],
    )
    wgad: WgadPetition | None = Field(
        None,
        description="For a WGAD petition: why the deprivation of liberty is arbitrary, argued "
        "per category, and whether the source asks for confidentiality.",
    )
