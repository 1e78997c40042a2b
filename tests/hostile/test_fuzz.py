"""Fuzzing: any valid case of any kind validates, builds, opens and survives a round trip.

The cases come from strategies written here against the models and the rules, not from the
published JSON Schemas through hypothesis-jsonschema: a schema cannot say that an arrest comes
before a sentence, that an urgent appeal needs a risk, or that an incident names victims that
exist, so cases drawn from the schema alone are mostly invalid and would be filtered away (and
that library follows the 2020-12 draft only in part). Here every field the models have is
drawn, with any text at all (markup, template tags, right-to-left scripts, emoji), while dates,
references and consent keep to the rules by construction. The real validator is the judge:
a drawn case that it refuses fails the test, so a rule that refuses good cases is found too.

For each case: the YAML file validates with no error; ``build`` writes a DOCX that python-docx
opens and that shows the case's title; and the case dumped back from its model validates again
into the same model.

The suite runs a few examples per kind. For a long run (a thousand per kind), select the long
profile, and lift the per-test timeout:
``UNSUBMIT_FUZZ=long .venv/bin/pytest --timeout=0 tests/hostile/test_fuzz.py``.
"""

from __future__ import annotations

import datetime
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml
from email_validator import SPECIAL_USE_DOMAIN_NAMES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unsubmit.check.validate import check_file
from unsubmit.i18n.typography import typeset, unembedded
from unsubmit.models import CASE_ADAPTER, LANGUAGES
from unsubmit.models.common import PLACEHOLDER
from unsubmit.models.communication import (
    ACCESS,
    COMMUNICATION_TYPES,
    LAW_TYPES,
    ROLES,
    SEXES,
    STATUSES,
)
from unsubmit.models.vocabulary import countries, violations
from unsubmit.pipeline import BuildOptions, build
from unsubmit.render.reader import document_lines
from unsubmit.render.text import clean
from unsubmit.un.mandates import registry

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]
settings.register_profile(
    "quick", max_examples=6, deadline=None, database=None, suppress_health_check=_QUIET
)
settings.register_profile(
    "long", max_examples=1000, deadline=None, database=None, suppress_health_check=_QUIET
)
PROFILE = settings.get_profile(os.environ.get("UNSUBMIT_FUZZ", "quick"))

# --- Strategies --------------------------------------------------------------------------------

_COUNT = re.compile(r"\b\d+\s+(?:organi[sz]ations|NGOs)\b", re.IGNORECASE)
_CHARACTERS = st.characters(
    exclude_categories=["Cs", "Cc"], exclude_characters="\u2028\u2029\x85\ufeff"
)
LINE = st.text(_CHARACTERS, min_size=1, max_size=30)
HOSTILE = st.sampled_from(
    ["{{ 7*7 }}", "{%p if x %}", "<w:p>&amp;</w:p>", "]]>", "\u202eevil", "Ірына", "مريم", "👩‍⚖️"]
)
#: One line of any text that has something visible in it, and is not what the rules refuse on
#: purpose: a ``<placeholder>`` left from ``unsubmit new``, or a count of organisations.
TEXT = st.one_of(LINE, st.builds(lambda a, b: f"{a} {b}", LINE, HOSTILE)).filter(
    lambda text: (
        clean(text).strip() != "" and not _COUNT.search(text) and not PLACEHOLDER.match(text)
    )
)
PARAGRAPHS = st.lists(TEXT, min_size=1, max_size=3).map("\n\n".join)
SLUG = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)
#: Addresses email-validator accepts: no dot or hyphen at either end, no special-use domain.
EMAIL = st.from_regex(
    r"[a-z0-9]{1,8}([._+-][a-z0-9]{1,4})?@[a-z0-9]{1,8}(-[a-z0-9]{1,4})?\.[a-z]{2,6}",
    fullmatch=True,
).filter(lambda address: address.rsplit(".", 1)[1] not in SPECIAL_USE_DOMAIN_NAMES)
COUNTRY = st.sampled_from(sorted(countries()))
MANDATES = sorted(registry())
DAY = st.dates(datetime.date(1950, 1, 1), datetime.date(2030, 12, 31))


def _optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


def _partial(day: datetime.date, precision: int) -> str:
    """The date as YYYY, YYYY-MM or YYYY-MM-DD."""
    return day.isoformat()[: (4, 7, 10)[precision]]


