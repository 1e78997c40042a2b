"""The PDFs LibreOffice makes of the documents, read back as text (pdftotext): what a desk
officer sees, not only what the DOCX holds.

Chinese documents keep their Latin words whole (a Chinese language attribute in the wrong
place made LibreOffice break "Maria K|alesnikava"); a person whose sex is known is never
"Умер(ла)" or "Décédé(e)"; an Arabic document keeps a telephone number's digits in order.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from functools import cache

import pytest

from tests.conftest import REPO, require_pdf_tools
from unsubmit.load.source import load_file
from unsubmit.models import CASE_ADAPTER
from unsubmit.pipeline import render_document
from unsubmit.render.engine import PreparedTemplate
from unsubmit.render.pdf import docx_to_pdf
from unsubmit.render.reader import document_lines
from unsubmit.resources import templates_dir

pytestmark = pytest.mark.slow

#: A woman (Maria Kalesnikava) and a man (Mikalai Klimovich), both of known sex.
STEMS = ("kalesnikava-urgent-appeal", "klimovich-allegation-letter")


def _pdftotext(pdf: bytes, *, layout: bool) -> str:
    options = ["-layout"] if layout else []
    return subprocess.run(
        ["pdftotext", *options, "-", "-"], input=pdf, capture_output=True, check=True, timeout=60
    ).stdout.decode("utf-8")


Documents = Callable[[str, str], tuple[bytes, bytes]]


@pytest.fixture(scope="module")
def documents() -> Documents:
    """(sample, language) -> (DOCX, PDF), rendered as a build renders them; each converted once,
    when a test first asks for it."""
    require_pdf_tools()
    template = PreparedTemplate.load(templates_dir() / "communication.docx")

    @cache
    def document(stem: str, language: str) -> tuple[bytes, bytes]:
        case = CASE_ADAPTER.validate_python(load_file(REPO / "samples" / f"{stem}.yaml").data)
        docx, _ = render_document(case, template, language)
        return docx, docx_to_pdf(docx)

    return document


@pytest.mark.parametrize("stem", STEMS)
def test_latin_words_in_a_chinese_pdf_are_whole(documents: Documents, stem: str) -> None:
    docx, pdf = documents(stem, "zh")
    shown = "\n".join(document_lines(docx))
    for layout in (True, False):
        text = _pdftotext(pdf, layout=layout)
        assert "紧急呼吁" in text or "指控信" in text  # the Chinese is there, in a Chinese font
        # Every long Latin word of the document is on the page as often as in the DOCX: a
        # word broken over two lines would be missing once.
        words = set(re.findall(r"[A-Za-z]{9,}", shown))
        assert "Kalesnikava" in words or "Klimovich" in words
        for word in words:
            assert text.count(word) == shown.count(word), (word, layout)


@pytest.mark.parametrize("language", ["ru", "fr", "be"])
def test_no_label_is_neutral_when_the_sex_is_known(documents: Documents, language: str) -> None:
    expected = {
        ("kalesnikava-urgent-appeal", "ru"): "Политическая заключенная",
        ("kalesnikava-urgent-appeal", "fr"): "Prisonnière politique",
        ("kalesnikava-urgent-appeal", "be"): "Палітычная вязніца",
        ("klimovich-allegation-letter", "ru"): "Умер",
        ("klimovich-allegation-letter", "fr"): "Décédé",
        ("klimovich-allegation-letter", "be"): "Памёр",
    }
    for stem in STEMS:
        text = " ".join(_pdftotext(documents(stem, language)[1], layout=False).split())
        assert expected[(stem, language)] in text
        neutral = re.findall(r"\w+\((?:e|а|ла|-ла|ая|-ая)\)", text)
        assert neutral == [], neutral


def test_an_arabic_pdf_keeps_latin_text_in_its_order(
    documents: Documents,
) -> None:
    text = _pdftotext(documents("kalesnikava-urgent-appeal", "ar")[1], layout=True)
    assert "+370 5 000 0000" in text
    assert "advocacy@example.org" in text
    assert "Maria Kalesnikava was arrested." in text
    assert "نداء عاجل" in text  # "Urgent appeal"
