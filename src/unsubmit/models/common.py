"""Parts shared by every kind of case file: base model, languages, countries, dates, people.

Every field has a description and examples, because they become the published JSON Schema that
reviewers' editors show while they type.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, WithJsonSchema
from typing_extensions import TypeAliasType

from unsubmit.languages import languages
from unsubmit.models import vocabulary

SCHEMA_VERSION = 1

#: A value that still waits for the user: the whole text wrapped in angle brackets, as
#: ``unsubmit new`` writes it.
PLACEHOLDER = re.compile(r"^<[^<>\n]{2,}>$")

#: The languages unsubmit writes documents in (:mod:`unsubmit.languages`), code → English name.
LANGUAGES: dict[str, str] = {code: language.name for code, language in languages().items()}

PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class CaseModel(BaseModel):
    """Base of every model: unknown keys are errors (a typo must not vanish silently)."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)


def _check_partial_date(value: str) -> str:
    match = PARTIAL_DATE.match(value)
    if match is None:
        raise ValueError("write the date as YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        datetime.date(year or 1, month or 1, day or 1)
    except ValueError as exc:
        raise ValueError(f"{value} is not a real date ({exc})") from None
    return value


def documented_choice(values: dict[str, tuple[str, str]], description: str) -> WithJsonSchema:
    """A string from a closed list, each value documented (title and description)."""
    return WithJsonSchema(
        {
            "type": "string",
            "description": description,
            "oneOf": [
                {"const": code, "title": title, "description": about}
                for code, (title, about) in values.items()
            ],
        }
    )


def _check_country(value: str) -> str:
    if value not in vocabulary.countries():
        raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-3 country code")
    return value


def _check_violation(value: str) -> str:
    if value not in vocabulary.violations():
        raise ValueError(f"{value!r} is not a violation in the vocabulary")
    return value


PartialDate = Annotated[
    str,
    AfterValidator(_check_partial_date),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": PARTIAL_DATE.pattern,
            "description": "A date that may be partial: YYYY, YYYY-MM or YYYY-MM-DD.",
            "examples": ["2023-05-07", "2020-09", "2022"],
        }
    ),
]

CountryCode = Annotated[
    str,
    AfterValidator(_check_country),
    WithJsonSchema(
        {
            "type": "string",
            "description": "ISO 3166-1 alpha-3 country code.",
            "enum": sorted(vocabulary.countries()),
            "examples": ["BLR", "UKR"],
        }
    ),
]

ViolationCode = Annotated[
    str,
    AfterValidator(_check_violation),
    documented_choice(
        {
            code: (entry.label, f"{entry.description} Rights: {'; '.join(entry.rights)}.")
            for code, entry in vocabulary.violations().items()
        },
        "A violation from unsubmit's controlled vocabulary; each carries the rights it concerns.",
    ),
]


def _check_language(value: str) -> str:
    if value not in LANGUAGES:
        raise ValueError(f"{value!r} is not a language unsubmit writes documents in")
    return value


Language = Annotated[
    str,
    AfterValidator(_check_language),
    documented_choice(
        {code: (name, f"{name} ({code})") for code, name in LANGUAGES.items()},
        "A language unsubmit writes documents in: the six UN languages, Belarusian, Ukrainian.",
    ),
]

Slug = Annotated[
    str,
    Field(
        pattern=_SLUG,
        max_length=64,
        description="A short identifier: lower-case letters, digits and hyphens.",
    ),
]

MandateId = Annotated[
    str,
    Field(
        pattern=_SLUG,
        max_length=64,
        description="The stable id of a Special Procedures mandate.",
        examples=["sr-belarus", "sr-judges-lawyers"],
    ),
]

#: The longest text one field may hold, in characters.
MAX_TEXT = 1_000_000

PlainText = Annotated[str, Field(min_length=1, max_length=MAX_TEXT)]

#: Language code → the same text in that language; always holds the case's own language.
Translations = dict[Language, PlainText]

#: The schema of a language → text mapping; its title is how error messages recognise it.
TRANSLATIONS_TITLE = "Translations"