@st.composite
def _dates_before(draw: st.DrawFn, last: datetime.date, count: int) -> list[str]:
    """``count`` partial dates in order, none after ``last``."""
    days = sorted(
        draw(st.lists(st.dates(datetime.date(1950, 1, 1), last), min_size=count, max_size=count))
    )
    return [_partial(day, draw(st.integers(0, 2))) for day in days]


def _drop_none(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value is not None}


@st.composite
def organisation(draw: st.DrawFn, *, status: bool | None = None) -> dict[str, Any]:
    contact = draw(
        _optional(
            st.fixed_dictionaries(
                {},
                optional={
                    "name": TEXT,
                    "email": EMAIL,
                    "phone": st.from_regex(r"\+[0-9]{3} [0-9]{3} [0-9]{4}", fullmatch=True),
                    "address": TEXT,
                    "website": st.from_regex(
                        r"https://[a-z]{1,10}\.org/[a-z]{0,8}", fullmatch=True
                    ),
                },
            )
        )
    )
    has_status = draw(st.booleans()) if status is None else status
    return _drop_none(
        {
            "name": draw(TEXT),
            "acronym": draw(_optional(TEXT)),
            "country": draw(_optional(COUNTRY)),
            "ecosoc_status": draw(st.sampled_from(["general", "special", "roster"]))
            if has_status
            else None,
            "contact": contact,
        }
    )


@st.composite
def victim(draw: st.DrawFn, ident: str, submitted: datetime.date) -> dict[str, Any]:
    steps = draw(st.lists(st.booleans(), min_size=4, max_size=4))  # birth, arrest, sentence, death
    dates = iter(draw(_dates_before(submitted, sum(steps))))
    birth, arrest, sentence, death = (next(dates) if step else None for step in steps)
    detained = arrest is not None or sentence is not None or draw(st.booleans())
    status = "deceased" if death else draw(st.sampled_from(sorted(set(STATUSES) - {"deceased"})))
    public_name = draw(st.sampled_from(["full", "initials", "withheld"]))
    data = {
        "id": ident,
        "name": draw(TEXT),
        "name_original": draw(_optional(TEXT)),
        "aliases": draw(st.lists(TEXT, max_size=2)),
        "sex": draw(st.sampled_from(sorted(SEXES))),
        "date_of_birth": birth,
        "nationality": draw(_optional(COUNTRY)),
        "residence": draw(_optional(TEXT)),
        "occupation": draw(_optional(TEXT)),
        "roles": draw(st.lists(st.sampled_from(sorted(ROLES)), max_size=3, unique=True)),
        "status": status,
        "date_of_death": death,
        "whereabouts": draw(_optional(TEXT)),
        "consent": _drop_none(
            {
                "given_by": draw(st.sampled_from(["victim", "family", "representative"])),
                "submission": True,
                "informed_government_letter": draw(st.booleans()),
                "informed_publication": public_name != "withheld" or draw(st.booleans()),
                "public_name": public_name,
                "notes": draw(_optional(TEXT)),
            }
        ),
    }
    if detained:
        sentence_data = draw(
            _optional(st.fixed_dictionaries({"term": TEXT}, optional={"court": TEXT}))
        )
        if sentence is not None:
            sentence_data = {**(sentence_data or {"term": draw(TEXT)}), "date": sentence}
        data["detention"] = _drop_none(
            {
                "arrest_date": arrest,
                "arresting_authority": draw(_optional(TEXT)),
                "place_of_detention": draw(_optional(TEXT)),
                "charges": draw(
                    st.lists(
                        st.fixed_dictionaries(
                            {"law": TEXT, "article": TEXT},
                            optional={"description": TEXT},
                        ),
                        max_size=2,
                    )
                ),
                "sentence": sentence_data,
                "access_to_lawyer": draw(st.sampled_from(sorted(ACCESS))),
                "family_contact": draw(st.sampled_from(sorted(ACCESS))),
                "health": draw(_optional(PARAGRAPHS)),
            }
        )
    return _drop_none(data)


