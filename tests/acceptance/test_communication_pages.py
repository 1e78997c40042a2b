"""A communication as a desk officer reads it: the PDF that LibreOffice makes, read back page by
page (pdftotext).

Page one carries the case title and the summary (who, where, what, the risk, the request); an
urgent appeal puts the risk before the facts; every page of the confidential version says
"Confidential" and no page of the public version does; a public version whose victim's name is
withheld does not name her in the summary either; a letter that asks for an investigation never
says that no complaint was made.
"""

from __future__ import annotations

import subprocess
from typing import Any

import pytest

from tests.conftest import REPO, require_pdf_tools
from unsubmit.load.source import load_file
from unsubmit.models import CASE_ADAPTER
from unsubmit.pipeline import render_document
from unsubmit.render.engine import PreparedTemplate
from unsubmit.render.pdf import docx_to_pdf
from unsubmit.resources import templates_dir

pytestmark = pytest.mark.slow

URGENT, LETTER = "kalesnikava-urgent-appeal", "klimovich-allegation-letter"
#: The footer mark of a confidential version, as LibreOffice sets it (in capitals).
MARKS = {"en": "CONFIDENTIAL", "ru": "КОНФИДЕНЦИАЛЬНО"}


def _case(stem: str, **changes: Any) -> Any:
    data = load_file(REPO / "samples" / f"{stem}.yaml").data
    for key, value in changes.items():
        data["victims"][0]["consent"][key] = value
    return CASE_ADAPTER.validate_python(data)


def _pages(pdf: bytes) -> list[str]:
    """The text of each page, its white space made single spaces."""
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True, timeout=60
    ).stdout.decode("utf-8")
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


@pytest.fixture(scope="module")
def pages() -> dict[tuple[str, str, bool], list[str]]:
    """(case, language, public) -> the pages of its PDF; "withheld" is the urgent appeal of a
    victim whose name may not be published."""
    require_pdf_tools()
    template = PreparedTemplate.load(templates_dir() / "communication.docx")
    cases = {
        URGENT: _case(URGENT),
        LETTER: _case(LETTER),
        "withheld": _case(URGENT, public_name="withheld"),
    }
    found = {}
    for name, language, public in (
        (URGENT, "en", False),
        (URGENT, "en", True),
        (LETTER, "en", False),
        (LETTER, "en", True),
        (LETTER, "ru", False),
        (LETTER, "ru", True),
        ("withheld", "en", False),
        ("withheld", "en", True),
    ):
        docx, _ = render_document(cases[name], template, language, public=public)
        found[(name, language, public)] = _pages(docx_to_pdf(docx))
    return found


def test_page_one_has_the_case_title_and_the_summary(
    pages: dict[tuple[str, str, bool], list[str]],
) -> None:
    first = pages[(LETTER, "en", False)][0]
    assert "Death in custody of Mikalai Klimovich" in first
    assert "Mikalai Klimovich, political prisoner, person with a disability, deceased" in first
    assert "Penal colony No. 3, Viciebsk" in first  # where
    assert "Death in custody; violation of freedom of opinion and expression" in first  # what
    assert "Ask for a prompt, thorough, independent and impartial investigation" in first
    urgent = pages[(URGENT, "en", False)][0]
    assert "Incommunicado detention of Maria Kalesnikava" in urgent
    assert "Risk The violations are ongoing. She has been held incommunicado" in urgent
    assert "Ask for her release." in urgent
    russian = pages[(LETTER, "ru", False)][0]
    assert "Смерть Николая Климовича под стражей" in russian
    assert "Краткое изложение".upper() in russian  # the summary's label, in capitals


def test_the_summary_names_the_victim_only_where_the_version_may(
    pages: dict[tuple[str, str, bool], list[str]],
) -> None:
    confidential, public = pages[("withheld", "en", False)], pages[("withheld", "en", True)]
    assert (
        "Maria Kalesnikava, political prisoner, opposition politician, imprisoned"
        in (confidential[0])
    )
    assert "[name withheld], political prisoner, opposition politician, imprisoned" in public[0]
    for page in public:
        assert "Kalesnikava" not in page


def test_an_urgent_appeal_gives_the_risk_and_requests_before_the_facts(
    pages: dict[tuple[str, str, bool], list[str]],
) -> None:
    text = " ".join(pages[(URGENT, "en", False)])
    risk = text.index("Risk of irreparable harm")
    requests = text.index("Action requested")
    facts = text.index("Facts 1. 7 September 2020: Maria Kalesnikava was arrested.")
    assert risk < requests < facts
    letter = " ".join(pages[(LETTER, "en", False)])
    assert letter.index("1. 28 February 2023, Pinsk: The Pinsk") < letter.index("Action requested")


@pytest.mark.parametrize(("name", "language"), [(URGENT, "en"), (LETTER, "en"), (LETTER, "ru")])
def test_confidential_on_every_page_of_the_confidential_version_only(
    pages: dict[tuple[str, str, bool], list[str]], name: str, language: str
) -> None:
    mark = MARKS[language]
    confidential, public = pages[(name, language, False)], pages[(name, language, True)]
    assert len(confidential) > 1
    assert [page for page in confidential if mark not in page] == []
    assert [page for page in public if mark in page] == []


def test_a_letter_that_asks_for_an_investigation_never_says_no_complaint_was_made(
    pages: dict[tuple[str, str, bool], list[str]],
) -> None:
    for public in (False, True):
        text = " ".join(pages[(LETTER, "en", public)])
        assert "investigation of his death" in text
        assert "No complaint" not in text
        assert "No other international or regional body" not in text


def test_the_letter_is_signed_with_the_date_and_who_signs_only_where_it_may(
    pages: dict[tuple[str, str, bool], list[str]],
) -> None:
    confidential = pages[(LETTER, "en", False)][-1]
    public = pages[(LETTER, "en", True)][-1]
    assert "15 May 2023 Head of advocacy Example Human Rights Group" in confidential
    assert "15 May 2023 Example Human Rights Group" in public
    assert "Head of advocacy" not in " ".join(pages[(LETTER, "en", True)])


def test_a_year_alone_is_a_year_of_death_and_unknown_access_is_left_out(
    pages: dict[tuple[str, str, bool], list[str]],
) -> None:
    text = " ".join(pages[(LETTER, "en", False)])
    assert "Year of death 2023 Place of death Penal colony No. 3, Viciebsk" in text
    assert "Date of death 2023" not in text and "Whereabouts" not in text
    assert "Access to a lawyer" not in text  # the sample does not know it