Text = TypeAliasType(
    "Text",
    Annotated[
        PlainText | Annotated[Translations, Field(min_length=1)],
        WithJsonSchema(
            {
                "description": "Free text, written in the case's `language`; or a mapping "
                "from language code to the same text in each language, which must include "
                "the case's own language. A document built in a language uses that "
                "language's text, and falls back to the case's language with a warning.",
                "anyOf": [
                    {"type": "string", "minLength": 1, "maxLength": MAX_TEXT},
                    {
                        "type": "object",
                        "title": TRANSLATIONS_TITLE,
                        "description": "The text in several languages, keyed by code.",
                        "properties": {
                            code: {
                                "type": "string",
                                "minLength": 1,
                                "maxLength": MAX_TEXT,
                                "title": name,
                                "description": f"The text in {name}.",
                            }
                            for code, name in LANGUAGES.items()
                        },
                        "additionalProperties": False,
                        "minProperties": 1,
                    },
                ],
                "examples": [
                    "Human Rights Centre Viasna learned that he had died in penal colony No. 3.",
                    {
                        "en": "Independence of judges and lawyers",
                        "fr": "Indépendance des juges et des avocats",
                    },
                ],
            }
        ),
    ],
)

EcosocStatus = Annotated[
    Literal["general", "special", "roster"],
    documented_choice(
        {
            "general": ("General", "General consultative status with ECOSOC."),
            "special": ("Special", "Special consultative status with ECOSOC."),
            "roster": ("Roster", "Roster status with ECOSOC."),
        },
        "Consultative status with the UN Economic and Social Council, as in its NGO database.",
    ),
]


class Contact(CaseModel):
    """How the UN can reach a person or organisation. Anonymous submissions are not considered."""

    name: PlainText | None = Field(
        None, description="The contact person.", examples=["Head of advocacy"]
    )
    function: PlainText | None = Field(
        None,
        description="The contact person's function in the organisation, under the name in a "
        "communication's signature block.",
        examples=["Head of advocacy"],
    )
    email: str | None = Field(
        None,
        pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
        description="An email address that is read.",
        examples=["advocacy@example.org"],
    )
    phone: str | None = Field(
        None,
        pattern=r"^\+?[0-9 ()./-]{5,32}$",
        description="A telephone number with its country code.",
        examples=["+370 5 000 0000"],
    )
    address: PlainText | None = Field(
        None, description="A postal address.", examples=["P.O. Box 1, Vilnius, Lithuania"]
    )
    website: str | None = Field(
        None,
        pattern=r"^https?://\S+$",
        description="A web site.",
        examples=["https://example.org"],
    )


class Organisation(CaseModel):
    """An organisation that submits, speaks, signs or supports."""

    name: Text = Field(
        description="The organisation's name, as in the ECOSOC database where it has status.",
        examples=["Human Rights Centre Viasna"],
    )
    acronym: str | None = Field(None, description="A short form of the name.", examples=["HRC"])
    country: CountryCode | None = Field(
        None, description="Where the organisation is based.", examples=["BLR"]
    )
    ecosoc_status: EcosocStatus | None = Field(
        None,
        description="Consultative status with ECOSOC, if any. Leave out when it has none.",
        examples=["special"],
    )
    contact: Contact | None = Field(
        None, description="How the UN can reach the organisation.", examples=[]
    )


class SubmitterContact(Contact):
    """How the UN reaches the submitter: an email address at least."""

    email: str = Field(
        pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
        description="An email address that is read; the UN answers and asks here.",
        examples=["advocacy@example.org"],
    )


class Submitter(Organisation):
    """Who submits a communication. Anonymous submissions are not considered."""

    contact: SubmitterContact = Field(
        description="Full contact details: the source's identity is kept confidential."
    )


class Source(CaseModel):
    """Where a fact comes from: a report, an article, an interview."""

    title: PlainText = Field(
        description="The title of the source, as published.",
        examples=["Political prisoner Mikalai Klimovich dies in colony"],
    )
    publisher: PlainText | None = Field(
        None, description="Who published it.", examples=["Human Rights Centre Viasna"]
    )
    date: PartialDate | None = Field(None, description="When it was published.")
    url: str | None = Field(
        None,
        pattern=r"^https?://\S+$",
        description="Where it can be read.",
        examples=["https://spring96.org/en/news/111635"],
    )
    confidential: bool = Field(
        False,
        description="True when the source must not be named in anything published.",
        examples=[False],
    )


class Annex(CaseModel):
    """A document sent with the communication."""

    title: Text = Field(description="What the annex is.", examples=["Copy of the court verdict"])
    file: str | None = Field(
        None, description="The annex's file name, as attached.", examples=["verdict.pdf"]
    )
    confidential: bool = Field(
        False, description="True when the annex must not be published.", examples=[True]
    )


def schema_version_field() -> Any:
    return Field(
        description="The version of the case-file format. This is version 1.",
        examples=[SCHEMA_VERSION],
    )