@st.composite
def communication(draw: st.DrawFn) -> dict[str, Any]:
    submitted = draw(DAY)
    kind = draw(st.sampled_from(sorted(COMMUNICATION_TYPES)))
    # Urgent appeals and allegation letters are about people; an other letter is about a
    # law or policy, and may name no one and tell no incident.
    about_people = kind != "other-letter"
    ids = draw(st.lists(SLUG, min_size=int(about_people), max_size=3, unique=True))
    refs = (
        st.lists(st.sampled_from(ids), max_size=len(ids), unique=True) if ids else st.builds(list)
    )
    laws = [
        _drop_none(
            {
                "type": draw(st.sampled_from(sorted(LAW_TYPES))),
                "title": draw(TEXT),
                "date": draw(_optional(_dates_before(submitted, 1).map(lambda d: d[0]))),
                "status": draw(_optional(TEXT)),
                "provisions": draw(st.lists(TEXT, max_size=2)),
                "description": draw(PARAGRAPHS),
            }
        )
        for _ in range(draw(st.integers(1 - int(about_people), 2)))
    ]
    incidents = [
        _drop_none(
            {
                "date": date,
                "approximate": draw(st.booleans()),
                "place": draw(_optional(TEXT)),
                "victims": draw(refs),
                "description": draw(PARAGRAPHS),
            }
        )
        for date in draw(_dates_before(submitted, draw(st.integers(int(about_people), 3))))
    ]
    urgent = kind == "urgent-appeal"
    ongoing = draw(st.booleans())
    risk = {
        "ongoing": ongoing if urgent else False,
        "imminent": (not ongoing or draw(st.booleans())) if urgent else False,
        "description": draw(PARAGRAPHS),
    }
    submitter = draw(organisation())
    submitter["contact"] = {**submitter.get("contact", {}), "email": draw(EMAIL)}
    country = draw(COUNTRY)
    reference = f"{draw(st.sampled_from(['UA', 'JAL']))} {country} {draw(st.integers(1, 99))}/2023"
    # A country mandate only for its own country: another is an error (rules.country_mandates).
    addressable = [m for m in MANDATES if registry()[m].country in (None, country)]
    return _drop_none(
        {
            "schema_version": 1,
            "kind": "communication",
            "type": kind,
            "title": draw(TEXT),
            "date": submitted.isoformat(),
            "language": draw(st.sampled_from(sorted(LANGUAGES))),
            "country": country,
            "mandates": draw(
                st.lists(st.sampled_from(addressable), min_size=1, max_size=3, unique=True)
            ),
            "submitters": [submitter],
            "confidentiality": draw(_optional(st.fixed_dictionaries({"notes": PARAGRAPHS}))),
            "laws_and_policies": laws,
            "victims": [draw(victim(ident, submitted)) for ident in ids],
            "incidents": incidents,
            "perpetrators": draw(
                st.lists(
                    st.fixed_dictionaries(
                        {"institution": TEXT, "actor": st.sampled_from(["state", "non-state"])},
                        optional={"name": TEXT, "function": TEXT},
                    ),
                    max_size=2,
                )
            ),
            "violations": draw(
                st.lists(
                    st.fixed_dictionaries(
                        {"code": st.sampled_from(sorted(violations()))},
                        optional={"victims": refs, "details": PARAGRAPHS},
                    ),
                    min_size=1,
                    max_size=3,
                )
            ),
            "domestic_steps": draw(
                st.lists(
                    st.fixed_dictionaries(
                        {"authority": TEXT, "action": TEXT}, optional={"outcome": TEXT}
                    ),
                    max_size=2,
                )
            ),
            "other_bodies": draw(
                st.lists(
                    st.fixed_dictionaries({"body": TEXT}, optional={"status": TEXT}), max_size=1
                )
            ),
            "risk": risk if urgent or draw(st.booleans()) else None,
            # A follow-up cites a communication the case's history records.
            "follows_up": {
                "reference": reference,
                "date": submitted.isoformat(),
                "changes": draw(PARAGRAPHS),
            }
            if kind == "follow-up"
            else None,
            "submissions": [
                {"sent": submitted.isoformat(), "recipient": draw(EMAIL), "reference": reference}
            ]
            if kind == "follow-up"
            else None,
            "action_requested": draw(st.lists(TEXT, min_size=1, max_size=3)),
            "sources": draw(
                st.lists(
                    st.fixed_dictionaries(
                        {"title": TEXT},
                        optional={"publisher": TEXT, "confidential": st.booleans()},
                    ),
                    max_size=2,
                )
            ),
            "annexes": draw(
                st.lists(
                    st.fixed_dictionaries(
                        {"title": TEXT}, optional={"confidential": st.booleans()}
                    ),
                    max_size=2,
                )
            ),
        }
    )


@st.composite
def oral_statement(draw: st.DrawFn) -> dict[str, Any]:
    dialogue_type = draw(st.sampled_from(["interactive-dialogue", "general-debate"]))
    mandate = draw(st.sampled_from(MANDATES))
    return _drop_none(
        {
            "schema_version": 1,
            "kind": "oral-statement",
            "session": draw(st.integers(1, 999)),
            "agenda_item": draw(st.integers(1, 10)),
            "dialogue": _drop_none(
                {
                    "type": dialogue_type,
                    "mandate": mandate if dialogue_type == "interactive-dialogue" else None,
                    "title": draw(TEXT),
                }
            ),
            "date": draw(DAY).isoformat(),
            "language": draw(st.sampled_from(sorted(LANGUAGES))),
            "organisation": draw(organisation(status=True)),
            "on_behalf_of": draw(st.lists(organisation(), max_size=2)),
            "speaker": draw(st.fixed_dictionaries({"name": TEXT}, optional={"function": TEXT})),
            "time_limit_seconds": draw(st.integers(30, 600)),
            "president": draw(st.sampled_from(["mr", "madam"])),
            "paragraphs": draw(st.lists(TEXT, min_size=1, max_size=3)),
            "question": draw(_optional(TEXT)),
            "words_per_minute": draw(_optional(st.integers(40, 400))),
        }
    )


@st.composite
def joint_statement(draw: st.DrawFn) -> dict[str, Any]:
    return _drop_none(
        {
            "schema_version": 1,
            "kind": "joint-statement",
            "title": draw(TEXT),
            "date": draw(DAY).isoformat(),
            "place": draw(_optional(TEXT)),
            "language": draw(st.sampled_from(sorted(LANGUAGES))),
            "lead": draw(organisation()),
            "signatories": draw(st.lists(organisation(status=True), max_size=3)),
            "supporters": draw(st.lists(organisation(status=False), max_size=3)),
            "paragraphs": draw(st.lists(PARAGRAPHS, min_size=1, max_size=3)),
            "demands": draw(st.lists(TEXT, min_size=1, max_size=3)),
        }
    )


# --- The property ------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Every string double-quoted: PyYAML writes YAML 1.1, in which ``0E0`` or ``1e3`` unquoted
    is text, while a YAML 1.2 reader (unsubmit's) reads it as a number, as it should."""


_Dumper.add_representer(
    str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"')
)


def _write(path: Path, data: dict[str, Any]) -> Path:
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**9)
    path.write_text(text, "utf-8")
    return path


_DASHES = str.maketrans({"–": "-", "—": "-"})


def _title(data: dict[str, Any]) -> str:
    """The case's title as its document shows it, in the typography of its language."""
    title = data["dialogue"]["title"] if data["kind"] == "oral-statement" else data["title"]
    return " ".join(typeset(clean(title).strip(), data["language"]).split())


def _builds_opens_and_round_trips(data: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory(prefix="unsubmit-fuzz-") as directory:
        work = Path(directory)
        case_file = _write(work / "case.yaml", data)
        result = check_file(case_file)
        assert not result.errors, [str(finding) for finding in result.errors]
        assert result.case is not None

        outcome = build([case_file], BuildOptions(out_dir=work / "out"))
        assert not outcome.report.failed()
        (output,) = outcome.outputs
        # Without the marks that embed Latin text in an Arabic document.
        shown = unembedded("\n".join(document_lines(output.path.read_bytes())))
        text = " ".join(shown.split())
        # A spaced hyphen is set as a dash by what stands before it in the document too (a
        # title "- 0" after the heading's own " – "), so dashes are compared as hyphens.
        assert _title(data).translate(_DASHES) in text.translate(_DASHES)

        dumped = CASE_ADAPTER.dump_python(result.case, mode="json", exclude_none=True)
        again = check_file(_write(work / "again.yaml", dumped))
        assert not again.errors, [str(finding) for finding in again.errors]
        assert again.case == result.case


@PROFILE
@given(communication())
def test_any_valid_communication_builds(data: dict[str, Any]) -> None:
    _builds_opens_and_round_trips(data)


@PROFILE
@given(oral_statement())
def test_any_valid_oral_statement_builds(data: dict[str, Any]) -> None:
    _builds_opens_and_round_trips(data)


@PROFILE
@given(joint_statement())
def test_any_valid_joint_statement_builds(data: dict[str, Any]) -> None:
    _builds_opens_and_round_trips(data)
